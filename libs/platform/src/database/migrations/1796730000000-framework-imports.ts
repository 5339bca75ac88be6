import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Framework imports: the previews HR makes of a career ladder file, kept until applied so the
 * apply changes exactly what the preview showed. Tenant data like any other (forced row-level
 * security). A milestone template's description grows to 8,000 characters, because the criteria
 * of imported ladders are often paragraphs.
 */
export class FrameworkImports1796730000000 implements MigrationInterface {
  name = 'FrameworkImports1796730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "framework_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "format" character varying(16) NOT NULL, "plan" jsonb NOT NULL, "preview" jsonb NOT NULL, "fingerprint" character varying(64) NOT NULL, "created_by" uuid, "applied_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fba940fc30fafe47a5331a7751f" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_1d0ca6cd1c4db006e94d80ca37" ON "framework_imports"  ("organization_id", "created_at") `,
    );
    await q.query(
      `ALTER TABLE "framework_imports" ADD CONSTRAINT "FK_5a56b7a248605e8f6d8952e5f75" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "framework_imports" ADD CONSTRAINT "FK_6c68df64c2ee12ff9907ffc5e3c" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query('GRANT SELECT, INSERT, UPDATE, DELETE ON framework_imports TO leadpath_app');
    await q.query('ALTER TABLE framework_imports ENABLE ROW LEVEL SECURITY');
    await q.query('ALTER TABLE framework_imports FORCE ROW LEVEL SECURITY');
    await q.query(
      `CREATE POLICY tenant_isolation ON framework_imports TO leadpath_app
         USING (organization_id = leadpath_current_organization())
         WITH CHECK (organization_id = leadpath_current_organization())`,
    );
    await q.query('CREATE POLICY system_access ON framework_imports TO CURRENT_USER USING (true) WITH CHECK (true)');
    await q.query('ALTER TABLE "milestone_templates" ALTER COLUMN "description" TYPE character varying(8000)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "milestone_templates" SET "description" = left("description", 2000) WHERE length("description") > 2000`,
    );
    await q.query('ALTER TABLE "milestone_templates" ALTER COLUMN "description" TYPE character varying(2000)');
    await q.query('DROP POLICY system_access ON framework_imports');
    await q.query('DROP POLICY tenant_isolation ON framework_imports');
    await q.query(`ALTER TABLE "framework_imports" DROP CONSTRAINT "FK_6c68df64c2ee12ff9907ffc5e3c"`);
    await q.query(`ALTER TABLE "framework_imports" DROP CONSTRAINT "FK_5a56b7a248605e8f6d8952e5f75"`);
    await q.query(`DROP INDEX "public"."IDX_1d0ca6cd1c4db006e94d80ca37"`);
    await q.query(`DROP TABLE "framework_imports"`);
  }
}
