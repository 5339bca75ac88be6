import { resolve } from 'node:path';

export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Set when an external PostgreSQL is used; unset means the embedded server. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Undefined outside production until the data folder supplies a generated one. */
  readonly jwtSecret: string | undefined;
  readonly accessTokenTtlSeconds: number;
  /** Absolute lifetime of a browser session, however often it is refreshed. */
  readonly refreshTokenTtlSeconds: number;
  readonly signupEnabled: boolean;
  readonly demoData: boolean;
  readonly logLevel: string;
  /** `pretty`: one readable line per request (development); `json`: one JSON object per line. */
  readonly logFormat: 'pretty' | 'json';
  readonly trustProxy: boolean;
  readonly bodyLimitBytes: number;
  /** How long a client may take to send its headers, and its whole request (body included). */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly dbPoolSize: number;
  readonly dbStatementTimeoutMs: number;
  /** A streamed export's statement timeout: it reads a whole organization, longer than a request. */
  readonly exportStatementTimeoutMs: number;
  /** How often the background readiness recompute looks for pending rows; 0 turns it off. */
  readonly readinessRecomputeIntervalMs: number;
  /** Mentees recomputed per transaction by the background recompute. */
  readonly readinessRecomputeBatch: number;
  /** How long readiness answers 503 before the server stops accepting, so a load balancer can drain it. */
  readonly shutdownDelayMs: number;
  readonly login: {
    maxFailuresPerAccount: number;
    maxAttemptsPerClient: number;
    maxFailuresPerClient: number;
    maxSignupsPerClient: number;
    windowSeconds: number;
  };
  /** API requests per window, per client address and per signed-in user (counted per instance). */
  readonly rateLimit: { perAddress: number; perUser: number; windowSeconds: number };
  /** Where links in e-mails point: the address people open Leadpath at. */
  readonly publicUrl: string;
  readonly mail: { smtpUrl: string | undefined; from: string };
  readonly jobs: { inProcess: boolean; retryLimit: number; retryDelaySeconds: number; timeoutSeconds: number };
  readonly webhooks: {
    /** `host` or `host:port` entries a webhook may reach although they resolve to a private address. */
    allowedHosts: readonly string[];
    timeoutMs: number;
    /** The first retry's delay; each next one doubles, up to six hours. */
    retryDelaySeconds: number;
    maxAttempts: number;
  };
  /** Encrypts stored secrets (SSO client secrets); unset: generated once in the data folder. */
  readonly secretsKey: string | undefined;
  readonly backup: {
    /** Where `npm run backup` and the scheduled backup write: `BACKUP_DIR`, else `<data folder>/backups`. */
    dir: string;
    /** When the scheduled backup runs (cron, UTC); undefined when `BACKUP_SCHEDULE=off`. */
    schedule: string | undefined;
    /** How many of the newest backups are kept; older ones are deleted after a new one is verified. */
    keep: number;
  };
  readonly sso: {
    /** Origins (`http://127.0.0.1:4397`) whose provider may be plain http and on an internal address. */
    allowedInsecureIssuers: readonly string[];
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads and validates the whole environment once. Every problem is collected so that one
 * failed start names every bad variable, not just the first.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters long');
  }
  if (production && jwtSecret === undefined) {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const logFormat = env.LOG_FORMAT ?? (nodeEnv === 'development' ? 'pretty' : 'json');
  if (logFormat !== 'pretty' && logFormat !== 'json') {
    problems.push(`LOG_FORMAT must be pretty or json (got "${logFormat}")`);
  }

  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  }
  const mailFrom = env.MAIL_FROM || 'Leadpath <no-reply@leadpath.invalid>';
  if (!/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(mailFrom)) {
    problems.push('MAIL_FROM must be an address, optionally with a name: "Leadpath <no-reply@example.com>"');
  }
  const port = int('PORT', 3000, 0, 65535);
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl)) {
    problems.push('PUBLIC_URL must be an http:// or https:// URL');
  }

  const allowedHosts = (env.WEBHOOK_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  for (const host of allowedHosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)) {
      problems.push(`WEBHOOK_ALLOWED_HOSTS must list host or host:port entries, comma separated (got "${host}")`);
    }
  }

  const secretsKey = env.SECRETS_KEY || undefined;
  if (secretsKey !== undefined && secretsKey.length < 32) {
    problems.push('SECRETS_KEY must be at least 32 characters long');
  }
  const insecureIssuers: string[] = [];
  for (const entry of (env.SSO_ALLOWED_INSECURE_ISSUERS ?? '').split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if (/^https?:$/.test(url.protocol) && `${url.origin}` === entry.replace(/\/+$/, '')) origin = url.origin;
    } catch {
      origin = undefined;
    }
    if (origin === undefined) {
      problems.push(
        `SSO_ALLOWED_INSECURE_ISSUERS must list origins such as http://127.0.0.1:4397, comma separated (got "${entry}")`,
      );
    } else insecureIssuers.push(origin);
  }

  const scheduleRaw = (env.BACKUP_SCHEDULE ?? '').trim() || '0 3 * * *';
  const backupSchedule = scheduleRaw.toLowerCase() === 'off' ? undefined : scheduleRaw;
  if (backupSchedule !== undefined && !isCron(backupSchedule)) {
    problems.push(
      `BACKUP_SCHEDULE must be a cron expression of five fields such as "0 3 * * *", or off (got "${scheduleRaw}")`,
    );
  }
  const dataDir = resolve(env.LEADPATH_DATA_DIR || './.data');

  const config: AppConfig = {
    nodeEnv,
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir,
    jwtSecret,
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
    refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 86400),
    signupEnabled: bool('SIGNUP_ENABLED', !production),
    demoData: bool('DEMO_DATA', databaseUrl === undefined),
    logLevel,
    logFormat: logFormat as AppConfig['logFormat'],
    trustProxy: bool('TRUST_PROXY', false),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 256 * 1024, 1024, 50 * 1024 * 1024),
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 10000, 500, 600000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30000, 500, 600000),
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 200),
    dbStatementTimeoutMs: int('DB_STATEMENT_TIMEOUT_MS', 15000, 100, 3600000),
    exportStatementTimeoutMs: int('EXPORT_STATEMENT_TIMEOUT_MS', 300000, 100, 3600000),
    readinessRecomputeIntervalMs: int('READINESS_RECOMPUTE_INTERVAL_MS', 2000, 0, 3600000),
    readinessRecomputeBatch: int('READINESS_RECOMPUTE_BATCH', 500, 1, 100000),
    shutdownDelayMs: int('SHUTDOWN_DELAY_MS', 0, 0, 60000),
    login: {
      maxFailuresPerAccount: int('LOGIN_MAX_FAILURES', 5, 1, 1000),
      maxAttemptsPerClient: int('LOGIN_MAX_ATTEMPTS_PER_CLIENT', 100, 1, 100000),
      maxFailuresPerClient: int('LOGIN_MAX_FAILURES_PER_CLIENT', 20, 1, 100000),
      maxSignupsPerClient: int('SIGNUP_MAX_PER_CLIENT', 10, 1, 100000),
      windowSeconds: int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    },
    rateLimit: {
      perAddress: int('RATE_LIMIT_PER_ADDRESS', 3000, 1, 1_000_000_000),
      perUser: int('RATE_LIMIT_PER_USER', 600, 1, 1_000_000_000),
      windowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86400),
    },
    publicUrl,
    mail: { smtpUrl, from: mailFrom },
    jobs: {
      inProcess: bool('JOBS_IN_PROCESS', true),
      retryLimit: int('JOB_RETRY_LIMIT', 5, 0, 100),
      retryDelaySeconds: int('JOB_RETRY_DELAY_SECONDS', 30, 1, 86400),
      timeoutSeconds: int('JOB_TIMEOUT_SECONDS', 300, 2, 86400),
    },
    webhooks: {
      allowedHosts,
      timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10000, 100, 60000),
      retryDelaySeconds: int('WEBHOOK_RETRY_DELAY_SECONDS', 30, 1, 86400),
      maxAttempts: int('WEBHOOK_MAX_ATTEMPTS', 15, 1, 100),
    },
    secretsKey,
    backup: {
      dir: resolve(env.BACKUP_DIR || `${dataDir}/backups`),
      schedule: backupSchedule,
      keep: int('BACKUP_KEEP', 14, 1, 10000),
    },
    sso: { allowedInsecureIssuers: insecureIssuers },
  };
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    problems.push('HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (the headers are part of the request)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** Five cron fields of numbers, ranges, lists, steps and `*` (what pg-boss's schedule accepts, less names). */
function isCron(value: string): boolean {
  const fields = value.split(/\s+/);
  return fields.length === 5 && fields.every((f) => /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/.test(f));
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
