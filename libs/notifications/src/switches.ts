/** The per-person switches, each for one kind of message that is not essential. */
export const SWITCHES = [
  'feedbackShared',
  'milestoneChanges',
  'goalConfirmed',
  'weeklyDigest',
  'monthlySummary',
] as const;
export type Switch = (typeof SWITCHES)[number];

export const SWITCH_COLUMN = {
  feedbackShared: 'feedback_shared',
  milestoneChanges: 'milestone_changes',
  goalConfirmed: 'goal_confirmed',
  weeklyDigest: 'weekly_digest',
  monthlySummary: 'monthly_summary',
} as const satisfies Record<Switch, string>;

/** Mail kinds of the nudges and digests, and the switch that turns each off. */
export const KIND_SWITCH = {
  feedback_shared: 'feedbackShared',
  milestone_verified: 'milestoneChanges',
  milestone_revoked: 'milestoneChanges',
  goal_confirmed: 'goalConfirmed',
  weekly_digest: 'weeklyDigest',
  monthly_summary: 'monthlySummary',
} as const satisfies Record<string, Switch>;
export type NotificationKind = keyof typeof KIND_SWITCH;
export type NudgeKind = Exclude<NotificationKind, 'weekly_digest' | 'monthly_summary'>;

/** What each switch is about, in the words of an e-mail's footer and of the API's description. */
export const SWITCH_LABEL: Record<Switch, string> = {
  feedbackShared: 'new shared feedback',
  milestoneChanges: 'milestones verified or revoked',
  goalConfirmed: 'goals confirmed',
  weeklyDigest: 'the weekly digest for managers',
  monthlySummary: 'the monthly bench summary for HR',
};
