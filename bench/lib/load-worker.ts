/**
 * The load generator, in a process of its own so that its CPU time is never counted as the
 * server's (nor the other way round). The runner forks it once and sends it one job at a time;
 * each job is an autocannon run whose connections share one rotation through the request list,
 * so concurrent requests touch different mentees and managers as real traffic would.
 */
import autocannon, { type RequestData } from 'autocannon';

export interface LoadJob {
  id: number;
  url: string;
  connections: number;
  durationSeconds: number;
  requests: RequestData[];
}

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  errors: number;
  statusCodes: Record<string, number>;
}

export type LoadReply = { id: number; result: LoadResult } | { id: number; error: string };

async function run(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationSeconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => ({ ...request, ...job.requests[next++ % job.requests.length] }),
      },
    ],
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes,
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ id: job.id, result } satisfies LoadReply),
    (error: unknown) => process.send?.({ id: job.id, error: String(error) } satisfies LoadReply),
  );
});
// Never outlive the runner: when the IPC channel closes, so does this process.
process.on('disconnect', () => process.exit(0));
