/** ISO 8601 for timestamps that arrive as Date (pg rows) or string (inside json columns). */
export function toIso(value: Date | string): string;
export function toIso(value: Date | string | null | undefined): string | null;
export function toIso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Today's calendar date in UTC, as readiness counts days. */
export function utcDay(at = new Date()): string {
  return at.toISOString().slice(0, 10);
}
