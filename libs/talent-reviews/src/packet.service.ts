import { Injectable } from '@nestjs/common';
import { toAssessmentResponse, type AssessmentRow } from '@leadpath/assessments';
import { AssignmentsRepository, toAssignmentResponse } from '@leadpath/assignments';
import { toGoalResponse } from '@leadpath/goals';
import { LedVoiceRepository } from '@leadpath/led-voice';
import { toMilestoneResponse } from '@leadpath/milestones';
import { DomainError, type Phase } from '@leadpath/platform/domain';
import { Clock } from '@leadpath/platform/time';
import { ReadinessRepository, toReadinessResponse } from '@leadpath/readiness';
import { PACKET_SECTIONS, type CompetencyTrend, type Packet, type PacketSection } from './dto/talent-review.dto';
import { TalentReviewsRepository } from './talent-reviews.repository';

/** More assignments than anyone runs before a promotion; the packet shows them all up to this. */
const MAX_ASSIGNMENTS = 200;

/**
 * Assembles a nominee's packet from the record, never from typed text (but the case): readiness
 * with its explanation, verified milestones with their evidence, stretch assignments with the
 * aggregated voice of those led (only from the threshold on, as everywhere), every shared rating
 * per competency, goals, the latest self and manager assessments.
 */
@Injectable()
export class PacketAssembler {
  constructor(
    private readonly readiness: ReadinessRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly voice: LedVoiceRepository,
    private readonly reviews: TalentReviewsRepository,
    private readonly clock: Clock,
  ) {}

  async assemble(
    organizationId: string,
    mentee: { id: string; name: string; phase: Phase; department: string | null },
    nominationCase: string,
  ): Promise<Packet> {
    const [[readiness], journey] = await Promise.all([
      this.readiness.compute(organizationId, { menteeIds: [mentee.id] }),
      this.readiness.journey(organizationId, mentee.id),
    ]);
    if (!readiness || !journey) throw DomainError.notFound('Mentee');
    const assignments = await this.assignments.list(organizationId, mentee.id, undefined, MAX_ASSIGNMENTS);
    const packetAssignments = [];
    for (const row of assignments.slice(0, MAX_ASSIGNMENTS)) {
      const assignment = toAssignmentResponse(row);
      const { responses, threshold } = assignment.feedback;
      const competencies =
        responses >= threshold ? await this.voice.competencyAggregates(organizationId, assignment.id) : null;
      packetAssignments.push({ assignment, ledVoice: { answers: responses, threshold, competencies } });
    }
    const trend = new Map<string, CompetencyTrend>();
    for (const r of await this.reviews.ratingTrend(organizationId, mentee.id)) {
      const entry = trend.get(r.competency_key) ?? {
        competency: r.competency_key,
        name: r.competency_name,
        points: [],
      };
      entry.points.push({ occurredOn: r.occurred_on, rating: r.rating, authorRole: r.author_role });
      trend.set(r.competency_key, entry);
    }
    const assessments = journey.assessments as AssessmentRow[];
    const latest = (kind: 'self' | 'manager') => {
      const row = assessments.find((a) => a.kind === kind);
      return row ? toAssessmentResponse(row, assessments) : null;
    };
    return {
      mentee: { id: mentee.id, name: mentee.name, phase: mentee.phase, department: mentee.department },
      readiness: toReadinessResponse(readiness),
      milestones: journey.milestones.map(toMilestoneResponse).filter((m) => m.verified),
      assignments: packetAssignments,
      ratingTrend: [...trend.values()],
      goals: journey.goals.map(toGoalResponse),
      assessments: { self: latest('self'), manager: latest('manager') },
      case: nominationCase,
      assembledAt: this.clock.now().toISOString(),
    };
  }
}

/**
 * The sections in which two packets differ. What only says when something was looked at (when
 * readiness was computed, how many days ago feedback was shared, when the packet was assembled)
 * is not a change of the record.
 */
export function changedSections(frozen: Packet, fresh: Packet): PacketSection[] {
  return PACKET_SECTIONS.filter((section) => comparable(frozen, section) !== comparable(fresh, section));
}

function comparable(packet: Packet, section: PacketSection): string {
  if (section === 'readiness') {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { computedAt, daysSinceSharedFeedback, ...rest } = packet.readiness;
    return canonical(rest);
  }
  return canonical(packet[section]);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
