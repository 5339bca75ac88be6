import { Readable } from 'node:stream';
import type Cursor from 'pg-cursor';

/**
 * A cursor's rows as a stream of batches, each batch asked of PostgreSQL before the one before it
 * is handed on: the database computes batch n + 1 while Node formats batch n, so a large export
 * costs about the larger of the two rather than their sum. (A plain cursor stream asks for the
 * next batch only once the last one has been consumed, and the two take turns.)
 */
export class BatchStream<R> extends Readable {
  private next: Promise<R[]> | undefined;
  /** A read failed: the cursor has given up its portal, and `close` would wait for nothing. */
  private failed = false;

  constructor(
    private readonly cursor: Cursor<R>,
    private readonly batchSize: number,
  ) {
    // One batch handed on and one being read ahead: memory stays at two batches.
    super({ objectMode: true, highWaterMark: 1 });
  }

  /**
   * Asks for the next batch. Its failure (a statement timeout while the reader is slow) is handled
   * when `_read` takes the batch; until then it must not count as an unhandled rejection, which
   * would end the process.
   */
  private readAhead(): Promise<R[]> {
    const batch = this.cursor.read(this.batchSize);
    batch.catch(() => (this.failed = true));
    return batch;
  }

  override _read(): void {
    const batch = this.next ?? this.cursor.read(this.batchSize);
    this.next = undefined;
    batch.then(
      (rows) => {
        if (this.destroyed) return;
        if (rows.length === 0) {
          this.push(null);
          return;
        }
        if (rows.length === this.batchSize) this.next = this.readAhead();
        this.push(rows);
        if (rows.length < this.batchSize) this.push(null);
      },
      (error: unknown) => {
        this.failed = true;
        this.destroy(error as Error);
      },
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // After a failed read, pg-cursor has already ended its portal and synced; its `close` would
    // wait for a ready-for-query that has passed (when the read ahead failed before it was taken),
    // and the stream would never report the error. The caller drops the connection in any case.
    if (this.failed) {
      callback(error);
      return;
    }
    // An outstanding read ahead settles with the close; its rows are dropped.
    this.cursor.close(() => callback(error));
  }
}
