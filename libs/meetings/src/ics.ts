import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { RRule } from 'rrule';
import { floating, offsetMinutes, toLocal, type LocalTime } from './recurrence';

const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60_000;
const YEAR_MS = 366 * DAY_MS;

/** An occurrence moved or cancelled, by its original start. */
export interface IcsException {
  originalStart: Date;
  startsAt: Date | null;
  durationMinutes: number | null;
  cancelled: boolean;
}

export interface IcsSeries {
  /** Stable per series: calendars match every update and the cancellation to it. */
  uid: string;
  /** Grows with every change. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  summary: string;
  description: string;
  url: string;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
  startsLocal: LocalTime;
  timeZone: string;
  durationMinutes: number;
  rrule: string | null;
  endsAt: Date | null;
  exceptions: IcsException[];
  stamp: Date;
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
const utcOffset = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}${pad(minutes % 60)}`;
const basic = (local: LocalTime) => `${local.replace(/[-:]/g, '')}00`;

/**
 * The time zone's VTIMEZONE between `from` and `to`, written from the runtime's own zone data: one
 * component per offset change (found day by day, then to the minute), each with the wall time it
 * happens at, so any reader places DTSTART;TZID exactly as Leadpath does. A zone without changes
 * in the span gets one STANDARD component.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string {
  const changes: { at: Date; before: number; after: number }[] = [];
  let previous = offsetMinutes(from, timeZone);
  for (let t = from.getTime() + DAY_MS; t <= to.getTime() + DAY_MS; t += DAY_MS) {
    const now = offsetMinutes(new Date(t), timeZone);
    if (now === previous) continue;
    let lo = t - DAY_MS;
    let hi = t;
    while (hi - lo > MINUTE_MS) {
      const mid = Math.floor((lo + hi) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetMinutes(new Date(mid), timeZone) === previous) lo = mid;
      else hi = mid;
    }
    changes.push({ at: new Date(hi), before: previous, after: now });
    previous = now;
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (changes.length === 0) {
    const offset = offsetMinutes(from, timeZone);
    lines.push(
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${utcOffset(offset)}`,
      `TZOFFSETTO:${utcOffset(offset)}`,
      'END:STANDARD',
    );
  } else {
    // The span before the first change, from the start of the span.
    const first = changes[0];
    lines.push(
      first.before > first.after ? 'BEGIN:DAYLIGHT' : 'BEGIN:STANDARD',
      `DTSTART:${basic(toLocal(from, 'UTC').slice(0, 11) + '00:00')}`,
      `TZOFFSETFROM:${utcOffset(first.before)}`,
      `TZOFFSETTO:${utcOffset(first.before)}`,
      first.before > first.after ? 'END:DAYLIGHT' : 'END:STANDARD',
    );
    for (const c of changes) {
      const kind = c.after > c.before ? 'DAYLIGHT' : 'STANDARD';
      // The onset as the wall time before the change (RFC 5545 3.8.3.3).
      const onset = new Date(c.at.getTime() + c.before * MINUTE_MS).toISOString().slice(0, 16);
      lines.push(
        `BEGIN:${kind}`,
        `DTSTART:${basic(onset)}`,
        `TZOFFSETFROM:${utcOffset(c.before)}`,
        `TZOFFSETTO:${utcOffset(c.after)}`,
        `END:${kind}`,
      );
    }
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** The rule as sent: an ended series gets an UNTIL just before its end (in UTC, as RFC 5545 wants with TZID). */
function sentRule(rrule: string, endsAt: Date | null): string {
  if (!endsAt) return rrule;
  const options = RRule.parseString(rrule);
  delete options.count;
  options.until = new Date(endsAt.getTime() - 1000);
  return RRule.optionsToString(options).replace(/^RRULE:/, '');
}

/**
 * A series as one iCalendar object: METHOD:REQUEST with the series' UID and SEQUENCE, its start
 * as a wall time with TZID and a VTIMEZONE, its RRULE, EXDATE for cancelled occurrences and an
 * override (RECURRENCE-ID) for each moved one; METHOD:CANCEL cancels the whole series.
 */
export function seriesCalendar(s: IcsSeries): string {
  const first = floating(s.startsLocal);
  const lastKnown = s.endsAt ?? new Date(first.getTime() + 10 * YEAR_MS);
  const span = { from: new Date(first.getTime() - YEAR_MS), to: new Date(lastKnown.getTime() + YEAR_MS) };
  const calendar = ical({
    prodId: '//Leadpath//One-on-ones//EN',
    method: s.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: null, generator: (tz: string) => vtimezone(tz, span.from, span.to) },
  });
  // ical-generator writes a plain Date with a TZID by its UTC fields: the wall time goes in as a
  // floating instant.
  const wall = (at: Date) => floating(toLocal(at, s.timeZone));
  const people = {
    organizer: { name: s.organizer.name, email: s.organizer.email },
    attendees: s.attendees.map((a) => ({ name: a.name, email: a.email, rsvp: true })),
  };
  const movedOrCancelled = s.exceptions.filter((e) => e.cancelled || e.startsAt || e.durationMinutes);
  const single = !s.rrule;
  const only = single ? s.exceptions.find((e) => !e.cancelled && (e.startsAt || e.durationMinutes)) : undefined;
  const start = only?.startsAt ? wall(only.startsAt) : first;
  const minutes = only?.durationMinutes ?? s.durationMinutes;
  calendar.createEvent({
    id: s.uid,
    sequence: s.sequence,
    stamp: s.stamp,
    start,
    end: new Date(start.getTime() + minutes * MINUTE_MS),
    timezone: s.timeZone,
    summary: s.summary,
    description: s.description,
    url: s.url,
    status: s.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...people,
    ...(s.rrule
      ? {
          repeating: [
            `RRULE:${sentRule(s.rrule, s.endsAt)}`,
            ...(s.method === 'REQUEST' && movedOrCancelled.length > 0
              ? [
                  `EXDATE;TZID=${s.timeZone}:${movedOrCancelled
                    .filter((e) => e.cancelled)
                    .map((e) => basic(toLocal(e.originalStart, s.timeZone)))
                    .join(',')}`,
                ].filter((line) => !line.endsWith(':'))
              : []),
          ].join('\n'),
        }
      : {}),
  });
  if (s.method === 'REQUEST' && s.rrule) {
    for (const e of movedOrCancelled.filter((x) => !x.cancelled)) {
      const at = wall(e.startsAt ?? e.originalStart);
      calendar.createEvent({
        id: s.uid,
        sequence: s.sequence,
        stamp: s.stamp,
        recurrenceId: wall(e.originalStart),
        start: at,
        end: new Date(at.getTime() + (e.durationMinutes ?? s.durationMinutes) * MINUTE_MS),
        timezone: s.timeZone,
        summary: s.summary,
        description: s.description,
        url: s.url,
        ...people,
      });
    }
  }
  return calendar.toString();
}
