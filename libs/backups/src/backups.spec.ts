import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobDefinition, scheduleOf } from '@leadpath/jobs';
import { loadConfig } from '@leadpath/platform';
import { BACKUP_FILE, backupFileName } from './backup-files';
import { pruneBackups } from './backups';
import { compareCounts } from './manifest';

describe('backup retention', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'leadpath-retention-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const day = (d: number) => backupFileName(new Date(Date.UTC(2026, 0, d, 3, 0, 0)));

  it('keeps the N newest backups by their time and deletes the older ones', async () => {
    for (const d of [3, 1, 5, 2, 4]) writeFileSync(join(dir, day(d)), 'x');
    expect(await pruneBackups(dir, 2)).toEqual([day(1), day(2), day(3)]);
    expect(readdirSync(dir).sort()).toEqual([day(4), day(5)]);
    expect(await pruneBackups(dir, 2)).toEqual([]);
  });

  it('never touches a file that is not a finished backup', async () => {
    const others = [`${day(1)}.partial`, 'notes.txt', 'leadpath-latest.tar.gz'];
    for (const name of [...others, day(2), day(3)]) writeFileSync(join(dir, name), 'x');
    expect(await pruneBackups(dir, 1)).toEqual([day(2)]);
    expect(readdirSync(dir).sort()).toEqual([...others, day(3)].sort());
  });

  it('names backups so that their names sort as their times', () => {
    const names = [new Date('2026-03-01T00:00:00.000Z'), new Date('2026-02-28T23:59:59.999Z')].map(backupFileName);
    for (const name of names) expect(name).toMatch(BACKUP_FILE);
    expect([...names].sort()).toEqual([names[1], names[0]]);
  });
});

describe('verification counts', () => {
  it('names every table whose rows differ, and tables missing on either side', () => {
    expect(compareCounts({ a: 1, b: 2 }, { a: 1, b: 2 })).toEqual([]);
    expect(compareCounts({ a: 1, b: 2, c: 0 }, { a: 1, b: 3, d: 4 })).toEqual([
      { table: 'b', expected: 2, actual: 3 },
      { table: 'c', expected: 0, actual: null },
      { table: 'd', expected: null, actual: 4 },
    ]);
  });
});

describe('the backup schedule', () => {
  it('runs daily at 03:00 UTC by default, as BACKUP_SCHEDULE says, and not at all when off', () => {
    const job = jobDefinition('backups.run');
    const daily = loadConfig({ LEADPATH_DATA_DIR: '/srv/leadpath' });
    expect(daily.backup).toEqual({ dir: '/srv/leadpath/backups', schedule: '0 3 * * *', keep: 14 });
    expect(scheduleOf(job, daily)).toBe('0 3 * * *');
    expect(scheduleOf(job, loadConfig({ BACKUP_SCHEDULE: '15 */6 * * 1-5' }))).toBe('15 */6 * * 1-5');
    expect(scheduleOf(job, loadConfig({ BACKUP_SCHEDULE: 'off' }))).toBeUndefined();
    expect(loadConfig({ BACKUP_DIR: '/mnt/backups', BACKUP_KEEP: '3' }).backup).toMatchObject({
      dir: '/mnt/backups',
      keep: 3,
    });
  });

  it('refuses a schedule that is not cron and a retention below one, naming the variable', () => {
    expect(() => loadConfig({ BACKUP_SCHEDULE: 'daily' })).toThrow(/BACKUP_SCHEDULE must be a cron expression/);
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP must be an integer from 1/);
  });
});
