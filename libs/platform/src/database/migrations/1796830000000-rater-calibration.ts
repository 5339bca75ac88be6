import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rater calibration and small groups: the organization's last rater-severity fit (tenant data
 * under forced row-level security), the smallest group an aggregate shows (k, default 5, never
 * below 3) and whether readiness uses calibrated means (off by default).
 */
export class RaterCalibration1796830000000 implements MigrationInterface {
  name = 'RaterCalibration1796830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "rater_severity_results" ("organization_id" uuid NOT NULL, "result" jsonb, "computed_at" TIMESTAMP WITH TIME ZONE, "requested_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_40448622895276b773d59a2b26d" PRIMARY KEY ("organization_id"))`,
    );
    await q.query(`ALTER TABLE "organization_settings" ADD "min_group_size" integer NOT NULL DEFAULT '5'`);
    await q.query(`ALTER TABLE "organization_settings" ADD "use_calibrated_means" boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE "organization_settings" ADD CONSTRAINT "CHK_d0d79518c920e7fa7b6564cab2" CHECK (min_group_size BETWEEN 3 AND 100)`,
    );
    await q.query(
      `ALTER TABLE "rater_severity_results" ADD CONSTRAINT "FK_40448622895276b773d59a2b26d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rater_severity_results TO leadpath_app`);
    await q.query(`ALTER TABLE rater_severity_results ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE rater_severity_results FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON rater_severity_results TO leadpath_app
         USING (organization_id = leadpath_current_organization())
         WITH CHECK (organization_id = leadpath_current_organization())`,
    );
    await q.query(
      `CREATE POLICY system_access ON rater_severity_results TO CURRENT_USER USING (true) WITH CHECK (true)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY system_access ON rater_severity_results`);
    await q.query(`DROP POLICY tenant_isolation ON rater_severity_results`);
    await q.query(`ALTER TABLE "rater_severity_results" DROP CONSTRAINT "FK_40448622895276b773d59a2b26d"`);
    await q.query(`ALTER TABLE "organization_settings" DROP CONSTRAINT "CHK_d0d79518c920e7fa7b6564cab2"`);
    await q.query(`ALTER TABLE "organization_settings" DROP COLUMN "use_calibrated_means"`);
    await q.query(`ALTER TABLE "organization_settings" DROP COLUMN "min_group_size"`);
    await q.query(`DROP TABLE "rater_severity_results"`);
  }
}
