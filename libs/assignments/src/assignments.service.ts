import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService, type AuditAction } from '@leadpath/audit';
import { FrameworkRepository } from '@leadpath/framework';
import { Database, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { DEFAULT_LIMIT, decodeCursor, toIso, toPage, type Page } from '@leadpath/platform/http';
import type {
  AssignmentQueryDto,
  AssignmentResponse,
  CreateAssignmentDto,
  UpdateAssignmentDto,
} from './dto/assignment.dto';
import type { AssignmentStatus } from './entities/assignment.entity';
import { AssignmentsRepository, type AssignmentRow } from './assignments.repository';

const NEXT_STATUS: Record<AssignmentStatus, AssignmentStatus | null> = {
  planned: 'active',
  active: 'completed',
  completed: null,
};

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly assignments: AssignmentsRepository,
    private readonly framework: FrameworkRepository,
    private readonly readiness: ReadinessInputs,
  ) {}

  async create(actor: Actor, menteeId: string, dto: CreateAssignmentDto): Promise<AssignmentResponse> {
    await this.access.require(actor, Permission.AssignmentCreate, menteeId);
    if (dto.endsOn !== undefined && dto.endsOn < dto.startsOn)
      throw DomainError.invalid('endsOn', 'endsOn must not be before startsOn');
    await this.requireCompetencies(actor.organizationId, dto.competencies);
    if (dto.milestoneTemplateId !== undefined)
      await this.requireTemplate(actor.organizationId, dto.milestoneTemplateId);
    const id = await this.assignments.insert(actor.organizationId, {
      menteeId,
      title: dto.title,
      kind: dto.kind,
      description: dto.description || null,
      competencies: dto.competencies,
      milestoneTemplateId: dto.milestoneTemplateId ?? null,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn ?? null,
      by: actor.userId,
    });
    await this.audit.record(actor, { action: 'assignment.create', objectType: 'assignment', objectId: id });
    return this.load(actor.organizationId, id);
  }

  async list(actor: Actor, menteeId: string, query: AssignmentQueryDto): Promise<Page<AssignmentResponse>> {
    await this.access.require(actor, Permission.AssignmentList, menteeId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.assignments.list(
      actor.organizationId,
      menteeId,
      query.status,
      limit,
      decodeCursor(query.cursor),
    );
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toAssignmentResponse);
  }

  async get(actor: Actor, id: string): Promise<AssignmentResponse> {
    await this.access.require(actor, Permission.AssignmentRead, id);
    return this.load(actor.organizationId, id);
  }

  async update(actor: Actor, id: string, dto: UpdateAssignmentDto): Promise<AssignmentResponse> {
    await this.access.require(actor, Permission.AssignmentUpdate, id);
    const current = await this.assignments.lock(actor.organizationId, id);
    if (!current) throw DomainError.notFound('Assignment');
    if (dto.status !== undefined && dto.status !== current.status && NEXT_STATUS[current.status] !== dto.status) {
      throw DomainError.conflict(
        `An assignment moves planned → active → completed one step at a time; this one is ${current.status}`,
      );
    }
    if (dto.competencies !== undefined) {
      // The people asked answered about these competencies; changing them would mix answers to different questions.
      if (current.requested > 0) throw DomainError.conflict('Competencies are fixed once feedback has been requested');
      await this.requireCompetencies(actor.organizationId, dto.competencies);
    }
    if (dto.milestoneTemplateId) await this.requireTemplate(actor.organizationId, dto.milestoneTemplateId);
    const startsOn = dto.startsOn ?? current.starts_on;
    const endsOn = dto.endsOn === undefined ? current.ends_on : dto.endsOn;
    if (endsOn !== null && endsOn < startsOn) throw DomainError.invalid('endsOn', 'endsOn must not be before startsOn');
    await this.assignments.update(actor.organizationId, id, {
      ...dto,
      description: dto.description === undefined ? undefined : dto.description || null,
    });
    // Completing an assignment can bring its answers into the mentee's readiness.
    await this.readiness.menteesChanged(actor.organizationId, [current.mentee_id]);
    const action: AuditAction =
      dto.status && dto.status !== current.status ? `assignment.${dto.status}` : 'assignment.update';
    await this.audit.record(actor, { action, objectType: 'assignment', objectId: id });
    return this.load(actor.organizationId, id);
  }

  private async requireCompetencies(organizationId: string, keys: string[]): Promise<void> {
    const unknown = await this.framework.unknownCompetencies(organizationId, keys);
    if (unknown.length > 0)
      throw DomainError.invalid(
        'competencies',
        `${unknown.join(', ')} is not an active competency of this organization`,
      );
  }

  private async requireTemplate(organizationId: string, templateId: string): Promise<void> {
    if (!(await this.assignments.templateExists(organizationId, templateId)))
      throw DomainError.invalid('milestoneTemplateId', 'is not an active milestone of this organization');
  }

  private async load(organizationId: string, id: string): Promise<AssignmentResponse> {
    const row = await this.assignments.findById(organizationId, id);
    if (!row) throw DomainError.notFound('Assignment');
    return toAssignmentResponse(row);
  }
}

export function toAssignmentResponse(row: AssignmentRow): AssignmentResponse {
  return {
    id: row.id,
    menteeId: row.mentee_id,
    title: row.title,
    kind: row.kind,
    description: row.description,
    competencies: row.competency_keys,
    milestoneTemplateId: row.milestone_template_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    feedback: {
      requested: row.requested,
      responses: row.responses,
      // Before the results open, the held answers are not counted out loud: "fewer than threshold".
      pending: row.responses >= row.threshold ? row.held : null,
      threshold: row.threshold,
      awaitingApproval: row.awaiting_approval,
    },
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
