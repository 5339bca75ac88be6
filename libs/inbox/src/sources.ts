import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { Permission } from '@leadpath/access';
import { enrolledOn, isStale, staleFeedbackDays, staleSince } from '@leadpath/platform/database';

/**
 * What can wait for a person. Each kind is one source below; a feature adds a kind by adding its
 * source to INBOX_SOURCES (and its name here), nothing else.
 */
export const INBOX_KINDS = [
  'mentee_stale',
  'milestone_to_verify',
  'goal_to_confirm',
  'goal_overdue',
  'respondent_to_approve',
  'feedback_request_to_answer',
  'feedback_to_acknowledge',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** One row every source answers, in this column order (the sources are one UNION ALL). */
export interface InboxRow {
  kind: InboxKind;
  id: string;
  title: string;
  mentee_id: string | null;
  mentee_name: string | null;
  /** The mentee is the caller themselves (their own page is /progress, not /mentees/:id). */
  own: boolean;
  due_on: string | null;
  since: Date;
}

/** What a source's query is built from. */
export interface SourceScope {
  organizationId: string;
  userId: string;
  /** Over mentees aliased `m`: those on which the caller is waited for to exercise the source's permission. */
  waitingOn: RawBuilder<SqlBool>;
  /** The day the inbox is for: `leadpath_today()`, or the digest's local date. */
  today: RawBuilder<unknown>;
}

export interface InboxSource {
  kind: InboxKind;
  /** The permission whose exercise clears an item: who it waits for follows from the access policy. */
  permission: Permission;
  /** Whether the source is about mentees (scoped by `waitingOn`) rather than the caller's own requests. */
  perMentee: boolean;
  /** The rows waiting now, columns as InboxRow. Each is one indexed look-up per mentee in scope. */
  rows(scope: SourceScope): RawBuilder<InboxRow>;
  /** The web path where the item is done; `respond` makes a feedback link's path from its request. */
  link(row: InboxRow, respond: (requestId: string) => string): string;
}

/** The mentee's record: their own progress page for the mentee, the mentee page for anyone else. */
const recordOf = (row: InboxRow) => (row.own ? '/progress' : `/mentees/${row.mentee_id}`);

/** The mentee of the row aliased `alias` (its `mentee_id`) as `m`, with their active account as `u`. */
const menteeOf = (alias: string) =>
  sql`JOIN mentees m ON m.id = ${sql.ref(`${alias}.mentee_id`)} JOIN users u ON u.id = m.user_id AND u.active`;

/** The mentees in scope: of the organization, and waiting on the caller by the source's permission. */
const inScope = (s: SourceScope) => sql`m.organization_id = ${s.organizationId} AND ${s.waitingOn}`;

/**
 * The registry: every kind of work the inbox shows, each one small query. Their order is the order
 * the digest lists them in.
 */
export const INBOX_SOURCES: readonly InboxSource[] = [
  {
    // The one stale rule (no shared feedback in the window, counted from enrolment); a one-on-one clears it.
    kind: 'mentee_stale',
    permission: Permission.FeedbackCreate,
    perMentee: true,
    rows: (s) => sql<InboxRow>`
      SELECT 'mentee_stale' AS kind, m.id, CASE WHEN l.last IS NULL THEN 'No shared one-on-one yet'
               ELSE 'No shared one-on-one since ' || to_char(l.last, 'YYYY-MM-DD') END AS title,
             m.id AS mentee_id, u.name AS mentee_name, m.user_id = ${s.userId} AS own, NULL::text AS due_on,
             (${staleSince(sql.ref('l.last'), enrolledOn('m'))})::timestamp AT TIME ZONE 'UTC' AS since
        FROM mentees m JOIN users u ON u.id = m.user_id AND u.active
       CROSS JOIN LATERAL (SELECT max(f.occurred_on) AS last FROM feedback f
                            WHERE f.organization_id = m.organization_id AND f.mentee_id = m.id
                              AND f.visibility = 'shared' AND f.occurred_on <= ${s.today}) l
       WHERE ${inScope(s)}
         AND ${isStale(staleSince(sql.ref('l.last'), enrolledOn('m')), s.today, staleFeedbackDays(sql.val(s.organizationId)))}`,
    link: (row) => (row.own ? '/progress' : `/mentees/${row.mentee_id}/one-on-one`),
  },
  {
    kind: 'milestone_to_verify',
    permission: Permission.MilestoneVerify,
    perMentee: true,
    rows: (s) => sql<InboxRow>`
      SELECT 'milestone_to_verify' AS kind, mm.id, t.title, m.id AS mentee_id, u.name AS mentee_name,
             m.user_id = ${s.userId} AS own, NULL::text AS due_on, mm.recorded_at AS since
        FROM mentee_milestones mm ${menteeOf('mm')}
        JOIN milestone_templates t ON t.id = mm.template_id AND t.retired_at IS NULL
       WHERE mm.organization_id = ${s.organizationId} AND ${inScope(s)}
         AND mm.status = 'completed' AND mm.verified_at IS NULL`,
    link: recordOf,
  },
  {
    kind: 'goal_to_confirm',
    permission: Permission.GoalConfirm,
    perMentee: true,
    rows: (s) => sql<InboxRow>`
      SELECT 'goal_to_confirm' AS kind, g.id, g.title, m.id AS mentee_id, u.name AS mentee_name,
             m.user_id = ${s.userId} AS own, to_char(g.target_date, 'YYYY-MM-DD') AS due_on,
             COALESCE(g.status_changed_at, g.updated_at) AS since
        FROM goals g ${menteeOf('g')}
       WHERE g.organization_id = ${s.organizationId} AND ${inScope(s)}
         AND g.status = 'achieved' AND g.confirmed_at IS NULL`,
    link: recordOf,
  },
  {
    // Open past its target date: the mentee and their line manager revise, finish or drop it.
    kind: 'goal_overdue',
    permission: Permission.GoalUpdate,
    perMentee: true,
    rows: (s) => sql<InboxRow>`
      SELECT 'goal_overdue' AS kind, g.id, g.title, m.id AS mentee_id, u.name AS mentee_name,
             m.user_id = ${s.userId} AS own, to_char(g.target_date, 'YYYY-MM-DD') AS due_on,
             (g.target_date + 1)::timestamp AT TIME ZONE 'UTC' AS since
        FROM goals g ${menteeOf('g')}
       WHERE g.organization_id = ${s.organizationId} AND ${inScope(s)}
         AND g.status = 'open' AND g.target_date < ${s.today}`,
    link: recordOf,
  },
  {
    // Outside addresses the mentee asked about an assignment wait for the line manager (or HR).
    kind: 'respondent_to_approve',
    permission: Permission.AssignmentApproveRespondents,
    perMentee: true,
    rows: (s) => sql<InboxRow>`
      SELECT 'respondent_to_approve' AS kind, q.id, q.name || ' <' || q.email || '> about ' || a.title AS title,
             m.id AS mentee_id, u.name AS mentee_name, m.user_id = ${s.userId} AS own, NULL::text AS due_on,
             q.created_at AS since
        FROM assignments a ${menteeOf('a')}
        JOIN feedback_requests q ON q.organization_id = a.organization_id AND q.assignment_id = a.id
       WHERE a.organization_id = ${s.organizationId} AND ${inScope(s)} AND q.approval = 'pending'`,
    link: recordOf,
  },
  {
    // Requests addressed to the caller as one of the people led: anyone may be one.
    kind: 'feedback_request_to_answer',
    permission: Permission.FeedbackRequestsOwn,
    perMentee: false,
    rows: (s) => sql<InboxRow>`
      SELECT 'feedback_request_to_answer' AS kind, q.id, a.title || ' (asked by ' || asker.name || ')' AS title,
             m.id AS mentee_id, u.name AS mentee_name, m.user_id = ${s.userId} AS own,
             to_char(q.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS due_on, q.created_at AS since
        FROM feedback_requests q
        JOIN assignments a ON a.organization_id = q.organization_id AND a.id = q.assignment_id
        JOIN mentees m ON m.id = a.mentee_id JOIN users u ON u.id = m.user_id
        JOIN users asker ON asker.id = q.requested_by
       WHERE q.organization_id = ${s.organizationId} AND q.respondent_user_id = ${s.userId}
         AND q.approval = 'approved' AND NOT q.answered AND q.expires_at > leadpath_now()`,
    link: (row, respond) => respond(row.id),
  },
  {
    // Shared feedback, or a change to it, the mentee has not acknowledged yet.
    kind: 'feedback_to_acknowledge',
    permission: Permission.FeedbackAcknowledge,
    perMentee: true,
    rows: (s) => sql<InboxRow>`
      SELECT 'feedback_to_acknowledge' AS kind, f.id,
             'Feedback from ' || au.name || ' on ' || to_char(f.occurred_on, 'YYYY-MM-DD') AS title,
             m.id AS mentee_id, u.name AS mentee_name, m.user_id = ${s.userId} AS own, NULL::text AS due_on,
             f.updated_at AS since
        FROM feedback f ${menteeOf('f')} JOIN users au ON au.id = f.author_id
       WHERE f.organization_id = ${s.organizationId} AND ${inScope(s)}
         AND f.visibility = 'shared' AND f.acknowledged_version IS DISTINCT FROM f.version`,
    link: recordOf,
  },
];
