import { randomUUID } from 'node:crypto';
import { RevokedTokensRepository } from '@leadpath/auth';
import { MenteesRepository } from '@leadpath/mentees';
import { sql } from 'kysely';
import {
  APP_ROLE,
  Database,
  OutsideUnitOfWorkError,
  qb,
  SYSTEM_ROLE,
  systemPrivileges,
} from '@leadpath/platform/database';
import { UsersRepository } from '@leadpath/users';
import type { World } from '../support/factories';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('unit of work', () => {
  let t: TestApp;
  let w: World;
  let db: Database;

  withWorld((s) => ({ t, w } = s));

  beforeAll(async () => {
    db = t.app.get(Database);
  });

  it('refuses tenant work outside a unit of work, with a message that says what to do', async () => {
    await expect(db.query('SELECT 1')).rejects.toThrow(OutsideUnitOfWorkError);
    await expect(db.query('SELECT 1')).rejects.toThrow(/outside a unit of work: run tenant work inside db\.tenant/);
    await expect(t.app.get(MenteesRepository).findById(w.orgA.id, w.target.id)).rejects.toThrow(OutsideUnitOfWorkError);
    expect(() => db.afterwards(() => Promise.resolve())).toThrow(OutsideUnitOfWorkError);
    // A Kysely query has no connection of its own: outside a unit it fails the same way.
    await expect(qb.selectFrom('mentees').select('id').execute()).rejects.toThrow(OutsideUnitOfWorkError);
    await expect(sql`SELECT 1`.execute(qb)).rejects.toThrow(OutsideUnitOfWorkError);
    await expect(qb.transaction().execute(async () => undefined)).rejects.toThrow(/owns its transaction/);
  });

  it('a Kysely query runs on the unit of work it is called in: its role, organization and transaction', async () => {
    const seen = await db.tenant(w.orgA.id, async () => {
      const [role] = await sql<{ role: string }>`SELECT current_user AS role`.execute(qb).then((r) => r.rows);
      const organizations = await qb.selectFrom('mentees').select('organization_id').distinct().execute();
      // The unit's transaction: what db.query wrote, the builder reads before commit.
      const [tx] = await db.query<{ id: string }>('SELECT txid_current()::text AS id');
      const [again] = await sql<{ id: string }>`SELECT txid_current()::text AS id`.execute(qb).then((r) => r.rows);
      return { role: role.role, organizations, same: tx.id === again.id };
    });
    expect(seen).toEqual({ role: APP_ROLE, organizations: [{ organization_id: w.orgA.id }], same: true });
  });

  it('a job-style call (no HTTP) runs as the tenant role and cannot read another organization’s rows', async () => {
    const mentees = t.app.get(MenteesRepository);
    const seen = await db.tenant(w.orgA.id, async () => ({
      role: (await db.query<{ role: string }>('SELECT current_user AS role'))[0].role,
      organizations: await db.query<{ organization_id: string }>('SELECT DISTINCT organization_id FROM mentees'),
      // The repository is asked for organization B by name: row-level security still hides it.
      other: await mentees.findById(w.orgB.id, w.menteeB.id),
      own: await mentees.findById(w.orgA.id, w.target.id),
      users: await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE organization_id = $1', [
        w.orgB.id,
      ]),
    }));
    expect(seen.role).toBe(APP_ROLE);
    expect(seen.organizations).toEqual([{ organization_id: w.orgA.id }]);
    expect(seen.other).toBeUndefined();
    expect(seen.own?.id).toBe(w.target.id);
    expect(seen.users).toEqual([{ n: 0 }]);
    // The organization is set for that transaction only: the next unit sees its own organization.
    const b = await db.tenant(w.orgB.id, () => db.query('SELECT DISTINCT organization_id FROM mentees'));
    expect(b).toEqual([{ organization_id: w.orgB.id }]);
  });

  it('a unit of work commits when its work resolves and rolls back when it throws', async () => {
    const rename = (department: string) =>
      db.query(`UPDATE mentees SET department = $2 WHERE id = $1`, [w.sibling.id, department]);
    await db.tenant(w.orgA.id, () => rename('Committed'));
    await expect(
      db.tenant(w.orgA.id, async () => {
        await rename('Rolled back');
        throw new Error('job failed');
      }),
    ).rejects.toThrow('job failed');
    const { rows } = await t.db.pool.query('SELECT department FROM mentees WHERE id = $1', [w.sibling.id]);
    expect(rows).toEqual([{ department: 'Committed' }]);
  });

  it('cannot widen itself: no other organization, no system operation from inside tenant work', async () => {
    await expect(db.tenant(w.orgA.id, () => db.tenant(w.orgB.id, () => db.query('SELECT 1')))).rejects.toThrow(
      /another organization/,
    );
    await expect(
      db.tenant(w.orgA.id, () => db.system('organizations.list', () => db.query('SELECT id FROM organizations'))),
    ).rejects.toThrow(/inside a tenant unit of work/);
  });

  it('cancels a running statement of a unit of work (an export whose reader left) without any role', async () => {
    const session = await db.openTenantSession(w.orgA.id);
    const sleeping = db.inSession(session, () => db.query('SELECT pg_sleep(60)'));
    // Wait until the server runs it, then cancel: the statement fails instead of sleeping on.
    const running = async () =>
      (
        await t.db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'`,
        )
      ).rows[0].n;
    for (let i = 0; i < 600 && (await running()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    db.cancel(session.client);
    await expect(sleeping).rejects.toThrow(/canceling statement/);
    await session.end(false);
  });

  it('a system operation runs as the system role and reaches only what it is granted', async () => {
    const users = t.app.get(UsersRepository);
    const found = await db.system('auth.login', async () => ({
      role: (await db.query<{ role: string }>('SELECT current_user AS role'))[0].role,
      a: await users.findAccountsByEmail(w.hr.email),
      b: await users.findAccountsByEmail(w.hrB.email),
    }));
    expect(found.role).toBe(SYSTEM_ROLE);
    expect([...found.a, ...found.b].map((u) => u.organization_id)).toEqual([w.orgA.id, w.orgB.id]);
    await expect(db.system('auth.login', () => db.query('SELECT * FROM feedback'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.system('auth.token', () => db.query('SELECT department FROM mentees'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.system('organizations.list', () => db.query('DELETE FROM organizations'))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('a one-statement system read (the token check) runs as the system role in one round trip', async () => {
    const users = t.app.get(UsersRepository);
    // Users of both organizations: the token check is cross-organization by nature.
    const [a] = await db.systemRead('auth.token', users.authStateQuery(w.hr.id));
    const [b] = await db.systemRead('auth.token', users.authStateQuery(w.hrB.id));
    expect([a?.organization_id, b?.organization_id]).toEqual([w.orgA.id, w.orgB.id]);
    expect(a).toMatchObject({ id: w.hr.id, roles: ['hr_admin'], active: true, token_version: 0, mentee_id: null });
    const [mentee] = await db.systemRead('auth.token', users.authStateQuery(w.target.userId));
    expect(mentee?.mentee_id).toBe(w.target.id);
    // The deny list of signed-out tokens is read by the same one statement.
    const revoked = t.app.get(RevokedTokensRepository);
    const jti = randomUUID();
    const [live] = await db.systemRead('auth.token', revoked.tokenCheckQuery(w.hr.id, jti));
    expect(live).toMatchObject({ id: w.hr.id, revoked: false });
    await t.db.pool.query(
      `INSERT INTO revoked_access_tokens (jti, organization_id, user_id, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`,
      [jti, w.orgA.id, w.hr.id],
    );
    const [ended] = await db.systemRead('auth.token', revoked.tokenCheckQuery(w.hr.id, jti));
    expect(ended).toMatchObject({ id: w.hr.id, revoked: true });
    expect(() => revoked.tokenCheckQuery(w.hr.id, "x'; --")).toThrow(/UUID/);
    // The token check takes only a UUID; any other literal is escaped by the query builder: a quote
    // stays inside it, and no second statement runs.
    expect(() => users.authStateQuery("x'; DELETE FROM users; --")).toThrow(/UUID/);
    const byEmail = qb
      .selectFrom('users as u')
      .select('u.id')
      .where(sql<boolean>`u.email = ${sql.lit("x'; DELETE FROM users; --")}`);
    expect(await db.systemRead('auth.token', byEmail)).toEqual([]);
    // A trailing comment cannot swallow the COMMIT; more than one statement is refused.
    const raw = (text: string) => ({ compile: () => ({ sql: text, parameters: [] }) }) as never;
    expect(await db.systemRead('auth.token', raw('SELECT 1 AS one -- a comment'))).toEqual([{ one: 1 }]);
    await expect(db.systemRead('auth.token', raw('SELECT 1; SELECT 2'))).rejects.toThrow(/exactly one statement/);
    expect(await db.systemRead('auth.token', raw('SELECT 2 AS two'))).toEqual([{ two: 2 }]);
    const { rows } = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(rows[0].n).toBeGreaterThan(0);
    // It runs as the system role and reaches only what that role is granted; a failure rolls back
    // and leaves the pooled connection usable.
    await expect(
      db.systemRead('auth.token', {
        compile: () => ({ sql: 'SELECT department FROM mentees', parameters: [] }),
      } as never),
    ).rejects.toThrow(/permission denied/);
    const [role] = await db.systemRead<{ role: string }>('auth.token', {
      compile: () => ({ sql: 'SELECT current_user AS role', parameters: [] }),
    } as never);
    expect(role?.role).toBe(SYSTEM_ROLE);
    // Values must be literals; never from inside tenant work.
    await expect(
      db.systemRead('auth.token', { compile: () => ({ sql: 'SELECT $1', parameters: [1] }) } as never),
    ).rejects.toThrow(/must inline its values/);
    await expect(
      db.tenant(w.orgA.id, () => db.systemRead('auth.token', users.authStateQuery(w.hr.id))),
    ).rejects.toThrow(/inside a tenant unit of work/);
  });

  it('the system role owns nothing, bypasses nothing, inherits nothing, and holds exactly the listed grants', async () => {
    const { rows: role } = await t.db.pool.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolcanlogin,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid)
            + (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid)
            + (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid)
            + (SELECT count(*)::int FROM pg_type WHERE typowner = r.oid) AS owned,
              (SELECT count(*)::int FROM pg_auth_members WHERE member = r.oid) AS memberships
         FROM pg_roles r WHERE rolname = $1`,
      [SYSTEM_ROLE],
    );
    expect(role).toEqual([
      {
        rolsuper: false,
        rolbypassrls: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolcanlogin: false,
        owned: 0,
        memberships: 0,
      },
    ]);
    const { rows } = await t.db.pool.query<{ grant: string }>(
      `SELECT c.relname || '.' || a.privilege_type AS grant
         FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = $1::regrole
       UNION
       SELECT c.relname || '(' || att.attname || ').' || a.privilege_type
         FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid, aclexplode(att.attacl) a
        WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = $1::regrole
       ORDER BY 1`,
      [SYSTEM_ROLE],
    );
    expect(rows.map((r) => r.grant)).toEqual(systemPrivileges());
    const { rows: policies } = await t.db.pool.query<{ tablename: string; cmd: string }>(
      `SELECT tablename, cmd FROM pg_policies WHERE roles @> ARRAY[$1]::name[] ORDER BY 1, 2`,
      [SYSTEM_ROLE],
    );
    expect(policies).toEqual([
      // auth.login: a refused sign-in's audit event, and nothing else (see the LoginFailureAudit migration).
      { tablename: 'audit_events', cmd: 'INSERT' },
      { tablename: 'auth_tokens', cmd: 'SELECT' },
      { tablename: 'feedback_requests', cmd: 'SELECT' },
      { tablename: 'mentees', cmd: 'SELECT' },
      { tablename: 'organizations', cmd: 'INSERT' },
      { tablename: 'organizations', cmd: 'SELECT' },
      { tablename: 'refresh_tokens', cmd: 'ALL' },
      // auth.session ends an access token at sign-out (and prunes expired ones); auth.token reads them.
      { tablename: 'revoked_access_tokens', cmd: 'ALL' },
      // scim.token: a provisioning token by its hash (a few columns, see the ScimProvisioning migration).
      { tablename: 'scim_tokens', cmd: 'SELECT' },
      // sso.callback, auth.login and sso.discover: a few columns each (see the SingleSignOn migration).
      { tablename: 'sso_attempts', cmd: 'SELECT' },
      { tablename: 'sso_configs', cmd: 'SELECT' },
      { tablename: 'sso_domains', cmd: 'SELECT' },
      { tablename: 'users', cmd: 'SELECT' },
      // webhooks.due: which organizations have a retry due (three columns, see the Webhooks migration).
      { tablename: 'webhook_deliveries', cmd: 'SELECT' },
    ]);
  });
});
