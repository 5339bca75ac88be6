import { ApiProperty } from '@nestjs/swagger';

export class BackupVerificationResponse {
  @ApiProperty({ description: 'every table of the restore held the rows its manifest counted' }) ok: boolean;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
  @ApiProperty({ enum: ['cluster', 'database'], description: 'restored into a scratch cluster or a scratch database' })
  restoredInto: 'cluster' | 'database';
  @ApiProperty({ minimum: 0 }) tables: number;
  @ApiProperty({ minimum: 0 }) rows: number;
  @ApiProperty({ minimum: 0, description: 'tables whose row count differed from the manifest' }) mismatches: number;
}

export class BackupRunResponse {
  @ApiProperty({ enum: ['schedule', 'command'] }) trigger: 'schedule' | 'command';
  @ApiProperty({
    enum: ['base', 'dump'],
    description: 'a base backup of the embedded server, or pg_dump of an external one',
  })
  kind: 'base' | 'dump';
  @ApiProperty({
    enum: ['verified', 'unverified', 'failed'],
    description:
      'verified: restored and counted as its manifest; unverified: written, but its restore failed or differed; failed: not written',
  })
  status: 'verified' | 'unverified' | 'failed';
  @ApiProperty({ nullable: true, type: String, maxLength: 255, description: 'the file name in the backup folder' })
  file: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) finishedAt: string;
  @ApiProperty({ nullable: true, type: Number, minimum: 0 }) sizeBytes: number | null;
  @ApiProperty({ nullable: true, type: String, maxLength: 255, description: 'the newest migration the backup holds' })
  migrationHead: string | null;
  @ApiProperty({ nullable: true, type: BackupVerificationResponse }) verification: BackupVerificationResponse | null;
  @ApiProperty({ nullable: true, type: String, maxLength: 2000 }) error: string | null;
}

export class BackupsHealthResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    maxLength: 100,
    description: 'cron (UTC) of the scheduled backup; null when off',
  })
  schedule: string | null;
  @ApiProperty({ minimum: 1, description: 'how many of the newest backups are kept' }) keep: number;
  @ApiProperty({ nullable: true, type: BackupRunResponse, description: 'the latest backup run, whatever its outcome' })
  last: BackupRunResponse | null;
  @ApiProperty({ nullable: true, type: BackupRunResponse, description: 'the latest backup proven by a restore' })
  lastVerified: BackupRunResponse | null;
}

export class HealthDetailsResponse {
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ type: BackupsHealthResponse }) backups: BackupsHealthResponse;
}
