import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { NotificationsService } from '@leadpath/notifications';
import { Database, DomainEvents, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { toIso } from '@leadpath/platform/http';
import type {
  MilestoneListResponse,
  MilestoneQueryDto,
  MilestoneResponse,
  RecordMilestoneDto,
} from './dto/milestone.dto';
import { MilestonesRepository, type MilestoneRow } from './milestones.repository';

@Injectable()
export class MilestonesService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly milestones: MilestonesRepository,
    private readonly readiness: ReadinessInputs,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
  ) {}

  async list(actor: Actor, menteeId: string, query: MilestoneQueryDto): Promise<MilestoneListResponse> {
    await this.access.require(actor, Permission.MilestoneRead, menteeId);
    const phase = query.phase ?? (await this.milestones.menteePhase(actor.organizationId, menteeId));
    if (!phase) throw DomainError.notFound('Mentee');
    const rows = await this.milestones.forPhase(actor.organizationId, menteeId, phase);
    return { phase, items: rows.map(toMilestoneResponse), nextCursor: null };
  }

  async record(
    actor: Actor,
    menteeId: string,
    templateId: string,
    dto: RecordMilestoneDto,
  ): Promise<MilestoneResponse> {
    await this.access.require(actor, Permission.MilestoneRecord, menteeId);
    if (!(await this.milestones.activeTemplate(actor.organizationId, templateId))) {
      throw DomainError.notFound('Milestone template');
    }
    const id = await this.milestones.record(actor.organizationId, {
      menteeId,
      templateId,
      status: dto.status,
      text: dto.evidence?.text || null,
      links: dto.evidence?.links ?? [],
      by: actor.userId,
    });
    if (!id) throw DomainError.conflict('This milestone is verified; an HR admin must revoke the verification first');
    await this.readiness.menteesChanged(actor.organizationId, [menteeId]);
    await this.audit.record(actor, {
      action: 'milestone.record',
      objectType: 'mentee_milestone',
      objectId: id,
    });
    return this.one(actor, menteeId, templateId);
  }

  async verify(actor: Actor, menteeId: string, templateId: string): Promise<MilestoneResponse> {
    await this.access.require(actor, Permission.MilestoneVerify, menteeId);
    // A retired template takes no new records, and no new verifications either.
    if (!(await this.milestones.activeTemplate(actor.organizationId, templateId))) {
      throw DomainError.notFound('Milestone template');
    }
    const current = await this.milestones.one(actor.organizationId, menteeId, templateId);
    if (!current) throw DomainError.notFound('Milestone template');
    const id = await this.milestones.verify(actor.organizationId, menteeId, templateId, actor.userId);
    if (!id) {
      throw DomainError.conflict(
        current.verified_at ? 'This milestone is already verified' : 'Only a completed milestone can be verified',
      );
    }
    await this.readiness.menteesChanged(actor.organizationId, [menteeId]);
    await this.audit.record(actor, {
      action: 'milestone.verify',
      objectType: 'mentee_milestone',
      objectId: id,
    });
    await this.notifications.nudgeMentee(actor, menteeId, 'milestone_verified', id);
    await this.events.publish(actor.organizationId, {
      type: 'milestone.verified',
      menteeId,
      data: { milestoneId: id, templateId, key: current.key, verifiedBy: actor.userId },
    });
    return this.one(actor, menteeId, templateId);
  }

  async revoke(actor: Actor, menteeId: string, templateId: string, reason: string): Promise<MilestoneResponse> {
    await this.access.require(actor, Permission.MilestoneRevoke, menteeId);
    const current = await this.milestones.one(actor.organizationId, menteeId, templateId);
    if (!current) throw DomainError.notFound('Milestone template');
    const id = await this.milestones.revoke(actor.organizationId, menteeId, templateId, actor.userId, reason);
    if (!id) throw DomainError.conflict('This milestone is not verified');
    await this.readiness.menteesChanged(actor.organizationId, [menteeId]);
    await this.audit.record(actor, {
      action: 'milestone.revoke',
      objectType: 'mentee_milestone',
      objectId: id,
    });
    await this.notifications.nudgeMentee(actor, menteeId, 'milestone_revoked', id);
    await this.events.publish(actor.organizationId, {
      type: 'milestone.revoked',
      menteeId,
      data: { milestoneId: id, templateId, key: current.key, revokedBy: actor.userId },
    });
    return this.one(actor, menteeId, templateId);
  }

  private async one(actor: Actor, menteeId: string, templateId: string): Promise<MilestoneResponse> {
    const row = await this.milestones.one(actor.organizationId, menteeId, templateId);
    if (!row) throw DomainError.notFound('Milestone template');
    return toMilestoneResponse(row);
  }
}

export function toMilestoneResponse(row: MilestoneRow): MilestoneResponse {
  return {
    templateId: row.template_id,
    key: row.key,
    phase: row.phase,
    title: row.title,
    description: row.description,
    required: row.required,
    status: row.status ?? 'not_started',
    verified: row.verified_at !== null,
    evidence: row.record_id ? { text: row.evidence_text, links: row.evidence_links ?? [] } : null,
    recordedBy: row.recorded_by,
    recordedAt: toIso(row.recorded_at),
    verifiedBy: row.verified_by,
    verifiedByName: row.verified_by_name,
    verifiedAt: toIso(row.verified_at),
    revokedAt: toIso(row.revoked_at),
    revokeReason: row.revoke_reason,
    // The journey query builds its milestones without them; the milestone views always have them.
    assignments: (row.assignments ?? []).map((a) => ({ ...a, hasResults: a.answers >= a.threshold })),
  };
}
