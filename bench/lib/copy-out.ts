import { escapeLiteral, type ClientBase, type Connection, type Submittable } from 'pg';

export interface CopyStats {
  bytes: number;
  firstByteMs: number;
  totalMs: number;
}

/**
 * `COPY … TO STDOUT` over the plain pg client, without another dependency: a submittable that
 * sends the statement and counts the CopyData messages as they arrive. The data is received
 * and dropped, which is the least any exporter has to do with it.
 */
class CopyOut implements Submittable {
  private bytes = 0;
  private firstByteAt: number | undefined;
  private readonly startedAt = performance.now();

  constructor(
    private readonly text: string,
    private readonly settle: (error: Error | undefined, stats: CopyStats) => void,
  ) {}

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    this.firstByteAt ??= performance.now();
    this.bytes += message.chunk.length;
  }

  handleReadyForQuery(): void {
    this.settle(undefined, this.stats());
  }

  handleError(error: Error): void {
    // The client forgets a query once it failed, so ReadyForQuery will not reach us: settle now.
    this.settle(error, this.stats());
  }

  // Messages of other statement kinds; a COPY produces none of them.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}

  private stats(): CopyStats {
    const now = performance.now();
    return {
      bytes: this.bytes,
      firstByteMs: (this.firstByteAt ?? now) - this.startedAt,
      totalMs: now - this.startedAt,
    };
  }
}

export function copyOut(client: ClientBase, sql: string): Promise<CopyStats> {
  return new Promise((resolve, reject) => {
    client.query(
      new CopyOut(`COPY (${sql}) TO STDOUT (FORMAT csv, HEADER)`, (error, stats) =>
        error ? reject(error) : resolve(stats),
      ),
    );
  });
}

/**
 * COPY takes no bind parameters, so the values go in as SQL literals (quoted by pg's own
 * escaping): `$n` becomes the literal of `params[n - 1]`, NULL, or an array literal.
 */
export function inlineParameters(sql: string, params: unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

/** The parameters READINESS_SQL takes are strings (ids, timestamps, filters), arrays of them, or NULL. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return escapeLiteral(`{${value.map((v) => `"${scalar(v)}"`).join(',')}}`);
  return escapeLiteral(scalar(value));
}

function scalar(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`cannot inline a parameter of type ${typeof value}`);
}
