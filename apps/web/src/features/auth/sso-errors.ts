/** What each `sso_error` the single sign-on callback sends back means, for the person signing in. */
export const SSO_ERRORS: Record<string, string> = {
  state_missing: 'The sign-in came back incomplete. Start again.',
  state_mismatch: 'This sign-in was started in another browser or tab. Start again here.',
  state_reused: 'This sign-in link was already used. Start again.',
  attempt_expired: 'The sign-in took too long. Start again.',
  provider_error: 'Your organization’s sign-in did not let you through.',
  provider_unreachable: 'Your organization’s sign-in could not be reached. Try again in a moment, or ask HR.',
  code_rejected: 'Your organization’s sign-in refused to complete. Start again.',
  issuer_mismatch: 'The answer did not come from your organization’s sign-in. Ask HR to check the set-up.',
  audience_mismatch: 'The answer was meant for another application. Ask HR to check the set-up.',
  nonce_mismatch: 'The answer belonged to another sign-in. Start again.',
  token_expired: 'The answer from your organization’s sign-in had expired. Start again.',
  algorithm_refused: 'The answer from your organization’s sign-in was not signed as required. Ask HR.',
  token_invalid: 'The answer from your organization’s sign-in could not be checked. Ask HR.',
  email_missing: 'Your organization’s sign-in did not give your e-mail address. Ask HR.',
  email_unverified: 'Your organization’s sign-in has not verified your e-mail address.',
  domain_not_allowed: 'Your e-mail address is not of a domain your organization signs in with here.',
  account_unknown: 'There is no Leadpath account for your address yet. Ask HR to add you.',
  account_inactive: 'Your Leadpath account is deactivated. Ask HR.',
};

export function ssoErrorMessage(code: string): string {
  return SSO_ERRORS[code] ?? 'Single sign-on did not complete. Start again, or ask HR.';
}
