import { Injectable } from '@nestjs/common';
import { sql, type InferResult, type ShallowDehydrateObject, type Simplify } from 'kysely';
import { cursorAt, newerThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import type { GoalStatus } from './entities/goal.entity';

/**
 * Goals (`goals as g`) with what every view of a goal shows: whether it is overdue (by the one
 * calendar) and its latest check-in. The goal views filter it by organization; readers that show
 * goals (progress, the PDF) compose it with their own conditions and map rows with `toGoalResponse`.
 */
export function selectGoals() {
  return qb
    .selectFrom('goals as g')
    .select((eb) => [
      'g.id',
      'g.mentee_id',
      'g.title',
      'g.competency_key',
      'g.description',
      'g.target_date',
      'g.status',
      sql<boolean>`leadpath_overdue(g.status, g.target_date)`.as('overdue'),
      eb
        .selectFrom('goal_check_ins as c')
        .select('c.progress')
        .whereRef('c.goal_id', '=', 'g.id')
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(1)
        .as('latest_progress'),
      'g.status_changed_at',
      'g.confirmed_at',
      'g.confirmed_by',
      'g.created_by',
      'g.created_at',
      'g.updated_at',
      cursorAt('g.created_at').as('cursor_at'),
    ])
    .$narrowType<{ status: GoalStatus }>();
}

type SelectedGoal = InferResult<ReturnType<typeof selectGoals>>[number];

/** A goal as the views read it: selected, or inside a JSON aggregate (its times then text). */
export type GoalRow = SelectedGoal | Simplify<ShallowDehydrateObject<SelectedGoal>>;

const checkInColumns = [
  'id',
  'goal_id',
  'progress',
  'note',
  'created_by',
  'created_at',
  cursorAt('created_at').as('cursor_at'),
] as const;

const selectCheckIns = () => qb.selectFrom('goal_check_ins').select(checkInColumns);

export type CheckInRow = InferResult<ReturnType<typeof selectCheckIns>>[number];

/** Who set a goal, whether it is confirmed and whose it is, under a row lock. */
const lockGoal = (organizationId: string, id: string) =>
  qb
    .selectFrom('goals as g')
    .select(['g.status', 'g.created_by', sql<boolean>`g.confirmed_at IS NOT NULL`.as('confirmed'), 'g.mentee_id'])
    .where('g.organization_id', '=', organizationId)
    .where('g.id', '=', id)
    .forUpdate('g')
    .$narrowType<{ status: GoalStatus }>();

export type LockedGoal = InferResult<ReturnType<typeof lockGoal>>[number];

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('goals repository called without an organization id');
}

@Injectable()
export class GoalsRepository {
  async insert(
    organizationId: string,
    g: {
      menteeId: string;
      title: string;
      competency: string;
      description: string | null;
      targetDate: string | null;
      by: string;
    },
  ): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('goals')
      .values({
        organization_id: organizationId,
        mentee_id: g.menteeId,
        title: g.title,
        competency_key: g.competency,
        description: g.description,
        target_date: g.targetDate,
        created_by: g.by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async findById(organizationId: string, id: string): Promise<GoalRow | undefined> {
    requireOrganization(organizationId);
    return selectGoals().where('g.organization_id', '=', organizationId).where('g.id', '=', id).executeTakeFirst();
  }

  /** Locks the goal for a change; says who set it, whether it is confirmed and whose it is (the caller's relations come from the access check). */
  async lock(organizationId: string, id: string): Promise<LockedGoal | undefined> {
    requireOrganization(organizationId);
    return lockGoal(organizationId, id).executeTakeFirst();
  }

  async confirm(organizationId: string, id: string, by: string): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('goals')
      .set({ confirmed_at: sql`clock_timestamp()`, confirmed_by: by, updated_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where('status', '=', 'achieved')
      .where('confirmed_at', 'is', null)
      .execute();
  }

  async list(
    organizationId: string,
    menteeId: string,
    status: GoalStatus | undefined,
    limit: number,
    after?: CursorPosition,
  ): Promise<GoalRow[]> {
    requireOrganization(organizationId);
    const query = selectGoals()
      .where('g.organization_id', '=', organizationId)
      .where('g.mentee_id', '=', menteeId)
      .$if(status !== undefined, (q) => q.where('g.status', '=', status!))
      .$if(after !== undefined, (q) => q.where(newerThan('g.created_at', 'g.id', after!)))
      .orderBy('g.created_at')
      .orderBy('g.id')
      .limit(limit + 1);
    return query.execute();
  }

  async update(
    organizationId: string,
    id: string,
    g: {
      title?: string;
      competency?: string;
      description?: string | null;
      targetDate?: string | null;
      status?: GoalStatus;
    },
    /** Who confirms an achievement set by this change (the line manager or HR), or null for a claim. */
    confirmedBy: string | null,
  ): Promise<void> {
    requireOrganization(organizationId);
    // A new status stamps the change; an achievement set by a confirmer is confirmed at the same
    // moment, a claim is not, and leaving `achieved` withdraws any confirmation.
    const next = g.status ?? null;
    const newStatus = sql<boolean>`(${next}::varchar IS NOT NULL AND ${next}::varchar <> status)`;
    const achieved = sql<boolean>`COALESCE(${next}::varchar, status) = 'achieved'`;
    const confirmer = sql<string | null>`${confirmedBy}::uuid`;
    await qb
      .updateTable('goals')
      .set({
        title: sql`COALESCE(${g.title ?? null}, title)`,
        competency_key: sql`COALESCE(${g.competency ?? null}, competency_key)`,
        status_changed_at: sql`CASE WHEN ${newStatus} THEN clock_timestamp() ELSE status_changed_at END`,
        confirmed_at: sql`CASE WHEN NOT ${achieved} THEN NULL
                                 WHEN ${newStatus} THEN CASE WHEN ${confirmer} IS NOT NULL THEN clock_timestamp() END
                                 WHEN ${next}::varchar IS NOT NULL AND ${confirmer} IS NOT NULL THEN COALESCE(confirmed_at, clock_timestamp())
                                 ELSE confirmed_at END`,
        confirmed_by: sql`CASE WHEN NOT ${achieved} THEN NULL
                                 WHEN ${newStatus} THEN ${confirmer}
                                 WHEN ${next}::varchar IS NOT NULL AND ${confirmer} IS NOT NULL THEN COALESCE(confirmed_by, ${confirmer})
                                 ELSE confirmed_by END`,
        status: sql`COALESCE(${next}::varchar, status)`,
        updated_at: sql`now()`,
      })
      .$if(g.description !== undefined, (q) => q.set({ description: g.description ?? null }))
      .$if(g.targetDate !== undefined, (q) => q.set({ target_date: sql`${g.targetDate ?? null}::date` }))
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  async insertCheckIn(
    organizationId: string,
    c: { goalId: string; progress: number; note: string | null; by: string },
  ): Promise<CheckInRow> {
    requireOrganization(organizationId);
    return qb
      .insertInto('goal_check_ins')
      .values({
        organization_id: organizationId,
        goal_id: c.goalId,
        progress: c.progress,
        note: c.note,
        created_by: c.by,
        created_at: sql`clock_timestamp()`,
      })
      .returning(checkInColumns)
      .executeTakeFirstOrThrow();
  }

  async checkIns(organizationId: string, goalId: string, limit: number, after?: CursorPosition): Promise<CheckInRow[]> {
    requireOrganization(organizationId);
    const query = selectCheckIns()
      .where('organization_id', '=', organizationId)
      .where('goal_id', '=', goalId)
      .$if(after !== undefined, (q) => q.where(newerThan('created_at', 'id', after!)))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit + 1);
    return query.execute();
  }
}
