import type { Database } from './database.service';

/**
 * What a feature's `src/queries/*.queries.ts` declares for the query snapshots (`npm run queries`):
 * per output file (`<file>.sql` beside it), the calls whose SQL it holds, each labelled with its
 * placeholder inputs. A call runs on a Database that records each statement instead of running it
 * and answers with no rows, so only the SQL a call sends with empty results is written.
 */
export type QuerySnapshots = (db: Database) => Record<string, Record<string, () => Promise<unknown>>>;

/** Fixed inputs for the snapshots: the files must not change unless the SQL does. */
export const PLACEHOLDER = {
  organization: '00000000-0000-4000-8000-00000000000a',
  user: '00000000-0000-4000-8000-00000000000b',
  otherUser: '00000000-0000-4000-8000-00000000000c',
  mentee: '00000000-0000-4000-8000-00000000000d',
  otherMentee: '00000000-0000-4000-8000-00000000000e',
  id: '00000000-0000-4000-8000-00000000000f',
  at: new Date('2026-01-15T12:00:00.000Z'),
  monthEnd: new Date('2025-12-31T23:59:59.999Z'),
  day: '2026-01-15',
  cursor: { at: '2026-01-15T12:00:00.000000Z', id: '00000000-0000-4000-8000-00000000000f' },
} as const;
