import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { isTimeZone } from '@leadpath/notifications';
import { Database, isUniqueViolation, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import type {
  CompetencyResponse,
  CreateCompetencyDto,
  CreateMilestoneTemplateDto,
  FrameworkResponse,
  MilestoneTemplateResponse,
  SettingsResponse,
  UpdateCompetencyDto,
  UpdateMilestoneTemplateDto,
  UpdateSettingsDto,
} from './dto/framework.dto';
import {
  FrameworkRepository,
  type CompetencyRow,
  type MilestoneTemplateRow,
  type SettingsRow,
} from './framework.repository';
import { PHASE_DEFINITIONS } from './phases';

@Injectable()
export class FrameworkService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly framework: FrameworkRepository,
    private readonly readiness: ReadinessInputs,
  ) {}

  async get(actor: Actor, includeRetired = false): Promise<FrameworkResponse> {
    await this.access.require(actor, Permission.FrameworkRead);
    const [competencies, milestones, settings] = await Promise.all([
      this.framework.competencies(actor.organizationId, includeRetired),
      this.framework.milestoneTemplates(actor.organizationId, includeRetired),
      this.framework.settings(actor.organizationId),
    ]);
    return {
      phases: PHASE_DEFINITIONS.map((p) => ({ ...p })),
      competencies: competencies.map(toCompetencyResponse),
      milestoneTemplates: milestones.map(toMilestoneTemplateResponse),
      settings: toSettingsResponse(settings),
    };
  }

  async createCompetency(actor: Actor, dto: CreateCompetencyDto): Promise<CompetencyResponse> {
    await this.access.require(actor, Permission.FrameworkManage);
    const position = dto.position ?? (await this.framework.nextPosition(actor.organizationId, 'competencies'));
    const created = await this.framework
      .insertCompetency(actor.organizationId, {
        key: dto.key,
        name: dto.name,
        description: dto.description ?? '',
        category: dto.category ?? 'core',
        position,
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? DomainError.conflict(`A competency with key ${dto.key} exists`) : error;
      });
    await this.readiness.organizationChanged(actor.organizationId);
    await this.audit.record(actor, {
      action: 'competency.create',
      objectType: 'competency',
      objectId: created.id,
    });
    return toCompetencyResponse(created);
  }

  async updateCompetency(actor: Actor, id: string, dto: UpdateCompetencyDto): Promise<CompetencyResponse> {
    await this.access.require(actor, Permission.FrameworkManage);
    const updated = await this.framework.updateCompetency(actor.organizationId, id, dto);
    if (!updated) throw DomainError.notFound('Competency');
    await this.readiness.organizationChanged(actor.organizationId);
    const action = dto.retired === true ? 'competency.retire' : 'competency.update';
    await this.audit.record(actor, { action, objectType: 'competency', objectId: id });
    return toCompetencyResponse(updated);
  }

  async createMilestoneTemplate(actor: Actor, dto: CreateMilestoneTemplateDto): Promise<MilestoneTemplateResponse> {
    await this.access.require(actor, Permission.FrameworkManage);
    const position =
      dto.position ?? (await this.framework.nextPosition(actor.organizationId, 'milestone_templates', dto.phase));
    const created = await this.framework
      .insertMilestoneTemplate(actor.organizationId, {
        key: dto.key,
        phase: dto.phase,
        title: dto.title,
        description: dto.description ?? '',
        required: dto.required ?? true,
        position,
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? DomainError.conflict(`A milestone with key ${dto.key} exists`) : error;
      });
    await this.readiness.organizationChanged(actor.organizationId);
    await this.audit.record(actor, {
      action: 'milestone_template.create',
      objectType: 'milestone_template',
      objectId: created.id,
    });
    return toMilestoneTemplateResponse(created);
  }

  async updateMilestoneTemplate(
    actor: Actor,
    id: string,
    dto: UpdateMilestoneTemplateDto,
  ): Promise<MilestoneTemplateResponse> {
    await this.access.require(actor, Permission.FrameworkManage);
    const updated = await this.framework.updateMilestoneTemplate(actor.organizationId, id, dto);
    if (!updated) throw DomainError.notFound('Milestone template');
    await this.readiness.organizationChanged(actor.organizationId);
    const action = dto.retired === true ? 'milestone_template.retire' : 'milestone_template.update';
    await this.audit.record(actor, { action, objectType: 'milestone_template', objectId: id });
    return toMilestoneTemplateResponse(updated);
  }

  async updateSettings(actor: Actor, dto: UpdateSettingsDto): Promise<SettingsResponse> {
    await this.access.require(actor, Permission.FrameworkManage);
    if (dto.weights) {
      const { milestones, competencies, goals } = dto.weights;
      // Compare in thousandths: the weights have at most three decimals.
      if (Math.round(milestones * 1000) + Math.round(competencies * 1000) + Math.round(goals * 1000) !== 1000) {
        throw new DomainError(ErrorCode.Validation, 'weights must sum to 1', [
          { field: 'weights', messages: ['weights.milestones + weights.competencies + weights.goals must equal 1'] },
        ]);
      }
    }
    // The pattern is checked by the DTO; whether the runtime knows the zone, here.
    if (dto.timeZone !== undefined && !isTimeZone(dto.timeZone)) {
      throw DomainError.invalid('timeZone', 'timeZone must be an IANA time zone name, such as Europe/Berlin');
    }
    const updated = await this.framework.updateSettings(actor.organizationId, dto);
    await this.readiness.organizationChanged(actor.organizationId);
    await this.audit.record(actor, {
      action: 'settings.update',
      objectType: 'organization',
      objectId: actor.organizationId,
    });
    return toSettingsResponse(updated);
  }
}

export function toCompetencyResponse(row: CompetencyRow): CompetencyResponse {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    category: row.category,
    position: row.position,
    retired: row.retired_at !== null,
    retiredAt: row.retired_at?.toISOString() ?? null,
  };
}

export function toMilestoneTemplateResponse(row: MilestoneTemplateRow): MilestoneTemplateResponse {
  return {
    id: row.id,
    key: row.key,
    phase: row.phase,
    title: row.title,
    description: row.description,
    required: row.required,
    position: row.position,
    retired: row.retired_at !== null,
    retiredAt: row.retired_at?.toISOString() ?? null,
  };
}

export function toSettingsResponse(row: SettingsRow): SettingsResponse {
  return {
    weights: {
      milestones: Number(row.weight_milestones),
      competencies: Number(row.weight_competencies),
      goals: Number(row.weight_goals),
    },
    staleFeedbackDays: row.stale_feedback_days,
    ledFeedbackThreshold: row.led_feedback_threshold,
    ledVoiceWeight: Number(row.led_voice_weight),
    feedbackRequestsPerDay: row.feedback_requests_per_day,
    timeZone: row.time_zone,
    minGroupSize: row.min_group_size,
    useCalibratedMeans: row.use_calibrated_means,
  };
}
