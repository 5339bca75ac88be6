import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BatchStream } from './batch-stream';

/** A cursor over `rows` that records each read and can be told to fail one. */
function fakeCursor(rows: number[], failAt?: number) {
  const reads: number[] = [];
  let position = 0;
  let closed = false;
  return {
    reads,
    get closed() {
      return closed;
    },
    read(count: number): Promise<number[]> {
      reads.push(position);
      if (failAt !== undefined && reads.length === failAt) return Promise.reject(new Error('statement timeout'));
      const batch = rows.slice(position, position + count);
      position += batch.length;
      return Promise.resolve(batch);
    },
    close(callback: () => void): void {
      closed = true;
      setImmediate(callback);
    },
  };
}

describe('BatchStream', () => {
  it('yields every row in batches, in order, and ends', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => i);
    const batches: number[][] = [];
    for await (const batch of new BatchStream(fakeCursor(rows) as never, 500)) batches.push(batch as number[]);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 234]);
    expect(batches.flat()).toEqual(rows);
  });

  it('asks for the next batch before the reader has the current one', async () => {
    const cursor = fakeCursor(Array.from({ length: 1500 }, (_, i) => i));
    const stream = new BatchStream(cursor as never, 500);
    const readsWhenHandedOn: number[] = [];
    stream.on('data', () => readsWhenHandedOn.push(cursor.reads.length));
    await new Promise((resolve) => stream.on('end', resolve));
    // Each batch is handed on with the next one already asked for (the last read finds nothing).
    expect(readsWhenHandedOn).toEqual([2, 3, 4]);
  });

  it('a read ahead that fails before it is taken neither ends the process nor hangs: the reader gets the error', async () => {
    // In a process of its own: Node ends a process on an unhandled rejection, and Jest would not show it.
    const script = `
      const { BatchStream } = require(${JSON.stringify(join(__dirname, 'batch-stream'))});
      let reads = 0;
      const cursor = {
        read: (n) => (++reads === 2 ? Promise.reject(new Error('statement timeout')) : Promise.resolve(new Array(n).fill(0))),
        // As pg-cursor after a failed read: a close then waits for a ready-for-query that has passed.
        close: (done) => (reads >= 2 ? undefined : setImmediate(done)),
      };
      const stream = new BatchStream(cursor, 500);
      stream.on('error', (e) => console.log('error:', e.message));
      // The first batch fills the buffer and nobody reads it for a while: the failed read ahead waits untaken.
      stream.read(0);
      setTimeout(() => { console.log('reads:', reads); stream.on('data', (b) => console.log('batch:', b.length)); }, 50);
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', script],
      { cwd: join(__dirname, '../../../..'), timeout: 60_000 },
    );
    expect(stdout.trim().split('\n')).toEqual(['reads: 2', 'batch: 500', 'error: statement timeout']);
  }, 90_000);
});
