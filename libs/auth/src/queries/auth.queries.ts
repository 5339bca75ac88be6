import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { UsersRepository } from '@leadpath/users';
import { SessionRepository } from '../sessions/session.repository';
import { LoginThrottleRepository } from '../throttle/login-throttle.repository';
import { RevokedTokensRepository } from '../tokens/revoked-tokens.repository';

const expiresAt = new Date('2026-01-29T12:00:00.000Z');
const tokenHash = 'placeholder-token-hash';

export const queries: QuerySnapshots = () => {
  const throttle = new LoginThrottleRepository();
  const revoked = new RevokedTokensRepository(new UsersRepository());
  const sessions = new SessionRepository();
  return {
    'login-throttle.repository': {
      "hitAll(['ip:…', 'email:…'], 900 s)": () => throttle.hitAll(['email:ada@example.com', 'ip:192.0.2.1'], 900),
      "settle(clear ['email:…'], undo 'ip:…')": () => throttle.settle(['email:ada@example.com'], 'ip:192.0.2.1'),
      'prune()': () => throttle.prune(),
    },
    'revoked-tokens.repository': {
      'tokenCheckQuery(user, token id)': () => revoked.tokenCheckQuery(P.user, P.id).execute(),
      'revoke({ token id, organization, user, expiresAt })': () =>
        revoked.revoke({ jti: P.id, organizationId: P.organization, userId: P.user, expiresAt }),
      'prune()': () => revoked.prune(),
    },
    'session.repository': {
      'insert({ organization, user, family, token hash, version 1, expiresAt })': () =>
        sessions.insert({
          organizationId: P.organization,
          userId: P.user,
          familyId: P.id,
          tokenHash,
          tokenVersion: 1,
          expiresAt,
        }),
      'consume(token hash)': () => sessions.consume(tokenHash),
      'familyOf(token hash)': () => sessions.familyOf(tokenHash),
      'revokeFamily(family)': () => sessions.revokeFamily(P.id),
      'revokeAllOfUser(user)': () => sessions.revokeAllOfUser(P.user),
      'prune()': () => sessions.prune(),
    },
  };
};
