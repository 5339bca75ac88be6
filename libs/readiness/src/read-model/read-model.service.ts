import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database, DomainEvents, qb, ReadinessInputs } from '@leadpath/platform/database';
import { ReadModelRepository, type LevelChange } from './read-model.repository';

/** A drain stops after this many batches per organization, so a flood of changes cannot starve the others. */
const MAX_BATCHES_PER_ORGANIZATION = 1000;

/**
 * Keeps the readiness read model equal to the definition. Writes refresh their mentees in their
 * own transaction (ReadinessInputs); organization-wide changes and expired rows are recomputed
 * here, in batches, each batch one tenant unit of work. Work is claimed with SKIP LOCKED, so any
 * number of API instances may run this loop against one database: each row is taken once.
 */
@Injectable()
export class ReadModelService extends ReadinessInputs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReadinessReadModel');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly model: ReadModelRepository,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async menteesChanged(organizationId: string, menteeIds: string[]): Promise<void> {
    await this.levelsMoved(organizationId, await this.model.refresh(organizationId, menteeIds));
  }

  async userChanged(organizationId: string, userId: string): Promise<void> {
    await this.levelsMoved(organizationId, await this.model.refreshUser(organizationId, userId));
  }

  /** A level that moved is an event for integrations, published in the transaction that moved it. */
  private levelsMoved(organizationId: string, changes: LevelChange[]): Promise<void> {
    return this.events.publish(
      organizationId,
      ...changes.map((c) => ({
        type: 'readiness.level_changed' as const,
        menteeId: c.menteeId,
        data: { from: c.from, to: c.to, score: c.score },
      })),
    );
  }

  organizationChanged(organizationId: string): Promise<void> {
    return this.model.invalidate(organizationId);
  }

  /**
   * Recomputes every pending row of every organization, then resolves with how many rows it
   * recomputed. Tests call it to run the background work deterministically; `at` stands for the
   * clock. A drain already in progress is joined rather than run twice.
   */
  drain(at?: Date): Promise<number> {
    if (at) return this.drainOnce(at);
    this.running ??= this.drainOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drainOnce(at?: Date): Promise<number> {
    let total = 0;
    // The one cross-organization step is the list; each organization's work is its own tenant unit of work.
    const organizations = await this.db.system('organizations.list', () =>
      qb.selectFrom('organizations').select('id').orderBy('id').execute(),
    );
    const limit = this.config.readinessRecomputeBatch;
    for (const { id } of organizations) {
      // Batches walk the organization's rows in mentee order; a row that turns pending behind the
      // walk is picked up by the next drain.
      let after: string | undefined;
      for (let batch = 0; batch < MAX_BATCHES_PER_ORGANIZATION && !this.stopped; batch++) {
        const done = await this.db.tenant(id, async () => {
          const { menteeIds, changes } = await this.model.recomputeBatch(id, limit, at, after);
          await this.levelsMoved(id, changes);
          return menteeIds;
        });
        total += done.length;
        if (done.length === 0) break;
        after = done.at(-1);
      }
    }
    return total;
  }

  onApplicationBootstrap(): void {
    const interval = this.config.readinessRecomputeIntervalMs;
    if (interval === 0) return;
    const tick = () => {
      this.drain()
        .catch((error: unknown) => this.logger.warn(`readiness recompute failed: ${String(error)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, interval).unref();
        });
    };
    this.timer = setTimeout(tick, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
