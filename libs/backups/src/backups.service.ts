import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnJob } from '@leadpath/jobs';
import { RUNTIME, type Runtime } from '@leadpath/platform';
import { Database, unitStatements } from '@leadpath/platform/database';
import { runBackup, type BackupOutcome } from './backups';
import type { BackupRunResponse, HealthDetailsResponse } from './dto/health-details.dto';
import type { Verification } from './verify';

interface BackupRunRow {
  trigger: BackupRunResponse['trigger'];
  kind: BackupRunResponse['kind'];
  status: BackupRunResponse['status'];
  file: string | null;
  started_at: Date;
  finished_at: Date;
  size_bytes: string | null;
  migration_head: string | null;
  verification: Verification | null;
  error: string | null;
}

const LATEST = (where: string) =>
  `SELECT trigger, kind, status, file, started_at, finished_at, size_bytes, migration_head, verification, error
     FROM backup_runs ${where} ORDER BY started_at DESC LIMIT 1`;

function view(row: BackupRunRow | undefined): BackupRunResponse | null {
  if (!row) return null;
  const v = row.verification;
  return {
    trigger: row.trigger,
    kind: row.kind,
    status: row.status,
    file: row.file,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    migrationHead: row.migration_head,
    verification: v
      ? {
          ok: v.ok,
          checkedAt: v.checkedAt,
          restoredInto: v.restoredInto,
          tables: v.tables,
          rows: v.rows,
          mismatches: v.mismatches.length,
        }
      : null,
    error: row.error,
  };
}

/** The scheduled backup, and what HR and operators see of the backups. */
@Injectable()
export class BackupsService {
  private readonly logger = new Logger('Backups');

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly db: Database,
  ) {}

  /** Takes, verifies, records and prunes one backup (`BACKUP_SCHEDULE`); never fails the job. */
  @OnJob('backups.run')
  async scheduled(): Promise<BackupOutcome> {
    const { config, databaseUrl } = this.runtime;
    const outcome = await runBackup({
      url: databaseUrl,
      external: config.databaseUrl !== undefined,
      dataDir: config.dataDir,
      dir: config.backup.dir,
      keep: config.backup.keep,
      trigger: 'schedule',
      log: (line) => this.logger.log(line),
    });
    const summary = {
      status: outcome.status,
      file: outcome.file?.split('/').pop(),
      sizeBytes: outcome.sizeBytes,
      removed: outcome.removed.length,
    };
    if (outcome.status === 'verified') this.logger.log(summary, 'scheduled backup verified');
    else
      this.logger.error(
        { ...summary, error: outcome.error ?? outcome.verification?.error },
        'scheduled backup not verified',
      );
    return outcome;
  }

  async details(): Promise<HealthDetailsResponse> {
    const [last, lastVerified] = await this.db.system('backups.status', async () => [
      (await unitStatements.run<BackupRunRow>(LATEST('')))[0],
      (await unitStatements.run<BackupRunRow>(LATEST(`WHERE status = 'verified'`)))[0],
    ]);
    let database: 'up' | 'down' = 'up';
    try {
      await this.db.ping(1500);
    } catch {
      database = 'down';
    }
    const { schedule, keep } = this.runtime.config.backup;
    return {
      database,
      backups: { schedule: schedule ?? null, keep, last: view(last), lastVerified: view(lastVerified) },
    };
  }
}
