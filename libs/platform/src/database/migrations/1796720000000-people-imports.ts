import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports: a file HR uploaded, kept as its preview planned it until HR applies it. Tenant data
 * like any other: forced row-level security for the tenant role.
 */
export class PeopleImports1796720000000 implements MigrationInterface {
  name = 'PeopleImports1796720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status" character varying(16) NOT NULL DEFAULT 'previewed', "plan" jsonb NOT NULL, "creates" integer NOT NULL, "updates" integer NOT NULL, "unchanged" integer NOT NULL, "error_count" integer NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_017df21f05cab0c93ef9d72b04" CHECK (status IN ('previewed','applied','expired')), CONSTRAINT "CHK_cf24b8ca6ed6c951cd93360948" CHECK (kind IN ('people')), CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_6152727957bfd033e6610647ce" ON "imports"  ("organization_id", "created_at", "id") `,
    );
    await q.query(
      `ALTER TABLE "imports" ADD CONSTRAINT "FK_8eca62c3fcf2520bd93d0dc8380" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "imports" ADD CONSTRAINT "FK_5d85a92631b0fad5d76b1ddd3be" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON imports TO leadpath_app`);
    await q.query(`ALTER TABLE imports ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE imports FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON imports TO leadpath_app
         USING (organization_id = leadpath_current_organization())
         WITH CHECK (organization_id = leadpath_current_organization())`,
    );
    await q.query(`CREATE POLICY system_access ON imports TO CURRENT_USER USING (true) WITH CHECK (true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY system_access ON imports`);
    await q.query(`DROP POLICY tenant_isolation ON imports`);
    await q.query(`ALTER TABLE "imports" DROP CONSTRAINT "FK_5d85a92631b0fad5d76b1ddd3be"`);
    await q.query(`ALTER TABLE "imports" DROP CONSTRAINT "FK_8eca62c3fcf2520bd93d0dc8380"`);
    await q.query(`DROP INDEX "public"."IDX_6152727957bfd033e6610647ce"`);
    await q.query(`DROP TABLE "imports"`);
  }
}
