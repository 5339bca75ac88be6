import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor, type ObjectAccess } from '@leadpath/access';
import { AuditService, type AuditAction } from '@leadpath/audit';
import { FeedbackService, type CreateFeedbackDto, type FeedbackResponse } from '@leadpath/feedback';
import { MilestonesRepository, MilestonesService } from '@leadpath/milestones';
import { DomainError } from '@leadpath/platform/domain';
import { toIso } from '@leadpath/platform/http';
import { Clock } from '@leadpath/platform/time';
import {
  MAX_LISTED,
  MAX_OCCURRENCES,
  MAX_WINDOW_DAYS,
  type ActionItem,
  type AgendaItem,
  type AgendaSuggestion,
  type CancelMeetingDto,
  type CreateActionItemDto,
  type CreateAgendaItemDto,
  type CreateMeetingDto,
  type MeetingDetail,
  type MeetingOccurrence,
  type MeetingSeriesInfo,
  type MeetingWindowQueryDto,
  type UpdateActionItemDto,
  type UpdateAgendaItemDto,
  type UpdateMeetingDto,
} from './dto/meetings.dto';
import { MeetingCalendar } from './meeting-calendar';
import {
  MeetingsRepository,
  type ActionRow,
  type AgendaRow,
  type ExceptionRow,
  type SeriesRow,
} from './meetings.repository';
import {
  expand,
  isOccurrence,
  isTimeZone,
  normalizeRule,
  occurrenceId,
  parseOccurrenceId,
  ruleProblem,
  toInstant,
  toLocal,
  type SeriesTiming,
} from './recurrence';

const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60_000;
/** How far back "last time" and forward "the next meeting" are looked for. */
const LOOK_DAYS = 400;

/** One occurrence as computed from its series and any exception. */
export interface Occurrence {
  series: SeriesRow;
  originalStart: Date;
  startsAt: Date;
  durationMinutes: number;
  cancelled: boolean;
  rescheduled: boolean;
}

const timing = (s: SeriesRow): SeriesTiming => ({
  startsLocal: s.starts_local,
  timeZone: s.time_zone,
  rrule: s.rrule,
  endsAt: s.ends_at,
});

const key = (seriesId: string, at: Date) => `${seriesId}|${at.getTime()}`;

/**
 * The occurrences of `series` whose start (moved or not) falls in [from, to), in time order.
 * A moved occurrence is found by its new start.
 */
export function occurrencesIn(series: SeriesRow[], exceptions: ExceptionRow[], from: Date, to: Date): Occurrence[] {
  const byKey = new Map(exceptions.map((e) => [key(e.series_id, e.original_start), e]));
  const out: Occurrence[] = [];
  for (const s of series) {
    const originals = new Map(expand(timing(s), from, to).map((d) => [d.getTime(), d]));
    for (const e of exceptions) {
      if (e.series_id !== s.id || !e.starts_at || e.starts_at < from || e.starts_at >= to) continue;
      if (isOccurrence(timing(s), e.original_start)) originals.set(e.original_start.getTime(), e.original_start);
    }
    for (const originalStart of originals.values()) {
      const e = byKey.get(key(s.id, originalStart));
      const startsAt = e?.starts_at ?? originalStart;
      if (startsAt < from || startsAt >= to) continue;
      out.push({
        series: s,
        originalStart,
        startsAt,
        durationMinutes: e?.duration_minutes ?? s.duration_minutes,
        cancelled: e?.cancelled ?? false,
        rescheduled: !!e && (e.starts_at !== null || e.duration_minutes !== null),
      });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.series.id.localeCompare(b.series.id));
}

export function toOccurrence(o: Occurrence): MeetingOccurrence {
  const s = o.series;
  return {
    id: occurrenceId(s.id, o.originalStart),
    seriesId: s.id,
    menteeId: s.mentee_id,
    holder: { id: s.holder_id, name: s.holder_name },
    mentee: { id: s.mentee_user_id, name: s.mentee_name },
    originalStartsAt: o.originalStart.toISOString(),
    startsAt: o.startsAt.toISOString(),
    endsAt: new Date(o.startsAt.getTime() + o.durationMinutes * MINUTE_MS).toISOString(),
    localStart: toLocal(o.startsAt, s.time_zone),
    timeZone: s.time_zone,
    durationMinutes: o.durationMinutes,
    status: o.cancelled ? 'cancelled' : 'scheduled',
    rescheduled: o.rescheduled,
    recurring: s.rrule !== null,
  };
}

/**
 * One-on-ones: a series of meetings between a mentee and the line manager or mentor who holds it,
 * their agendas, action items and outcomes. Occurrences are computed from the series, never
 * stored; what belongs to one occurrence (an exception, a point, an action) names it by the
 * series and its original start.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly meetings: MeetingsRepository,
    private readonly feedback: FeedbackService,
    private readonly milestones: MilestonesService,
    private readonly milestoneRows: MilestonesRepository,
    private readonly clock: Clock,
    private readonly calendar: MeetingCalendar,
  ) {}

  // Scheduling

  async schedule(actor: Actor, menteeId: string, dto: CreateMeetingDto): Promise<MeetingDetail> {
    await this.access.require(actor, Permission.MeetingSchedule, menteeId);
    const timeZone = checkTimeZone(dto.timeZone);
    const rrule = dto.recurrence === undefined ? null : checkRule(dto.recurrence);
    const startsLocal = toLocalStart(dto.startsAt, timeZone, 'startsAt');
    const organizationId = actor.organizationId;
    const seriesId = await this.meetings.insertSeries(organizationId, {
      menteeId,
      holderId: actor.userId,
      startsLocal,
      timeZone,
      durationMinutes: dto.durationMinutes,
      rrule,
    });
    await this.record(actor, 'meeting.schedule', seriesId);
    await this.calendar.seriesChanged(organizationId, seriesId);
    return this.detail(actor, occurrenceId(seriesId, toInstant(startsLocal, timeZone)));
  }

  /** The caller's meetings in [from, to): every series they take part in, expanded. */
  async mine(actor: Actor, query: MeetingWindowQueryDto): Promise<MeetingOccurrence[]> {
    await this.access.require(actor, Permission.MeetingList);
    const { from, to } = checkWindow(query);
    return (await this.occurrencesOf(actor.organizationId, actor.userId, from, to))
      .slice(0, MAX_OCCURRENCES)
      .map(toOccurrence);
  }

  /**
   * The occurrences of every series `userId` takes part in whose start falls in [from, to): what
   * an inbox lists as today's meetings. The caller's unit of work is the organization's.
   */
  async occurrencesOf(organizationId: string, userId: string, from: Date, to: Date): Promise<Occurrence[]> {
    const series = await this.meetings.seriesOfParticipant(organizationId, userId);
    const exceptions = await this.meetings.exceptions(
      organizationId,
      series.map((s) => s.id),
    );
    return occurrencesIn(series, exceptions, from, to);
  }

  /** A mentee's meetings in [from, to): dates and cadence, which HR may see too. */
  async ofMentee(actor: Actor, menteeId: string, query: MeetingWindowQueryDto): Promise<MeetingOccurrence[]> {
    await this.access.require(actor, Permission.MeetingMenteeList, menteeId);
    const { from, to } = checkWindow(query);
    const series = await this.meetings.seriesOfMentee(actor.organizationId, menteeId);
    const exceptions = await this.meetings.exceptions(
      actor.organizationId,
      series.map((s) => s.id),
    );
    return occurrencesIn(series, exceptions, from, to).slice(0, MAX_OCCURRENCES).map(toOccurrence);
  }

  async detail(actor: Actor, id: string): Promise<MeetingDetail> {
    const { access, occurrence } = await this.resolve(actor, Permission.MeetingRead, id);
    const s = occurrence.series;
    const organizationId = actor.organizationId;
    const [share] = await this.meetings.agendaShares(organizationId, [s.id]);
    const series: MeetingSeriesInfo = {
      id: s.id,
      recurrence: s.rrule,
      startsLocal: s.starts_local,
      timeZone: s.time_zone,
      durationMinutes: s.duration_minutes,
      sequence: s.sequence,
      endsAt: toIso(s.ends_at),
      agendaItems: share?.total ?? 0,
      agendaItemsByMentee: share?.by_mentee ?? 0,
      menteeShare: share && share.total > 0 ? Math.round((share.by_mentee / share.total) * 100) / 100 : null,
    };
    const base = { ...toOccurrence(occurrence), series };
    if (!isParticipant(access)) {
      // HR: that the meeting happens, when and how often; nothing of what is in it.
      return {
        ...base,
        content: false,
        agenda: null,
        actions: null,
        lastTime: null,
        openActions: null,
        outcomes: null,
      };
    }
    const thread = await this.thread(organizationId, s);
    const at = occurrence.originalStart;
    const agenda = (await this.meetings.agenda(organizationId, thread.ids))
      .filter((r) => shownAt(r, occurrence, thread.current) && (!r.private || r.author_id === actor.userId))
      .map((r) => this.toAgendaItem(r, occurrence, thread.series));
    const allActions = await this.meetings.actions(organizationId, thread.ids);
    const actions = allActions
      .filter((r) => isHome(r, occurrence))
      .map((r) => this.toActionItem(r, occurrence, thread.series));
    const openActions = allActions
      .filter((r) => !isHome(r, occurrence) && shownAt(r, occurrence, thread.current))
      .map((r) => this.toActionItem(r, occurrence, thread.series));
    const previous = thread.occurrences.filter((o) => !o.cancelled && o.originalStart < at).pop();
    const ids = [
      occurrenceId(s.id, at),
      ...(previous ? [occurrenceId(previous.series.id, previous.originalStart)] : []),
    ];
    const outcomes = await this.meetings.outcomes(organizationId, ids, this.access.feedbackVisible(actor));
    const own = outcomes.filter((o) => o.meeting_id === ids[0]);
    const last = previous ? outcomes.filter((o) => o.meeting_id === ids[1]) : [];
    return {
      ...base,
      content: true,
      agenda: agenda.slice(0, MAX_LISTED),
      actions: actions.slice(0, MAX_LISTED),
      openActions: openActions.slice(0, MAX_LISTED),
      lastTime: previous
        ? {
            meetingId: ids[1],
            startsAt: previous.startsAt.toISOString(),
            nextSteps:
              last
                .map((o) => o.next_steps)
                .filter((t): t is string => !!t)
                .join('\n\n') || null,
          }
        : null,
      outcomes: own.slice(0, MAX_LISTED).map((o) => ({
        feedbackId: o.id,
        occurredOn: o.occurred_on,
        visibility: o.visibility as 'shared' | 'private',
        nextSteps: o.next_steps,
      })),
    };
  }

  async update(actor: Actor, id: string, dto: UpdateMeetingDto): Promise<MeetingDetail> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingUpdate, id);
    const s = occurrence.series;
    const organizationId = actor.organizationId;
    await this.meetings.lockSeries(organizationId, s.id);
    if (dto.scope === 'occurrence') {
      if (dto.timeZone !== undefined) throw DomainError.invalid('timeZone', 'is changed for the series only');
      if (dto.recurrence !== undefined) throw DomainError.invalid('recurrence', 'is changed for the series only');
      if (dto.startsAt === undefined && dto.durationMinutes === undefined)
        throw DomainError.invalid('startsAt', 'give a new startsAt or durationMinutes');
      const startsAt =
        dto.startsAt === undefined
          ? undefined
          : toInstant(toLocalStart(dto.startsAt, s.time_zone, 'startsAt'), s.time_zone);
      await this.meetings.upsertException(organizationId, s.id, occurrence.originalStart, {
        startsAt,
        durationMinutes: dto.durationMinutes,
        cancelled: false,
      });
      await this.meetings.bumpSequence(organizationId, s.id);
      await this.record(actor, 'meeting.reschedule', s.id);
      await this.calendar.seriesChanged(organizationId, s.id);
      return this.detail(actor, id);
    }
    // This and every later meeting: the series ends before this one and a new one starts, so the
    // earlier meetings keep their times and agendas; the two are one thread (the same two people).
    const timeZone = dto.timeZone === undefined ? s.time_zone : checkTimeZone(dto.timeZone);
    const rrule = dto.recurrence === undefined ? s.rrule : dto.recurrence === null ? null : checkRule(dto.recurrence);
    const startsLocal =
      dto.startsAt === undefined
        ? toLocal(occurrence.originalStart, timeZone)
        : toLocalStart(dto.startsAt, timeZone, 'startsAt');
    if (
      dto.startsAt === undefined &&
      dto.timeZone === undefined &&
      dto.recurrence === undefined &&
      dto.durationMinutes === undefined
    )
      throw DomainError.invalid('startsAt', 'give what changes: startsAt, durationMinutes, timeZone or recurrence');
    const first = toInstant(s.starts_local, s.time_zone);
    if (
      occurrence.originalStart.getTime() === first.getTime() &&
      dto.startsAt === undefined &&
      dto.timeZone === undefined &&
      dto.recurrence === undefined
    ) {
      // Only the duration of the whole series changes: the series itself, in place.
      await this.meetings.updateSeries(organizationId, s.id, { durationMinutes: dto.durationMinutes });
      await this.record(actor, 'meeting.series_change', s.id);
      await this.calendar.seriesChanged(organizationId, s.id);
      return this.detail(actor, id);
    }
    await this.meetings.updateSeries(organizationId, s.id, { endsAt: occurrence.originalStart });
    const next = await this.meetings.insertSeries(organizationId, {
      menteeId: s.mentee_id,
      holderId: s.holder_id,
      startsLocal,
      timeZone,
      durationMinutes: dto.durationMinutes ?? s.duration_minutes,
      rrule,
    });
    await this.record(actor, 'meeting.series_change', s.id);
    await this.calendar.seriesChanged(organizationId, s.id);
    await this.calendar.seriesChanged(organizationId, next);
    return this.detail(actor, occurrenceId(next, toInstant(startsLocal, timeZone)));
  }

  async cancel(actor: Actor, id: string, dto: CancelMeetingDto): Promise<void> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingUpdate, id);
    const s = occurrence.series;
    const organizationId = actor.organizationId;
    await this.meetings.lockSeries(organizationId, s.id);
    if (dto.scope === 'occurrence') {
      await this.meetings.upsertException(organizationId, s.id, occurrence.originalStart, { cancelled: true });
      await this.meetings.bumpSequence(organizationId, s.id);
      await this.record(actor, 'meeting.cancel', s.id);
      await this.calendar.seriesChanged(organizationId, s.id);
      return;
    }
    await this.meetings.updateSeries(organizationId, s.id, { endsAt: occurrence.originalStart });
    await this.record(actor, 'meeting.series_cancel', s.id);
    await this.calendar.seriesChanged(organizationId, s.id);
  }

  // Agenda

  async addAgendaItem(actor: Actor, id: string, dto: CreateAgendaItemDto): Promise<AgendaItem> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingAgenda, id);
    const organizationId = actor.organizationId;
    const s = occurrence.series;
    const thread = await this.thread(organizationId, s);
    if (dto.suggestionKey !== undefined) {
      const open = await this.suggestionsFor(organizationId, s, thread.ids);
      if (!open.some((o) => o.key === dto.suggestionKey))
        throw DomainError.invalid(
          'suggestionKey',
          'is not a current suggestion for this meeting (or was added already)',
        );
    }
    const shown = (await this.meetings.agenda(organizationId, thread.ids)).filter((r) =>
      shownAt(r, occurrence, thread.current),
    );
    const itemId = await this.meetings.insertAgendaItem(organizationId, {
      seriesId: s.id,
      occurrenceStart: occurrence.originalStart,
      authorId: actor.userId,
      text: dto.text.trim(),
      private: dto.private ?? false,
      position: shown.reduce((max, r) => Math.max(max, r.position + 1), 0),
      suggestionKey: dto.suggestionKey ?? null,
    });
    await this.record(actor, 'meeting.agenda_add', s.id);
    const row = await this.meetings.agendaItem(organizationId, itemId);
    return this.toAgendaItem(row!, occurrence, thread.series);
  }

  async updateAgendaItem(actor: Actor, id: string, itemId: string, dto: UpdateAgendaItemDto): Promise<AgendaItem> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingAgenda, id);
    const organizationId = actor.organizationId;
    const thread = await this.thread(organizationId, occurrence.series);
    const all = (await this.meetings.agenda(organizationId, thread.ids)).filter((r) =>
      shownAt(r, occurrence, thread.current),
    );
    const item = all.find((r) => r.id === itemId && (!r.private || r.author_id === actor.userId));
    if (!item) throw DomainError.notFound('Agenda item');
    if (dto.text !== undefined && item.author_id !== actor.userId)
      throw await this.access.forbid(
        actor,
        Permission.MeetingAgenda,
        'meeting_agenda_item',
        itemId,
        'Only its author edits a point’s text',
      );
    if (dto.text === undefined && dto.done === undefined && dto.position === undefined)
      throw DomainError.invalid('text', 'give what changes: text, done or position');
    const now = this.clock.now();
    await this.meetings.updateAgendaItem(organizationId, itemId, {
      text: dto.text?.trim(),
      ...(dto.done === undefined
        ? {}
        : dto.done
          ? { doneIn: occurrence.originalStart, doneAt: now }
          : { doneIn: null, doneAt: null }),
    });
    if (dto.position !== undefined) {
      // The point moves before the point the caller sees at that place; hidden points keep theirs.
      const visible = all.filter((r) => !r.private || r.author_id === actor.userId);
      const others = visible.filter((r) => r.id !== itemId);
      const before = others[dto.position];
      const order = all.filter((r) => r.id !== itemId);
      const at = before ? order.findIndex((r) => r.id === before.id) : order.length;
      order.splice(at, 0, item);
      for (const [i, r] of order.entries()) {
        if (r.position !== i || r.id === itemId)
          await this.meetings.updateAgendaItem(organizationId, r.id, { position: i });
      }
    }
    await this.record(actor, 'meeting.agenda_update', occurrence.series.id);
    const row = await this.meetings.agendaItem(organizationId, itemId);
    return this.toAgendaItem(row!, occurrence, thread.series);
  }

  async deleteAgendaItem(actor: Actor, id: string, itemId: string): Promise<void> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingAgenda, id);
    const organizationId = actor.organizationId;
    const thread = await this.thread(organizationId, occurrence.series);
    const item = (await this.meetings.agenda(organizationId, thread.ids)).find(
      (r) => r.id === itemId && shownAt(r, occurrence, thread.current) && (!r.private || r.author_id === actor.userId),
    );
    if (!item) throw DomainError.notFound('Agenda item');
    if (item.author_id !== actor.userId)
      throw await this.access.forbid(
        actor,
        Permission.MeetingAgenda,
        'meeting_agenda_item',
        itemId,
        'Only its author removes a point',
      );
    await this.meetings.deleteAgendaItem(organizationId, itemId);
    await this.record(actor, 'meeting.agenda_delete', occurrence.series.id);
  }

  async suggestions(actor: Actor, id: string): Promise<AgendaSuggestion[]> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingAgenda, id);
    const thread = await this.thread(actor.organizationId, occurrence.series);
    return this.suggestionsFor(actor.organizationId, occurrence.series, thread.ids);
  }

  /** The mentee's readiness gaps as talking points, less those already added to the thread. */
  private async suggestionsFor(organizationId: string, s: SeriesRow, threadIds: string[]): Promise<AgendaSuggestion[]> {
    const used = new Set(await this.meetings.usedSuggestionKeys(organizationId, threadIds));
    const gaps = await this.meetings.gaps(organizationId, s.mentee_id);
    return gaps
      .map((g) => ({ key: `${g.kind}:${g.ref}`, kind: g.kind, text: suggestionText(g) }))
      .filter((g) => !used.has(g.key));
  }

  // Actions

  async addActionItem(actor: Actor, id: string, dto: CreateActionItemDto): Promise<ActionItem> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingAgenda, id);
    const s = occurrence.series;
    if (dto.ownerId !== s.holder_id && dto.ownerId !== s.mentee_user_id)
      throw DomainError.invalid('ownerId', 'must be one of the two people meeting');
    const organizationId = actor.organizationId;
    const itemId = await this.meetings.insertActionItem(organizationId, {
      seriesId: s.id,
      occurrenceStart: occurrence.originalStart,
      ownerId: dto.ownerId,
      createdBy: actor.userId,
      text: dto.text.trim(),
      dueOn: checkDay(dto.dueOn ?? null),
    });
    await this.record(actor, 'meeting.action_add', s.id);
    const thread = await this.thread(organizationId, s);
    return this.toActionItem((await this.meetings.actionItem(organizationId, itemId))!, occurrence, thread.series);
  }

  async updateActionItem(actor: Actor, id: string, itemId: string, dto: UpdateActionItemDto): Promise<ActionItem> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingAgenda, id);
    const s = occurrence.series;
    const organizationId = actor.organizationId;
    const thread = await this.thread(organizationId, s);
    const item = (await this.meetings.actions(organizationId, thread.ids)).find(
      (r) => r.id === itemId && (isHome(r, occurrence) || shownAt(r, occurrence, thread.current)),
    );
    if (!item) throw DomainError.notFound('Action item');
    if (dto.ownerId !== undefined && dto.ownerId !== s.holder_id && dto.ownerId !== s.mentee_user_id)
      throw DomainError.invalid('ownerId', 'must be one of the two people meeting');
    if (dto.milestoneId !== undefined && dto.done !== true)
      throw DomainError.invalid('milestoneId', 'is attached when the item is closed (done: true)');
    const now = this.clock.now();
    if (dto.milestoneId !== undefined) {
      // The milestone records the evidence as its own page does (and checks the caller may record it).
      const current = await this.milestoneRows.one(organizationId, s.mentee_id, dto.milestoneId);
      if (!current) throw DomainError.invalid('milestoneId', 'is not a milestone of this mentee');
      const line = `${dto.text?.trim() ?? item.text} (one-on-one of ${toLocal(occurrence.startsAt, s.time_zone).slice(0, 10)})`;
      await this.milestones.record(actor, s.mentee_id, dto.milestoneId, {
        status: current.status === 'completed' ? 'completed' : 'in_progress',
        evidence: {
          text: current.evidence_text ? `${current.evidence_text}\n${line}`.slice(0, 4000) : line,
          links: current.evidence_links ?? [],
        },
      });
    }
    await this.meetings.updateActionItem(organizationId, itemId, {
      text: dto.text?.trim(),
      ownerId: dto.ownerId,
      dueOn: dto.dueOn === undefined ? undefined : checkDay(dto.dueOn),
      ...(dto.done === undefined
        ? {}
        : dto.done
          ? { doneIn: occurrence.originalStart, doneAt: now, milestoneTemplateId: dto.milestoneId ?? null }
          : { doneIn: null, doneAt: null, milestoneTemplateId: null }),
    });
    await this.record(actor, 'meeting.action_update', s.id);
    return this.toActionItem((await this.meetings.actionItem(organizationId, itemId))!, occurrence, thread.series);
  }

  // Outcome

  /** Logs the meeting's outcome as a feedback entry of the mentee, through the feedback rules. */
  async outcome(
    actor: Actor,
    id: string,
    dto: Omit<CreateFeedbackDto, 'occurredOn'>,
    idempotencyKey?: string,
  ): Promise<FeedbackResponse> {
    const { occurrence } = await this.resolve(actor, Permission.MeetingOutcome, id);
    if (occurrence.cancelled) throw DomainError.conflict('The meeting was cancelled');
    const s = occurrence.series;
    const occurredOn = toLocal(occurrence.startsAt, s.time_zone).slice(0, 10);
    const entry = await this.feedback.create(
      actor,
      s.mentee_id,
      { ...dto, occurredOn },
      idempotencyKey,
      occurrenceId(s.id, occurrence.originalStart),
    );
    await this.record(actor, 'meeting.outcome', s.id);
    return entry;
  }

  // Helpers

  /**
   * The occurrence an id names, after the access check on its series: an id that names no
   * occurrence of a visible series answers 404 like a missing series.
   */
  private async resolve(
    actor: Actor,
    permission: Permission,
    id: string,
  ): Promise<{ access: ObjectAccess; occurrence: Occurrence }> {
    const parsed = parseOccurrenceId(id);
    if (!parsed) throw DomainError.notFound('Meeting');
    const access = (await this.access.require(actor, permission, parsed.seriesId)).get(parsed.seriesId)!;
    const series = await this.meetings.series(actor.organizationId, parsed.seriesId);
    if (!series || !isOccurrence(timing(series), parsed.originalStart)) throw DomainError.notFound('Meeting');
    const exceptions = (await this.meetings.exceptions(actor.organizationId, [series.id])).filter(
      (e) => e.original_start.getTime() === parsed.originalStart.getTime(),
    );
    const e = exceptions[0];
    return {
      access,
      occurrence: {
        series,
        originalStart: parsed.originalStart,
        startsAt: e?.starts_at ?? parsed.originalStart,
        durationMinutes: e?.duration_minutes ?? series.duration_minutes,
        cancelled: e?.cancelled ?? false,
        rescheduled: !!e && (e.starts_at !== null || e.duration_minutes !== null),
      },
    };
  }

  /**
   * The thread of a series: every series of the same two people, their occurrences around now
   * and the current one (the first not yet over, by original start), up to which open points carry.
   */
  private async thread(
    organizationId: string,
    s: SeriesRow,
  ): Promise<{ series: Map<string, SeriesRow>; ids: string[]; occurrences: Occurrence[]; current: Date }> {
    const pair = await this.meetings.pairSeries(organizationId, s.mentee_id, s.holder_id);
    const ids = pair.map((p) => p.id);
    const exceptions = await this.meetings.exceptions(organizationId, ids);
    const now = this.clock.now();
    const occurrences = occurrencesIn(
      pair,
      exceptions,
      new Date(now.getTime() - LOOK_DAYS * DAY_MS),
      new Date(now.getTime() + LOOK_DAYS * DAY_MS),
    ).sort((a, b) => a.originalStart.getTime() - b.originalStart.getTime());
    const current = occurrences.find(
      (o) => !o.cancelled && o.startsAt.getTime() + o.durationMinutes * MINUTE_MS > now.getTime(),
    );
    return {
      series: new Map(pair.map((p) => [p.id, p])),
      ids,
      occurrences,
      current: current?.originalStart ?? new Date(8.64e15),
    };
  }

  private toAgendaItem(r: AgendaRow, at: Occurrence, series: Map<string, SeriesRow>): AgendaItem {
    const home = !isHome(r, at);
    return {
      id: r.id,
      text: r.text,
      author: { id: r.author_id, name: r.author_name },
      private: r.private,
      done: r.done_in !== null && r.done_in <= at.originalStart,
      position: r.position,
      carriedOverFrom: home ? homeDay(r, series) : null,
      carriedOverFromMeetingId: home ? occurrenceId(r.series_id, r.occurrence_start) : null,
      suggestionKey: r.suggestion_key,
    };
  }

  private toActionItem(r: ActionRow, at: Occurrence, series: Map<string, SeriesRow>): ActionItem {
    return {
      id: r.id,
      text: r.text,
      owner: { id: r.owner_id, name: r.owner_name },
      dueOn: r.due_on,
      done: r.done_at !== null,
      doneAt: toIso(r.done_at),
      meetingId: occurrenceId(r.series_id, r.occurrence_start),
      carriedOverFrom: isHome(r, at) ? null : homeDay(r, series),
      milestoneId: r.milestone_template_id,
    };
  }

  private record(actor: Actor, action: AuditAction, seriesId: string): Promise<void> {
    return this.audit.record(actor, { action, objectType: 'meeting_series', objectId: seriesId });
  }
}

function isParticipant(access: ObjectAccess): boolean {
  return access.relations.some((r) => r === 'manager' || r === 'mentor' || r === 'self');
}

function isHome(r: { series_id: string; occurrence_start: Date }, at: Occurrence): boolean {
  return r.series_id === at.series.id && r.occurrence_start.getTime() === at.originalStart.getTime();
}

/**
 * Whether a point (or action) shows at occurrence `at`: at the meeting it was added to, and —
 * until ticked off — at every later meeting of the thread up to the current one; once ticked off
 * in a later meeting, up to that meeting.
 */
function shownAt(
  r: { series_id: string; occurrence_start: Date; done_in: Date | null },
  at: Occurrence,
  current: Date,
): boolean {
  if (isHome(r, at)) return true;
  if (r.occurrence_start >= at.originalStart) return false;
  return r.done_in === null ? at.originalStart <= current : r.done_in >= at.originalStart;
}

function homeDay(r: { series_id: string; occurrence_start: Date }, series: Map<string, SeriesRow>): string {
  const tz = series.get(r.series_id)?.time_zone ?? 'UTC';
  return toLocal(r.occurrence_start, tz).slice(0, 10);
}

function suggestionText(g: { kind: string; title: string; detail: string | null }): string {
  switch (g.kind) {
    case 'milestone_unverified':
      return `Milestone “${g.title}” is completed and waits for verification`;
    case 'goal_unconfirmed':
      return `Goal “${g.title}” is achieved and waits for confirmation`;
    case 'goal_overdue':
      return `Goal “${g.title}” is past its target date (${g.detail})`;
    case 'competency_low':
      return `${g.title}: last rated ${g.detail} of 5 — what would move it up?`;
    default:
      return `What I would need to see (${g.detail}): ${g.title}`;
  }
}

function checkTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) throw DomainError.invalid('timeZone', 'must be an IANA time zone such as Europe/Berlin');
  return timeZone;
}

function checkRule(rule: string): string {
  const problem = ruleProblem(rule);
  if (problem) throw DomainError.invalid('recurrence', problem);
  return normalizeRule(rule);
}

/** A start as the wall time of `timeZone`: given as a wall time, or as an instant with its offset. */
function toLocalStart(text: string, timeZone: string, field: string): string {
  const wall = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?$/.exec(text);
  if (wall) {
    const local = wall[1];
    if (Number.isNaN(Date.parse(`${local}:00Z`)) || new Date(`${local}:00Z`).toISOString().slice(0, 16) !== local)
      throw DomainError.invalid(field, 'is not a real date and time');
    return local;
  }
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw DomainError.invalid(field, 'is not a real date and time');
  return toLocal(at, timeZone);
}

function checkWindow(query: MeetingWindowQueryDto): { from: Date; to: Date } {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (Number.isNaN(from.getTime())) throw DomainError.invalid('from', 'is not a real date and time');
  if (Number.isNaN(to.getTime())) throw DomainError.invalid('to', 'is not a real date and time');
  if (to <= from) throw DomainError.invalid('to', 'must be after from');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    throw DomainError.invalid('to', `must be at most ${MAX_WINDOW_DAYS} days after from`);
  return { from, to };
}

function checkDay(day: string | null): string | null {
  if (day === null) return null;
  const at = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day)
    throw DomainError.invalid('dueOn', 'is not a real date');
  return day;
}
