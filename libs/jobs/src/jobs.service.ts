import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import PgBoss from 'pg-boss';
import { APP_CONFIG, RUNTIME, type AppConfig, type Runtime } from '@leadpath/platform';
import { JOBS_SCHEMA, unitStatements } from '@leadpath/platform/database';
import { jobDefinition, retryPolicy, scheduleOf, type JobName } from './catalogue';
import { findJobHandlers, type FoundHandler } from './discover';
import type { DeclaredHandler, JobAttempt } from './on-job';
import { settleCompletionsOnError } from './settle-completions';

/** Where the workers run: in the API process (default) or in `npm run worker` alone. */
export const JOBS_RUN_WORKERS = Symbol('JOBS_RUN_WORKERS');

/**
 * Jobs in PostgreSQL (pg-boss), in the application's own database. A job is enqueued with
 * `enqueue(…)` in the unit of work of the change that causes it — the transactional outbox:
 * it is committed with that change or not at all. Every job is in the catalogue (`JOBS`); its
 * handler is the provider method marked `@OnJob(name)`, found once every provider exists; the
 * workers start after the application has booted, if this process runs them.
 *
 * A failed job is retried with exponential backoff (`JOB_RETRY_DELAY_SECONDS`, doubling) up to
 * `JOB_RETRY_LIMIT` times (unless its catalogue entry sets its own), then stays `failed` with its
 * last error; a job whose worker died is taken up again after `JOB_TIMEOUT_SECONDS`.
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly registrations = new Map<JobName, FoundHandler>();
  private running = false;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_RUN_WORKERS) private readonly runWorkers: boolean,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {
    const { timeoutSeconds } = config.jobs;
    settleCompletionsOnError();
    this.boss = new PgBoss({
      connectionString: runtime.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'leadpath-jobs',
      max: 3,
      // The schema is installed by a migration; a newer pg-boss may still upgrade it in place.
      migrate: true,
      // Maintenance (expiring jobs whose worker died, retention) and cron run where workers run;
      // pg-boss elects one instance for each tick, so several instances schedule a job once.
      supervise: runWorkers,
      schedule: runWorkers,
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(timeoutSeconds / 2))),
      clockMonitorIntervalSeconds: 60,
    });
    // One readable line per error: the queue's errors can carry its database client, whose JSON runs
    // to hundreds of lines. While stopping, a worker's query cut short by the stop is expected.
    this.boss.on('error', (error: Error) => {
      if (this.stopping) return;
      const { message, code } = error as Error & { code?: string };
      this.logger.error({ err: { message, code } }, 'job queue error');
    });
  }

  /** Finds the `@OnJob` handlers among the providers; a catalogued job without one stops the start. */
  onModuleInit(): void {
    const instances = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.isDependencyTreeStatic())
      .map((wrapper): unknown => wrapper.instance);
    for (const found of findJobHandlers(instances, this.scanner)) this.registrations.set(found.name, found);
  }

  /** Each job with its handler, in catalogue order. */
  handlers(): DeclaredHandler[] {
    return [...this.registrations.values()].map(({ name, handler }) => ({ name, handler }));
  }

  /**
   * Adds a job on the current unit of work's connection, so inside its transaction. A given `id`
   * is the job's identity: enqueuing it again is a no-op.
   */
  async enqueue(name: JobName, data: object, options: { id?: string; startAfter?: Date } = {}): Promise<void> {
    if (!this.registrations.has(name)) throw new Error(`job ${name} is not registered`);
    const id = await this.boss.send(name, data, {
      ...options,
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await unitStatements.run(text, values) }) },
    });
    if (id === null && options.id === undefined) throw new Error(`job ${name} was not enqueued`);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    const { timeoutSeconds } = this.config.jobs;
    for (const name of this.registrations.keys()) {
      const { retryLimit, retryDelaySeconds } = retryPolicy(jobDefinition(name), this.config.jobs);
      const queue = {
        name,
        retryLimit,
        retryDelay: retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: jobDefinition(name).timeoutSeconds ?? timeoutSeconds,
      };
      await this.boss.createQueue(name, queue);
      // createQueue keeps an existing queue as it was: settings changed since apply now.
      await this.boss.updateQueue(name, queue);
    }
    if (this.runWorkers) await this.startWorkers();
  }

  private async startWorkers(): Promise<void> {
    this.running = true;
    for (const [name, { run }] of this.registrations) {
      const cron = scheduleOf(jobDefinition(name), this.config);
      await this.boss.work(name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        try {
          await run(job.data, attemptOf(job));
        } catch (error) {
          this.logger.warn({ err: error, job: name, id: job.id, retryCount: job.retryCount }, 'job failed');
          throw error;
        }
      });
      if (cron) await this.boss.schedule(name, cron, {}, { tz: 'UTC' });
      else await this.boss.unschedule(name).catch(() => undefined);
    }
    this.logger.log(`workers started for ${this.registrations.size} queues`);
  }

  /** Runs due jobs of `name` now, in this process (tests and the CLI; the workers poll on their own). */
  async runDue(name: JobName, limit = 100): Promise<number> {
    const registration = this.registrations.get(name);
    if (!registration) throw new Error(`job ${name} is not registered`);
    let done = 0;
    while (done < limit) {
      const [job] = await this.boss.fetch<object>(name, { includeMetadata: true });
      if (!job) break;
      try {
        await registration.run(job.data, attemptOf(job));
        await this.boss.complete(name, job.id);
      } catch (error) {
        this.logger.warn({ err: error, job: name, id: job.id }, 'job failed');
        await this.boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
      }
      done++;
    }
    return done;
  }

  /** A job's state, for tests and operators. */
  async state(name: JobName, id: string): Promise<{ state: string; retryCount: number; output: unknown } | null> {
    const job = await this.boss.getJobById<object>(name, id, { includeArchive: true });
    return job ? { state: job.state, retryCount: job.retryCount, output: job.output } : null;
  }

  private stopping = false;

  async onApplicationShutdown(): Promise<void> {
    // Workers finish the job in hand (bounded by the timeout), then the pool closes.
    this.stopping = true;
    await this.boss.stop({ graceful: this.running, wait: true, timeout: 10000 });
  }
}

function attemptOf(job: PgBoss.JobWithMetadata<unknown>): JobAttempt {
  return { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit, last: job.retryCount >= job.retryLimit };
}
