import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { ImportsRepository } from '../imports.repository';

export const queries: QuerySnapshots = () => {
  const imports = new ImportsRepository();
  return {
    'imports.repository': {
      'insert(organization, an empty plan)': () =>
        imports.insert(P.organization, {
          createdBy: P.user,
          plan: { rows: [] },
          creates: 0,
          updates: 0,
          unchanged: 0,
          errorCount: 0,
        }),
      'find(organization, id)': () => imports.find(P.organization, P.id),
      'find(organization, id, { lock: true })': () => imports.find(P.organization, P.id, { lock: true }),
      'markApplied(organization, id, at)': () => imports.markApplied(P.organization, P.id, P.at),
      'people(organization)': () => imports.people(P.organization),
      'insertUsers(organization, two people, hash)': () =>
        imports.insertUsers(
          P.organization,
          [
            { email: 'ada@example.com', name: 'Ada', roles: ['manager'] },
            { email: 'bo@example.com', name: 'Bo', roles: ['mentee'] },
          ],
          '$argon2id$placeholder',
        ),
      'insertMentees(organization, one mentee, by user)': () =>
        imports.insertMentees(
          P.organization,
          [{ userId: P.otherUser, managerId: P.user, mentorId: null, department: 'Ops', phase: 'build_credibility' }],
          P.user,
        ),
    },
  };
};
