import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { AssignmentsRepository } from '../assignments.repository';

export const queries: QuerySnapshots = () => {
  const assignments = new AssignmentsRepository();
  const assignment = {
    menteeId: P.mentee,
    title: 'Lead the migration project',
    kind: 'lead_project' as const,
    description: null,
    competencies: ['delegation', 'feedback'],
    milestoneTemplateId: null,
    startsOn: P.day,
    endsOn: null,
    by: P.user,
  };
  return {
    'assignments.repository': {
      'insert(organization, assignment)': () => assignments.insert(P.organization, assignment),
      'findById(organization, id)': () => assignments.findById(P.organization, P.id),
      'list(organization, mentee, any status, 20)': () => assignments.list(P.organization, P.mentee, undefined, 20),
      "list(organization, mentee, 'completed', 20, after cursor)": () =>
        assignments.list(P.organization, P.mentee, 'completed', 20, P.cursor),
      'lock(organization, id)': () => assignments.lock(P.organization, P.id),
      "update(organization, id, { title, competencies, status: 'completed' })": () =>
        assignments.update(P.organization, P.id, {
          title: 'Lead the migration',
          competencies: ['delegation'],
          status: 'completed',
        }),
      'templateExists(organization, template id)': () => assignments.templateExists(P.organization, P.id),
      'lockForAnswer(organization, assignment)': () => assignments.lockForAnswer(P.organization, P.id),
    },
  };
};
