import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsFreeText, IsOneLineText, PageQueryDto } from '@leadpath/platform/http';
import { GOAL_STATUSES, type GoalStatus } from '../entities/goal.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z][a-z0-9_]{1,47}$/;

export class CreateGoalDto {
  @ApiProperty({ example: 'Facilitate the quarterly planning session' })
  @IsOneLineText(200)
  title: string;

  @ApiProperty({ example: 'communication', description: 'the key of an active competency of the framework' })
  @MaxLength(48)
  @Matches(KEY, { message: 'competency must be a competency key such as communication' })
  competency: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsFreeText(4000)
  description?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-03-31' })
  @IsOptional()
  @Matches(DATE, { message: 'targetDate must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'targetDate must be a real date' })
  targetDate?: string;
}

export class UpdateGoalDto {
  @ApiPropertyOptional()
  @ValidateIf((o: UpdateGoalDto) => o.title !== undefined)
  @IsOneLineText(200)
  title?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateGoalDto) => o.competency !== undefined)
  @MaxLength(48)
  @Matches(KEY, { message: 'competency must be a competency key such as communication' })
  competency?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsFreeText(4000)
  description?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'targetDate must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'targetDate must be a real date' })
  targetDate?: string | null;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @ValidateIf((o: UpdateGoalDto) => o.status !== undefined)
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;
}

export class CreateCheckInDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'how far along, in percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  progress: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsFreeText(2000)
  note?: string;
}

export class GoalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOptional()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;
}

export class GoalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty() title: string;
  @ApiProperty() competency: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) targetDate: string | null;
  @ApiProperty({ enum: GOAL_STATUSES }) status: GoalStatus;
  @ApiProperty({ description: 'open and past its target date' }) overdue: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'progress of the latest check-in' })
  latestProgress: number | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) statusChangedAt: string | null;
  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'when the line manager or HR confirmed the achievement; until then it counts as open',
  })
  confirmedAt: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) confirmedBy: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class GoalPage {
  @ApiProperty({ type: [GoalResponse] }) items: GoalResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class CheckInResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) goalId: string;
  @ApiProperty() progress: number;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CheckInPage {
  @ApiProperty({ type: [CheckInResponse] }) items: CheckInResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
