import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role of the few cross-organization operations (see SYSTEM_OPERATIONS): it owns nothing,
 * cannot bypass row-level security, and holds only these grants, each with a policy of its own.
 * With it the application never runs a query as the connecting role, which owns the tables.
 * The list is frozen here, as migrations are; SYSTEM_OPERATIONS is compared with the catalog.
 */
export class SystemRole1795741000000 implements MigrationInterface {
  name = 'SystemRole1795741000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadpath_system') THEN
          CREATE ROLE leadpath_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query('GRANT leadpath_system TO CURRENT_USER');
    await q.query('GRANT USAGE ON SCHEMA public TO leadpath_system');
    // auth.login and auth.token: find an account by e-mail or id, whatever its organization.
    await q.query('GRANT SELECT ON users TO leadpath_system');
    await q.query('CREATE POLICY system_lookup ON users FOR SELECT TO leadpath_system USING (true)');
    await q.query('GRANT SELECT (id, user_id) ON mentees TO leadpath_system');
    await q.query('CREATE POLICY system_lookup ON mentees FOR SELECT TO leadpath_system USING (true)');
    // auth.login and sign-up throttling: counters keyed by address or account, in no organization.
    await q.query('GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO leadpath_system');
    // organizations.create and organizations.list.
    await q.query('GRANT SELECT, INSERT ON organizations TO leadpath_system');
    await q.query('CREATE POLICY system_lookup ON organizations FOR SELECT TO leadpath_system USING (true)');
    await q.query('CREATE POLICY system_create ON organizations FOR INSERT TO leadpath_system WITH CHECK (true)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY system_create ON organizations');
    await q.query('DROP POLICY system_lookup ON organizations');
    await q.query('DROP POLICY system_lookup ON mentees');
    await q.query('DROP POLICY system_lookup ON users');
    await q.query('REVOKE ALL ON users, mentees, login_throttle, organizations FROM leadpath_system');
    await q.query('REVOKE USAGE ON SCHEMA public FROM leadpath_system');
    // The role is shared by every database of the server, so it stays.
  }
}
