/**
 * The one calendar, TypeScript side. Leadpath counts calendar days in UTC everywhere: "today",
 * "the last N days", "overdue" and "stale" mean the same in every endpoint, job and report. In SQL
 * the same rules are the functions leadpath_now(), leadpath_today(), leadpath_clock() and
 * leadpath_overdue() (the one-calendar migration), which follow the application's Clock when it
 * is frozen. Use these rather than `current_date` (the session's time zone) or local-time Dates.
 */
export const DAY_MS = 86_400_000;

/** The calendar date (UTC) of an instant, as 'YYYY-MM-DD'. */
export function utcDay(at = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** The calendar date `days` after (or before, when negative) a 'YYYY-MM-DD' date. */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole calendar days from one 'YYYY-MM-DD' date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** An open goal is overdue from the day after its target date (UTC): as leadpath_overdue() in SQL. */
export function isOverdue(status: string, targetDate: string | null, today: string): boolean {
  return status === 'open' && targetDate !== null && targetDate < today;
}
