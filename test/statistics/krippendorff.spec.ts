import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { krippendorffAlpha, type AlphaLevel } from '@leadpath/statistics';

interface AlphaCase {
  name: string;
  data: Array<Array<number | null>>;
  expected: Record<AlphaLevel, { alpha: number | null; reason: string | null }>;
}

const LEVELS: AlphaLevel[] = ['nominal', 'ordinal', 'interval'];
const fixtures = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'alpha.json'), 'utf8')) as AlphaCase[];

describe("Krippendorff's alpha", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
  // 12 units, values 1–5 with missing data; units are rows here, observers A–D the columns.
  const paper = [
    [1, 1, null, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [null, 5, 5, 5],
    [null, null, 1, 1],
    [null, null, 3, null],
  ];

  it("reproduces the paper's worked example at each level", () => {
    expect(krippendorffAlpha(paper, 'nominal').alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(paper, 'ordinal').alpha).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(paper, 'interval').alpha).toBeCloseTo(0.849, 3);
    // The paper's n: 40 pairable values (unit 12, coded once, is not pairable).
    expect(krippendorffAlpha(paper, 'nominal')).toMatchObject({ pairableValues: 40, units: 11 });
  });

  it.each(fixtures.flatMap((c) => LEVELS.map((level) => [c.name, level, c] as const)))(
    'agrees with the independent reference on %s (%s)',
    (_name, level, c) => {
      const result = krippendorffAlpha(c.data, level);
      const expected = c.expected[level];
      if (expected.alpha === null) {
        expect(result.alpha).toBeNull();
        expect(result.reason).toBe(expected.reason);
      } else {
        expect(result.alpha).toBeCloseTo(expected.alpha, 10);
      }
    },
  );

  it('is 1 for perfect agreement and null with a reason when undefined', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [2, 2],
          [3, null, 3],
        ],
        'ordinal',
      ).alpha,
    ).toBeCloseTo(1, 12);
    expect(krippendorffAlpha([[1, null], [null, 2], [3]], 'nominal')).toMatchObject({
      alpha: null,
      reason: 'no_pairable_values',
    });
    expect(krippendorffAlpha([], 'interval')).toMatchObject({ alpha: null, reason: 'no_pairable_values' });
    expect(
      krippendorffAlpha(
        [
          [2, 2],
          [2, 2, null],
        ],
        'interval',
      ),
    ).toMatchObject({ alpha: null, reason: 'no_variation' });
  });

  it('does not depend on the order of units or coders', () => {
    const shuffled = [...paper].reverse().map((unit) => [...unit].reverse());
    for (const level of LEVELS) {
      expect(krippendorffAlpha(shuffled, level).alpha).toBeCloseTo(krippendorffAlpha(paper, level).alpha!, 12);
    }
  });
});
