/**
 * The rater-severity fit at sizes S, M and L, against a baseline measured in the same run:
 *
 *   npm run bench:severity -- [--size S|M|L] [--rounds 3]
 *
 * The data are synthetic ratings shaped like an organization's (mentees rated on eight competencies
 * by their line manager and their mentor, each manager leading a team of ten; a rater's severity is
 * planted). The baseline is the least any calibration must do: one pass over the ratings for each
 * rater's mean distance from the rated person's mean (the per-manager distributions other tools
 * compare). The fit runs in the background job; what this measures is that it stays a small
 * multiple of that pass and inside a minute at L. Nothing here asserts a time.
 */
import { performance } from 'node:perf_hooks';
import { fitRaterSeverity, type Rating } from '@leadpath/statistics';

export const SEVERITY_SIZES = {
  S: { mentees: 600, competencies: 8 },
  M: { mentees: 2_000, competencies: 8 },
  L: { mentees: 5_000, competencies: 8 },
} as const;
type SeveritySize = keyof typeof SEVERITY_SIZES;

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

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

export function syntheticRatings(size: SeveritySize, seed = 28): Rating[] {
  const { mentees, competencies } = SEVERITY_SIZES[size];
  const random = mulberry32(seed);
  const managers = Math.ceil(mentees / 10);
  const mentors = Math.ceil(mentees / 4);
  const severity = (n: number) => Array.from({ length: n }, () => (random() - 0.5) * 1.5);
  const managerSeverity = severity(managers);
  const mentorSeverity = severity(mentors);
  const ratings: Rating[] = [];
  for (let m = 0; m < mentees; m++) {
    const level = 2 + random() * 2;
    const manager = m % managers;
    const mentor = Math.floor(random() * mentors);
    for (let c = 0; c < competencies; c++) {
      const noise = () => (random() + random() + random() - 1.5) * 0.8;
      const clamp = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
      ratings.push({
        raterId: `manager-${manager}`,
        subjectId: `mentee-${m}`,
        itemId: `c${c}`,
        value: clamp(level + managerSeverity[manager] + noise()),
      });
      if (random() < 0.6) {
        ratings.push({
          raterId: `mentor-${mentor}`,
          subjectId: `mentee-${m}`,
          itemId: `c${c}`,
          value: clamp(level + mentorSeverity[mentor] + noise()),
        });
      }
    }
  }
  return ratings;
}

/** The baseline: each rater's mean distance from the means of the people they rated, in one pass each. */
function rawDistances(ratings: readonly Rating[]): Map<string, number> {
  const subject = new Map<string, { sum: number; n: number }>();
  for (const r of ratings) {
    const s = subject.get(r.subjectId) ?? { sum: 0, n: 0 };
    s.sum += r.value;
    s.n++;
    subject.set(r.subjectId, s);
  }
  const rater = new Map<string, { sum: number; n: number }>();
  for (const r of ratings) {
    const s = subject.get(r.subjectId)!;
    const d = rater.get(r.raterId) ?? { sum: 0, n: 0 };
    d.sum += r.value - s.sum / s.n;
    d.n++;
    rater.set(r.raterId, d);
  }
  return new Map([...rater].map(([id, d]) => [id, d.sum / d.n]));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const size = arg('size', 'S') as SeveritySize;
  if (!(size in SEVERITY_SIZES)) throw new Error(`--size must be one of ${Object.keys(SEVERITY_SIZES).join(', ')}`);
  const rounds = Number(arg('rounds', '3'));
  const ratings = syntheticRatings(size);
  const fitMs: number[] = [];
  const baselineMs: number[] = [];
  let raters = 0;
  for (let i = 0; i < rounds; i++) {
    // Alternately, so both see the same machine.
    let t = performance.now();
    rawDistances(ratings);
    baselineMs.push(performance.now() - t);
    t = performance.now();
    raters = fitRaterSeverity(ratings).raters.length;
    fitMs.push(performance.now() - t);
  }
  const fit = median(fitMs);
  const baseline = median(baselineMs);
  process.stdout.write(
    `| severity fit, size ${size} (${ratings.length.toLocaleString('en')} ratings, ${raters} raters) | ` +
      `${(fit / 1000).toFixed(2)} s | ${baseline.toFixed(1)} ms | ${(fit / baseline).toFixed(0)} × |\n`,
  );
}

if (require.main === module) main();
