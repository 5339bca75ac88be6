import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsFreeText, PageQueryDto } from '@leadpath/platform/http';
import { VISIBILITIES, type Visibility } from '../entities/feedback.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export { VISIBILITIES, type Visibility };

export class RatingDto {
  @ApiProperty({ example: 'communication' })
  @MaxLength(48)
  @Matches(/^[a-z][a-z0-9_]{1,47}$/, { message: 'competency must be a competency key such as communication' })
  competency: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;
}

export class CreateFeedbackDto {
  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'the day of the one-on-one' })
  @Matches(DATE, { message: 'occurredOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'occurredOn must be a real date' })
  occurredOn: string;

  @ApiProperty({ enum: VISIBILITIES, description: 'private: a note to self that only the author reads' })
  @IsIn(VISIBILITIES)
  visibility: Visibility;

  @ApiProperty({ type: [RatingDto], description: 'at most one rating per competency' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RatingDto)
  ratings: RatingDto[];

  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsFreeText(4000) strengths?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsFreeText(4000) gaps?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsFreeText(4000) nextSteps?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'what I would need to see' })
  @IsOptional()
  @IsFreeText(4000)
  needToSee?: string;
}

export class UpdateFeedbackDto {
  @ApiPropertyOptional({ format: 'date' })
  @ValidateIf((o: UpdateFeedbackDto) => o.occurredOn !== undefined)
  @Matches(DATE, { message: 'occurredOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'occurredOn must be a real date' })
  occurredOn?: string;

  @ApiPropertyOptional({ enum: VISIBILITIES })
  @ValidateIf((o: UpdateFeedbackDto) => o.visibility !== undefined)
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @ApiPropertyOptional({ type: [RatingDto], description: 'replaces every rating of the entry' })
  @ValidateIf((o: UpdateFeedbackDto) => o.ratings !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RatingDto)
  ratings?: RatingDto[];

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsFreeText(4000) strengths?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsFreeText(4000) gaps?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsFreeText(4000) nextSteps?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsFreeText(4000) needToSee?: string | null;
}

export class FeedbackQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: VISIBILITIES, description: 'private: only your own notes' })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
}

export class RatingResponse {
  @ApiProperty() competency: string;
  @ApiProperty() rating: number;
}

export class FeedbackResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ enum: ['manager', 'mentor'] }) authorRole: 'manager' | 'mentor';
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ type: [RatingResponse] }) ratings: RatingResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) strengths: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) gaps: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) nextSteps: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) needToSee: string | null;
  @ApiProperty({ description: 'grows by one with each edit; the ETag' }) version: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'the version the mentee acknowledged; below `version` when the entry was edited since',
  })
  acknowledgedVersion: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 60,
    description: 'the one-on-one occurrence the entry is the outcome of (`<seriesId>_<YYYYMMDDTHHMMSSZ>`)',
  })
  meetingId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FeedbackPage {
  @ApiProperty({ type: [FeedbackResponse] }) items: FeedbackResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class FeedbackRevisionResponse {
  @ApiProperty({ description: 'the version this snapshot was' }) version: number;
  @ApiProperty({ description: 'the entry as it stood at that version' }) snapshot: Record<string, unknown>;
  @ApiProperty({ format: 'uuid' }) editedBy: string;
  @ApiProperty({ format: 'date-time' }) editedAt: string;
}

export class FeedbackRevisionPage {
  @ApiProperty({ type: [FeedbackRevisionResponse] }) items: FeedbackRevisionResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
