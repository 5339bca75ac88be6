import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform';
import { NotificationsRepository } from '../notifications.repository';

export const queries: QuerySnapshots = (db) => {
  const notifications = new NotificationsRepository(db);
  return {
    'notifications.repository': {
      'preferences(user)': () => notifications.preferences(P.user),
      'update(organization, user, { weeklyDigest: false })': () =>
        notifications.update(db, P.organization, P.user, { weeklyDigest: false }),
      "menteeRecipient(mentee, 'feedbackShared')": () => notifications.menteeRecipient(db, P.mentee, 'feedbackShared'),
      "recipients(organization, 'hr_admin', 'monthlySummary')": () =>
        notifications.recipients(db, P.organization, 'hr_admin', 'monthlySummary'),
      "isOn(user, 'goalConfirmed')": () => notifications.isOn(db, P.user, 'goalConfirmed'),
      "owed(user, 'weekly_digest', '2026-W03')": () => notifications.owed(db, P.user, 'weekly_digest', '2026-W03'),
      'userExists(user)': () => notifications.userExists(db, P.user),
      'menteeCount(organization)': () => notifications.menteeCount(db, P.organization),
      'timeZone(organization)': () => notifications.timeZone(P.organization),
      'digest(organization, manager, day)': () => notifications.digest(db, P.organization, P.user, P.day),
      'bench(organization, day, since month end)': () => notifications.bench(db, P.organization, P.day, P.monthEnd),
      'feedbackSubject(id)': () => notifications.feedbackSubject(db, P.id),
      'milestoneSubject(id)': () => notifications.milestoneSubject(db, P.id),
      'goalSubject(id)': () => notifications.goalSubject(db, P.id),
    },
  };
};
