/**
 * What an organization's archive holds. The tables come from the database catalogue (every table
 * with an `organization_id`, and every table whose foreign keys reach one), and each of them must be
 * named here: exported, or left out with its reason. `test/org-export/catalogue` fails when a
 * migration adds a table of an organization that is in neither list, or a column that looks like a
 * secret and is not declared one.
 */

/** The organization's tables that travel, in any order (the export orders them by their foreign keys). */
export const EXPORTED_TABLES = [
  'organizations',
  'organization_settings',
  'readiness_generations',
  'competencies',
  'milestone_templates',
  'users',
  'notification_preferences',
  'mentees',
  'phase_changes',
  'mentee_milestones',
  'goals',
  'goal_check_ins',
  'feedback',
  'feedback_ratings',
  'feedback_revisions',
  'assessments',
  'assignments',
  'feedback_requests',
  'led_responses',
  'mentee_readiness',
  'readiness_team_cells',
  'audit_events',
  'mail_deliveries',
  'imports',
  'framework_imports',
  'webhook_endpoints',
  'webhook_deliveries',
  'webhook_attempts',
  'sso_configs',
  'sso_domains',
  'scim_users',
  'scim_groups',
  'scim_group_members',
  'scim_group_roles',
  'meeting_series',
  'meeting_exceptions',
  'meeting_agenda_items',
  'meeting_action_items',
  'talent_reviews',
  'talent_review_calibrators',
  'talent_nominations',
  'talent_nomination_requests',
  'talent_pre_ratings',
  'talent_pre_rating_competencies',
  'talent_decisions',
  'subject_requests',
  'erasure_log',
] as const;

/** The organization's tables an archive leaves out, each with its reason. */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  refresh_tokens: 'browser sessions: their token hashes are credentials, and a session does not move',
  revoked_access_tokens: 'sign-outs of access tokens that expire within minutes and were signed by another key',
  auth_tokens: 'invitation and password-reset links: their token hashes are credentials',
  sso_attempts: 'single sign-ons in flight: their state, nonce and PKCE verifier are secrets for a few minutes',
  scim_tokens: 'provisioning tokens: their hashes are credentials; HR issues new ones on the new instance',
  idempotency_keys: 'a one-day replay cache of recent requests and their answers',
  rater_severity_results: 'derived from the feedback ratings, which travel; recomputed on the new instance',
};

/** What an import writes in place of a secret column it never receives. */
export type SecretFill =
  /** a password hash nobody knows: the person signs in after a reset or through single sign-on */
  | 'unusable-password'
  /** the empty string, which the single sign-on settings read as "no client secret set" */
  | 'empty'
  /** a fresh random webhook secret (`whsec_…`), shown to HR by a rotation */
  | 'new-webhook-secret'
  /** a random SHA-256-shaped hash no token has: the old link stops working */
  | 'random-hash'
  /** nothing (the column is nullable) */
  | 'null';

interface SecretColumn {
  why: string;
  fill: SecretFill;
}

/** Columns of exported tables that never leave the instance. */
export const SECRET_COLUMNS: Readonly<Record<string, Readonly<Record<string, SecretColumn>>>> = {
  users: {
    password_hash: { why: 'a password hash can be attacked offline', fill: 'unusable-password' },
  },
  sso_configs: {
    client_secret_encrypted: {
      why: "the identity provider's client secret, encrypted under this instance's key",
      fill: 'empty',
    },
  },
  webhook_endpoints: {
    secret: { why: 'signs the deliveries: whoever holds it can forge them', fill: 'new-webhook-secret' },
    previous_secret: { why: 'the secret before the last rotation, still signing for a while', fill: 'null' },
  },
  feedback_requests: {
    token_hash: { why: 'the hash of a feedback link that answers without signing in', fill: 'random-hash' },
  },
};

/**
 * Columns whose names look like a secret's (see SECRET_LOOKING) and are not: each says why.
 * A new column matching the pattern must be listed here or in SECRET_COLUMNS.
 */
export const NOT_SECRET_COLUMNS: Readonly<Record<string, string>> = {
  'users.token_version': 'a counter that ends older access tokens, no secret',
  'webhook_endpoints.previous_secret_expires_at': 'when the previous secret stops signing, no secret',
  'framework_imports.fingerprint': 'a hash of the framework as it was previewed, no secret',
  'meeting_agenda_items.private': 'a flag: a talking point only its author sees, no secret',
};

/** Column names that look like they hold a credential. */
export const SECRET_LOOKING = /(password|secret|token|hash|nonce|verifier|fingerprint|private|api_key|credential)/;

export function secretColumnsOf(table: string): string[] {
  return Object.keys(SECRET_COLUMNS[table] ?? {});
}
