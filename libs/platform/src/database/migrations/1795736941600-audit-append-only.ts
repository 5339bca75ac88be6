import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail cannot be rewritten by the application: no UPDATE, DELETE or TRUNCATE. */
export class AuditAppendOnly1795736941600 implements MigrationInterface {
  name = 'AuditAppendOnly1795736941600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER audit_events_no_truncate ON audit_events');
    await q.query('DROP TRIGGER audit_events_no_update_delete ON audit_events');
    await q.query('DROP FUNCTION audit_events_append_only()');
  }
}
