import { Injectable, Logger } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService, type AuditActor } from '@leadpath/audit';
import { Database, qb } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { Clock } from '@leadpath/platform/time';
import type { EraseUserDto, ErasureResponse } from './dto/privacy.dto';
import { ERASED_NAME } from './erasure-registry';
import { ErasureRepository, erasedEmail } from './erasure.repository';

/**
 * Erasure (GDPR Art. 17): the registry's rules run for one person in one transaction, the account
 * is closed, the request and its reason recorded, the erasure logged (ids and times only) so that
 * a restore from an older backup can erase the person again (`reapplyErasureLog`).
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly erasure: ErasureRepository,
    private readonly clock: Clock,
  ) {}

  async erase(actor: Actor, userId: string, dto: EraseUserDto): Promise<ErasureResponse> {
    await this.access.require(actor, Permission.SubjectErase, userId);
    if (userId === actor.userId) throw DomainError.conflict('You cannot erase yourself: another HR admin can');
    return this.eraseOne(actor, userId, dto.reason);
  }

  /** Erases one person in the caller's unit of work; `actor.userId` null for the retention job. */
  async eraseOne(actor: AuditActor, userId: string, reason: string): Promise<ErasureResponse> {
    const organizationId = actor.organizationId;
    if (await this.erasure.isErased(organizationId, userId))
      throw DomainError.conflict('This person is erased already');
    const subject = await this.erasure.subject(organizationId, userId);
    if (!subject) throw DomainError.notFound('User');
    const at = this.clock.now();
    const requestId = await this.erasure.recordRequest(organizationId, {
      kind: 'erasure',
      userId,
      requestedBy: actor.userId,
      reason,
    });
    await this.erasure.erase(subject, at);
    await this.erasure.log(organizationId, userId, at);
    await this.audit.record(
      actor,
      { action: actor.userId ? 'subject.erase' : 'retention.erase', objectType: 'user', objectId: userId },
      { action: 'subject.erase', objectType: 'subject_request', objectId: requestId },
    );
    return { userId, erasedAt: at.toISOString(), requestId };
  }
}

/**
 * Erases again everyone in every organization's erasure log: after a restore from a backup taken
 * before an erasure, the person's rows are back, and this takes them out again. Each organization
 * in its own unit of work; answers how many people were erased again. The restore calls it once the
 * migrations have run; running it twice changes nothing more.
 */
export async function reapplyErasureLog(db: Database, at: Date = new Date()): Promise<number> {
  const logger = new Logger('Erasure');
  const repository = new ErasureRepository();
  const organizations = await db.system('organizations.list', () =>
    qb.selectFrom('organizations').select('id').orderBy('id').execute(),
  );
  let n = 0;
  for (const { id } of organizations) {
    n += await db.tenant(id, async () => {
      let here = 0;
      for (const { user_id } of await repository.logged(id)) {
        const subject = await repository.subject(id, user_id);
        if (!subject) continue;
        const restored = subject.name !== ERASED_NAME || subject.email !== erasedEmail(user_id) || subject.menteeId;
        await repository.erase(subject, at);
        if (!restored) continue;
        here++;
        await qb
          .insertInto('audit_events')
          .values({
            organization_id: id,
            actor_id: null,
            action: 'subject.erase_reapplied',
            object_type: 'user',
            object_id: user_id,
            outcome: 'success',
            request_id: null,
          })
          .execute();
      }
      return here;
    });
  }
  logger.log({ erasedAgain: n }, 'erasure log re-applied');
  return n;
}
