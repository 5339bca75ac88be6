import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail stays append-only, with one exception erasure needs: `changes` (the before and
 * after values of an edit, which can hold a name or an address) may be cleared to NULL, and
 * nothing else about the row may change. The application role may update that one column only.
 */
export class ErasableAuditChanges1796880000000 implements MigrationInterface {
  name = 'ErasableAuditChanges1796880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.changes IS NULL AND (to_jsonb(NEW) - 'changes') = (to_jsonb(OLD) - 'changes') THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query('GRANT UPDATE ("changes") ON audit_events TO leadpath_app');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('REVOKE UPDATE ("changes") ON audit_events FROM leadpath_app');
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }
}
