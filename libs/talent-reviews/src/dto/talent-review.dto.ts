import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AssignmentResponse } from '@leadpath/assignments';
import { GoalResponse } from '@leadpath/goals';
import { CompetencyResult } from '@leadpath/led-voice';
import { MilestoneResponse } from '@leadpath/milestones';
import { PHASES, type Phase } from '@leadpath/platform/domain';
import { IsFreeText, IsOneLineText } from '@leadpath/platform/http';
import { AssessmentSummary, ReadinessResponse } from '@leadpath/readiness';
import { DECISIONS, EVIDENCE_KINDS, type Decision, type EvidenceKind } from '../entities/talent-decision.entity';
import {
  NOMINATION_STATUSES,
  REQUEST_STATUSES,
  type NominationRequestStatus,
  type NominationStatus,
} from '../entities/talent-nomination.entity';
import { PRE_RATING_READINESS, type PreRatingReadiness } from '../entities/talent-pre-rating.entity';
import { TALENT_REVIEW_STATUSES, type TalentReviewStatus } from '../entities/talent-review.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z][a-z0-9_]{1,47}$/;
/** The phases a cycle may promote into: every phase but the first. */
export const TARGET_PHASES = PHASES.slice(1) as Exclude<Phase, 'build_credibility'>[];
export const MAX_CALIBRATORS = 20;

export class CreateTalentReviewDto {
  @ApiProperty({ example: 'First management roles, spring 2027' })
  @IsOneLineText(200)
  name: string;

  @ApiProperty({ enum: TARGET_PHASES, description: 'the phase nominees are promoted into' })
  @IsIn(TARGET_PHASES)
  targetPhase: Phase;

  @ApiPropertyOptional({ description: 'only mentees of this department may be nominated' })
  @IsOptional()
  @IsOneLineText(100)
  department?: string;

  @ApiProperty({ format: 'date', description: 'the last day of pre-ratings: they stay blind until it has passed' })
  @Matches(DATE, { message: 'closesOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'closesOn must be a real date' })
  closesOn: string;

  @ApiProperty({ type: [String], description: 'HR admins and managers of the organization who pre-rate' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CALIBRATORS)
  @ArrayUnique()
  calibratorIds: string[];
}

export class CalibratorResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ maxLength: 200 }) name: string;
}

export class TalentReviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ maxLength: 200 }) name: string;
  @ApiProperty({ enum: PHASES }) targetPhase: Phase;
  @ApiProperty({ nullable: true, type: String, maxLength: 100 }) department: string | null;
  @ApiProperty({ format: 'date' }) closesOn: string;
  @ApiProperty({ enum: TALENT_REVIEW_STATUSES }) status: TalentReviewStatus;
  @ApiProperty({ description: 'pre-ratings are still blind: before closesOn has passed and before HR ended them' })
  blind: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ type: [CalibratorResponse], maxItems: MAX_CALIBRATORS }) calibrators: CalibratorResponse[];
  @ApiProperty({ description: 'the caller is one of its calibrators' }) calibrating: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TalentReviewList {
  @ApiProperty({ type: [TalentReviewResponse], maxItems: 100 }) items: TalentReviewResponse[];
}

export class NominateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  menteeId: string;

  @ApiProperty({ maxLength: 8000, description: 'the line manager’s written case' })
  @IsFreeText(8000)
  case: string;
}

export class NominationRequestDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsFreeText(2000)
  note?: string;
}

export class AcceptRequestDto {
  @ApiProperty({ maxLength: 8000, description: 'the line manager’s written case' })
  @IsFreeText(8000)
  case: string;
}

export class DeclineRequestDto {
  @ApiProperty({ maxLength: 2000, description: 'why, shown to the mentee' })
  @IsFreeText(2000)
  reason: string;
}

export class NominationRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty({ maxLength: 200 }) menteeName: string;
  @ApiProperty({ nullable: true, type: String, maxLength: 2000 }) note: string | null;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: NominationRequestStatus;
  @ApiProperty({ nullable: true, type: String, maxLength: 2000, description: 'the reason of a decline' })
  reason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) nominationId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NominationRequestList {
  @ApiProperty({ type: [NominationRequestResponse], maxItems: 10000 }) items: NominationRequestResponse[];
}

export class CompetencyRatingDto {
  @ApiProperty({ example: 'communication', description: 'the key of an active competency' })
  @MaxLength(48)
  @Matches(KEY, { message: 'competency must be a competency key such as communication' })
  competency: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;
}

export class PreRatingDto {
  @ApiProperty({ enum: PRE_RATING_READINESS })
  @IsIn(PRE_RATING_READINESS)
  readiness: PreRatingReadiness;

  @ApiPropertyOptional({ type: [CompetencyRatingDto], maxItems: 50 })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CompetencyRatingDto)
  competencies?: CompetencyRatingDto[];
}

export class CompetencyRatingResponse {
  @ApiProperty({ maxLength: 48 }) competency: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
}

export class PreRatingResponse {
  @ApiProperty({ format: 'uuid' }) calibratorId: string;
  @ApiProperty({ maxLength: 200 }) calibratorName: string;
  @ApiProperty({ enum: PRE_RATING_READINESS }) readiness: PreRatingReadiness;
  @ApiProperty({ type: [CompetencyRatingResponse], maxItems: 50 }) competencies: CompetencyRatingResponse[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SpreadResponse {
  @ApiProperty({ minimum: 0, description: 'pre-ratings given' }) ratings: number;
  @ApiProperty({ minimum: 0, description: 'how many said not yet' }) notYet: number;
  @ApiProperty({ minimum: 0, description: 'how many said ready in 6–12 months' }) readyIn6To12Months: number;
  @ApiProperty({ minimum: 0, description: 'how many said ready now' }) readyNow: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'disagreement: the population variance of the readiness codes (not yet 0, in 6–12 months 1, ready now 2); null without ratings',
  })
  variance: number | null;
  @ApiProperty({
    type: [PreRatingResponse],
    maxItems: MAX_CALIBRATORS,
    description: 'each calibrator’s answer (HR and the cycle’s calibrators only)',
  })
  individual: PreRatingResponse[];
}

export class EvidenceItemDto {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  kind: EvidenceKind;

  @ApiProperty({ format: 'uuid', description: 'the record, which must belong to the nominee' })
  @IsUUID()
  id: string;
}

export class NeededDto {
  @ApiProperty({ example: 'Run the quarterly planning on your own' })
  @IsOneLineText(200)
  title: string;

  @ApiProperty({ example: 'delegation', description: 'the key of an active competency' })
  @MaxLength(48)
  @Matches(KEY, { message: 'competency must be a competency key such as communication' })
  competency: string;
}

export class DecideDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  nominationId: string;

  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiProperty({ maxLength: 4000 })
  @IsFreeText(4000)
  reason: string;

  @ApiProperty({ type: [EvidenceItemDto], minItems: 1, maxItems: 50 })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence: EvidenceItemDto[];

  @ApiPropertyOptional({
    type: [NeededDto],
    maxItems: 10,
    description: 'not_yet only: what is needed, created as the nominee’s next goals',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => NeededDto)
  needed?: NeededDto[];

  @ApiPropertyOptional({ description: 'promote only: also give the nominee the manager role' })
  @IsOptional()
  @IsBoolean()
  grantManagerRole?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'the decision on the same nomination this one corrects' })
  @IsOptional()
  @IsUUID()
  supersedes?: string;
}

export class EvidenceItemResponse {
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: EvidenceKind;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class NeededResponse {
  @ApiProperty({ format: 'uuid', description: 'the goal created for the nominee' }) goalId: string;
  @ApiProperty({ maxLength: 200 }) title: string;
  @ApiProperty({ maxLength: 48 }) competency: string;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) nominationId: string;
  @ApiProperty({ enum: DECISIONS }) decision: Decision;
  @ApiProperty({ maxLength: 4000 }) reason: string;
  @ApiProperty({ type: [EvidenceItemResponse], maxItems: 50 }) evidence: EvidenceItemResponse[];
  @ApiProperty({ type: [NeededResponse], maxItems: 10 }) needed: NeededResponse[];
  @ApiProperty({ maxLength: 32, description: 'the rubric the decision was made on' }) rubricVersion: string;
  @ApiProperty() grantedManagerRole: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) supersedes: string | null;
  @ApiProperty({ description: 'a later decision corrects this one' }) superseded: boolean;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class RatingPoint {
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ enum: ['manager', 'mentor'] }) authorRole: string;
}

export class CompetencyTrend {
  @ApiProperty({ maxLength: 48 }) competency: string;
  @ApiProperty({ maxLength: 200 }) name: string;
  @ApiProperty({ type: [RatingPoint], maxItems: 10000 }) points: RatingPoint[];
}

export class LedVoiceSummary {
  @ApiProperty({ minimum: 0, description: 'answers received' }) answers: number;
  @ApiProperty({ minimum: 0, description: 'answers needed before anything is shown' }) threshold: number;
  @ApiProperty({
    type: [CompetencyResult],
    nullable: true,
    description: 'in aggregate only, and only from the threshold on',
  })
  competencies: CompetencyResult[] | null;
}

export class PacketAssignment {
  @ApiProperty({ type: AssignmentResponse }) assignment: AssignmentResponse;
  @ApiProperty({ type: LedVoiceSummary }) ledVoice: LedVoiceSummary;
}

export class PacketMentee {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ maxLength: 200 }) name: string;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty({ nullable: true, type: String, maxLength: 100 }) department: string | null;
}

/** The sections a packet has, in the order it shows them. */
export const PACKET_SECTIONS = [
  'mentee',
  'readiness',
  'milestones',
  'assignments',
  'ratingTrend',
  'goals',
  'assessments',
  'case',
] as const;
export type PacketSection = (typeof PACKET_SECTIONS)[number];

export class Packet {
  @ApiProperty({ type: PacketMentee }) mentee: PacketMentee;
  @ApiProperty({ type: ReadinessResponse, description: 'readiness with its explanation (components and gaps)' })
  readiness: ReadinessResponse;
  @ApiProperty({ type: [MilestoneResponse], description: 'verified milestones with their evidence' })
  milestones: MilestoneResponse[];
  @ApiProperty({ type: [PacketAssignment], description: 'stretch assignments and the voice of those led' })
  assignments: PacketAssignment[];
  @ApiProperty({ type: [CompetencyTrend], description: 'every shared rating per competency, oldest first' })
  ratingTrend: CompetencyTrend[];
  @ApiProperty({ type: [GoalResponse] }) goals: GoalResponse[];
  @ApiProperty({ type: AssessmentSummary, description: 'self vs manager assessment' }) assessments: AssessmentSummary;
  @ApiProperty({ maxLength: 8000 }) case: string;
  @ApiProperty({ format: 'date-time' }) assembledAt: string;
}

export class NominationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty({ maxLength: 200 }) menteeName: string;
  @ApiProperty({ enum: NOMINATION_STATUSES, description: 'the latest decision, or submitted before any' })
  status: NominationStatus;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ description: 'the caller may pre-rate this nominee' }) canPreRate: boolean;
  @ApiProperty({ minimum: 0, description: 'calibrators who have pre-rated' }) preRatings: number;
  @ApiProperty({
    type: PreRatingResponse,
    nullable: true,
    description: 'the caller’s own pre-rating, if they gave one',
  })
  myPreRating: PreRatingResponse | null;
  @ApiProperty({
    type: SpreadResponse,
    nullable: true,
    description: 'after the blind phase, for HR and calibrators: how the pre-ratings spread',
  })
  spread: SpreadResponse | null;
  @ApiProperty({ type: DecisionResponse, nullable: true, description: 'the decision in force' })
  decision: DecisionResponse | null;
}

export class NominationList {
  @ApiProperty({
    type: [NominationResponse],
    maxItems: 10000,
    description: 'after the blind phase the most disagreement first; before it, in order of nomination',
  })
  items: NominationResponse[];
}

export class NominationDetail extends NominationResponse {
  @ApiProperty({ maxLength: 8000, nullable: true, type: String, description: 'not shown to the nominee' })
  case: string | null;
  @ApiProperty({
    type: Packet,
    nullable: true,
    description: 'the packet as submitted (HR, the line manager, the calibrators); null for the nominee',
  })
  packet: Packet | null;
  @ApiProperty({
    enum: PACKET_SECTIONS,
    isArray: true,
    maxItems: PACKET_SECTIONS.length,
    description: 'sections of the record that changed since the nomination was submitted',
  })
  changedSinceSubmission: PacketSection[];
  @ApiProperty({ type: [DecisionResponse], maxItems: 100, description: 'every decision, oldest first' })
  decisions: DecisionResponse[];
}
