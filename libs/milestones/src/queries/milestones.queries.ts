import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform';
import { MilestonesRepository } from '../milestones.repository';

export const queries: QuerySnapshots = (db) => {
  const milestones = new MilestonesRepository(db);
  return {
    'milestones.repository': {
      "forPhase(organization, mentee, 'lead_without_title')": () =>
        milestones.forPhase(P.organization, P.mentee, 'lead_without_title'),
      'one(organization, mentee, template id)': () => milestones.one(P.organization, P.mentee, P.id),
      'activeTemplate(organization, template id)': () => milestones.activeTemplate(db, P.organization, P.id),
      "record(organization, { mentee, template, status: 'completed', one link })": () =>
        milestones.record(db, P.organization, {
          menteeId: P.mentee,
          templateId: P.id,
          status: 'completed',
          text: 'Led the quarterly planning',
          links: ['https://example.com/plan'],
          by: P.user,
        }),
      'verify(organization, mentee, template, by user)': () =>
        milestones.verify(db, P.organization, P.mentee, P.id, P.user),
      'revoke(organization, mentee, template, by user, reason)': () =>
        milestones.revoke(db, P.organization, P.mentee, P.id, P.user, 'Evidence was for another team'),
      'menteePhase(organization, mentee)': () => milestones.menteePhase(P.organization, P.mentee),
    },
  };
};
