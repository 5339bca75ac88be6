import { Injectable, Logger } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { OnJob } from '@leadpath/jobs';
import { Database, qb } from '@leadpath/platform/database';
import { Clock } from '@leadpath/platform/time';
import type { RetentionPreviewResponse, RetentionResponse, UpdateRetentionDto } from './dto/privacy.dto';
import { ErasureService } from './erasure.service';
import { RetentionRepository } from './retention.repository';

export const RETENTION_JOB = 'privacy.retention';

/**
 * The retention rule: an organization may have people erased once they have been deactivated for
 * more than N months (off by default). HR sets it and previews who it names; a daily job applies it.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly retention: RetentionRepository,
    private readonly erasure: ErasureService,
    private readonly clock: Clock,
  ) {}

  async update(actor: Actor, dto: UpdateRetentionDto): Promise<RetentionResponse> {
    await this.access.require(actor, Permission.RetentionManage);
    await this.retention.setErasureAfterMonths(actor.organizationId, dto.erasureAfterMonths, this.clock.now());
    await this.audit.record(actor, {
      action: 'retention.update',
      objectType: 'organization',
      objectId: actor.organizationId,
    });
    return { erasureAfterMonths: dto.erasureAfterMonths };
  }

  async preview(actor: Actor, limit: number): Promise<RetentionPreviewResponse> {
    await this.access.require(actor, Permission.RetentionManage);
    const months = await this.retention.erasureAfterMonths(actor.organizationId);
    if (months === null) return { erasureAfterMonths: null, deactivatedBefore: null, people: [], total: 0 };
    const at = this.clock.now();
    const people = await this.retention.candidates(actor.organizationId, months, at);
    return {
      erasureAfterMonths: months,
      deactivatedBefore: (await this.retention.cutoff(months, at)).toISOString(),
      total: people.length,
      people: people.slice(0, limit).map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        deactivatedAt: p.deactivated_at.toISOString(),
      })),
    };
  }

  /** Applies every organization's rule, each in its own unit of work; answers how many were erased. */
  @OnJob(RETENTION_JOB)
  async apply(): Promise<number> {
    const organizations = await this.db.system('organizations.list', () =>
      qb.selectFrom('organizations').select('id').orderBy('id').execute(),
    );
    let erased = 0;
    for (const { id } of organizations) {
      erased += await this.db.tenant(id, async () => {
        const months = await this.retention.erasureAfterMonths(id);
        if (months === null) return 0;
        const people = await this.retention.candidates(id, months, this.clock.now());
        for (const person of people) {
          await this.erasure.eraseOne(
            { organizationId: id, userId: null, requestId: null },
            person.id,
            `Retention rule: deactivated for more than ${months} months`,
          );
        }
        return people.length;
      });
    }
    if (erased) this.logger.log({ erased }, 'retention rule applied');
    return erased;
  }
}
