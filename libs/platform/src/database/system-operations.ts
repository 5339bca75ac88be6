/**
 * The only work that may see more than one organization, each named here once. It runs through
 * `Database.system(name, …)` as the role `leadpath_system`, which owns nothing and holds exactly
 * the grants below (the `SystemRole` migration gives them; `test/reliability/row-level-security`
 * compares this list with the catalog). Everything else is tenant work in `Database.tenant`.
 *
 * Migrations are the one exception that runs as the connecting (owner) role, through their own
 * data source, never through `Database`.
 */
export const SYSTEM_OPERATIONS = {
  'auth.login': {
    why: 'sign-in names an e-mail address, not an organization, and an address may hold an account in several (with their names, to choose from); attempts are counted per address and account, and a refusal is audited by one statement whether or not the account exists',
    grants: [
      'SELECT ON users',
      'SELECT ON organizations',
      'SELECT, INSERT, UPDATE, DELETE ON login_throttle',
      'INSERT ON audit_events',
      'SELECT (organization_id, require_sso) ON sso_configs',
    ],
  },
  'auth.token': {
    why: 'the token check reads the caller’s current state, and whether a sign-out ended this token, before a unit of work can be opened for them',
    grants: ['SELECT ON users', 'SELECT (id, user_id) ON mentees', 'SELECT ON revoked_access_tokens'],
  },
  'auth.session': {
    why: 'a browser session is found by the hash of its refresh cookie, before anyone is known to be signed in; a sign-out also ends its access token, for every instance, until that token expires',
    grants: [
      'SELECT, INSERT, UPDATE, DELETE ON refresh_tokens',
      'SELECT ON users',
      'SELECT, INSERT, DELETE ON revoked_access_tokens',
    ],
  },
  'organizations.create': {
    why: 'sign-up and the demo seeder create an organization; its first data is then written as that tenant',
    grants: ['SELECT, INSERT ON organizations', 'SELECT, INSERT, UPDATE, DELETE ON login_throttle'],
  },
  'auth.password-reset': {
    why: 'a reset request names an e-mail address, not an organization: it is counted per address and enqueues a job naming the address (pgboss.job, granted in the JobsAndMail migration); the job finds every account holding it, in any organization',
    grants: ['SELECT ON users', 'SELECT ON organizations', 'SELECT, INSERT, UPDATE, DELETE ON login_throttle'],
  },
  'auth.link': {
    why: 'an invitation or reset link names no organization: its token’s hash finds the link, then the password is set in that organization’s unit of work',
    grants: [
      'SELECT, INSERT, UPDATE, DELETE ON login_throttle',
      'SELECT (id, organization_id, user_id, purpose, token_hash) ON auth_tokens',
    ],
  },
  'organizations.list': {
    why: 'scheduled fan-out lists organizations, then opens one tenant unit of work per organization',
    grants: ['SELECT ON organizations'],
  },
  'assignments.link': {
    why: 'a feedback link is opened without signing in: its token’s hash names the organization, whose tenant unit of work then does the rest',
    grants: ['SELECT (organization_id, token_hash) ON feedback_requests'],
  },
  'assignments.reminders': {
    why: 'the scheduled reminders find the organizations with an unanswered request whose reminder is due, then claim and enqueue them in each one’s tenant unit of work',
    grants: ['SELECT (organization_id, answered, expires_at, reminders_sent) ON feedback_requests'],
  },
  'webhooks.due': {
    why: 'the scheduled retry sweep finds the organizations with a webhook delivery due, then claims and enqueues them in each one’s tenant unit of work',
    grants: ['SELECT (organization_id, status, next_attempt_at) ON webhook_deliveries'],
  },
  'scim.token': {
    why: 'a SCIM request carries a provisioning token, not a signed-in person: its hash names the organization, whose tenant unit of work then serves the request',
    grants: ['SELECT (id, organization_id, token_hash, revoked_at, last_used_at) ON scim_tokens'],
  },
  'sso.discover': {
    why: 'single sign-on begins with an e-mail address, not an organization: its domain names the organization whose identity provider signs it in',
    grants: ['SELECT (domain, organization_id) ON sso_domains'],
  },
  'sso.callback': {
    why: 'the identity provider sends the browser back with the state of a sign-in begun earlier, not an organization: the state names the organization, whose tenant unit of work then does the rest',
    grants: ['SELECT (organization_id, state) ON sso_attempts'],
  },
  'backups.status': {
    why: 'the backups are the instance’s, not an organization’s: the health details show HR and operators when the last backup was taken and whether its restore was verified',
    grants: ['SELECT ON backup_runs'],
  },
} as const satisfies Record<string, { why: string; grants: readonly string[] }>;

export type SystemOperation = keyof typeof SYSTEM_OPERATIONS;

/** The role system operations run as. */
export const SYSTEM_ROLE = 'leadpath_system';

/** Every privilege of SYSTEM_ROLE as `table.privilege` or `table(column).privilege`, for the catalog test. */
export function systemPrivileges(): string[] {
  const out = new Set<string>();
  for (const { grants } of Object.values(SYSTEM_OPERATIONS)) {
    for (const grant of grants) {
      const [, privileges, columns, table] = /^([A-Z, ]+?)(?: \(([^)]*)\))? ON (\w+)$/.exec(grant)!;
      for (const privilege of privileges.split(',').map((p) => p.trim())) {
        if (columns) for (const column of columns.split(',')) out.add(`${table}(${column.trim()}).${privilege}`);
        else out.add(`${table}.${privilege}`);
      }
    }
  }
  return [...out].sort();
}
