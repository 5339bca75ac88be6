import { PLACEHOLDER as P, run, type QuerySnapshots } from '@leadpath/platform';
import { UsersRepository } from '@leadpath/users';
import { SessionRepository } from '../sessions/session.repository';
import { LoginThrottleRepository } from '../throttle/login-throttle.repository';
import { RevokedTokensRepository } from '../tokens/revoked-tokens.repository';

const expiresAt = new Date('2026-01-29T12:00:00.000Z');
const tokenHash = 'placeholder-token-hash';

export const queries: QuerySnapshots = (db) => {
  const throttle = new LoginThrottleRepository(db);
  const revoked = new RevokedTokensRepository(new UsersRepository(db));
  const sessions = new SessionRepository();
  return {
    'login-throttle.repository': {
      "hitAll(['ip:…', 'email:…'], 900 s)": () => throttle.hitAll(['email:ada@example.com', 'ip:192.0.2.1'], 900),
      "settle(clear ['email:…'], undo 'ip:…')": () => throttle.settle(['email:ada@example.com'], 'ip:192.0.2.1'),
      'prune()': () => throttle.prune(),
    },
    'revoked-tokens.repository': {
      'tokenCheckQuery(user, token id)': () => run(db, revoked.tokenCheckQuery(P.user, P.id)),
      'revoke({ token id, organization, user, expiresAt })': () =>
        revoked.revoke(db, { jti: P.id, organizationId: P.organization, userId: P.user, expiresAt }),
      'prune()': () => revoked.prune(db),
    },
    'session.repository': {
      'insert({ organization, user, family, token hash, version 1, expiresAt })': () =>
        sessions.insert(db, {
          organizationId: P.organization,
          userId: P.user,
          familyId: P.id,
          tokenHash,
          tokenVersion: 1,
          expiresAt,
        }),
      'consume(token hash)': () => sessions.consume(db, tokenHash),
      'familyOf(token hash)': () => sessions.familyOf(db, tokenHash),
      'revokeFamily(family)': () => sessions.revokeFamily(db, P.id),
      'revokeAllOfUser(user)': () => sessions.revokeAllOfUser(db, P.user),
      'prune()': () => sessions.prune(db),
    },
  };
};
