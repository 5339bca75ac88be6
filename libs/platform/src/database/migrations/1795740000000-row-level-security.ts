import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table that carries an organization's data; RLS_TABLES is checked against the catalog by a test. */
export const TENANT_TABLES = [
  'users',
  'mentees',
  'phase_changes',
  'audit_events',
  'organization_settings',
  'competencies',
  'milestone_templates',
  'mentee_milestones',
  'goals',
  'goal_check_ins',
  'feedback',
  'feedback_ratings',
  'feedback_revisions',
  'idempotency_keys',
  'assessments',
];

/**
 * A second wall under the access policy. Requests run as `leadpath_app` — a role that owns no
 * table and cannot bypass row-level security — inside a transaction that names the caller's
 * organization with `set_config('app.organization_id', …, true)`; every tenant table lets that
 * role see and write only that organization's rows. The role that runs migrations (and system
 * work: sign-in, sign-up, demo data) keeps full access through its own policy.
 */
export class RowLevelSecurity1795740000000 implements MigrationInterface {
  name = 'RowLevelSecurity1795740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadpath_app') THEN
          CREATE ROLE leadpath_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query('GRANT leadpath_app TO CURRENT_USER');
    await q.query('GRANT USAGE ON SCHEMA public TO leadpath_app');
    await q.query(`
      CREATE FUNCTION leadpath_current_organization() RETURNS uuid LANGUAGE sql STABLE AS $$
        SELECT NULLIF(current_setting('app.organization_id', true), '')::uuid
      $$`);
    await q.query('GRANT EXECUTE ON FUNCTION leadpath_current_organization() TO leadpath_app');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO leadpath_app`);
    await q.query('GRANT SELECT ON organizations TO leadpath_app');
    // The trail is append-only for the application, not only by trigger.
    await q.query('REVOKE UPDATE, DELETE ON audit_events FROM leadpath_app');
    for (const table of [...TENANT_TABLES, 'organizations']) {
      const column = table === 'organizations' ? 'id' : 'organization_id';
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO leadpath_app
           USING (${column} = leadpath_current_organization())
           WITH CHECK (${column} = leadpath_current_organization())`,
      );
      await q.query(`CREATE POLICY system_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES, 'organizations']) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`REVOKE ALL ON ${TENANT_TABLES.join(', ')}, organizations FROM leadpath_app`);
    await q.query('REVOKE EXECUTE ON FUNCTION leadpath_current_organization() FROM leadpath_app');
    await q.query('DROP FUNCTION leadpath_current_organization()');
    await q.query('REVOKE USAGE ON SCHEMA public FROM leadpath_app');
    // The role is shared by every database of the server, so it stays.
  }
}
