import { Injectable } from '@nestjs/common';
import { sql, type InferResult, type RawBuilder, type SqlBool } from 'kysely';
import { anyOf, qb } from '@leadpath/platform/database';

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('meetings repository called without an organization id');
}

/** Series (`s`) with their mentee (`m`), the mentee's user (`mu`) and the holder (`h`). */
function seriesWithPeople(organizationId: string) {
  return qb
    .selectFrom('meeting_series as s')
    .innerJoin('mentees as m', (j) =>
      j.onRef('m.organization_id', '=', 's.organization_id').onRef('m.id', '=', 's.mentee_id'),
    )
    .innerJoin('users as mu', (j) =>
      j.onRef('mu.organization_id', '=', 'm.organization_id').onRef('mu.id', '=', 'm.user_id'),
    )
    .innerJoin('users as h', (j) =>
      j.onRef('h.organization_id', '=', 's.organization_id').onRef('h.id', '=', 's.holder_id'),
    )
    .select([
      's.id',
      's.mentee_id',
      's.holder_id',
      'h.name as holder_name',
      'h.email as holder_email',
      'm.user_id as mentee_user_id',
      'mu.name as mentee_name',
      'mu.email as mentee_email',
      's.starts_local',
      's.time_zone',
      's.duration_minutes',
      's.rrule',
      's.sequence',
      's.ends_at',
      's.created_at',
    ])
    .where('s.organization_id', '=', organizationId);
}

export type SeriesRow = InferResult<ReturnType<typeof seriesWithPeople>>[number];

export interface NewSeries {
  menteeId: string;
  holderId: string;
  startsLocal: string;
  timeZone: string;
  durationMinutes: number;
  rrule: string | null;
}

function agendaItems(organizationId: string) {
  return qb
    .selectFrom('meeting_agenda_items as a')
    .innerJoin('users as u', (j) =>
      j.onRef('u.organization_id', '=', 'a.organization_id').onRef('u.id', '=', 'a.author_id'),
    )
    .select([
      'a.id',
      'a.series_id',
      'a.occurrence_start',
      'a.author_id',
      'u.name as author_name',
      'a.text',
      'a.private',
      'a.position',
      'a.done_in',
      'a.done_at',
      'a.suggestion_key',
      'a.created_at',
    ])
    .where('a.organization_id', '=', organizationId);
}

export type AgendaRow = InferResult<ReturnType<typeof agendaItems>>[number];

function actionItems(organizationId: string) {
  return qb
    .selectFrom('meeting_action_items as a')
    .innerJoin('users as u', (j) =>
      j.onRef('u.organization_id', '=', 'a.organization_id').onRef('u.id', '=', 'a.owner_id'),
    )
    .select([
      'a.id',
      'a.series_id',
      'a.occurrence_start',
      'a.owner_id',
      'u.name as owner_name',
      'a.text',
      sql<string | null>`to_char(a.due_on, 'YYYY-MM-DD')`.as('due_on'),
      'a.done_in',
      'a.done_at',
      'a.milestone_template_id',
      'a.created_at',
    ])
    .where('a.organization_id', '=', organizationId);
}

export type ActionRow = InferResult<ReturnType<typeof actionItems>>[number];

export interface ExceptionRow {
  series_id: string;
  original_start: Date;
  starts_at: Date | null;
  duration_minutes: number | null;
  cancelled: boolean;
}

/** Meeting series, their exceptions, agenda points and action items. */
@Injectable()
export class MeetingsRepository {
  async insertSeries(organizationId: string, s: NewSeries): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('meeting_series')
      .values({
        organization_id: organizationId,
        mentee_id: s.menteeId,
        holder_id: s.holderId,
        starts_local: s.startsLocal,
        time_zone: s.timeZone,
        duration_minutes: s.durationMinutes,
        rrule: s.rrule,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async series(organizationId: string, id: string): Promise<SeriesRow | undefined> {
    requireOrganization(organizationId);
    return seriesWithPeople(organizationId).where('s.id', '=', id).executeTakeFirst();
  }

  /** The series locked for a change. */
  async lockSeries(organizationId: string, id: string): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .selectFrom('meeting_series')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .forUpdate()
      .execute();
  }

  /**
   * The series the user takes part in: those they hold while still the mentee's line manager or
   * mentor, and those of their own mentee record.
   */
  async seriesOfParticipant(organizationId: string, userId: string): Promise<SeriesRow[]> {
    requireOrganization(organizationId);
    return seriesWithPeople(organizationId)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('s.holder_id', '=', userId),
            eb.or([eb('m.manager_id', '=', userId), eb('m.mentor_id', '=', userId)]),
          ]),
          eb('m.user_id', '=', userId),
        ]),
      )
      .orderBy('s.created_at')
      .execute();
  }

  async seriesOfMentee(organizationId: string, menteeId: string): Promise<SeriesRow[]> {
    requireOrganization(organizationId);
    return seriesWithPeople(organizationId).where('s.mentee_id', '=', menteeId).orderBy('s.created_at').execute();
  }

  /** Every series of the same two people: their one-on-ones, one thread across changes of time. */
  async pairSeries(organizationId: string, menteeId: string, holderId: string): Promise<SeriesRow[]> {
    requireOrganization(organizationId);
    return seriesWithPeople(organizationId)
      .where('s.mentee_id', '=', menteeId)
      .where('s.holder_id', '=', holderId)
      .orderBy('s.created_at')
      .execute();
  }

  async exceptions(organizationId: string, seriesIds: string[]): Promise<ExceptionRow[]> {
    requireOrganization(organizationId);
    if (seriesIds.length === 0) return [];
    return qb
      .selectFrom('meeting_exceptions')
      .select(['series_id', 'original_start', 'starts_at', 'duration_minutes', 'cancelled'])
      .where('organization_id', '=', organizationId)
      .where(anyOf('series_id', seriesIds, 'uuid'))
      .execute();
  }

  async upsertException(
    organizationId: string,
    seriesId: string,
    originalStart: Date,
    change: { startsAt?: Date | null; durationMinutes?: number | null; cancelled?: boolean },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .insertInto('meeting_exceptions')
      .values({
        organization_id: organizationId,
        series_id: seriesId,
        original_start: originalStart,
        starts_at: change.startsAt ?? null,
        duration_minutes: change.durationMinutes ?? null,
        cancelled: change.cancelled ?? false,
      })
      .onConflict((oc) =>
        oc.columns(['series_id', 'original_start']).doUpdateSet({
          ...(change.startsAt !== undefined ? { starts_at: change.startsAt } : {}),
          ...(change.durationMinutes !== undefined ? { duration_minutes: change.durationMinutes } : {}),
          ...(change.cancelled !== undefined ? { cancelled: change.cancelled } : {}),
        }),
      )
      .execute();
  }

  /** Changes the series and counts the change for calendars (SEQUENCE). */
  async updateSeries(
    organizationId: string,
    id: string,
    change: { endsAt?: Date | null; durationMinutes?: number },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('meeting_series')
      .set({
        ...(change.endsAt !== undefined ? { ends_at: change.endsAt } : {}),
        ...(change.durationMinutes !== undefined ? { duration_minutes: change.durationMinutes } : {}),
        sequence: sql`sequence + 1`,
        updated_at: sql`clock_timestamp()`,
      })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  /** Counts a change of one occurrence for calendars (SEQUENCE is per series). */
  async bumpSequence(organizationId: string, id: string): Promise<void> {
    await this.updateSeries(organizationId, id, {});
  }

  // Agenda

  async agenda(organizationId: string, seriesIds: string[]): Promise<AgendaRow[]> {
    requireOrganization(organizationId);
    if (seriesIds.length === 0) return [];
    return agendaItems(organizationId)
      .where(anyOf('a.series_id', seriesIds, 'uuid'))
      .orderBy('a.position')
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
  }

  async agendaItem(organizationId: string, id: string): Promise<AgendaRow | undefined> {
    requireOrganization(organizationId);
    return agendaItems(organizationId).where('a.id', '=', id).executeTakeFirst();
  }

  async insertAgendaItem(
    organizationId: string,
    item: {
      seriesId: string;
      occurrenceStart: Date;
      authorId: string;
      text: string;
      private: boolean;
      position: number;
      suggestionKey: string | null;
    },
  ): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('meeting_agenda_items')
      .values({
        organization_id: organizationId,
        series_id: item.seriesId,
        occurrence_start: item.occurrenceStart,
        author_id: item.authorId,
        text: item.text,
        private: item.private,
        position: item.position,
        suggestion_key: item.suggestionKey,
        created_at: sql`clock_timestamp()`,
        updated_at: sql`clock_timestamp()`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateAgendaItem(
    organizationId: string,
    id: string,
    change: { text?: string; doneIn?: Date | null; doneAt?: Date | null; position?: number },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('meeting_agenda_items')
      .set({
        ...(change.text !== undefined ? { text: change.text } : {}),
        ...(change.doneIn !== undefined ? { done_in: change.doneIn } : {}),
        ...(change.doneAt !== undefined ? { done_at: change.doneAt } : {}),
        ...(change.position !== undefined ? { position: change.position } : {}),
        updated_at: sql`clock_timestamp()`,
      })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  async deleteAgendaItem(organizationId: string, id: string): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .deleteFrom('meeting_agenda_items')
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  /** Suggestion keys already added to any meeting of these series. */
  async usedSuggestionKeys(organizationId: string, seriesIds: string[]): Promise<string[]> {
    requireOrganization(organizationId);
    if (seriesIds.length === 0) return [];
    const rows = await qb
      .selectFrom('meeting_agenda_items')
      .select('suggestion_key')
      .distinct()
      .where('organization_id', '=', organizationId)
      .where(anyOf('series_id', seriesIds, 'uuid'))
      .where('suggestion_key', 'is not', null)
      .execute();
    return rows.map((r) => r.suggestion_key!);
  }

  /** Per series: how many agenda points there are and how many the mentee added. */
  async agendaShares(
    organizationId: string,
    seriesIds: string[],
  ): Promise<{ series_id: string; total: number; by_mentee: number }[]> {
    requireOrganization(organizationId);
    if (seriesIds.length === 0) return [];
    return qb
      .selectFrom('meeting_agenda_items as a')
      .innerJoin('meeting_series as s', 's.id', 'a.series_id')
      .innerJoin('mentees as m', 'm.id', 's.mentee_id')
      .select([
        'a.series_id',
        sql<number>`count(*)::int`.as('total'),
        sql<number>`(count(*) FILTER (WHERE a.author_id = m.user_id))::int`.as('by_mentee'),
      ])
      .where('a.organization_id', '=', organizationId)
      .where(anyOf('a.series_id', seriesIds, 'uuid'))
      .groupBy('a.series_id')
      .execute();
  }

  // Actions

  async actions(organizationId: string, seriesIds: string[]): Promise<ActionRow[]> {
    requireOrganization(organizationId);
    if (seriesIds.length === 0) return [];
    return actionItems(organizationId)
      .where(anyOf('a.series_id', seriesIds, 'uuid'))
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
  }

  async actionItem(organizationId: string, id: string): Promise<ActionRow | undefined> {
    requireOrganization(organizationId);
    return actionItems(organizationId).where('a.id', '=', id).executeTakeFirst();
  }

  /**
   * Open action items the user owns, over every meeting they still take part in, soonest due
   * first: what an inbox lists as "action items I own".
   */
  async openActionsOwnedBy(organizationId: string, ownerId: string): Promise<(ActionRow & { mentee_id: string })[]> {
    requireOrganization(organizationId);
    return actionItems(organizationId)
      .innerJoin('meeting_series as s', 's.id', 'a.series_id')
      .select('s.mentee_id')
      .where('a.owner_id', '=', ownerId)
      .where('a.done_at', 'is', null)
      .orderBy(sql`a.due_on`, sql`ASC NULLS LAST`)
      .orderBy('a.created_at')
      .execute();
  }

  async insertActionItem(
    organizationId: string,
    item: {
      seriesId: string;
      occurrenceStart: Date;
      ownerId: string;
      createdBy: string;
      text: string;
      dueOn: string | null;
    },
  ): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('meeting_action_items')
      .values({
        organization_id: organizationId,
        series_id: item.seriesId,
        occurrence_start: item.occurrenceStart,
        owner_id: item.ownerId,
        created_by: item.createdBy,
        text: item.text,
        due_on: item.dueOn,
        created_at: sql`clock_timestamp()`,
        updated_at: sql`clock_timestamp()`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateActionItem(
    organizationId: string,
    id: string,
    change: {
      text?: string;
      ownerId?: string;
      dueOn?: string | null;
      doneIn?: Date | null;
      doneAt?: Date | null;
      milestoneTemplateId?: string | null;
    },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('meeting_action_items')
      .set({
        ...(change.text !== undefined ? { text: change.text } : {}),
        ...(change.ownerId !== undefined ? { owner_id: change.ownerId } : {}),
        ...(change.dueOn !== undefined ? { due_on: change.dueOn } : {}),
        ...(change.doneIn !== undefined ? { done_in: change.doneIn } : {}),
        ...(change.doneAt !== undefined ? { done_at: change.doneAt } : {}),
        ...(change.milestoneTemplateId !== undefined ? { milestone_template_id: change.milestoneTemplateId } : {}),
        updated_at: sql`clock_timestamp()`,
      })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  // Outcomes

  /** Feedback entries logged as the outcome of these occurrences, as far as `visible` lets the caller see them. */
  async outcomes(
    organizationId: string,
    meetingIds: string[],
    visible: RawBuilder<SqlBool>,
  ): Promise<{ id: string; meeting_id: string; occurred_on: string; visibility: string; next_steps: string | null }[]> {
    requireOrganization(organizationId);
    if (meetingIds.length === 0) return [];
    const rows = await qb
      .selectFrom('feedback as f')
      .select([
        'f.id',
        'f.meeting_id',
        sql<string>`to_char(f.occurred_on, 'YYYY-MM-DD')`.as('occurred_on'),
        'f.visibility',
        'f.next_steps',
      ])
      .where('f.organization_id', '=', organizationId)
      .where(anyOf('f.meeting_id', meetingIds, 'varchar'))
      .where(visible)
      .orderBy('f.created_at')
      .execute();
    return rows.map((r) => ({ ...r, meeting_id: r.meeting_id! }));
  }

  // Suggestions: the mentee's readiness gaps, by the same rules the digest and the readiness view use.

  async gaps(
    organizationId: string,
    menteeId: string,
  ): Promise<{ kind: string; ref: string; title: string; detail: string | null }[]> {
    requireOrganization(organizationId);
    const { rows } = await sql<{ kind: string; ref: string; title: string; detail: string | null }>`
      SELECT 'milestone_unverified' AS kind, t.id::text AS ref, t.title, NULL::text AS detail, 1 AS ord, mm.recorded_at AS at
        FROM mentee_milestones mm JOIN milestone_templates t ON t.id = mm.template_id
       WHERE mm.organization_id = ${organizationId} AND mm.mentee_id = ${menteeId}
         AND mm.status = 'completed' AND mm.verified_at IS NULL AND t.retired_at IS NULL
      UNION ALL
      SELECT 'goal_unconfirmed', g.id::text, g.title, NULL, 2, g.status_changed_at
        FROM goals g
       WHERE g.organization_id = ${organizationId} AND g.mentee_id = ${menteeId}
         AND g.status = 'achieved' AND g.confirmed_at IS NULL
      UNION ALL
      SELECT 'goal_overdue', g.id::text, g.title, to_char(g.target_date, 'YYYY-MM-DD'), 3, g.created_at
        FROM goals g
       WHERE g.organization_id = ${organizationId} AND g.mentee_id = ${menteeId}
         AND leadpath_overdue(g.status, g.target_date)
      UNION ALL
      SELECT 'competency_low', c.key, c.name, l.rating::text, 4, l.at
        FROM (SELECT DISTINCT ON (r.competency_key) r.competency_key, r.rating, f.created_at AS at
                FROM feedback f JOIN feedback_ratings r ON r.feedback_id = f.id
               WHERE f.organization_id = ${organizationId} AND f.mentee_id = ${menteeId} AND f.visibility = 'shared'
               ORDER BY r.competency_key, f.occurred_on DESC, f.created_at DESC) l
        JOIN competencies c ON c.organization_id = ${organizationId} AND c.key = l.competency_key
       WHERE l.rating < 3
      UNION ALL
      SELECT 'need_to_see', f.id::text, f.need_to_see, to_char(f.occurred_on, 'YYYY-MM-DD'), 5, f.created_at
        FROM (SELECT f.* FROM feedback f
               WHERE f.organization_id = ${organizationId} AND f.mentee_id = ${menteeId} AND f.visibility = 'shared'
                 AND f.need_to_see IS NOT NULL
               ORDER BY f.occurred_on DESC, f.created_at DESC LIMIT 1) f
      ORDER BY ord, at, ref
      LIMIT 50`.execute(qb);
    return rows;
  }
}
