import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import {
  Database,
  isUniqueViolation,
  ReadinessHistory,
  DomainEvents,
  ReadinessInputs,
  readinessTrend,
} from '@leadpath/platform/database';
import { DomainError, ErrorCode, type FieldError } from '@leadpath/platform/domain';
import { decodeCursor, DEFAULT_LIMIT, toPage, type Page, type PageQueryDto } from '@leadpath/platform/http';
import {
  MANAGER_FIELDS,
  type CreateMenteeDto,
  type MenteeQueryDto,
  type MenteeResponse,
  type PhaseChangeResponse,
  type ReadinessLevel,
  type UpdateMenteeDto,
} from './dto/mentee.dto';
import { MenteesRepository, type MenteeFields, type MenteeRow, type PhaseChangeRow } from './mentees.repository';

/** What only someone else may change about a mentee: their phase and who manages or mentors them. */
const SIGN_OFF_FIELDS = ['phase', 'managerId', 'mentorId'] as const;

@Injectable()
export class MenteesService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly mentees: MenteesRepository,
    private readonly readiness: ReadinessInputs,
    private readonly events: DomainEvents,
    private readonly history: ReadinessHistory,
  ) {}

  async create(actor: Actor, dto: CreateMenteeDto): Promise<MenteeResponse> {
    await this.access.require(actor, Permission.MenteeCreate);
    if (dto.userId === actor.userId) {
      throw await this.access.forbid(
        actor,
        Permission.MenteeCreate,
        'user',
        dto.userId,
        'You may not enrol yourself or choose your own manager',
      );
    }
    const fields: MenteeFields = {
      managerId: dto.managerId,
      mentorId: dto.mentorId ?? null,
      phase: dto.phase ?? 'build_credibility',
      track: dto.track ?? 'undecided',
      department: dto.department ?? null,
      technicalFoundation: dto.technicalFoundation ?? null,
      careerStartDate: dto.careerStartDate ?? null,
    };
    await this.checkPeople(actor.organizationId, dto.userId, fields, true);
    let menteeId: string;
    try {
      menteeId = await this.mentees.insert(actor.organizationId, dto.userId, fields);
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict('This user is already a mentee');
      throw error;
    }
    await this.mentees.insertPhaseChange(actor.organizationId, {
      menteeId,
      from: null,
      to: fields.phase,
      changedBy: actor.userId,
      note: null,
    });
    await this.readiness.menteesChanged(actor.organizationId, [menteeId]);
    await this.audit.record(actor, { action: 'mentee.create', objectType: 'mentee', objectId: menteeId });
    return this.load(actor.organizationId, menteeId);
  }

  async list(actor: Actor, query: MenteeQueryDto): Promise<Page<MenteeResponse>> {
    await this.access.require(actor, Permission.MenteeList);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.mentees.list(
      actor.organizationId,
      this.access.menteeVisible(actor),
      {
        managerId: query.managerId,
        phase: query.phase,
        track: query.track,
        department: query.department,
        stale: query.stale,
        level: query.level,
      },
      limit,
      decodeCursor(query.cursor),
    );
    const page = toPage(
      rows,
      limit,
      (r) => ({ at: r.cursor_at, id: r.id }),
      (r) => r,
    );
    const earlier = await this.history.scoresAtLastMonthEnd(
      actor.organizationId,
      page.items.map((r) => r.id),
    );
    return { ...page, items: page.items.map((r) => toMenteeResponse(r, earlier.get(r.id))) };
  }

  async get(actor: Actor, id: string): Promise<MenteeResponse> {
    await this.access.require(actor, Permission.MenteeRead, id);
    return this.load(actor.organizationId, id);
  }

  async update(actor: Actor, id: string, dto: UpdateMenteeDto): Promise<MenteeResponse> {
    const relations = await this.access.requireMentee(actor, Permission.MenteeUpdate, id);
    if (!relations.includes('hr')) {
      const refused = (Object.keys(dto) as (keyof UpdateMenteeDto)[]).filter(
        (k) => dto[k] !== undefined && !MANAGER_FIELDS.has(k),
      );
      if (refused.length > 0) {
        throw new DomainError(
          ErrorCode.Validation,
          `Only an HR admin may set: ${refused.join(', ')}`,
          refused.map((field) => ({ field, messages: [`${field} may only be set by an HR admin`] })),
        );
      }
    }
    const current = await this.mentees.lock(actor.organizationId, id);
    if (!current) throw DomainError.notFound('Mentee');
    // Nobody signs off their own work: an HR admin who is also this mentee moves neither their
    // own phase nor who manages or mentors them.
    const selfSignOff = SIGN_OFF_FIELDS.filter((k) => dto[k] !== undefined);
    if (current.user_id === actor.userId && selfSignOff.length > 0) {
      throw await this.access.forbid(
        actor,
        Permission.MenteeUpdate,
        'mentee',
        id,
        `You may not change your own ${selfSignOff.join(', ')}`,
      );
    }
    const fields: MenteeFields = {
      managerId: dto.managerId ?? current.manager_id,
      mentorId: dto.mentorId === undefined ? current.mentor_id : dto.mentorId,
      phase: dto.phase ?? current.phase,
      track: dto.track ?? current.track,
      department: dto.department === undefined ? current.department : dto.department,
      technicalFoundation:
        dto.technicalFoundation === undefined ? current.technical_foundation : dto.technicalFoundation,
      careerStartDate: dto.careerStartDate === undefined ? current.career_start_date : dto.careerStartDate,
    };
    if (dto.managerId !== undefined || dto.mentorId !== undefined) {
      await this.checkPeople(actor.organizationId, current.user_id, fields, false);
    }
    await this.mentees.update(actor.organizationId, id, fields);
    if (fields.phase !== current.phase) {
      await this.mentees.insertPhaseChange(actor.organizationId, {
        menteeId: id,
        from: current.phase,
        to: fields.phase,
        changedBy: actor.userId,
        note: dto.phaseNote ?? null,
      });
      await this.events.publish(actor.organizationId, {
        type: 'mentee.phase_changed',
        menteeId: id,
        data: { from: current.phase, to: fields.phase, changedBy: actor.userId },
      });
    }
    await this.readiness.menteesChanged(actor.organizationId, [id]);
    await this.audit.record(
      actor,
      { action: 'mentee.update', objectType: 'mentee', objectId: id },
      ...(fields.phase !== current.phase
        ? [{ action: 'mentee.phase_change' as const, objectType: 'mentee', objectId: id }]
        : []),
    );
    return this.load(actor.organizationId, id);
  }

  async phaseHistory(actor: Actor, id: string, query: PageQueryDto): Promise<Page<PhaseChangeResponse>> {
    await this.access.require(actor, Permission.MenteeRead, id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.mentees.phaseHistory(actor.organizationId, id, limit, decodeCursor(query.cursor));
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toPhaseChangeResponse);
  }

  private async load(organizationId: string, id: string): Promise<MenteeResponse> {
    const row = await this.mentees.findById(organizationId, id);
    if (!row) throw DomainError.notFound('Mentee');
    const earlier = await this.history.scoresAtLastMonthEnd(organizationId, [id]);
    return toMenteeResponse(row, earlier.get(id));
  }

  /** The mentee is an active mentee user; the manager and mentor are active managers, all distinct. */
  private async checkPeople(
    organizationId: string,
    userId: string,
    fields: MenteeFields,
    checkUser: boolean,
  ): Promise<void> {
    const ids = [userId, fields.managerId, ...(fields.mentorId ? [fields.mentorId] : [])];
    const people = await this.mentees.people(organizationId, ids);
    // An id that names nobody in this organization is an invisible object: 404, as everywhere.
    if (ids.some((id) => !people.has(id))) throw DomainError.notFound('User');
    const problems: FieldError[] = [];
    const isActive = (id: string, role: string) => {
      const p = people.get(id);
      return !!p && p.active && p.roles.includes(role);
    };
    if (checkUser && !isActive(userId, 'mentee')) {
      problems.push({
        field: 'userId',
        messages: ['userId must be an active user of this organization with the mentee role'],
      });
    }
    if (fields.managerId === userId) {
      problems.push({ field: 'managerId', messages: ['managerId must be someone other than the mentee'] });
    } else if (!isActive(fields.managerId, 'manager')) {
      problems.push({ field: 'managerId', messages: ['managerId must be an active manager of this organization'] });
    }
    if (fields.mentorId) {
      if (fields.mentorId === fields.managerId || fields.mentorId === userId) {
        problems.push({
          field: 'mentorId',
          messages: ['mentorId must be a manager other than the line manager and the mentee'],
        });
      } else if (!isActive(fields.mentorId, 'manager')) {
        problems.push({ field: 'mentorId', messages: ['mentorId must be an active manager of this organization'] });
      }
    }
    if (problems.length > 0) {
      throw new DomainError(
        ErrorCode.Validation,
        `Invalid input: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }
  }
}

/** `earlier`: the score at the end of last month, for the trend. */
export function toMenteeResponse(row: MenteeRow, earlier?: number): MenteeResponse {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    managerId: row.manager_id,
    mentorId: row.mentor_id,
    phase: row.phase,
    track: row.track,
    department: row.department,
    technicalFoundation: row.technical_foundation,
    careerStartDate: row.career_start_date,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    readiness:
      row.score === null || row.level === null || row.readiness_as_of === null
        ? null
        : {
            score: row.score,
            level: row.level as ReadinessLevel,
            lastSharedFeedbackOn: row.last_shared_on,
            stale: row.stale,
            trend: readinessTrend(earlier, row.score),
            asOf: row.readiness_as_of.toISOString(),
            recomputePending: row.readiness_pending === true,
          },
  };
}

function toPhaseChangeResponse(row: PhaseChangeRow): PhaseChangeResponse {
  return {
    id: row.id,
    fromPhase: row.from_phase,
    toPhase: row.to_phase,
    changedBy: row.changed_by,
    changedByName: row.changed_by_name,
    note: row.note,
    changedAt: row.changed_at.toISOString(),
  };
}
