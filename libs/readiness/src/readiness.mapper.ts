import { nextPhase } from '@leadpath/framework';
import { GAP_BELOW_MEAN, RATINGS_WINDOW_DAYS } from '@leadpath/platform/domain';
import { daysBetween } from '@leadpath/platform/time';
import type { Phase } from '@leadpath/mentees';
import type { GapResponse, ReadinessResponse } from './dto/readiness.dto';
import type { ReadinessRow } from './readiness.sql';

const round4 = (n: number) => Math.round(n * 10000) / 10000;

const STATUS_TEXT: Record<string, string> = {
  not_started: 'not started',
  in_progress: 'in progress',
  completed: 'completed and awaiting verification',
};

/** Every reason the score is not higher, each as data and as a sentence. */
export function gapsOf(row: ReadinessRow): GapResponse[] {
  const gaps: GapResponse[] = [];
  for (const m of row.unverified) {
    gaps.push({
      type: 'milestone',
      templateId: m.templateId,
      milestoneStatus: m.status,
      message: `Milestone "${m.title}" is not verified yet (${STATUS_TEXT[m.status] ?? m.status}).`,
    });
  }
  for (const c of row.competencies) {
    const mean = c.mean === null ? null : Number(c.mean);
    if (mean === null) {
      gaps.push({
        type: 'competency',
        competency: c.key,
        mean,
        message: `${c.name} has no rating in shared feedback from the last ${RATINGS_WINDOW_DAYS} days.`,
      });
    } else if (mean < GAP_BELOW_MEAN) {
      gaps.push({
        type: 'competency',
        competency: c.key,
        mean: round4(mean),
        message:
          c.managerMean === null
            ? `${c.name} averages ${mean.toFixed(1)} from the people led; ${GAP_BELOW_MEAN} or more is expected.`
            : `${c.name} averages ${mean.toFixed(1)} over its latest ${c.ratings.length} rating(s); ${GAP_BELOW_MEAN} or more is expected.`,
      });
    }
  }
  for (const g of row.overdue) {
    gaps.push({
      type: 'goal',
      goalId: g.goalId,
      targetDate: g.targetDate,
      message: `Goal "${g.title}" was due on ${g.targetDate} and is still open.`,
    });
  }
  for (const g of row.unconfirmed) {
    gaps.push({
      type: 'goal',
      goalId: g.goalId,
      awaitingConfirmation: true,
      message: `Goal "${g.title}" is marked achieved and awaits confirmation by the line manager or HR.`,
    });
  }
  // Leading without the title is proven by those who were led.
  if (row.phase === 'lead_without_title' && Number(row.led_assignments) === 0) {
    gaps.push({
      type: 'led_feedback',
      message:
        'No feedback yet from people you led: complete a stretch assignment and ask the people you led about it.',
    });
  }
  if (row.stale) {
    gaps.push({
      type: 'feedback',
      lastSharedFeedbackOn: row.last_shared_on,
      message: row.last_shared_on
        ? `No shared feedback in the last ${row.stale_days} days (the latest was on ${row.last_shared_on}, ${daysBetween(row.last_shared_on, row.day)} days ago).`
        : `No shared feedback has been logged yet; readiness needs one-on-ones at least every ${row.stale_days} days.`,
    });
  }
  return gaps;
}

export function toReadinessResponse(row: ReadinessRow): ReadinessResponse {
  return {
    menteeId: row.mentee_id,
    phase: row.phase,
    nextPhase: nextPhase(row.phase as Phase),
    score: row.score,
    level: row.level,
    components: {
      milestones: {
        value: round4(Number(row.m)),
        weight: Number(row.wm),
        verified: Number(row.verified),
        required: Number(row.required),
      },
      competencies: {
        value: round4(Number(row.c)),
        weight: Number(row.wc),
        rated: Number(row.competencies_rated),
        total: Number(row.competencies_total),
      },
      goals: {
        value: round4(Number(row.g)),
        weight: Number(row.wg),
        achieved: Number(row.achieved),
        open: Number(row.open),
        pastDue: Number(row.past_due),
        awaitingConfirmation: Number(row.awaiting),
      },
    },
    competencies: row.competencies.map((c) => {
      const mean = c.mean === null ? null : Number(c.mean);
      return {
        key: c.key,
        name: c.name,
        mean: mean === null ? null : round4(mean),
        managerMean: c.managerMean === null ? null : round4(Number(c.managerMean)),
        led: { mean: c.ledMean === null ? null : round4(Number(c.ledMean)), answers: Number(c.ledAnswers) },
        value: mean === null ? 0 : round4((mean - 1) / 4),
        ratings: c.ratings,
      };
    }),
    gaps: gapsOf(row),
    needToSee:
      row.need_to_see && row.need_occurred_on && row.need_feedback_id
        ? {
            text: row.need_to_see,
            occurredOn: row.need_occurred_on,
            authorName: row.need_author_name ?? '',
            feedbackId: row.need_feedback_id,
          }
        : null,
    lastSharedFeedbackOn: row.last_shared_on,
    daysSinceSharedFeedback: row.last_shared_on ? daysBetween(row.last_shared_on, row.day) : null,
    computedAt: new Date(row.at).toISOString(),
  };
}
