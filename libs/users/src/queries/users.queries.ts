import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { UsersRepository } from '../users.repository';

export const queries: QuerySnapshots = () => {
  const users = new UsersRepository();
  return {
    'users.repository': {
      'insert(organization, a manager)': () =>
        users.insert(P.organization, {
          email: 'ada@example.com',
          name: 'Ada',
          roles: ['manager'],
          passwordHash: '$argon2id$placeholder',
        }),
      'findById(organization, user)': () => users.findById(P.organization, P.user),
      'findAccountsByEmail(email) — every organization': () => users.findAccountsByEmail('ada@example.com'),
      'findAccountsByEmail(email, organization)': () => users.findAccountsByEmail('ada@example.com', P.organization),
      'authStateQuery(user)': () => users.authStateQuery(P.user).execute(),
      'list(organization, {}, 20)': () => users.list(P.organization, {}, 20),
      "list(organization, { role: 'manager', active: true }, 20, after cursor)": () =>
        users.list(P.organization, { role: 'manager', active: true }, 20, P.cursor),
      'lock(organization, user)': () => users.lock(P.organization, P.user),
      'update(organization, user, every field, revoking tokens)': () =>
        users.update(
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
