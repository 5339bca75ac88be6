import { Injectable } from '@nestjs/common';
import { sql, type Expression, type InferResult, type SqlBool } from 'kysely';
import { anyOf, cursorAt, newerThan, qb, staleToday } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import type { Phase, TechnicalFoundation, Track } from './entities/mentee.entity';

export interface MenteeFields {
  managerId: string;
  mentorId: string | null;
  phase: Phase;
  track: Track;
  department: string | null;
  technicalFoundation: TechnicalFoundation | null;
  careerStartDate: string | null;
}

export interface MenteeFilter {
  managerId?: string;
  phase?: Phase;
  track?: Track;
  department?: string;
  stale?: boolean;
  level?: string;
}

/**
 * Same rule as readiness's `feedback` gap (no shared feedback within the organization's stale
 * window, counted from enrolment at the earliest), decided today from the read model's
 * `stale_since`: one primary-key look-up per mentee instead of a search through their feedback.
 */
const stale = staleToday(sql.ref('r.stale_since'), sql.ref('m.organization_id'));

/** The row waits for the background recompute: computed under an older framework, or expired. */
const pending = sql<
  boolean | null
>`(r.generation < COALESCE((SELECT g.generation FROM readiness_generations g WHERE g.organization_id = m.organization_id), 0)
  OR COALESCE(r.valid_until <= leadpath_now(), false))`;

/** Each mentee with their readiness from the read model (see the readiness library): a manager's home page in one request. */
function menteesWithReadiness(organizationId: string) {
  return (
    qb
      .selectFrom('mentees as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('mentee_readiness as r', 'r.mentee_id', 'm.id')
      .selectAll('m')
      .select([
        'u.name',
        'u.email',
        cursorAt('m.created_at').as('cursor_at'),
        'r.score',
        'r.level',
        'r.last_shared_on',
        stale.as('stale'),
        'r.as_of as readiness_as_of',
        pending.as('readiness_pending'),
      ])
      .where('m.organization_id', '=', organizationId)
      // The phase, track and foundation columns hold only their lists' values (CHECK constraints).
      .$narrowType<{ phase: Phase; track: Track; technical_foundation: TechnicalFoundation | null }>()
  );
}

/** A mentee with their readiness from the read model (null only before a mentee's first refresh). */
export type MenteeRow = InferResult<ReturnType<typeof menteesWithReadiness>>[number];

/** A mentee's phase changes, oldest first, with who made each. */
function phaseChanges(organizationId: string, menteeId: string) {
  return qb
    .selectFrom('phase_changes as p')
    .innerJoin('users as u', 'u.id', 'p.changed_by')
    .select([
      'p.id',
      'p.from_phase',
      'p.to_phase',
      'p.changed_by',
      'u.name as changed_by_name',
      'p.note',
      'p.changed_at',
      cursorAt('p.changed_at').as('cursor_at'),
    ])
    .where('p.organization_id', '=', organizationId)
    .where('p.mentee_id', '=', menteeId)
    .$narrowType<{ from_phase: Phase | null; to_phase: Phase }>();
}

export type PhaseChangeRow = InferResult<ReturnType<typeof phaseChanges>>[number];

/** The columns a mentee's fields set, as written by a new mentee and by an edit. */
const menteeColumns = (fields: MenteeFields) => ({
  manager_id: fields.managerId,
  mentor_id: fields.mentorId,
  phase: fields.phase,
  track: fields.track,
  department: fields.department,
  technical_foundation: fields.technicalFoundation,
  career_start_date: fields.careerStartDate,
});

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('mentees repository called without an organization id');
}

@Injectable()
export class MenteesRepository {
  async insert(organizationId: string, userId: string, fields: MenteeFields): Promise<string> {
    requireOrganization(organizationId);
    const row = await qb
      .insertInto('mentees')
      .values({ organization_id: organizationId, user_id: userId, ...menteeColumns(fields) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findById(organizationId: string, id: string): Promise<MenteeRow | undefined> {
    requireOrganization(organizationId);
    return menteesWithReadiness(organizationId).where('m.id', '=', id).executeTakeFirst();
  }

  async lock(organizationId: string, id: string): Promise<MenteeRow | undefined> {
    requireOrganization(organizationId);
    return menteesWithReadiness(organizationId).where('m.id', '=', id).forUpdate('m').executeTakeFirst();
  }

  async update(organizationId: string, id: string, fields: MenteeFields): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('mentees')
      .set({ ...menteeColumns(fields), updated_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  /** A page of mentees the caller may see (`visible`, the access policy's predicate over `m`). */
  async list(
    organizationId: string,
    visible: Expression<SqlBool>,
    filter: MenteeFilter,
    limit: number,
    after?: CursorPosition,
  ): Promise<MenteeRow[]> {
    requireOrganization(organizationId);
    const query = menteesWithReadiness(organizationId)
      .where(visible)
      .$if(filter.managerId !== undefined, (q) => q.where('m.manager_id', '=', filter.managerId!))
      .$if(filter.phase !== undefined, (q) => q.where('m.phase', '=', filter.phase!))
      .$if(filter.track !== undefined, (q) => q.where('m.track', '=', filter.track!))
      .$if(filter.department !== undefined, (q) => q.where('m.department', '=', filter.department!))
      .$if(filter.level !== undefined, (q) => q.where('r.level', '=', filter.level!))
      .$if(filter.stale !== undefined, (q) => q.where(filter.stale ? stale : sql<boolean>`NOT ${stale}`))
      .$if(after !== undefined, (q) => q.where(newerThan('m.created_at', 'm.id', after!)))
      .orderBy('m.created_at')
      .orderBy('m.id')
      .limit(limit + 1);
    return query.execute();
  }

  async insertPhaseChange(
    organizationId: string,
    change: { menteeId: string; from: Phase | null; to: Phase; changedBy: string; note: string | null },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .insertInto('phase_changes')
      .values({
        organization_id: organizationId,
        mentee_id: change.menteeId,
        from_phase: change.from,
        to_phase: change.to,
        changed_by: change.changedBy,
        note: change.note,
        changed_at: sql`clock_timestamp()`,
      })
      .execute();
  }

  async phaseHistory(
    organizationId: string,
    menteeId: string,
    limit: number,
    after?: CursorPosition,
  ): Promise<PhaseChangeRow[]> {
    requireOrganization(organizationId);
    return phaseChanges(organizationId, menteeId)
      .$if(after !== undefined, (q) => q.where(newerThan('p.changed_at', 'p.id', after!)))
      .orderBy('p.changed_at')
      .orderBy('p.id')
      .limit(limit + 1)
      .execute();
  }

  /** Users of the organization among `ids`, with what the mentee rules need to know. */
  async people(organizationId: string, ids: string[]): Promise<Map<string, { roles: string[]; active: boolean }>> {
    requireOrganization(organizationId);
    const rows = await qb
      .selectFrom('users')
      .select(['id', 'roles', 'active'])
      .where('organization_id', '=', organizationId)
      .where(anyOf('id', ids, 'uuid'))
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }
}
