import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { NotificationsRepository } from '../notifications.repository';

export const queries: QuerySnapshots = () => {
  const notifications = new NotificationsRepository();
  return {
    'notifications.repository': {
      'preferences(user)': () => notifications.preferences(P.user),
      'update(organization, user, { weeklyDigest: false })': () =>
        notifications.update(P.organization, P.user, { weeklyDigest: false }),
      "menteeRecipient(mentee, 'feedbackShared')": () => notifications.menteeRecipient(P.mentee, 'feedbackShared'),
      "recipients(organization, 'hr_admin', 'monthlySummary')": () =>
        notifications.recipients(P.organization, 'hr_admin', 'monthlySummary'),
      "isOn(user, 'goalConfirmed')": () => notifications.isOn(P.user, 'goalConfirmed'),
      "owed(user, 'weekly_digest', '2026-W03')": () => notifications.owed(P.user, 'weekly_digest', '2026-W03'),
      'userExists(user)': () => notifications.userExists(P.user),
      'menteeCount(organization)': () => notifications.menteeCount(P.organization),
      'timeZone(organization)': () => notifications.timeZone(P.organization),
      'bench(organization, day, since month end)': () => notifications.bench(P.organization, P.day, P.monthEnd),
      'feedbackSubject(id)': () => notifications.feedbackSubject(P.id),
      'milestoneSubject(id)': () => notifications.milestoneSubject(P.id),
      'goalSubject(id)': () => notifications.goalSubject(P.id),
    },
  };
};
