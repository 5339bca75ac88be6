import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { GoalsRepository } from '../goals.repository';

export const queries: QuerySnapshots = () => {
  const goals = new GoalsRepository();
  const goal = {
    menteeId: P.mentee,
    title: 'Run the incident review',
    competency: 'delegation',
    description: null,
    targetDate: P.day,
    by: P.user,
  };
  return {
    'goals.repository': {
      'insert(organization, goal)': () => goals.insert(P.organization, goal),
      'findById(organization, id)': () => goals.findById(P.organization, P.id),
      'lock(organization, id)': () => goals.lock(P.organization, P.id),
      'confirm(organization, id, by user)': () => goals.confirm(P.organization, P.id, P.user),
      'list(organization, mentee, any status, 20)': () => goals.list(P.organization, P.mentee, undefined, 20),
      "list(organization, mentee, 'open', 20, after cursor)": () =>
        goals.list(P.organization, P.mentee, 'open', 20, P.cursor),
      "update(organization, id, { title, status: 'achieved' }, confirmed by user)": () =>
        goals.update(P.organization, P.id, { title: 'Run two incident reviews', status: 'achieved' }, P.user),
      'update(organization, id, { targetDate: null }, a claim)': () =>
        goals.update(P.organization, P.id, { targetDate: null }, null),
      'insertCheckIn(organization, { goal, progress: 50 })': () =>
        goals.insertCheckIn(P.organization, { goalId: P.id, progress: 50, note: null, by: P.user }),
      'checkIns(organization, goal, 20, after cursor)': () => goals.checkIns(P.organization, P.id, 20, P.cursor),
    },
  };
};
