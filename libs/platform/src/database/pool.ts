import type { PoolConfig } from 'pg';

export interface PoolSettings {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/** Provides Database with its pool's settings; PlatformModule keeps it to itself (no one else gets a pool). */
export const POOL_CONFIG = Symbol('POOL_CONFIG');

/** How Leadpath connects to PostgreSQL: the API's pool and the migrations' data source alike. */
export function poolConfig(settings: PoolSettings): PoolConfig {
  return {
    connectionString: settings.url,
    max: settings.poolSize ?? 10,
    // How long a request may wait for a free connection under load. An unreachable database
    // still fails at once: a refused connection does not wait for this.
    connectionTimeoutMillis: 10000,
    statement_timeout: settings.statementTimeoutMs ?? 15000,
    idle_in_transaction_session_timeout: 30000,
    application_name: settings.applicationName ?? 'leadpath',
    // No JIT compilation: PostgreSQL compiles a plan to machine code when its estimated cost is
    // high (an organization-wide summary or a recompute batch of a large organization), and the
    // compiling takes longer than the execution it speeds up (4.2 s of a 7.2 s summary at
    // 10,000 mentees). Every statement here is short or streams rows from an index.
    //
    // Plans stay PostgreSQL's choice (plan_cache_mode auto): forcing generic plans for the
    // prepared statements cut one mentee's readiness on the benchmark (54 → 16 ms on a loaded
    // machine) but made the readiness property test, with many small organizations, 1.8× slower
    // (11.9 s against 6.6 s), and a generic plan cannot adapt to an organization's size. See
    // docs/SCALING.md, "Plan once".
    options: '-c jit=off',
  };
}
