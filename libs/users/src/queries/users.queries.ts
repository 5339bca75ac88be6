import { PLACEHOLDER as P, run, type QuerySnapshots } from '@leadpath/platform';
import { UsersRepository } from '../users.repository';

export const queries: QuerySnapshots = (db) => {
  const users = new UsersRepository(db);
  return {
    'users.repository': {
      'insert(organization, a manager)': () =>
        users.insert(db, P.organization, {
          email: 'ada@example.com',
          name: 'Ada',
          roles: ['manager'],
          passwordHash: '$argon2id$placeholder',
        }),
      'findById(organization, user)': () => users.findById(P.organization, P.user),
      'findAccountsByEmail(email) — every organization': () => users.findAccountsByEmail('ada@example.com'),
      'findAccountsByEmail(email, organization)': () => users.findAccountsByEmail('ada@example.com', P.organization),
      'authStateQuery(user)': () => run(db, users.authStateQuery(P.user)),
      'list(organization, {}, 20)': () => users.list(P.organization, {}, 20),
      "list(organization, { role: 'manager', active: true }, 20, after cursor)": () =>
        users.list(P.organization, { role: 'manager', active: true }, 20, P.cursor),
      'lock(organization, user)': () => users.lock(db, P.organization, P.user),
      'update(organization, user, every field, revoking tokens)': () =>
        users.update(
          db,
          P.organization,
          P.user,
          {
            email: 'ada@example.com',
            name: 'Ada',
            roles: ['manager'],
            active: true,
            passwordHash: '$argon2id$placeholder',
          },
          true,
        ),
      "withRole(organization, [user, otherUser], 'manager')": () =>
        users.withRole(P.organization, [P.user, P.otherUser], 'manager'),
    },
  };
};
