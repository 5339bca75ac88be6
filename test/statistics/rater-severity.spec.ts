import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fitRaterSeverity, type Rating } from '@leadpath/statistics';

interface SeverityCase {
  name: string;
  ratings: Rating[];
  expected: {
    raters: Array<{ raterId: string; severity: number | null; standardError: number | null }>;
    sigma2: number;
    groups: number[];
  };
}

const fixtures = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'severity.json'), 'utf8')) as SeverityCase[];

describe('rater severity', () => {
  it.each(fixtures.map((c) => [c.name, c] as const))(
    'agrees with the constrained full-design reference on %s',
    (_name, c) => {
      const fit = fitRaterSeverity(c.ratings);
      expect(fit.sigma2).toBeCloseTo(c.expected.sigma2, 8);
      expect(fit.groups.map((g) => g.raters.length).sort()).toEqual([...c.expected.groups].sort());
      for (const expected of c.expected.raters) {
        const rater = fit.raters.find((r) => r.raterId === expected.raterId)!;
        if (expected.severity === null) {
          expect(rater).toMatchObject({ severity: null, standardError: null, reason: 'single_rater_group' });
        } else {
          expect(rater.severity).toBeCloseTo(expected.severity, 8);
          expect(rater.standardError).toBeCloseTo(expected.standardError!, 8);
        }
      }
    },
  );

  it('names the groups and refuses to compare raters across them', () => {
    const ratings: Rating[] = [];
    // Group A: raters a1, a2 share subjects; group B: b1 alone on its subject.
    for (const s of ['s1', 's2', 's3']) {
      for (const item of ['x', 'y']) {
        ratings.push({ raterId: 'a1', subjectId: s, itemId: item, value: 4 });
        ratings.push({ raterId: 'a2', subjectId: s, itemId: item, value: item === 'x' ? 2 : 3 });
      }
    }
    ratings.push({ raterId: 'b1', subjectId: 't1', itemId: 'x', value: 1 });
    const fit = fitRaterSeverity(ratings);
    expect(fit.groups).toHaveLength(2);
    const b1 = fit.raters.find((r) => r.raterId === 'b1')!;
    expect(b1).toMatchObject({ severity: null, standardError: null, flagged: false, reason: 'single_rater_group' });
    const a1 = fit.raters.find((r) => r.raterId === 'a1')!;
    const a2 = fit.raters.find((r) => r.raterId === 'a2')!;
    expect(a1.group).toBe(a2.group);
    expect(a1.group).not.toBe(b1.group);
    // a1 rates 1.5 above a2 on average, with as many ratings: ±0.75 around the group's average.
    expect(a1.severity).toBeCloseTo(0.75, 10);
    expect(a2.severity).toBeCloseTo(-0.75, 10);
  });

  it('flags only raters with enough ratings and |z| > 2', () => {
    const ratings: Rating[] = [];
    const noise = [0.3, -0.2, 0.1, -0.3, 0.2, 0, -0.1, 0.25, -0.25, 0.15];
    let k = 0;
    for (let s = 0; s < 12; s++) {
      for (const rater of ['lenient', 'fair1', 'fair2', 'fair3']) {
        if ((s + rater.length) % 4 === 0) continue;
        const bias = rater === 'lenient' ? 1.5 : 0;
        ratings.push({
          raterId: rater,
          subjectId: `s${s}`,
          itemId: 'x',
          value: 3 + (s % 3) * 0.5 + bias + noise[k++ % 10],
        });
      }
    }
    ratings.push({ raterId: 'few', subjectId: 's0', itemId: 'x', value: 9 });
    const fit = fitRaterSeverity(ratings);
    const lenient = fit.raters.find((r) => r.raterId === 'lenient')!;
    expect(lenient.z!).toBeGreaterThan(2);
    expect(lenient.flagged).toBe(true);
    const few = fit.raters.find((r) => r.raterId === 'few')!;
    expect(few.ratings).toBe(1);
    expect(Math.abs(few.z!)).toBeGreaterThan(2);
    expect(few.flagged).toBe(false);
    for (const r of fit.raters.filter((x) => x.raterId.startsWith('fair'))) {
      // The fair raters sit 1.5 below the lenient one, whatever the group's average.
      expect(r.severity! - lenient.severity!).toBeCloseTo(-1.5, 0);
    }
    for (const r of fit.raters) expect(r.flagged).toBe(r.ratings >= 5 && Math.abs(r.z!) > 2);
  });

  it('recovers planted severities within three standard errors for at least 90% of raters', () => {
    fc.assert(
      fc.property(
        fc.record({
          raters: fc.integer({ min: 4, max: 14 }),
          subjects: fc.integer({ min: 15, max: 40 }),
          items: fc.integer({ min: 1, max: 5 }),
          raterSpread: fc.double({ min: 0, max: 1.5, noNaN: true }),
          noise: fc.double({ min: 0.2, max: 1, noNaN: true }),
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        }),
        ({ raters, subjects, items, raterSpread, noise, seed }) => {
          const random = mulberry32(seed);
          const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
          const planted = Array.from({ length: raters }, () => (random() * 2 - 1) * raterSpread);
          const itemEffect = Array.from({ length: items }, () => gauss() * 0.5);
          const ratings: Rating[] = [];
          for (let s = 0; s < subjects; s++) {
            const level = 3 + gauss() * 0.7;
            // Each subject is rated by three raters, one of them the next in a ring, so all are linked.
            const chosen = new Set([s % raters, (s + 1) % raters, Math.floor(random() * raters)]);
            for (const r of chosen) {
              for (let i = 0; i < items; i++) {
                ratings.push({
                  raterId: `r${r}`,
                  subjectId: `s${s}`,
                  itemId: `i${i}`,
                  value: level + itemEffect[i] + planted[r] + gauss() * noise,
                });
              }
            }
          }
          const fit = fitRaterSeverity(ratings);
          expect(fit.groups).toHaveLength(1);
          const mean = planted.reduce((a, b) => a + b, 0) / raters;
          let within = 0;
          for (const r of fit.raters) {
            const truth = planted[Number(r.raterId.slice(1))] - mean;
            if (Math.abs(r.severity! - truth) <= 3 * r.standardError!) within++;
          }
          expect(within / raters).toBeGreaterThanOrEqual(0.9);
        },
      ),
      { numRuns: 60, seed: 28 },
    );
  });
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
