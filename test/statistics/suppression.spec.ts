import fc from 'fast-check';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { suppressSmallCells, type SuppressionResult } from '@leadpath/statistics';

/**
 * Which hidden entries the published table determines. The entries of the full table (cells, row
 * totals, column totals, grand total) satisfy one equation per row and column, totals included.
 * Moving the visible entries to the right-hand side leaves A·h = b over the hidden entries h; entry j
 * is determined exactly when the unit vector e_j lies in the row space of A, i.e. when appending it
 * does not raise the rank.
 */
export function recoverableEntries(table: number[][], result: SuppressionResult): string[] {
  const rows = table.length;
  const cols = table[0].length;
  const hidden: Array<[number, number]> = [];
  const isHidden = (r: number, c: number): boolean =>
    r < rows
      ? c < cols
        ? result.hiddenCells[r][c]
        : result.hiddenRowTotals[r]
      : c < cols
        ? result.hiddenColumnTotals[c]
        : result.hiddenGrandTotal;
  for (let r = 0; r <= rows; r++) for (let c = 0; c <= cols; c++) if (isHidden(r, c)) hidden.push([r, c]);
  if (hidden.length === 0) return [];
  // Lines: each row r ≤ rows (its cells minus its total) and each column alike.
  const equations: number[][] = [];
  for (let r = 0; r <= rows; r++) {
    equations.push(hidden.map(([hr, hc]) => (hr === r ? (hc === cols ? -1 : 1) : 0)));
  }
  for (let c = 0; c <= cols; c++) {
    equations.push(hidden.map(([hr, hc]) => (hc === c ? (hr === rows ? -1 : 1) : 0)));
  }
  const rank = (m: number[][]): number => new SingularValueDecomposition(new Matrix(m), { autoTranspose: true }).rank;
  const base = rank(equations);
  return hidden
    .filter((_, j) => rank([...equations, hidden.map((_h, i) => (i === j ? 1 : 0))]) === base)
    .map(([r, c]) => `${r},${c}`);
}

function linesWithOneHidden(table: number[][], result: SuppressionResult): number {
  const grid = [
    ...result.hiddenCells.map((row, r) => [...row, result.hiddenRowTotals[r]]),
    [...result.hiddenColumnTotals, result.hiddenGrandTotal],
  ];
  let lines = 0;
  for (const row of grid) if (row.filter(Boolean).length === 1) lines++;
  for (let c = 0; c <= table[0].length; c++) if (grid.filter((row) => row[c]).length === 1) lines++;
  return lines;
}

describe('small-cell suppression', () => {
  it('hides cells below k and a complement so none can be subtracted out', () => {
    const table = [
      [10, 2, 8],
      [7, 9, 6],
      [12, 11, 15],
    ];
    const result = suppressSmallCells(table, 5);
    expect(result.hiddenCells[0][1]).toBe(true);
    // Row 0 and column 1 each need a second hidden entry.
    expect(result.hiddenCells[0].filter(Boolean).length + (result.hiddenRowTotals[0] ? 1 : 0)).toBeGreaterThanOrEqual(
      2,
    );
    expect(result.secondary).toBeGreaterThan(0);
    expect(recoverableEntries(table, result)).toEqual([]);
    // The smallest complement: the 2 with the 6 and 7 around it — 4 cells in a rectangle.
    expect(result.hiddenCells.flat().filter(Boolean)).toHaveLength(4);
  });

  it('shows everything when no group is small, and keeps zeros visible', () => {
    const table = [
      [5, 0],
      [6, 9],
    ];
    const result = suppressSmallCells(table, 5);
    expect(result.hiddenCells.flat().some(Boolean)).toBe(false);
    expect(result.hiddenRowTotals.some(Boolean)).toBe(false);
    expect(result.secondary).toBe(0);
  });

  it('hides a small total as well as its cells', () => {
    const result = suppressSmallCells(
      [
        [1, 2],
        [8, 9],
      ],
      5,
    );
    expect(result.hiddenRowTotals[0]).toBe(true);
    expect(
      recoverableEntries(
        [
          [1, 2],
          [8, 9],
        ],
        result,
      ),
    ).toEqual([]);
  });

  it('with known totals, protects with cells alone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((rows) =>
          fc.integer({ min: 1, max: 5 }).chain((cols) =>
            fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: cols, maxLength: cols }), {
              minLength: rows,
              maxLength: rows,
            }),
          ),
        ),
        (table) => {
          const result = suppressSmallCells(table, 5, { knownTotals: true });
          expect(result.hiddenRowTotals.some(Boolean) || result.hiddenColumnTotals.some(Boolean)).toBe(false);
          expect(result.hiddenGrandTotal).toBe(false);
          table.forEach((row, r) =>
            row.forEach((v, c) => v > 0 && v < 5 && expect(result.hiddenCells[r][c]).toBe(true)),
          );
          if (table.length >= 2 && table[0].length >= 2) {
            expect(linesWithOneHidden(table, result)).toBe(0);
            expect(recoverableEntries(table, result)).toEqual([]);
          } else if (result.hiddenCells.flat().some(Boolean)) {
            // One row or column with known totals: each cell is its own total, so all of it is withheld.
            expect(result.hiddenCells.flat().every(Boolean)).toBe(true);
          }
        },
      ),
      { numRuns: 200, seed: 28 },
    );
  });

  it('leaves no hidden entry recoverable from the visible ones, for random tables', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((rows) =>
          fc.integer({ min: 1, max: 6 }).chain((cols) =>
            fc.record({
              table: fc.array(fc.array(fc.integer({ min: 0, max: 14 }), { minLength: cols, maxLength: cols }), {
                minLength: rows,
                maxLength: rows,
              }),
              k: fc.integer({ min: 3, max: 8 }),
            }),
          ),
        ),
        ({ table, k }) => {
          const result = suppressSmallCells(table, k);
          // Primary: every group of 1..k−1 people is hidden.
          table.forEach((row, r) =>
            row.forEach((v, c) => {
              if (v > 0 && v < k) expect(result.hiddenCells[r][c]).toBe(true);
            }),
          );
          result.rowTotals.forEach((v, r) => {
            if (v > 0 && v < k) expect(result.hiddenRowTotals[r]).toBe(true);
          });
          // Secondary: no line with a single unknown, and no unknown fixed by the whole system.
          expect(linesWithOneHidden(table, result)).toBe(0);
          expect(recoverableEntries(table, result)).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 28 },
    );
  });
});
