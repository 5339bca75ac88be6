/**
 * Krippendorff's alpha for a units × coders table with missing values, computed through the
 * coincidence matrix (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011):
 *
 *   α = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * where o_ck counts the pairable value pairs (c, k) within units, each unit weighted 1/(m_u − 1),
 * n_c the marginal of value c and n the number of pairable values.
 */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval';

export type AlphaReason = 'no_pairable_values' | 'no_variation';

export interface AlphaResult {
  /** null when the coefficient is undefined; `reason` then says why. */
  alpha: number | null;
  reason?: AlphaReason;
  /** Pairable values: those in units that at least two coders coded. */
  pairableValues: number;
  units: number;
}

/** `data[u][c]`: the value coder c gave unit u, or null/undefined when missing. */
export function krippendorffAlpha(
  data: ReadonlyArray<ReadonlyArray<number | null | undefined>>,
  level: AlphaLevel,
): AlphaResult {
  const pairable = data
    .map((unit) => unit.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v)))
    .filter((values) => values.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const size = values.length;
  const o = Array.from({ length: size }, () => new Float64Array(size));
  for (const unit of pairable) {
    const weight = 1 / (unit.length - 1);
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i === j) continue;
        o[index.get(unit[i])!][index.get(unit[j])!] += weight;
      }
    }
  }
  const marginal = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marginal.reduce((s, x) => s + x, 0);
  const units = pairable.length;
  if (n === 0) return { alpha: null, reason: 'no_pairable_values', pairableValues: 0, units };

  const delta = distance(level, values, marginal);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d = delta(c, k);
      observed += o[c][k] * d;
      expected += marginal[c] * marginal[k] * d;
    }
  }
  if (expected === 0) return { alpha: null, reason: 'no_variation', pairableValues: n, units };
  return { alpha: 1 - ((n - 1) * observed) / expected, pairableValues: n, units };
}

/** δ²(c, k) over the indexes of the sorted distinct values. */
function distance(level: AlphaLevel, values: number[], marginal: number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c] - values[k]) ** 2;
    case 'ordinal': {
      // δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², over the ranks of the values actually used.
      const cumulative = [0];
      for (const m of marginal) cumulative.push(cumulative[cumulative.length - 1] + m);
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const between = cumulative[hi + 1] - cumulative[lo] - (marginal[lo] + marginal[hi]) / 2;
        return between ** 2;
      };
    }
  }
}
