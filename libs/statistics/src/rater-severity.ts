import { CholeskyDecomposition, LuDecomposition, Matrix } from 'ml-matrix';

/** One rating: rater gave subject a value on an item (a competency, a rubric question). */
export interface Rating {
  raterId: string;
  subjectId: string;
  itemId: string;
  value: number;
}

export type SeverityReason = 'single_rater_group' | 'no_residual_variance';

export interface RaterSeverity {
  raterId: string;
  /**
   * The rater's effect relative to their group's average rating (the rater effects' mean weighted by
   * ratings; positive: rates higher, i.e. lenient; negative: severe). Comparable only within the group; null when the group cannot
   * identify it.
   */
  severity: number | null;
  standardError: number | null;
  /** severity / standardError. */
  z: number | null;
  /** |z| > 2 once the rater gave at least `minRatingsToFlag` ratings. */
  flagged: boolean;
  ratings: number;
  group: number;
  reason?: SeverityReason;
}

export interface RaterGroup {
  id: number;
  raters: string[];
  ratings: number;
  /** Whether severities within the group can be estimated (at least two raters linked by subjects). */
  identifiable: boolean;
}

export interface SeverityFit {
  raters: RaterSeverity[];
  groups: RaterGroup[];
  /** Fitted subject effects (including the overall mean), for calibrated means. */
  subjects: Map<string, number>;
  /** Item effects relative to the first item. */
  items: Map<string, number>;
  /** Residual variance of the model, null when there are no residual degrees of freedom. */
  sigma2: number | null;
  ratings: number;
}

export interface SeverityOptions {
  /** Ratings a rater needs before |z| > 2 flags them (default 5). */
  minRatingsToFlag?: number;
  /** |z| above which a rater is flagged (default 2). */
  zThreshold?: number;
}

/**
 * Fits value = subject + item + rater + ε by least squares and reports each rater's effect with a
 * standard error from σ²(XᵀX)⁺.
 *
 * The subjects (many: everyone rated) enter the normal equations as a diagonal block, so they are
 * absorbed first (the Schur complement, accumulated one subject at a time: Σ over subjects of the
 * subject's item/rater counts' outer product), which leaves a dense system over items and raters
 * only — its size is the number of items plus raters, not of ratings or subjects. Items use the first
 * item as reference. Raters are only identified within a group linked through subjects they rated
 * (union-find): each group adds one direction the data cannot see (raise its raters, lower its
 * subjects), removed by a sum-to-zero constraint per group; for the positive semi-definite reduced
 * matrix A with those null vectors v_g, A⁺ = (A + Σ v_g v_gᵀ)⁻¹ − Σ v_g v_gᵀ / m_g², which gives both
 * the constrained estimates and their covariance.
 */
export function fitRaterSeverity(ratings: readonly Rating[], options: SeverityOptions = {}): SeverityFit {
  const minRatings = options.minRatingsToFlag ?? 5;
  const threshold = options.zThreshold ?? 2;
  const usable = ratings.filter((r) => Number.isFinite(r.value));
  const raterIds = uniq(usable.map((r) => r.raterId));
  const subjectIds = uniq(usable.map((r) => r.subjectId));
  const itemIds = uniq(usable.map((r) => r.itemId));
  const raterIx = indexOf(raterIds);
  const subjectIx = indexOf(subjectIds);
  const itemIx = indexOf(itemIds);
  const nR = raterIds.length;
  const nS = subjectIds.length;
  const nI = itemIds.length;
  const N = usable.length;

  // Groups of raters linked through the subjects they rated.
  const parent = Array.from({ length: nR + nS }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const r of usable) {
    const a = find(raterIx.get(r.raterId)!);
    const b = find(nR + subjectIx.get(r.subjectId)!);
    if (a !== b) parent[a] = b;
  }
  const groupOfRoot = new Map<number, number>();
  const groupOf = raterIds.map((_, i) => {
    const root = find(i);
    if (!groupOfRoot.has(root)) groupOfRoot.set(root, groupOfRoot.size);
    return groupOfRoot.get(root)!;
  });
  const groupMembers: number[][] = Array.from({ length: groupOfRoot.size }, () => []);
  groupOf.forEach((g, i) => groupMembers[g].push(i));

  // Reduced parameters: items 1..nI-1 (item 0 is the reference), then raters.
  const q = nI - 1 + nR;
  const col = (kind: 'item' | 'rater', i: number): number => (kind === 'item' ? i - 1 : nI - 1 + i);
  const A = new Float64Array(q * q);
  const b = new Float64Array(q);
  const perSubject: Array<Array<{ item: number; rater: number; value: number }>> = Array.from({ length: nS }, () => []);
  const raterCount = new Int32Array(nR);
  for (const r of usable) {
    const entry = { item: itemIx.get(r.itemId)!, rater: raterIx.get(r.raterId)!, value: r.value };
    perSubject[subjectIx.get(r.subjectId)!].push(entry);
    raterCount[entry.rater]++;
  }
  const subjectSum = new Float64Array(nS);
  for (let s = 0; s < nS; s++) {
    const rows = perSubject[s];
    // The subject's counts and sums per reduced column.
    const counts = new Map<number, number>();
    let sum = 0;
    for (const row of rows) {
      sum += row.value;
      const cols = row.item > 0 ? [col('item', row.item), col('rater', row.rater)] : [col('rater', row.rater)];
      for (const c of cols) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
        b[c] += row.value;
      }
      // XᵀX over the reduced columns: diagonal and the item × rater cross term.
      for (const c1 of cols) for (const c2 of cols) A[c1 * q + c2] += 1;
    }
    subjectSum[s] = sum;
    const n = rows.length;
    const entries = [...counts];
    for (const [c1, n1] of entries) {
      b[c1] -= (n1 * sum) / n;
      for (const [c2, n2] of entries) A[c1 * q + c2] -= (n1 * n2) / n;
    }
  }

  // Add v_g v_gᵀ for each group (its raters' indicator) to remove the groups' null directions.
  for (const members of groupMembers) {
    for (const i of members) for (const j of members) A[col('rater', i) * q + col('rater', j)] += 1;
  }
  let scale = 0;
  for (let i = 0; i < q; i++) scale = Math.max(scale, A[i * q + i]);
  const M = new Matrix(q, q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) M.set(i, j, A[i * q + j]);
  let inverse = invertSymmetric(M);
  if (!inverse) {
    // Items not linked through subjects leave further null directions; a tiny ridge keeps the
    // estimable contrasts (the raters' within a group) and makes the rest zero-centred.
    for (let i = 0; i < q; i++) M.set(i, i, M.get(i, i) + 1e-9 * Math.max(scale, 1));
    inverse = invertSymmetric(M) ?? new LuDecomposition(M).solve(Matrix.eye(q));
  }
  // A⁺ = (A + Σ v vᵀ)⁻¹ − Σ v vᵀ / m².
  for (const members of groupMembers) {
    const m2 = members.length ** 2;
    for (const i of members) {
      for (const j of members) {
        const ci = col('rater', i);
        const cj = col('rater', j);
        inverse.set(ci, cj, inverse.get(ci, cj) - 1 / m2);
      }
    }
  }
  const theta = inverse.mmul(Matrix.columnVector(Array.from(b))).getColumn(0);
  // Report each rater against the group's average rating (the mean of the rater effects weighted by
  // their ratings), so a rater with one rating barely moves the others: r' = P r with
  // P = I − 1 w̃ᵀ (w̃ the rating shares), Cov(r') = P Cov(r) Pᵀ.
  const variance = new Float64Array(nR);
  for (const members of groupMembers) {
    const total = members.reduce((s, i) => s + raterCount[i], 0);
    const share = members.map((i) => raterCount[i] / total);
    const cols = members.map((i) => col('rater', i));
    const shift = members.reduce((s, _i, k) => s + share[k] * theta[cols[k]], 0);
    const crossed = cols.map((ci) => cols.reduce((s, cj, k) => s + share[k] * inverse.get(ci, cj), 0));
    const quadratic = crossed.reduce((s, x, k) => s + share[k] * x, 0);
    members.forEach((_i, k) => {
      theta[cols[k]] -= shift;
      variance[members[k]] = inverse.get(cols[k], cols[k]) - 2 * crossed[k] + quadratic;
    });
  }

  const itemEffect = (i: number): number => (i === 0 ? 0 : theta[col('item', i)]);
  const raterEffect = (i: number): number => theta[col('rater', i)];
  const subjects = new Map<string, number>();
  let rss = 0;
  for (let s = 0; s < nS; s++) {
    const rows = perSubject[s];
    let rest = 0;
    for (const row of rows) rest += itemEffect(row.item) + raterEffect(row.rater);
    const effect = (subjectSum[s] - rest) / rows.length;
    subjects.set(subjectIds[s], effect);
    for (const row of rows) rss += (row.value - effect - itemEffect(row.item) - raterEffect(row.rater)) ** 2;
  }
  const rank = nS + (nI - 1) + nR - groupMembers.length;
  const dof = N - rank;
  const sigma2 = dof > 0 ? rss / dof : null;

  const raters: RaterSeverity[] = raterIds.map((raterId, i) => {
    const group = groupOf[i];
    const base = { raterId, ratings: raterCount[i], group };
    if (groupMembers[group].length < 2) {
      return { ...base, severity: null, standardError: null, z: null, flagged: false, reason: 'single_rater_group' };
    }
    const severity = raterEffect(i);
    if (sigma2 === null || sigma2 <= 0) {
      return { ...base, severity, standardError: null, z: null, flagged: false, reason: 'no_residual_variance' };
    }
    const standardError = Math.sqrt(Math.max(sigma2 * variance[i], 0));
    const z = standardError > 0 ? severity / standardError : null;
    const flagged = z !== null && raterCount[i] >= minRatings && Math.abs(z) > threshold;
    return { ...base, severity, standardError, z, flagged };
  });
  const groups: RaterGroup[] = groupMembers.map((members, id) => ({
    id,
    raters: members.map((i) => raterIds[i]),
    ratings: members.reduce((s, i) => s + raterCount[i], 0),
    identifiable: members.length >= 2,
  }));
  const items = new Map(itemIds.map((id, i) => [id, itemEffect(i)]));
  return { raters, groups, subjects, items, sigma2, ratings: N };
}

function invertSymmetric(m: Matrix): Matrix | null {
  if (m.rows === 0) return new Matrix(0, 0);
  const cholesky = new CholeskyDecomposition(m);
  if (!cholesky.isPositiveDefinite()) return null;
  return cholesky.solve(Matrix.eye(m.rows));
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

function indexOf(values: string[]): Map<string, number> {
  return new Map(values.map((v, i) => [v, i]));
}
