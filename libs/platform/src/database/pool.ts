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
    // Generic plans for prepared statements: every statement with parameters is prepared once per
    // connection (database.service.ts), and with the default plan_cache_mode PostgreSQL keeps
    // planning the readiness definition afresh on every call (a custom plan looks cheaper for one
    // mentee than the generic one, so it never switches), which was most of its cost: 54 → 16 ms
    // for one mentee on a loaded machine, with the same plan shape. Statements without parameters
    // and those run unnamed are planned per call as before; the recompute's batches of 500 cost the
    // same either way.
    options: '-c jit=off -c plan_cache_mode=force_generic_plan',
  };
}
