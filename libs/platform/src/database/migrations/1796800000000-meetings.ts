import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['meeting_series', 'meeting_exceptions', 'meeting_agenda_items', 'meeting_action_items'];

/**
 * One-on-one meetings: series with their recurrence in a time zone, per-occurrence exceptions,
 * agenda points and action items; a feedback entry may name the occurrence it is the outcome of.
 * Tenant data like any other: forced row-level security for the tenant role.
 */
export class Meetings1796800000000 implements MigrationInterface {
  name = 'Meetings1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "meeting_series" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "mentee_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "holder_id" uuid NOT NULL, "starts_local" character varying(16) NOT NULL, "time_zone" character varying(64) NOT NULL, "duration_minutes" integer NOT NULL, "rrule" character varying(500), "sequence" integer NOT NULL DEFAULT '0', "ends_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_a45a81ba9b4fa0b53bbc2c5d80" CHECK (sequence >= 0), CONSTRAINT "CHK_0b60f47dd482180ccf733e97bb" CHECK (starts_local ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$'), CONSTRAINT "CHK_a547a03acfaa5d5b05dc58acb0" CHECK (duration_minutes BETWEEN 5 AND 480), CONSTRAINT "PK_4eca052972681e25409955b1774" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_23a789a3eb454f3585302598be" ON "meeting_series"  ("organization_id", "holder_id") `,
    );
    await q.query(
      `CREATE INDEX "IDX_1ec930bd4292c1e505708699de" ON "meeting_series"  ("organization_id", "mentee_id") `,
    );
    await q.query(
      `CREATE TABLE "meeting_exceptions" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_id" uuid NOT NULL, "original_start" TIMESTAMP WITH TIME ZONE NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE, "duration_minutes" integer, "cancelled" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_537556625823910b761088fd142" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_c9cd83798e075610f402669050" ON "meeting_exceptions"  ("series_id", "original_start") `,
    );
    await q.query(
      `CREATE TABLE "meeting_agenda_items" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "series_id" uuid NOT NULL, "occurrence_start" TIMESTAMP WITH TIME ZONE NOT NULL, "author_id" uuid NOT NULL, "text" character varying(2000) NOT NULL, "private" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '0', "done_in" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "suggestion_key" character varying(120), CONSTRAINT "PK_3280eed23ac5b58a23c8cf42ca0" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_9ef954c3d0988d143adb4d28c6" ON "meeting_agenda_items"  ("organization_id", "series_id", "occurrence_start") `,
    );
    await q.query(
      `CREATE TABLE "meeting_action_items" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "series_id" uuid NOT NULL, "occurrence_start" TIMESTAMP WITH TIME ZONE NOT NULL, "text" character varying(2000) NOT NULL, "owner_id" uuid NOT NULL, "created_by" uuid, "due_on" date, "done_in" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "milestone_template_id" uuid, CONSTRAINT "PK_126d60558ff87473f2d4ea713b6" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_ae7bccca858862775dd9b8c679" ON "meeting_action_items"  ("organization_id", "owner_id", "done_at") `,
    );
    await q.query(
      `CREATE INDEX "IDX_59e5d7496d6d17d91fce7ae04b" ON "meeting_action_items"  ("organization_id", "series_id", "occurrence_start") `,
    );
    await q.query(`ALTER TABLE "feedback" ADD "meeting_id" character varying(60)`);
    await q.query(`CREATE INDEX "IDX_0b4e58e124406b892a86613760" ON "feedback"  ("organization_id", "meeting_id") `);
    await q.query(
      `ALTER TABLE "meeting_series" ADD CONSTRAINT "FK_453d6b2a285017858672e02a0d5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_series" ADD CONSTRAINT "FK_30adc77048537eb467825d918fc" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_series" ADD CONSTRAINT "FK_683dfc138d71b33aa9638bff6c2" FOREIGN KEY ("holder_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_exceptions" ADD CONSTRAINT "FK_93076d54e9a086af2b44458e419" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_exceptions" ADD CONSTRAINT "FK_77641ea8fd3d03ad3e2318391aa" FOREIGN KEY ("series_id") REFERENCES "meeting_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "FK_8ed847ae727560df7236284d673" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "FK_06cf0e787e32da43040c7fb99ac" FOREIGN KEY ("series_id") REFERENCES "meeting_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "FK_af4b453d19f00ecab024d47ec8a" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_action_items" ADD CONSTRAINT "FK_14b6e16cde5b4e63f7617fb8c83" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_action_items" ADD CONSTRAINT "FK_be427593d17dc4cb97296d7aac1" FOREIGN KEY ("series_id") REFERENCES "meeting_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_action_items" ADD CONSTRAINT "FK_4db9eefa5d09cbcdf85a4150cdd" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_action_items" ADD CONSTRAINT "FK_c703b3451fc50416b33e14cf77b" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    for (const table of TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO leadpath_app`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO leadpath_app
           USING (organization_id = leadpath_current_organization())
           WITH CHECK (organization_id = leadpath_current_organization())`,
      );
      await q.query(`CREATE POLICY system_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
    }
    await q.query(`ALTER TABLE "meeting_action_items" DROP CONSTRAINT "FK_c703b3451fc50416b33e14cf77b"`);
    await q.query(`ALTER TABLE "meeting_action_items" DROP CONSTRAINT "FK_4db9eefa5d09cbcdf85a4150cdd"`);
    await q.query(`ALTER TABLE "meeting_action_items" DROP CONSTRAINT "FK_be427593d17dc4cb97296d7aac1"`);
    await q.query(`ALTER TABLE "meeting_action_items" DROP CONSTRAINT "FK_14b6e16cde5b4e63f7617fb8c83"`);
    await q.query(`ALTER TABLE "meeting_agenda_items" DROP CONSTRAINT "FK_af4b453d19f00ecab024d47ec8a"`);
    await q.query(`ALTER TABLE "meeting_agenda_items" DROP CONSTRAINT "FK_06cf0e787e32da43040c7fb99ac"`);
    await q.query(`ALTER TABLE "meeting_agenda_items" DROP CONSTRAINT "FK_8ed847ae727560df7236284d673"`);
    await q.query(`ALTER TABLE "meeting_exceptions" DROP CONSTRAINT "FK_77641ea8fd3d03ad3e2318391aa"`);
    await q.query(`ALTER TABLE "meeting_exceptions" DROP CONSTRAINT "FK_93076d54e9a086af2b44458e419"`);
    await q.query(`ALTER TABLE "meeting_series" DROP CONSTRAINT "FK_683dfc138d71b33aa9638bff6c2"`);
    await q.query(`ALTER TABLE "meeting_series" DROP CONSTRAINT "FK_30adc77048537eb467825d918fc"`);
    await q.query(`ALTER TABLE "meeting_series" DROP CONSTRAINT "FK_453d6b2a285017858672e02a0d5"`);
    await q.query(`DROP INDEX "public"."IDX_0b4e58e124406b892a86613760"`);
    await q.query(`ALTER TABLE "feedback" DROP COLUMN "meeting_id"`);
    await q.query(`DROP INDEX "public"."IDX_59e5d7496d6d17d91fce7ae04b"`);
    await q.query(`DROP INDEX "public"."IDX_ae7bccca858862775dd9b8c679"`);
    await q.query(`DROP TABLE "meeting_action_items"`);
    await q.query(`DROP INDEX "public"."IDX_9ef954c3d0988d143adb4d28c6"`);
    await q.query(`DROP TABLE "meeting_agenda_items"`);
    await q.query(`DROP INDEX "public"."IDX_c9cd83798e075610f402669050"`);
    await q.query(`DROP TABLE "meeting_exceptions"`);
    await q.query(`DROP INDEX "public"."IDX_1ec930bd4292c1e505708699de"`);
    await q.query(`DROP INDEX "public"."IDX_23a789a3eb454f3585302598be"`);
    await q.query(`DROP TABLE "meeting_series"`);
  }
}
