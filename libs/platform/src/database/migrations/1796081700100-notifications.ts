import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nudges and digests: each person's switches for the messages that are not essential (no row:
 * all on), and the organization's time zone, in which the weekly digest goes out Monday 08:00.
 * The switches are tenant data like any other: forced row-level security for the tenant role.
 */
export class Notifications1796081700100 implements MigrationInterface {
  name = 'Notifications1796081700100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "feedback_shared" boolean NOT NULL DEFAULT true, "milestone_changes" boolean NOT NULL DEFAULT true, "goal_confirmed" boolean NOT NULL DEFAULT true, "weekly_digest" boolean NOT NULL DEFAULT true, "monthly_summary" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id"))`,
    );
    await q.query(`ALTER TABLE "organization_settings" ADD "time_zone" character varying(64) NOT NULL DEFAULT 'UTC'`);
    await q.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_7e6d48f418bce30f6bed5e9e6f3" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query('GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preferences TO leadpath_app');
    await q.query('ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY');
    await q.query('ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY');
    await q.query(
      `CREATE POLICY tenant_isolation ON notification_preferences TO leadpath_app
         USING (organization_id = leadpath_current_organization())
         WITH CHECK (organization_id = leadpath_current_organization())`,
    );
    await q.query(
      'CREATE POLICY system_access ON notification_preferences TO CURRENT_USER USING (true) WITH CHECK (true)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY system_access ON notification_preferences');
    await q.query('DROP POLICY tenant_isolation ON notification_preferences');
    await q.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_7e6d48f418bce30f6bed5e9e6f3"`);
    await q.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`);
    await q.query(`ALTER TABLE "organization_settings" DROP COLUMN "time_zone"`);
    await q.query(`DROP TABLE "notification_preferences"`);
  }
}
