import { GAP_BELOW_MEAN, levelOf, RATINGS_WINDOW_DAYS } from '@leadpath/platform/domain';
import type { Level } from '@leadpath/readiness';

/**
 * The readiness formula in plain TypeScript, written from PRODUCT.md independently of the SQL.
 * It exists to be compared with READINESS_SQL (see the property test); the API never calls it.
 */
export interface ReferenceInput {
  at: Date;
  currentPhase: string;
  phaseChanges: { id: string; toPhase: string; changedAt: Date }[];
  weights: { m: number; c: number; g: number };
  staleDays: number;
  /** When the mentee was enrolled: the stale clock never counts from before it. */
  enrolledAt: Date;
  templates: { id: string; phase: string; required: boolean; retiredAt: Date | null }[];
  milestones: { templateId: string; verifiedAt: Date | null }[];
  competencies: { key: string; retiredAt: Date | null }[];
  feedback: {
    id: string;
    occurredOn: string;
    createdAt: Date;
    visibility: 'shared' | 'private';
    ratings: Record<string, number>;
  }[];
  /** led_voice_weight: 0 leaves the formula as it was. */
  ledWeight: number;
  ledThreshold: number;
  assignments: {
    status: 'planned' | 'active' | 'completed';
    statusChangedAt: Date | null;
    responses: Record<string, number>[];
  }[];
  goals: {
    id: string;
    status: 'open' | 'achieved' | 'dropped';
    statusChangedAt: Date | null;
    confirmedAt: Date | null;
    createdAt: Date;
    targetDate: string | null;
  }[];
}

export interface ReferenceResult {
  phase: string;
  m: number;
  c: number;
  g: number;
  score: number;
  level: Level;
  required: number;
  verified: number;
  rated: number;
  achieved: number;
  open: number;
  pastDue: number;
  awaiting: number;
  stale: boolean;
  lastSharedOn: string | null;
  unverifiedTemplateIds: string[];
  weakCompetencies: string[];
  overdueGoalIds: string[];
  unconfirmedGoalIds: string[];
  ledAssignments: number;
}

const DAY_MS = 86400000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

export { levelOf };

/** Rounds half up after first rounding to 9 decimals, so exact ties survive floating point. */
export function roundScore(x: number): number {
  return Math.round(Number(x.toFixed(9)));
}

export function computeReadiness(input: ReferenceInput): ReferenceResult {
  const at = input.at.getTime();
  const day = input.at.toISOString().slice(0, 10);
  const today = dayNumber(day);
  const activeAt = (retiredAt: Date | null) => retiredAt === null || retiredAt.getTime() > at;

  const changes = [...input.phaseChanges].sort(
    (a, b) => a.changedAt.getTime() - b.changedAt.getTime() || (a.id < b.id ? -1 : 1),
  );
  const past = changes.filter((c) => c.changedAt.getTime() <= at);
  const phase = past[past.length - 1]?.toPhase ?? changes[0]?.toPhase ?? input.currentPhase;

  // M: verified required milestones of the phase.
  const required = input.templates.filter((t) => t.phase === phase && t.required && activeAt(t.retiredAt));
  const verifiedIds = new Set(
    input.milestones.filter((m) => m.verifiedAt !== null && m.verifiedAt.getTime() <= at).map((m) => m.templateId),
  );
  const verified = required.filter((t) => verifiedIds.has(t.id));
  const m = required.length === 0 ? 1 : verified.length / required.length;

  // C: per active competency, the mean of its three most recent shared ratings within the ratings window.
  const window = input.feedback
    .filter((f) => f.visibility === 'shared')
    .filter((f) => dayNumber(f.occurredOn) <= today && dayNumber(f.occurredOn) >= today - RATINGS_WINDOW_DAYS)
    .sort(
      (a, b) =>
        b.occurredOn.localeCompare(a.occurredOn) ||
        b.createdAt.getTime() - a.createdAt.getTime() ||
        (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
  const competencies = input.competencies.filter((c) => activeAt(c.retiredAt));
  // The people led: every answer about an assignment completed by `at` whose answers reach the threshold.
  const ledAssignments = input.assignments.filter(
    (a) =>
      a.status === 'completed' &&
      a.statusChangedAt !== null &&
      a.statusChangedAt.getTime() <= at &&
      a.responses.length >= input.ledThreshold,
  );
  const ledAnswers = ledAssignments.flatMap((a) => a.responses);
  let rated = 0;
  const weak: string[] = [];
  const terms = competencies.map((competency) => {
    const latest = window.flatMap((f) => (competency.key in f.ratings ? [f.ratings[competency.key]] : [])).slice(0, 3);
    const led = ledAnswers.flatMap((r) => (competency.key in r ? [r[competency.key]] : []));
    const managerMean = latest.length === 0 ? null : latest.reduce((a, b) => a + b, 0) / latest.length;
    const ledMean = led.length === 0 ? null : led.reduce((a, b) => a + b, 0) / led.length;
    const w = input.ledWeight;
    // SQL blends in exact numeric; rounding to 1e-9 keeps binary floating point from putting a mean
    // of exactly 3 (e.g. 0.676·3 + 0.324·3) on the wrong side of the gap line.
    const mean =
      w === 0 || ledMean === null
        ? managerMean
        : managerMean === null
          ? ledMean
          : Math.round(((1 - w) * managerMean + w * ledMean) * 1e9) / 1e9;
    if (mean === null) {
      weak.push(competency.key);
      return 0;
    }
    rated++;
    if (mean < GAP_BELOW_MEAN) weak.push(competency.key);
    return (mean - 1) / 4;
  });
  const c = terms.length === 0 ? 0 : terms.reduce((a, b) => a + b, 0) / terms.length;

  // G: confirmed achievements over those plus open goals past their date, as the statuses stood at `at`. An
  // achievement not yet confirmed at `at` is the mentee's claim: it counts as open.
  const goals = input.goals
    .filter((g) => g.createdAt.getTime() <= at)
    .map((g) => ({ ...g, status: g.statusChangedAt !== null && g.statusChangedAt.getTime() > at ? 'open' : g.status }));
  const confirmed = (g: (typeof goals)[number]) => g.confirmedAt !== null && g.confirmedAt.getTime() <= at;
  const unconfirmed = goals.filter((g) => g.status === 'achieved' && !confirmed(g));
  const achieved = goals.filter((g) => g.status === 'achieved' && confirmed(g)).length;
  const open = goals.filter((g) => g.status === 'open').length + unconfirmed.length;
  // Only open goals past their date count against: setting a goal never lowers readiness.
  const pastDue = goals.filter(
    (x) =>
      (x.status === 'open' || (x.status === 'achieved' && !confirmed(x))) &&
      x.targetDate !== null &&
      dayNumber(x.targetDate) < today,
  ).length;
  const g = achieved + pastDue === 0 ? 0 : achieved / (achieved + pastDue);
  const overdue = goals.filter((x) => x.status === 'open' && x.targetDate !== null && dayNumber(x.targetDate) < today);

  const score = roundScore(100 * (input.weights.m * m + input.weights.c * c + input.weights.g * g));
  const shared = input.feedback.filter((f) => f.visibility === 'shared' && dayNumber(f.occurredOn) <= today);
  const lastSharedOn =
    shared
      .map((f) => f.occurredOn)
      .sort()
      .pop() ?? null;
  // Counted from the later of the last shared feedback and enrolment: a new mentee is not stale at once.
  const enrolledDay = dayNumber(input.enrolledAt.toISOString().slice(0, 10));
  const staleSince = Math.max(lastSharedOn === null ? enrolledDay : dayNumber(lastSharedOn), enrolledDay);
  const stale = staleSince < today - input.staleDays;

  return {
    phase,
    m,
    c,
    g,
    score,
    level: levelOf(score),
    required: required.length,
    verified: verified.length,
    rated,
    achieved,
    open,
    pastDue,
    awaiting: unconfirmed.length,
    stale,
    lastSharedOn,
    unverifiedTemplateIds: required
      .filter((t) => !verifiedIds.has(t.id))
      .map((t) => t.id)
      .sort(),
    weakCompetencies: weak.sort(),
    overdueGoalIds: overdue.map((x) => x.id).sort(),
    unconfirmedGoalIds: unconfirmed.map((x) => x.id).sort(),
    ledAssignments: ledAssignments.length,
  };
}
