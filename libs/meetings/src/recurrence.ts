import { Frequency, RRule, type Options } from 'rrule';

/**
 * Recurrence in a time zone. A series keeps its first start as a local wall time (`2026-03-03T09:30`)
 * in its IANA time zone, and its RFC 5545 rule. The rule is expanded in floating local time (a
 * wall time written as if it were UTC, where no daylight-saving change exists), and each local
 * occurrence is then placed in the time zone: a weekly 09:30 stays 09:30 across the switches,
 * and its UTC offset changes with them.
 */

/** At most this many occurrences in a rule with COUNT: ten years of weekly meetings. */
export const MAX_COUNT = 520;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;

/** A wall time: `YYYY-MM-DDTHH:MM` (seconds are not kept). */
export type LocalTime = string;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The wall time as a floating instant: its fields read as UTC. */
export function floating(local: LocalTime): Date {
  const m = LOCAL.exec(local);
  if (!m) throw new Error(`not a local time: ${local}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
}

/** The floating instant written as a wall time. */
export function fromFloating(at: Date): LocalTime {
  return at.toISOString().slice(0, 16);
}

/** Whether `name` is an IANA time zone this runtime knows (`Europe/Berlin`, `UTC`), not an offset. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall time of `timeZone` at the instant `at`. */
export function toLocal(at: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The UTC offset of `timeZone` at `at`, in minutes east of UTC (Berlin in winter: 60). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const whole = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
  return Math.round((floating(toLocal(whole, timeZone)).getTime() - whole.getTime()) / MINUTE_MS);
}

/**
 * The instant a wall time of `timeZone` names. A time skipped by a spring-forward switch (02:30 in
 * Berlin on the last Sunday of March) is moved forward by the gap, as calendars do; a repeated
 * time (autumn) is its first, summer-time instant.
 */
export function toInstant(local: LocalTime, timeZone: string): Date {
  const wall = floating(local).getTime();
  // The offsets a day either side cover any switch near the wall time.
  const offsets = [...new Set([-DAY_MS, DAY_MS].map((d) => offsetMinutes(new Date(wall + d), timeZone)))];
  const readings = offsets
    .map((o) => wall - o * MINUTE_MS)
    .filter((at) => toLocal(new Date(at), timeZone) === local)
    .sort((a, b) => a - b);
  if (readings.length > 0) return new Date(readings[0]);
  return new Date(wall - Math.min(...offsets) * MINUTE_MS);
}

/** Why a rule is refused, or null when it is accepted. */
export function ruleProblem(rule: string): string | null {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (text.length === 0) return 'must be an RRULE such as FREQ=WEEKLY';
  if (/(^|;)\s*(DTSTART|TZID)\s*=/i.test(text) || /[\r\n]/.test(text))
    return 'must be a single RRULE without DTSTART; the start is startsAt';
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
  } catch (e) {
    return `is not a valid RRULE: ${(e as Error).message}`;
  }
  if (options.freq === undefined || options.freq === null) return 'must name FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)';
  if (![Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY].includes(options.freq))
    return 'may repeat at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)';
  if (options.interval !== undefined && (options.interval < 1 || options.interval > 52))
    return 'INTERVAL must be between 1 and 52';
  if (options.count !== undefined && options.count !== null && (options.count < 1 || options.count > MAX_COUNT))
    return `COUNT must be between 1 and ${MAX_COUNT}`;
  const many = (v: unknown) => Array.isArray(v) && v.length > 1;
  if (many(options.byhour) || many(options.byminute) || many(options.bysecond) || options.bysetpos)
    return 'may hold at most one meeting a day (no BYHOUR, BYMINUTE, BYSECOND lists or BYSETPOS)';
  if (options.freq === Frequency.DAILY && options.byweekday === undefined && (options.interval ?? 1) < 1)
    return 'may repeat at most daily';
  return null;
}

/** The rule as stored: its RRULE properties without the `RRULE:` prefix, normalized by the library. */
export function normalizeRule(rule: string): string {
  const options = RRule.parseString(rule.trim().replace(/^RRULE:/i, ''));
  return new RRule(options).toString().replace(/^RRULE:/, '');
}

export interface SeriesTiming {
  /** The first occurrence's wall time. */
  startsLocal: LocalTime;
  timeZone: string;
  /** The rule, or null for a single meeting. */
  rrule: string | null;
  /** Occurrences whose original start is at or after this instant are no longer held (the series ended). */
  endsAt: Date | null;
}

/**
 * The original starts of a series in [from, to): instants, each at the series' wall time in its
 * time zone. Bounded by the window (callers cap it) and by MAX_COUNT per call.
 */
export function expand(series: SeriesTiming, from: Date, to: Date): Date[] {
  const end = series.endsAt && series.endsAt < to ? series.endsAt : to;
  if (end <= from) return [];
  const dtstart = floating(series.startsLocal);
  let locals: Date[];
  if (!series.rrule) {
    locals = [dtstart];
  } else {
    const rule = new RRule({ ...RRule.parseString(series.rrule), dtstart });
    // The floating window is wider than the instants' by any offset (at most ±14 h, a day here).
    const after = new Date(from.getTime() - DAY_MS);
    const before = new Date(end.getTime() + DAY_MS);
    locals = [];
    rule.between(after, before, true, (d) => {
      locals.push(d);
      return locals.length < MAX_COUNT * 2;
    });
  }
  return locals
    .map((d) => toInstant(fromFloating(d), series.timeZone))
    .filter((at) => at >= from && at < end)
    .sort((a, b) => a.getTime() - b.getTime());
}

/** Whether `at` is one of the series' original starts. */
export function isOccurrence(series: SeriesTiming, at: Date): boolean {
  return expand(series, at, new Date(at.getTime() + 1)).length === 1;
}

/** The first original start of the series at or after `from` (within ten years), or null. */
export function nextOccurrence(series: SeriesTiming, from: Date): Date | null {
  if (!series.rrule) {
    const only = toInstant(series.startsLocal, series.timeZone);
    return only >= from && (!series.endsAt || only < series.endsAt) ? only : null;
  }
  const end = series.endsAt ?? new Date(from.getTime() + 3660 * DAY_MS);
  const dtstart = floating(series.startsLocal);
  const rule = new RRule({ ...RRule.parseString(series.rrule), dtstart });
  let cursor = new Date(from.getTime() - DAY_MS);
  for (let i = 0; i < 3; i++) {
    const candidate = rule.after(cursor, true);
    if (!candidate) return null;
    const at = toInstant(fromFloating(candidate), series.timeZone);
    if (at >= end) return null;
    if (at >= from) return at;
    cursor = new Date(candidate.getTime() + MINUTE_MS);
  }
  return null;
}

/** `2026-03-03T08:30:00.000Z` → `20260303T083000Z`: the occurrence key in an id. */
export function compactInstant(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function parseCompactInstant(text: string): Date | null {
  const m = COMPACT.exec(text);
  if (!m) return null;
  const at = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(at.getTime()) || compactInstant(at) !== text ? null : at;
}

/** An occurrence's id: the series and the occurrence's original start, `<seriesId>_<YYYYMMDDTHHMMSSZ>`. */
export function occurrenceId(seriesId: string, originalStart: Date): string {
  return `${seriesId}_${compactInstant(originalStart)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function parseOccurrenceId(id: string): { seriesId: string; originalStart: Date } | null {
  const [seriesId, key, ...rest] = id.split('_');
  if (rest.length > 0 || !seriesId || !key || !UUID.test(seriesId)) return null;
  const originalStart = parseCompactInstant(key);
  return originalStart ? { seriesId: seriesId.toLowerCase(), originalStart } : null;
}
