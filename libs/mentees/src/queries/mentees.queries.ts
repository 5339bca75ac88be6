import { AccessService, type Actor } from '@leadpath/access';
import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { MenteesRepository, type MenteeFields } from '../mentees.repository';

const manager: Actor = {
  userId: P.user,
  organizationId: P.organization,
  roles: ['manager'],
  menteeId: null,
  requestId: null,
};
const hr: Actor = { ...manager, roles: ['hr_admin'] };

const fields: MenteeFields = {
  managerId: P.user,
  mentorId: P.otherUser,
  phase: 'lead_without_title',
  track: 'management',
  department: 'Platform',
  technicalFoundation: null,
  careerStartDate: P.day,
};

export const queries: QuerySnapshots = () => {
  const mentees = new MenteesRepository();
  // The visibility predicate is built without a query: the service needs neither of its collaborators.
  const access = new AccessService({} as never, {} as never);
  return {
    'mentees.repository': {
      'list(organization, visible to an HR admin, {}, 20)': () =>
        mentees.list(P.organization, access.menteeVisible(hr), {}, 20),
      'list(organization, visible to a manager, { managerId, phase, track, department, stale, level }, 20, after cursor)':
        () =>
          mentees.list(
            P.organization,
            access.menteeVisible(manager),
            {
              managerId: P.user,
              phase: 'lead_without_title',
              track: 'management',
              department: 'Platform',
              stale: true,
              level: 'ready',
            },
            20,
            P.cursor,
          ),
      'findById(organization, mentee)': () => mentees.findById(P.organization, P.mentee),
      'lock(organization, mentee)': () => mentees.lock(P.organization, P.mentee),
      'insert(organization, user, fields)': () => mentees.insert(P.organization, P.user, fields),
      'update(organization, mentee, fields)': () => mentees.update(P.organization, P.mentee, fields),
      "insertPhaseChange(organization, { mentee, from: null, to: 'lead_without_title', changedBy: user })": () =>
        mentees.insertPhaseChange(P.organization, {
          menteeId: P.mentee,
          from: null,
          to: 'lead_without_title',
          changedBy: P.user,
          note: null,
        }),
      'phaseHistory(organization, mentee, 20, after cursor)': () =>
        mentees.phaseHistory(P.organization, P.mentee, 20, P.cursor),
      'people(organization, [user, otherUser])': () => mentees.people(P.organization, [P.user, P.otherUser]),
    },
  };
};
