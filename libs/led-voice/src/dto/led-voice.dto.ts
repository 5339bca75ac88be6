import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsEmailAddress, IsFreeText, IsOneLineText, PageQueryDto } from '@leadpath/platform/http';
import { APPROVALS, type Approval } from '../entities/feedback-request.entity';

const KEY = /^[a-z][a-z0-9_]{1,47}$/;
export const MAX_RESPONDENTS = 30;
/** Outside addresses (not people of the organization) one assignment may ask, declined ones included. */
export const MAX_OUTSIDE_RESPONDENTS = 10;

/** Either a user of the organization, or someone outside it by e-mail address and name. */
export class RespondentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'a user of the organization' })
  @ValidateIf((o: RespondentDto) => o.userId !== undefined || (o.email === undefined && o.name === undefined))
  @IsUUID('all', { message: 'userId must be a UUID; otherwise give email and name' })
  userId?: string;

  @ApiPropertyOptional({ example: 'sam@example.com' })
  @ValidateIf((o: RespondentDto) => o.userId === undefined)
  @IsDefined({ message: 'email is required without userId' })
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional({ example: 'Sam Doe' })
  @ValidateIf((o: RespondentDto) => o.userId === undefined)
  @IsDefined({ message: 'name is required without userId' })
  @IsOneLineText(200)
  name?: string;
}

export class CandidateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'part of a name or e-mail address' })
  @IsOptional()
  @IsOneLineText(100)
  search?: string;
}

/** Someone of the organization who may be asked about an assignment. */
export class RespondentCandidate {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class RespondentCandidatePage {
  @ApiProperty({ type: [RespondentCandidate] }) items: RespondentCandidate[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateFeedbackRequestsDto {
  @ApiProperty({ type: [RespondentDto], description: `1 to ${MAX_RESPONDENTS} people who were led` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RESPONDENTS)
  @ValidateNested({ each: true })
  @Type(() => RespondentDto)
  respondents: RespondentDto[];
}

export class FeedbackRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the user asked; an address that belongs to a user counts as that user',
  })
  userId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({
    enum: APPROVALS,
    description:
      'an outside address the mentee asks is pending until the line manager or HR approves it; no mail leaves before',
  })
  approval: Approval;
  @ApiProperty({
    format: 'date-time',
    description: 'until when the link works (from approval, for an outside address)',
  })
  expiresAt: string;
}

/** Who was asked, as the people who ask and approve see it: never whether or when anyone answered. */
export class FeedbackRequestListItem extends FeedbackRequestResponse {
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
}

export class FeedbackRequestPage {
  @ApiProperty({ type: [FeedbackRequestListItem] }) items: FeedbackRequestListItem[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class FeedbackRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPROVALS })
  @IsOptional()
  @IsIn(APPROVALS)
  approval?: Approval;
}

export const DECISIONS = ['approve', 'decline'] as const;
export type Decision = (typeof DECISIONS)[number];

export class DecideRespondentsDto {
  @ApiProperty({ type: [String], description: `1 to ${MAX_RESPONDENTS} pending requests of the assignment` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RESPONDENTS)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'requestIds must be UUIDs' })
  requestIds: string[];

  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;
}

export class FeedbackRequestsCreated {
  @ApiProperty({ type: [FeedbackRequestResponse] }) items: FeedbackRequestResponse[];
}

export class MyFeedbackRequest {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "the assignment's title" }) assignmentTitle: string;
  @ApiProperty({ description: 'the aspiring lead the feedback is about' }) leadName: string;
  @ApiProperty({ description: 'who asked: the lead, or their line manager' }) askedByName: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'the single-use link to answer, relative to the web app' }) respondPath: string;
}

export class MyFeedbackRequestPage {
  @ApiProperty({ type: [MyFeedbackRequest] }) items: MyFeedbackRequest[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class CompetencyResult {
  @ApiProperty() key: string;
  @ApiProperty({ description: 'mean rating, 1–5' }) mean: number;
  @ApiProperty({ type: [Number], maxItems: 5, description: 'how many answers gave 1, 2, 3, 4 and 5' })
  distribution: number[];
}

export class ResultComments {
  @ApiProperty({ type: [String], description: 'what they did well, in random order' }) wentWell: string[];
  @ApiProperty({ type: [String], description: 'what would help them lead better, in random order' })
  couldHelp: string[];
}

export class AssignmentResults {
  @ApiProperty({ description: 'answers published (see AssignmentFeedbackSummary.responses)' }) responses: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'answers held until there are threshold of them; null before the results open',
  })
  pending: number | null;
  @ApiProperty({ description: 'answers needed before anything is shown' }) threshold: number;
  @ApiPropertyOptional({ type: [CompetencyResult], nullable: true, description: 'null below the threshold' })
  competencies: CompetencyResult[] | null;
  @ApiPropertyOptional({ type: ResultComments, nullable: true, description: 'null below the threshold' })
  comments: ResultComments | null;
}

export class RespondQuestion {
  @ApiProperty() competency: string;
  @ApiProperty({ description: 'the competency' }) name: string;
  @ApiProperty({ description: 'the question, phrased for someone who was led' }) question: string;
}

export class RespondForm {
  @ApiProperty() assignmentTitle: string;
  @ApiProperty() leadName: string;
  @ApiProperty({ type: [RespondQuestion] }) questions: RespondQuestion[];
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class LedRatingDto {
  @ApiProperty({ example: 'communication' })
  @Matches(KEY, { message: 'competency must be a competency key such as communication' })
  competency: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsIn([1, 2, 3, 4, 5], { message: 'rating must be a whole number from 1 to 5' })
  rating: number;
}

export class RespondDto {
  @ApiProperty({ type: [LedRatingDto], description: "one rating for each of the assignment's competencies" })
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => LedRatingDto)
  ratings: LedRatingDto[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'what they did well' })
  @IsOptional()
  @IsFreeText(2000)
  wentWell?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'what would help them lead better' })
  @IsOptional()
  @IsFreeText(2000)
  couldHelp?: string;
}
