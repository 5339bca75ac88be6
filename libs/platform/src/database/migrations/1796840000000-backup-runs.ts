import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Backup runs: each backup the instance took (by the schedule or `npm run backup`), with the
 * restore that verified it. The instance's, not an organization's: written by the backup as the
 * owner; read, for the health details HR and operators see, by the `backups.status` system
 * operation. It holds file names, times and counts, never a path or a person's data.
 */
export class BackupRuns1796840000000 implements MigrationInterface {
  name = 'BackupRuns1796840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "backup_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "trigger" character varying(16) NOT NULL, "kind" character varying(8), "file" character varying(255), "status" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "size_bytes" bigint, "migration_head" character varying(255), "verification" jsonb, "error" character varying(2000), CONSTRAINT "PK_backup_runs" PRIMARY KEY ("id"), CONSTRAINT "CHK_backup_runs_status" CHECK ("status" IN ('verified', 'unverified', 'failed')))`,
    );
    await q.query(`CREATE INDEX "IDX_backup_runs_started_at" ON "backup_runs" ("started_at")`);
    await q.query('GRANT SELECT ON backup_runs TO leadpath_system');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "backup_runs"`);
  }
}
