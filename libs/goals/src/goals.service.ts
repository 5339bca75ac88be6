import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService, type AuditAction } from '@leadpath/audit';
import { NotificationsService } from '@leadpath/notifications';
import { FrameworkRepository } from '@leadpath/framework';
import { Database, DomainEvents, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { decodeCursor, DEFAULT_LIMIT, toIso, toPage, type Page, type PageQueryDto } from '@leadpath/platform/http';
import type {
  CheckInResponse,
  CreateCheckInDto,
  CreateGoalDto,
  GoalQueryDto,
  GoalResponse,
  UpdateGoalDto,
} from './dto/goal.dto';
import { GoalsRepository, type CheckInRow, type GoalRow } from './goals.repository';

@Injectable()
export class GoalsService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly goals: GoalsRepository,
    private readonly framework: FrameworkRepository,
    private readonly readiness: ReadinessInputs,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor, menteeId: string, dto: CreateGoalDto): Promise<GoalResponse> {
    await this.access.require(actor, Permission.GoalCreate, menteeId);
    await this.requireCompetency(actor.organizationId, dto.competency);
    const goalId = await this.goals.insert(actor.organizationId, {
      menteeId,
      title: dto.title,
      competency: dto.competency,
      description: dto.description || null,
      targetDate: dto.targetDate ?? null,
      by: actor.userId,
    });
    await this.readiness.menteesChanged(actor.organizationId, [menteeId]);
    await this.audit.record(actor, { action: 'goal.create', objectType: 'goal', objectId: goalId });
    return this.load(actor.organizationId, goalId);
  }

  async list(actor: Actor, menteeId: string, query: GoalQueryDto): Promise<Page<GoalResponse>> {
    await this.access.require(actor, Permission.GoalList, menteeId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.goals.list(actor.organizationId, menteeId, query.status, limit, decodeCursor(query.cursor));
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toGoalResponse);
  }

  async get(actor: Actor, id: string): Promise<GoalResponse> {
    await this.access.require(actor, Permission.GoalRead, id);
    return this.load(actor.organizationId, id);
  }

  async update(actor: Actor, id: string, dto: UpdateGoalDto): Promise<GoalResponse> {
    const access = (await this.access.require(actor, Permission.GoalUpdate, id)).get(id)!;
    const goal = await this.goals.lock(actor.organizationId, id);
    if (!goal) throw DomainError.notFound('Goal');
    // The mentee, whatever other roles they hold, acts on their own goals as the mentee: their
    // `achieved` is a claim, and a goal someone else set is not theirs to drop.
    const isSelf = access.own;
    if (isSelf && dto.status === 'dropped' && goal.status !== 'dropped' && goal.created_by !== actor.userId) {
      throw await this.access.forbid(
        actor,
        Permission.GoalUpdate,
        'goal',
        id,
        'Only whoever set this goal, the line manager or HR may drop it',
      );
    }
    if (dto.competency !== undefined) await this.requireCompetency(actor.organizationId, dto.competency);
    await this.goals.update(
      actor.organizationId,
      id,
      { ...dto, description: dto.description === undefined ? undefined : dto.description || null },
      isSelf ? null : actor.userId,
    );
    await this.readiness.menteesChanged(actor.organizationId, [access.menteeId]);
    const action: AuditAction = dto.status && dto.status !== goal.status ? `goal.${dto.status}` : 'goal.update';
    await this.audit.record(actor, { action, objectType: 'goal', objectId: id });
    // Set by anyone but the mentee, `achieved` is confirmed at once: the mentee hears of it.
    if (!isSelf && dto.status === 'achieved' && goal.status !== 'achieved') {
      await this.notifications.nudgeMentee(actor, goal.mentee_id, 'goal_confirmed', id);
      await this.publishConfirmed(actor, goal.mentee_id, id);
    }
    return this.load(actor.organizationId, id);
  }

  /** The line manager or HR confirms a goal the mentee marked achieved; only then does it count. */
  async confirm(actor: Actor, id: string): Promise<GoalResponse> {
    const access = (await this.access.require(actor, Permission.GoalConfirm, id)).get(id)!;
    const goal = await this.goals.lock(actor.organizationId, id);
    if (!goal) throw DomainError.notFound('Goal');
    if (goal.status !== 'achieved') {
      throw DomainError.conflict(`Only an achieved goal can be confirmed; this one is ${goal.status}`);
    }
    if (!goal.confirmed) {
      await this.goals.confirm(actor.organizationId, id, actor.userId);
      await this.readiness.menteesChanged(actor.organizationId, [access.menteeId]);
      await this.audit.record(actor, { action: 'goal.confirm', objectType: 'goal', objectId: id });
      await this.notifications.nudgeMentee(actor, goal.mentee_id, 'goal_confirmed', id);
      await this.publishConfirmed(actor, goal.mentee_id, id);
    }
    return this.load(actor.organizationId, id);
  }

  private publishConfirmed(actor: Actor, menteeId: string, goalId: string): Promise<void> {
    return this.events.publish(actor.organizationId, {
      type: 'goal.confirmed',
      menteeId,
      data: { goalId, confirmedBy: actor.userId },
    });
  }

  async checkIn(actor: Actor, goalId: string, dto: CreateCheckInDto): Promise<CheckInResponse> {
    await this.access.require(actor, Permission.GoalUpdate, goalId);
    // The row lock orders check-ins against a concurrent status change.
    const goal = await this.goals.lock(actor.organizationId, goalId);
    if (!goal) throw DomainError.notFound('Goal');
    if (goal.status !== 'open') throw DomainError.conflict(`Check-ins are for open goals; this one is ${goal.status}`);
    const created = await this.goals.insertCheckIn(actor.organizationId, {
      goalId,
      progress: dto.progress,
      note: dto.note || null,
      by: actor.userId,
    });
    await this.audit.record(actor, { action: 'goal.check_in', objectType: 'goal', objectId: goalId });
    return toCheckInResponse(created);
  }

  async checkIns(actor: Actor, goalId: string, query: PageQueryDto): Promise<Page<CheckInResponse>> {
    await this.access.require(actor, Permission.GoalRead, goalId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.goals.checkIns(actor.organizationId, goalId, limit, decodeCursor(query.cursor));
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toCheckInResponse);
  }

  private async requireCompetency(organizationId: string, key: string): Promise<void> {
    const unknown = await this.framework.unknownCompetencies(organizationId, [key]);
    if (unknown.length > 0)
      throw DomainError.invalid('competency', `${key} is not an active competency of this organization`);
  }

  private async load(organizationId: string, id: string): Promise<GoalResponse> {
    const row = await this.goals.findById(organizationId, id);
    if (!row) throw DomainError.notFound('Goal');
    return toGoalResponse(row);
  }
}

export function toGoalResponse(row: GoalRow): GoalResponse {
  return {
    id: row.id,
    menteeId: row.mentee_id,
    title: row.title,
    competency: row.competency_key,
    description: row.description,
    targetDate: row.target_date,
    status: row.status,
    overdue: row.overdue,
    latestProgress: row.latest_progress,
    statusChangedAt: toIso(row.status_changed_at),
    confirmedAt: toIso(row.confirmed_at),
    confirmedBy: row.confirmed_by,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toCheckInResponse(row: CheckInRow): CheckInResponse {
  return {
    id: row.id,
    goalId: row.goal_id,
    progress: row.progress,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
