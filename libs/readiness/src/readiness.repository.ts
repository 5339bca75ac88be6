import { Injectable } from '@nestjs/common';
import { type InferResult } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { latestAssessmentOfEachKind } from '@leadpath/assessments';
import { selectFeedback } from '@leadpath/feedback';
import { selectGoals } from '@leadpath/goals';
import { selectMilestones } from '@leadpath/milestones';
import { qb } from '@leadpath/platform/database';
import { readinessQuery, type ReadinessFilter, type ReadinessRow } from './readiness.sql';

/**
 * Everything the progress view (and the PDF) shows besides readiness, in one round trip, composed
 * from what each feature exports: its milestones for the mentee's phase, the open goals and the
 * ten last closed, the five latest shared feedback entries, and the latest assessment of each kind.
 */
function journeyQuery(organizationId: string, menteeId: string) {
  const recentlyClosed = qb
    .selectFrom('goals')
    .select('id')
    .where('mentee_id', '=', menteeId)
    .where('status', '<>', 'open')
    .orderBy('status_changed_at', (order) => order.desc().nullsLast())
    .limit(10);
  return qb
    .selectFrom('mentees as m')
    .select((eb) => [
      jsonArrayFrom(
        selectMilestones(menteeId)
          .where('t.organization_id', '=', organizationId)
          .where('t.phase', '=', eb.ref('m.phase'))
          .where('t.retired_at', 'is', null)
          .orderBy('t.position')
          .orderBy('t.key'),
      ).as('milestones'),
      jsonArrayFrom(
        selectGoals()
          .where('g.mentee_id', '=', menteeId)
          .where((goal) => goal.or([goal('g.status', '=', 'open'), goal('g.id', 'in', recentlyClosed)]))
          .orderBy('g.created_at')
          .orderBy('g.id'),
      ).as('goals'),
      jsonArrayFrom(
        selectFeedback()
          .where('f.mentee_id', '=', menteeId)
          .where('f.visibility', '=', 'shared')
          .orderBy('f.occurred_on', 'desc')
          .orderBy('f.created_at', 'desc')
          .limit(5),
      ).as('recent_feedback'),
      jsonArrayFrom(latestAssessmentOfEachKind().where('a.mentee_id', '=', menteeId)).as('assessments'),
    ])
    .where('m.organization_id', '=', organizationId)
    .where('m.id', '=', menteeId);
}

export type JourneyRow = InferResult<ReturnType<typeof journeyQuery>>[number];

@Injectable()
export class ReadinessRepository {
  /** Readiness now (the last row per mentee) and at each of `earlier`. */
  async compute(organizationId: string, filter: ReadinessFilter, earlier: Date[] = []): Promise<ReadinessRow[]> {
    return (await readinessQuery({ organizationId, filter, earlier }).execute(qb)).rows;
  }

  async journey(organizationId: string, menteeId: string): Promise<JourneyRow | undefined> {
    if (!organizationId) throw new Error('readiness query without an organization id');
    return journeyQuery(organizationId, menteeId).executeTakeFirst();
  }
}
