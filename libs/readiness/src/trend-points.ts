/**
 * The trend's points: the last instant of each of the previous eleven months; the query adds
 * "now" as the twelfth. Computed from the dated inputs rather than stored snapshots, so it is
 * always consistent with the formula and needs no job to keep it up to date.
 */
export function trendPoints(now = new Date()): Date[] {
  const points: Date[] = [];
  for (let back = 11; back >= 1; back--) {
    points.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1) - 1));
  }
  return points;
}
