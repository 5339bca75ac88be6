import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
