import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { MilestonesRepository } from '../milestones.repository';

export const queries: QuerySnapshots = () => {
  const milestones = new MilestonesRepository();
  return {
    'milestones.repository': {
      "forPhase(organization, mentee, 'lead_without_title')": () =>
        milestones.forPhase(P.organization, P.mentee, 'lead_without_title'),
      'one(organization, mentee, template id)': () => milestones.one(P.organization, P.mentee, P.id),
      'activeTemplate(organization, template id)': () => milestones.activeTemplate(P.organization, P.id),
      "record(organization, { mentee, template, status: 'completed', one link })": () =>
        milestones.record(P.organization, {
          menteeId: P.mentee,
          templateId: P.id,
          status: 'completed',
          text: 'Led the quarterly planning',
          links: ['https://example.com/plan'],
          by: P.user,
        }),
      'verify(organization, mentee, template, by user)': () =>
        milestones.verify(P.organization, P.mentee, P.id, P.user),
      'revoke(organization, mentee, template, by user, reason)': () =>
        milestones.revoke(P.organization, P.mentee, P.id, P.user, 'Evidence was for another team'),
      'menteePhase(organization, mentee)': () => milestones.menteePhase(P.organization, P.mentee),
    },
  };
};
