import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['erasure_log', 'subject_requests'];

/**
 * Data-subject requests: the erasure log (ids and times only, re-applied after a restore), the
 * requests HR carried out with their reasons, the retention setting, and when an account was
 * deactivated (a trigger keeps it, whichever path deactivates: HR, an import, SCIM).
 */
export class DataSubjectRequests1796850000000 implements MigrationInterface {
  name = 'DataSubjectRequests1796850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "erasure_log" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8bf7555004cd76ff14c844ce213" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_520fee98836bd7933753e215fd" ON "erasure_log"  ("organization_id", "user_id") `,
    );
    await q.query(
      `CREATE TABLE "subject_requests" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "user_id" uuid NOT NULL, "requested_by" uuid, "reason" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_2f1addf1689cadabadb36a2d0c" CHECK (kind IN ('export','erasure')), CONSTRAINT "PK_e41fc1331d81aa013aeeb45a22c" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_453c9212b857b73d445bfb4b95" ON "subject_requests"  ("organization_id", "user_id", "created_at") `,
    );
    await q.query(`ALTER TABLE "organization_settings" ADD "erasure_after_months" integer`);
    await q.query(`ALTER TABLE "users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "organization_settings" ADD CONSTRAINT "CHK_13032cb37263beeb7363b3063a" CHECK (erasure_after_months IS NULL OR erasure_after_months BETWEEN 1 AND 600)`,
    );
    await q.query(
      `ALTER TABLE "erasure_log" ADD CONSTRAINT "FK_5253f8c92a2418259cf835800a2" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "subject_requests" ADD CONSTRAINT "FK_47630942d6878515435d51b433e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "subject_requests" ADD CONSTRAINT "FK_78fdb483d3fa6dcd734acf57400" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "subject_requests" ADD CONSTRAINT "FK_a85376b66bec41685489e3e0250" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // Written once: the log and the requests are never changed by the application.
    await q.query(`GRANT SELECT, INSERT ON ${TABLES.join(', ')} TO leadpath_app`);
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO leadpath_app
           USING (organization_id = leadpath_current_organization())
           WITH CHECK (organization_id = leadpath_current_organization())`,
      );
      await q.query(`CREATE POLICY system_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
    // When an account was deactivated, kept by the database whichever path deactivates it.
    await q.query(`
      CREATE FUNCTION users_deactivated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.active THEN
          NEW.deactivated_at := NULL;
        ELSIF TG_OP = 'INSERT' OR OLD.active THEN
          NEW.deactivated_at := coalesce(NEW.deactivated_at, now());
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_deactivated_at BEFORE INSERT OR UPDATE OF active ON users
      FOR EACH ROW EXECUTE FUNCTION users_deactivated_at()`);
    await q.query(`UPDATE users SET deactivated_at = updated_at WHERE NOT active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER users_deactivated_at ON users');
    await q.query('DROP FUNCTION users_deactivated_at()');
    for (const table of TABLES) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
    }
    await q.query(`ALTER TABLE "subject_requests" DROP CONSTRAINT "FK_a85376b66bec41685489e3e0250"`);
    await q.query(`ALTER TABLE "subject_requests" DROP CONSTRAINT "FK_78fdb483d3fa6dcd734acf57400"`);
    await q.query(`ALTER TABLE "subject_requests" DROP CONSTRAINT "FK_47630942d6878515435d51b433e"`);
    await q.query(`ALTER TABLE "erasure_log" DROP CONSTRAINT "FK_5253f8c92a2418259cf835800a2"`);
    await q.query(`ALTER TABLE "organization_settings" DROP CONSTRAINT "CHK_13032cb37263beeb7363b3063a"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "deactivated_at"`);
    await q.query(`ALTER TABLE "organization_settings" DROP COLUMN "erasure_after_months"`);
    await q.query(`DROP INDEX "public"."IDX_453c9212b857b73d445bfb4b95"`);
    await q.query(`DROP TABLE "subject_requests"`);
    await q.query(`DROP INDEX "public"."IDX_520fee98836bd7933753e215fd"`);
    await q.query(`DROP TABLE "erasure_log"`);
  }
}
