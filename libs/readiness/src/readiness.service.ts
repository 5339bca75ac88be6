import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { toAssessmentResponse, type AssessmentRow } from '@leadpath/assessments';
import { AuditService } from '@leadpath/audit';
import { toFeedbackResponse } from '@leadpath/feedback';
import { toGoalResponse } from '@leadpath/goals';
import { toMilestoneResponse } from '@leadpath/milestones';
import { DomainError } from '@leadpath/platform/domain';
import type { ProgressResponse, ReadinessResponse } from './dto/readiness.dto';
import { toReadinessResponse } from './readiness.mapper';
import { ReadinessRepository } from './readiness.repository';
import { trendPoints } from './trend-points';

export { trendPoints } from './trend-points';

@Injectable()
export class ReadinessService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly readiness: ReadinessRepository,
  ) {}

  async get(actor: Actor, menteeId: string): Promise<ReadinessResponse> {
    await this.access.require(actor, Permission.ReadinessRead, menteeId);
    const [row] = await this.readiness.compute(actor.organizationId, { menteeIds: [menteeId] });
    if (!row) throw DomainError.notFound('Mentee');
    // The "what I would need to see" note is feedback text.
    await this.audit.recordRead(actor, { action: 'readiness.read', objectType: 'mentee', objectId: menteeId });
    return toReadinessResponse(row);
  }

  /** Five queries whatever the history: token, access, readiness with trend, journey, audit. */
  async progress(actor: Actor, menteeId: string): Promise<ProgressResponse> {
    await this.access.require(actor, Permission.ReadinessRead, menteeId);
    const [rows, journey] = await Promise.all([
      this.readiness.compute(actor.organizationId, { menteeIds: [menteeId] }, trendPoints()),
      this.readiness.journey(actor.organizationId, menteeId),
    ]);
    const current = rows[rows.length - 1];
    if (!current || !journey) throw DomainError.notFound('Mentee');
    await this.audit.recordRead(actor, { action: 'progress.read', objectType: 'mentee', objectId: menteeId });
    const { assessments } = journey;
    return {
      readiness: toReadinessResponse(current),
      // The trend starts at enrolment: a point before it would be a score of someone not yet on the path.
      trend: rows
        .filter((r, i) => i === rows.length - 1 || r.day >= r.enrolled_on)
        .map((r) => ({ at: new Date(r.at).toISOString(), phase: r.phase, score: r.score, level: r.level })),
      milestones: journey.milestones.map(toMilestoneResponse),
      goals: journey.goals.map(toGoalResponse),
      recentFeedback: journey.recent_feedback.map(toFeedbackResponse),
      assessments: {
        self: mapAssessment(assessments, 'self'),
        manager: mapAssessment(assessments, 'manager'),
      },
    };
  }
}

function mapAssessment(rows: AssessmentRow[], kind: 'self' | 'manager') {
  const row = rows.find((r) => r.kind === kind);
  return row ? toAssessmentResponse(row, rows) : null;
}
