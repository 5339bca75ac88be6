/**
 * Small-cell suppression with complementary (secondary) suppression for a two-way table of counts
 * of people and its margins.
 *
 * Primary: every cell and every margin counting between 1 and k − 1 people is hidden (a group of 0
 * reveals no one). Secondary: the published table, with its row totals, column totals and grand
 * total, is a system of linear equations (each row: its cells sum to its total; each column alike;
 * the row totals and the column totals each sum to the grand total). A hidden entry can be
 * recovered by subtraction exactly when it is forced by those equations. Seen as a bipartite graph —
 * one node per row (the totals row included) and per column (the totals column included), one edge
 * per entry — the equations say each node's edges sum to a known value, and a hidden edge is forced
 * exactly when it lies on no cycle of hidden edges (it is a bridge): around a cycle one can add and
 * subtract the same amount alternately without changing any equation. So while a hidden entry is a
 * bridge, the cheapest path of entries between its two ends (visible entries cost their count, so
 * small ones go first; hidden ones cost nothing) is hidden too, closing a cycle through it. A line
 * with exactly one hidden entry is the simplest bridge.
 */
export interface SuppressionResult {
  /** hiddenCells[r][c]: whether cell (r, c) is withheld. */
  hiddenCells: boolean[][];
  hiddenRowTotals: boolean[];
  hiddenColumnTotals: boolean[];
  hiddenGrandTotal: boolean;
  rowTotals: number[];
  columnTotals: number[];
  grandTotal: number;
  /** Entries hidden only to protect others (secondary suppression). */
  secondary: number;
}

export interface SuppressionOptions {
  /**
   * The totals are known anyway (published elsewhere, or countable): they are never hidden and
   * never serve as a complement, so every complement is a cell. When no cell can close a cycle
   * (one row or one column), every cell of the table is hidden.
   */
  knownTotals?: boolean;
}

/** `table[r][c]`: the number of people in the cell. `k`: the smallest group that may be shown. */
export function suppressSmallCells(
  table: ReadonlyArray<ReadonlyArray<number>>,
  k: number,
  options: SuppressionOptions = {},
): SuppressionResult {
  const knownTotals = options.knownTotals ?? false;
  const rows = table.length;
  const cols = rows === 0 ? 0 : table[0].length;
  const rowTotals = table.map((row) => row.reduce((s, x) => s + x, 0));
  const columnTotals = Array.from({ length: cols }, (_, c) => table.reduce((s, row) => s + row[c], 0));
  const grandTotal = rowTotals.reduce((s, x) => s + x, 0);
  // The full grid: (rows + 1) × (cols + 1), the last row and column being the totals.
  const R = rows + 1;
  const C = cols + 1;
  const value = (r: number, c: number): number =>
    r < rows ? (c < cols ? table[r][c] : rowTotals[r]) : c < cols ? columnTotals[c] : grandTotal;
  const hidden: boolean[][] = Array.from({ length: R }, (_, r) =>
    Array.from({ length: C }, (_, c) => {
      if (knownTotals && (r === rows || c === cols)) return false;
      const v = value(r, c);
      return v > 0 && v < k;
    }),
  );
  let primary = 0;
  for (const row of hidden) for (const h of row) if (h) primary++;

  if (rows > 0 && cols > 0) {
    for (;;) {
      const bridge = findBridge(hidden, R, C);
      if (!bridge) break;
      if (!closeCycle(bridge, hidden, R, C, value, knownTotals)) {
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) hidden[r][c] = true;
        break;
      }
    }
  }
  let total = 0;
  for (const row of hidden) for (const h of row) if (h) total++;
  return {
    hiddenCells: hidden.slice(0, rows).map((row) => row.slice(0, cols)),
    hiddenRowTotals: hidden.slice(0, rows).map((row) => row[cols]),
    hiddenColumnTotals: hidden[rows].slice(0, cols),
    hiddenGrandTotal: hidden[rows][cols],
    rowTotals,
    columnTotals,
    grandTotal,
    secondary: total - primary,
  };
}

/** A hidden entry lying on no cycle of hidden entries, or null. Nodes: rows 0..R-1, columns R..R+C-1. */
function findBridge(hidden: boolean[][], R: number, C: number): [number, number] | null {
  const n = R + C;
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (hidden[r][c]) {
        adjacency[r].push(R + c);
        adjacency[R + c].push(r);
      }
    }
  }
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  let time = 0;
  // Iterative Tarjan bridge search (a simple graph: at most one edge between a row and a column).
  for (let start = 0; start < n; start++) {
    if (order[start] !== -1 || adjacency[start].length === 0) continue;
    const stack: Array<{ node: number; parent: number; next: number }> = [{ node: start, parent: -1, next: 0 }];
    order[start] = low[start] = time++;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next < adjacency[frame.node].length) {
        const to = adjacency[frame.node][frame.next++];
        if (to === frame.parent) continue;
        if (order[to] === -1) {
          order[to] = low[to] = time++;
          stack.push({ node: to, parent: frame.node, next: 0 });
        } else {
          low[frame.node] = Math.min(low[frame.node], order[to]);
        }
      } else {
        stack.pop();
        if (frame.parent !== -1) {
          low[frame.parent] = Math.min(low[frame.parent], low[frame.node]);
          if (low[frame.node] > order[frame.parent]) {
            const [a, b] = [frame.parent, frame.node];
            return a < R ? [a, b - R] : [b, a - R];
          }
        }
      }
    }
  }
  return null;
}

/** Hides the cheapest path between the bridge's ends that avoids the bridge, closing a cycle. */
function closeCycle(
  [br, bc]: [number, number],
  hidden: boolean[][],
  R: number,
  C: number,
  value: (r: number, c: number) => number,
  knownTotals: boolean,
): boolean {
  const n = R + C;
  const dist = new Float64Array(n).fill(Infinity);
  const previous = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const source = br;
  const target = R + bc;
  dist[source] = 0;
  // Dense Dijkstra: the graph is complete bipartite, so O(n²) is optimal.
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i] < Infinity && (u === -1 || dist[i] < dist[u])) u = i;
    if (u === -1 || u === target) break;
    done[u] = 1;
    const neighbours = u < R ? Array.from({ length: C }, (_, c) => R + c) : Array.from({ length: R }, (_, r) => r);
    for (const v of neighbours) {
      const r = u < R ? u : v;
      const c = u < R ? v - R : u - R;
      if (r === br && c === bc) continue;
      if (knownTotals && (r === R - 1 || c === C - 1)) continue;
      // Hidden entries are free; visible ones cost their count, plus one so zeros are not free.
      const cost = hidden[r][c] ? 0 : value(r, c) + 1;
      if (dist[u] + cost < dist[v]) {
        dist[v] = dist[u] + cost;
        previous[v] = u;
      }
    }
  }
  if (dist[target] === Infinity) return false;
  for (let v = target; previous[v] !== -1; v = previous[v]) {
    const u = previous[v];
    const r = u < R ? u : v;
    const c = u < R ? v - R : u - R;
    hidden[r][c] = true;
  }
  return true;
}
