import { download, type Download } from './http';
import { rssBytes } from './processes';
import { tokenFor, type Actors } from './scenarios';
import type { Server } from './servers';
import { megabytes, seconds } from './stats';

export interface ArchiveRound extends Download {
  /** The API process's peak resident memory over its resident memory before the export. */
  rssGrowthBytes: number;
}

/**
 * The whole organization as one archive (GET /organization/export, every table as JSON lines in a
 * zip), as HR would download it, with the API's peak resident memory polled every 10 ms: the
 * export reads through cursors a batch at a time, so the growth stays flat whatever the size.
 */
export async function measureOrganizationArchive(
  leadpath: Server,
  actors: Actors,
  secret: string,
  options: { rounds: number; stallSeconds: number },
  log: (line: string) => void,
): Promise<ArchiveRound[]> {
  const pid = leadpath.child.process.pid ?? 0;
  const rounds: ArchiveRound[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const before = rssBytes(pid) ?? NaN;
    let peak = before;
    const sample = () => (peak = Math.max(peak, rssBytes(pid) ?? NaN));
    const timer = setInterval(sample, 10);
    let result: Download;
    try {
      const token = tokenFor(secret, actors.organizationId, actors.hrAdminId);
      result = await download(
        `${leadpath.url}/api/v1/organization/export`,
        { authorization: `Bearer ${token}` },
        options.stallSeconds * 1000,
      );
      sample();
    } finally {
      clearInterval(timer);
    }
    if (result.status !== 200) throw new Error(`answered ${result.status}`);
    if (!result.complete) throw new Error('the archive ended before its last table');
    rounds.push({ ...result, rssGrowthBytes: peak - before });
    log(
      `  round ${round} ${seconds(result.totalMs)} (first byte ${Math.round(result.firstByteMs)} ms, ` +
        `${megabytes(result.bytes)}, RSS +${megabytes(peak - before)})`,
    );
  }
  return rounds;
}
