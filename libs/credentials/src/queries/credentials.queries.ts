import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { CredentialsRepository } from '../credentials.repository';

const tokenHash = 'placeholder-token-hash';

export const queries: QuerySnapshots = () => {
  const credentials = new CredentialsRepository();
  return {
    'credentials.repository': {
      "insert({ organization, user, 'invitation', delivery, expiresAt })": () =>
        credentials.insert({
          organizationId: P.organization,
          userId: P.user,
          purpose: 'invitation',
          deliveryId: P.id,
          expiresAt: new Date('2026-01-22T12:00:00.000Z'),
          issuedAt: new Date('2026-01-15T12:00:00.000Z'),
        }),
      'arm(delivery, token hash, at)': () => credentials.arm(P.id, tokenHash, P.at),
      'findByHashAcrossOrganizations(token hash)': () => credentials.findByHashAcrossOrganizations(tokenHash),
      'spend(id, at)': () => credentials.spend(P.id, P.at),
      'spendAllOf(user, at)': () => credentials.spendAllOf(P.user, P.at),
      "hasOpen(user, 'password_reset', at)": () => credentials.hasOpen(P.user, 'password_reset', P.at),
      "countSince(user, 'password_reset', since)": () => credentials.countSince(P.user, 'password_reset', P.monthEnd),
    },
  };
};
