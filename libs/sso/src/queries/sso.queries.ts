import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { SsoRepository, type SsoConfigFields } from '../sso.repository';

const fields: SsoConfigFields = {
  issuer: 'https://idp.example.com',
  clientId: 'leadpath',
  clientSecretEncrypted: 'v1.iv.tag.ciphertext',
  requireSso: true,
  jitProvisioning: false,
  groupsClaim: null,
};
const domains = ['example.com', 'example.org'];

export const queries: QuerySnapshots = () => {
  const sso = new SsoRepository();
  return {
    'sso.repository': {
      'config(organization)': () => sso.config(P.organization),
      'domains(organization)': () => sso.domains(P.organization),
      'save(organization, fields with a secret, domains)': () => sso.save(P.organization, fields, domains),
      'save(organization, fields keeping the secret, domains)': () =>
        sso.save(P.organization, { ...fields, clientSecretEncrypted: undefined }, domains),
      'ownsAll(organization, domains)': () => sso.ownsAll(P.organization, domains),
      'remove(organization)': () => sso.remove(P.organization),
      "organizationOfDomain('example.com')": () => sso.organizationOfDomain('example.com'),
      'organizationOfState(state)': () => sso.organizationOfState('state'),
      'insertAttempt(organization, attempt)': () =>
        sso.insertAttempt(P.organization, {
          state: 'state',
          nonce: 'nonce',
          codeVerifier: 'verifier',
          expiresAt: P.at,
        }),
      'spendAttempt(state, at)': () => sso.spendAttempt('state', P.at),
      "userByEmail(organization, 'ada@example.com')": () => sso.userByEmail(P.organization, 'ada@example.com'),
    },
  };
};
