import { sql } from 'kysely';
import { scoreAssessment, SIGNS, type Answers, type AssessmentsRepository } from '@leadpath/assessments';
import type { FeedbackRepository } from '@leadpath/feedback';
import type { GoalsRepository } from '@leadpath/goals';
import type { MilestonesRepository } from '@leadpath/milestones';
import { qb } from '@leadpath/platform/database';

/** `days` days before the statement's time. */
const daysBack = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;

export interface JourneyRepositories {
  feedback: FeedbackRepository;
  milestones: MilestonesRepository;
  goals: GoalsRepository;
  assessments: AssessmentsRepository;
}

/** How far along a demo mentee is, so the demo shows every readiness level. */
export interface JourneyProfile {
  person: string;
  manager: string;
  mentor: string | null;
  /** Typical rating now (1–5); six months ago it was about one point lower. */
  level: number;
  /** Milestone keys of the current phase: verified, completed (awaiting verification), in progress. */
  verified: string[];
  completed: string[];
  inProgress: string[];
  /** Days since the last shared one-on-one (over 30 shows the stale-feedback gap). */
  lastFeedbackDaysAgo: number;
  goals: {
    title: string;
    competency: string;
    status: 'open' | 'achieved' | 'dropped';
    targetInDays: number;
    progress?: number;
  }[];
  needToSee: string;
  selfFit: 'management' | 'technical' | 'undecided';
}

const COMPETENCIES = [
  'communication',
  'emotional_intelligence',
  'delegation',
  'strategic_thinking',
  'hiring',
  'giving_feedback',
  'managing_up',
  'budgeting',
];

const STRENGTHS = [
  'Ran the planning session crisply and left with owners for every item.',
  'Handled the escalation from the data team calmly and kept everyone informed.',
  'Unblocked two colleagues on the migration without taking the work over.',
  'Wrote a clear design note that the other teams could review on their own.',
  'Gave a junior engineer specific, kind feedback on their first incident review.',
];
const GAPS = [
  'Still jumps into the keyboard when a task is late instead of coaching through it.',
  'Status updates to stakeholders arrive after they ask, not before.',
  'Avoids the budget conversation; let us practise it together.',
  'Meetings run over when decisions are contested.',
];
const NEXT_STEPS = [
  'Lead next sprint review end to end; I will only observe.',
  'Draft the hiring scorecard for the open role and run one interview loop.',
  'Send a weekly two-line update to the product lead.',
  'Pair with Priya on the quarterly budget review.',
];

/** A small deterministic generator, so every demo looks the same. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86400000).toISOString().slice(0, 10);
const clamp = (n: number) => Math.max(1, Math.min(5, Math.round(n)));

/** Six months of one-on-ones, milestones with evidence, goals and assessments for one mentee. */
export async function seedJourney(
  repos: JourneyRepositories,
  organizationId: string,
  menteeId: string,
  users: Map<string, string>,
  templates: Map<string, string>,
  profile: JourneyProfile,
  seed: number,
): Promise<void> {
  const rnd = random(seed);
  const managerId = users.get(profile.manager)!;
  const menteeUserId = users.get(profile.person)!;

  // One-on-ones every one to four weeks for six months, ratings improving towards `level`.
  for (let daysAgo = 180; daysAgo >= profile.lastFeedbackDaysAgo; daysAgo -= 7 + Math.floor(rnd() * 21)) {
    const progress = 1 - daysAgo / 180;
    const byMentor = profile.mentor !== null && rnd() < 0.25;
    const isPrivate = !byMentor && rnd() < 0.15;
    const rated = COMPETENCIES.filter(() => rnd() < 0.55);
    const id = await repos.feedback.insert(organizationId, {
      menteeId,
      authorId: byMentor ? users.get(profile.mentor!)! : managerId,
      authorRole: byMentor ? 'mentor' : 'manager',
      occurredOn: day(daysAgo),
      visibility: isPrivate ? 'private' : 'shared',
      strengths: STRENGTHS[Math.floor(rnd() * STRENGTHS.length)],
      gaps: GAPS[Math.floor(rnd() * GAPS.length)],
      nextSteps: NEXT_STEPS[Math.floor(rnd() * NEXT_STEPS.length)],
      needToSee: isPrivate ? 'Private: check whether the team lead opening in Q2 is realistic.' : profile.needToSee,
    });
    await repos.feedback.replaceRatings(
      organizationId,
      id,
      rated.map((competency) => ({ competency, rating: clamp(profile.level - 1 + progress + (rnd() - 0.5)) })),
    );
  }
  // The last shared entry always carries the current "what I would need to see".
  const last = await repos.feedback.insert(organizationId, {
    menteeId,
    authorId: managerId,
    authorRole: 'manager',
    occurredOn: day(profile.lastFeedbackDaysAgo),
    visibility: 'shared',
    strengths: STRENGTHS[seed % STRENGTHS.length],
    gaps: GAPS[seed % GAPS.length],
    nextSteps: NEXT_STEPS[seed % NEXT_STEPS.length],
    needToSee: profile.needToSee,
  });
  await repos.feedback.replaceRatings(
    organizationId,
    last,
    COMPETENCIES.slice(0, 4).map((competency) => ({ competency, rating: clamp(profile.level) })),
  );

  const record = async (key: string, status: 'in_progress' | 'completed', by: string) => {
    await repos.milestones.record(organizationId, {
      menteeId,
      templateId: templates.get(key)!,
      status,
      text: status === 'completed' ? 'Done; the write-up and the retro notes are linked.' : 'Under way.',
      links: status === 'completed' ? ['https://wiki.example.com/leadpath-demo/evidence'] : [],
      by,
    });
  };
  for (const [index, key] of profile.verified.entries()) {
    await record(key, 'completed', menteeUserId);
    await repos.milestones.verify(organizationId, menteeId, templates.get(key)!, managerId);
    // Spread the verifications over the half year, so the trend has a history to show.
    const daysAgo = Math.round(170 - (160 * (index + 1)) / profile.verified.length);
    await qb
      .updateTable('mentee_milestones')
      .set({ recorded_at: daysBack(daysAgo + 7), verified_at: daysBack(daysAgo) })
      .where('mentee_id', '=', menteeId)
      .where('template_id', '=', templates.get(key)!)
      .execute();
  }
  for (const key of profile.completed) await record(key, 'completed', menteeUserId);
  for (const key of profile.inProgress) await record(key, 'in_progress', menteeUserId);

  for (const goal of profile.goals) {
    const id = await repos.goals.insert(organizationId, {
      menteeId,
      title: goal.title,
      competency: goal.competency,
      description: null,
      targetDate: day(-goal.targetInDays),
      by: managerId,
    });
    if (goal.progress !== undefined) {
      await repos.goals.insertCheckIn(organizationId, {
        goalId: id,
        progress: goal.progress,
        note: 'Monthly check-in',
        by: menteeUserId,
      });
    }
    // The manager closes the demo goals, so an achievement is confirmed as it is set.
    if (goal.status !== 'open') await repos.goals.update(organizationId, id, { status: goal.status }, managerId);
    const closedDaysAgo = Math.max(1, -goal.targetInDays);
    await qb
      .updateTable('goals')
      .set({
        created_at: daysBack(160),
        status_changed_at: sql`CASE WHEN status = 'open' THEN NULL ELSE ${daysBack(closedDaysAgo)} END`,
        confirmed_at: sql`CASE WHEN confirmed_at IS NOT NULL THEN ${daysBack(closedDaysAgo)} END`,
      })
      .where('id', '=', id)
      .execute();
  }
  await qb
    .updateTable('phase_changes')
    .set({ changed_at: daysBack(200) })
    .where('mentee_id', '=', menteeId)
    .execute();
  // Enrolled when the journey began: the stale window counts from enrolment.
  await qb
    .updateTable('mentees')
    .set({ created_at: daysBack(200) })
    .where('id', '=', menteeId)
    .execute();

  const lean = profile.selfFit === 'management' ? 1.5 : profile.selfFit === 'technical' ? -1.5 : 0;
  const answers = (bias: number) =>
    Object.fromEntries(SIGNS.map((s, i) => [s, clamp(3 + (i < 5 ? bias : -bias) / 1.5 + (rnd() - 0.5))])) as Answers;
  const self = answers(lean);
  await repos.assessments.insert(organizationId, {
    menteeId,
    kind: 'self',
    authorId: menteeUserId,
    answers: self,
    ...scoreAssessment(self),
  });
  if (seed % 2 === 0) {
    const manager = answers(lean / 2);
    await repos.assessments.insert(organizationId, {
      menteeId,
      kind: 'manager',
      authorId: managerId,
      answers: manager,
      ...scoreAssessment(manager),
    });
  }
}
