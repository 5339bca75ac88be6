import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { AssessmentResponse } from '@leadpath/assessments';
import { FeedbackResponse } from '@leadpath/feedback';
import { GoalResponse } from '@leadpath/goals';
import { PHASES } from '@leadpath/mentees';
import { MilestoneResponse } from '@leadpath/milestones';
import { LEVELS, type Level } from '../readiness.sql';

export class ComponentResponse {
  @ApiProperty({ description: 'the component value, 0–1' }) value: number;
  @ApiProperty({ description: 'its weight in the score (organization setting)' }) weight: number;
}

export class MilestoneComponent extends ComponentResponse {
  @ApiProperty() verified: number;
  @ApiProperty() required: number;
}

export class CompetencyComponent extends ComponentResponse {
  @ApiProperty({ description: 'competencies with at least one rating' }) rated: number;
  @ApiProperty({ description: 'active competencies' }) total: number;
}

export class GoalComponent extends ComponentResponse {
  @ApiProperty({ description: 'achieved and confirmed by the line manager or HR' }) achieved: number;
  @ApiProperty({ description: 'open, including achieved goals awaiting confirmation' }) open: number;
  @ApiProperty({
    description:
      'open goals (awaiting confirmation included) past their target date: what G counts against; goals not yet due neither help nor hurt',
  })
  pastDue: number;
  @ApiProperty({ description: 'marked achieved by the mentee, not yet confirmed' }) awaitingConfirmation: number;
}

export class ComponentsResponse {
  @ApiProperty({ type: MilestoneComponent }) milestones: MilestoneComponent;
  @ApiProperty({ type: CompetencyComponent }) competencies: CompetencyComponent;
  @ApiProperty({ type: GoalComponent }) goals: GoalComponent;
}

export class RatingEvidence {
  @ApiProperty() rating: number;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ enum: ['manager', 'mentor'] }) authorRole: string;
}

export class LedVoice {
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'mean rating from the people led, over completed assignments whose answers reach the threshold',
  })
  mean: number | null;
  @ApiProperty({ description: 'how many of their answers rated this competency' }) answers: number;
}

export class CompetencyMean {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'r, what counts: the manager mean, blended with the led mean only when ledVoiceWeight > 0',
  })
  mean: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'mean of the up-to-3 most recent shared ratings' })
  managerMean: number | null;
  @ApiProperty({ type: LedVoice, description: 'the people you led' }) led: LedVoice;
  @ApiProperty({ description: '(mean − 1) / 4, or 0 without ratings' }) value: number;
  @ApiProperty({ type: [RatingEvidence], maxItems: 3, description: 'the ratings that produced the mean' })
  ratings: RatingEvidence[];
}

export const GAP_TYPES = ['milestone', 'competency', 'goal', 'feedback', 'led_feedback'] as const;

// Named apart from the assessments' GapResponse: the OpenAPI document keys schemas by name.
@ApiSchema({ name: 'ReadinessGap' })
export class GapResponse {
  @ApiProperty({ enum: GAP_TYPES }) type: (typeof GAP_TYPES)[number];
  @ApiProperty({
    description: 'a sentence a person can act on (it quotes titles of at most 200 characters)',
    maxLength: 2000,
  })
  message: string;
  @ApiPropertyOptional({ format: 'uuid' }) templateId?: string;
  @ApiPropertyOptional({ enum: ['not_started', 'in_progress', 'completed'] }) milestoneStatus?: string;
  @ApiPropertyOptional() competency?: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) mean?: number | null;
  @ApiPropertyOptional({ format: 'uuid' }) goalId?: string;
  @ApiPropertyOptional({ format: 'date' }) targetDate?: string;
  @ApiPropertyOptional({ description: 'the goal is marked achieved and awaits confirmation' })
  awaitingConfirmation?: boolean;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) lastSharedFeedbackOn?: string | null;
}

export class NeedToSeeResponse {
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ format: 'uuid' }) feedbackId: string;
}

export class ReadinessResponse {
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty({ enum: PHASES }) phase: string;
  @ApiPropertyOptional({ enum: PHASES, nullable: true, description: 'the phase this readiness is for' }) nextPhase:
    string | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) score: number;
  @ApiProperty({ enum: LEVELS }) level: Level;
  @ApiProperty({ type: ComponentsResponse }) components: ComponentsResponse;
  @ApiProperty({ type: [CompetencyMean] }) competencies: CompetencyMean[];
  @ApiProperty({ type: [GapResponse] }) gaps: GapResponse[];
  @ApiPropertyOptional({ type: NeedToSeeResponse, nullable: true }) needToSee: NeedToSeeResponse | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) lastSharedFeedbackOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) daysSinceSharedFeedback: number | null;
  @ApiProperty({ format: 'date-time' }) computedAt: string;
}

export class TrendPoint {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: PHASES }) phase: string;
  @ApiProperty() score: number;
  @ApiProperty({ enum: LEVELS }) level: Level;
}

export class AssessmentSummary {
  @ApiProperty({ type: AssessmentResponse, nullable: true, description: 'the latest self-assessment, if any' })
  self: AssessmentResponse | null;
  @ApiProperty({ type: AssessmentResponse, nullable: true, description: 'the latest manager assessment, if any' })
  manager: AssessmentResponse | null;
}

export class ProgressResponse {
  @ApiProperty({ type: ReadinessResponse }) readiness: ReadinessResponse;
  @ApiProperty({ type: [TrendPoint], maxItems: 12, description: 'month ends of the last eleven months, then now' })
  trend: TrendPoint[];
  @ApiProperty({ type: [MilestoneResponse] }) milestones: MilestoneResponse[];
  @ApiProperty({ type: [GoalResponse], description: 'open goals and the ten most recently closed' })
  goals: GoalResponse[];
  @ApiProperty({ type: [FeedbackResponse], maxItems: 5, description: 'the five most recent shared entries' })
  recentFeedback: FeedbackResponse[];
  @ApiProperty({ type: AssessmentSummary }) assessments: AssessmentSummary;
}
