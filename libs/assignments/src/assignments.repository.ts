import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import { cursorAt, newerThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import { awaitingApproval, held, requested, responses, threshold } from './assignments.sql';
import type { AssignmentKind, AssignmentStatus } from './entities/assignment.entity';

export type AssignmentRow = InferResult<ReturnType<typeof selectAssignments>>[number];

export type LockedAssignment = InferResult<ReturnType<typeof lockedAssignment>>[number];

/** Assignments (`assignments as a`) with their requests, answers and threshold. */
function selectAssignments() {
  return qb
    .selectFrom('assignments as a')
    .select([
      'a.id',
      'a.mentee_id',
      'a.title',
      'a.kind',
      'a.description',
      'a.competency_keys',
      'a.milestone_template_id',
      'a.starts_on',
      'a.ends_on',
      'a.status',
      'a.created_by',
      'a.created_at',
      'a.updated_at',
      requested.as('requested'),
      responses.as('responses'),
      held.as('held'),
      awaitingApproval.as('awaiting_approval'),
      threshold.as('threshold'),
      cursorAt('a.created_at').as('cursor_at'),
    ])
    .$narrowType<{ kind: AssignmentKind; status: AssignmentStatus }>();
}

/** Assignments (`a`) with their aspiring lead: the mentee record (`m`) and its user (`u`). */
function assignmentsWithLead() {
  return qb
    .selectFrom('assignments as a')
    .innerJoin('mentees as m', (join) =>
      join.onRef('m.organization_id', '=', 'a.organization_id').onRef('m.id', '=', 'a.mentee_id'),
    )
    .innerJoin('users as u', (join) =>
      join.onRef('u.organization_id', '=', 'm.organization_id').onRef('u.id', '=', 'm.user_id'),
    );
}

/** The assignment with its aspiring lead and how many were asked, as `lock` reads it. */
function lockedAssignment(organizationId: string, id: string) {
  return assignmentsWithLead()
    .select([
      'a.status',
      'a.mentee_id',
      'm.user_id as mentee_user_id',
      'u.email as mentee_email',
      'a.starts_on',
      'a.ends_on',
      requested.as('requested'),
      // Outside addresses ever asked about the assignment, declined ones included.
      sql<number>`(SELECT count(*)::int FROM feedback_requests q
        WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id AND q.respondent_user_id IS NULL)`.as(
        'outside',
      ),
    ])
    .where('a.organization_id', '=', organizationId)
    .where('a.id', '=', id)
    .forUpdate('a')
    .$narrowType<{ status: AssignmentStatus }>();
}

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('assignments repository called without an organization id');
}

@Injectable()
export class AssignmentsRepository {
  async insert(
    organizationId: string,
    a: {
      menteeId: string;
      title: string;
      kind: AssignmentKind;
      description: string | null;
      competencies: string[];
      milestoneTemplateId: string | null;
      startsOn: string;
      endsOn: string | null;
      by: string;
    },
  ): Promise<string> {
    requireOrganization(organizationId);
    const [row] = await qb
      .insertInto('assignments')
      .values({
        organization_id: organizationId,
        mentee_id: a.menteeId,
        title: a.title,
        kind: a.kind,
        description: a.description,
        competency_keys: a.competencies,
        milestone_template_id: a.milestoneTemplateId,
        starts_on: a.startsOn,
        ends_on: a.endsOn,
        created_by: a.by,
      })
      .returning('id')
      .execute();
    return row.id;
  }

  async findById(organizationId: string, id: string): Promise<AssignmentRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await selectAssignments()
      .where('a.organization_id', '=', organizationId)
      .where('a.id', '=', id)
      .execute();
    return row;
  }

  async list(
    organizationId: string,
    menteeId: string,
    status: AssignmentStatus | undefined,
    limit: number,
    after?: CursorPosition,
  ): Promise<AssignmentRow[]> {
    requireOrganization(organizationId);
    const query = selectAssignments()
      .where('a.organization_id', '=', organizationId)
      .where('a.mentee_id', '=', menteeId)
      .$if(status !== undefined, (q) => q.where('a.status', '=', status!))
      .$if(after !== undefined, (q) => q.where(newerThan('a.created_at', 'a.id', after!)))
      .orderBy('a.created_at')
      .orderBy('a.id')
      .limit(limit + 1);
    return query.execute();
  }

  /** The assignment's state under a row lock, which orders edits, status steps and new requests. */
  async lock(organizationId: string, id: string): Promise<LockedAssignment | undefined> {
    requireOrganization(organizationId);
    const [row] = await lockedAssignment(organizationId, id).execute();
    return row;
  }

  async update(
    organizationId: string,
    id: string,
    a: {
      title?: string;
      kind?: AssignmentKind;
      description?: string | null;
      competencies?: string[];
      milestoneTemplateId?: string | null;
      startsOn?: string;
      endsOn?: string | null;
      status?: AssignmentStatus;
    },
  ): Promise<void> {
    requireOrganization(organizationId);
    const next = a.status ?? null;
    await qb
      .updateTable('assignments')
      .set({
        status_changed_at: sql`CASE WHEN ${next}::varchar IS NOT NULL AND ${next}::varchar <> status
                                      THEN clock_timestamp() ELSE status_changed_at END`,
        updated_at: sql`now()`,
      })
      .$if(a.title !== undefined, (q) => q.set({ title: a.title! }))
      .$if(a.kind !== undefined, (q) => q.set({ kind: a.kind! }))
      .$if(a.description !== undefined, (q) => q.set({ description: a.description ?? null }))
      .$if(a.competencies !== undefined, (q) => q.set({ competency_keys: a.competencies! }))
      .$if(a.milestoneTemplateId !== undefined, (q) =>
        q.set({ milestone_template_id: sql`${a.milestoneTemplateId ?? null}::uuid` }),
      )
      .$if(a.startsOn !== undefined, (q) => q.set({ starts_on: sql`${a.startsOn!}::date` }))
      .$if(a.endsOn !== undefined, (q) => q.set({ ends_on: sql`${a.endsOn ?? null}::date` }))
      .$if(a.status !== undefined, (q) => q.set({ status: a.status! }))
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  /** Whether the template exists, is not retired, and belongs to the organization. */
  async templateExists(organizationId: string, templateId: string): Promise<boolean> {
    requireOrganization(organizationId);
    const rows = await qb
      .selectFrom('milestone_templates')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('id', '=', templateId)
      .where('retired_at', 'is', null)
      .execute();
    return rows.length > 0;
  }

  /**
   * Locks the assignment while an answer is stored and perhaps published, so two answers arriving
   * together cannot each publish a batch of one. Returns the threshold.
   */
  async lockForAnswer(organizationId: string, assignmentId: string): Promise<number> {
    requireOrganization(organizationId);
    const [row] = await qb
      .selectFrom('assignments as a')
      .select(threshold.as('threshold'))
      .where('a.organization_id', '=', organizationId)
      .where('a.id', '=', assignmentId)
      .forUpdate()
      .execute();
    return row.threshold;
  }
}
