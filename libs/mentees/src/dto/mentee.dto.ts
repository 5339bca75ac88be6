import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { type ReadinessTrend } from '@leadpath/platform/database';
import { IsFreeText, IsOneLineText, PageQueryDto, ToBoolean } from '@leadpath/platform/http';
import {
  PHASES,
  TECHNICAL_FOUNDATIONS,
  TRACKS,
  type Phase,
  type TechnicalFoundation,
  type Track,
} from '../entities/mentee.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateMenteeDto {
  @ApiProperty({ format: 'uuid', description: 'an active user holding the mentee role' })
  @IsUUID()
  userId: string;

  @ApiProperty({ format: 'uuid', description: 'the line manager: an active user holding the manager role' })
  @IsUUID()
  managerId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'a manager other than the line manager',
  })
  @IsOptional()
  @IsUUID()
  mentorId?: string | null;

  @ApiPropertyOptional({ enum: PHASES, default: 'build_credibility' })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional({ enum: TRACKS, default: 'undecided' })
  @IsOptional()
  @IsIn(TRACKS)
  track?: Track;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, type: String })
  @IsOptional()
  @IsOneLineText(100)
  department?: string | null;

  @ApiPropertyOptional({ enum: TECHNICAL_FOUNDATIONS })
  @IsOptional()
  @IsIn(TECHNICAL_FOUNDATIONS)
  technicalFoundation?: TechnicalFoundation | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2019-09-01' })
  @IsOptional()
  @Matches(DATE, { message: 'careerStartDate must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'careerStartDate must be a real date' })
  careerStartDate?: string | null;
}

/**
 * Every field anyone may change. HR admins may send all of them; a line manager only those in
 * MANAGER_FIELDS (the rest answer 400 for them, naming the field). Mentees may not patch.
 */
export class UpdateMenteeDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'HR admin only' })
  @ValidateIf((o: UpdateMenteeDto) => o.managerId !== undefined)
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'HR admin only; null removes the mentor',
  })
  @IsOptional()
  @IsUUID()
  mentorId?: string | null;

  @ApiPropertyOptional({ enum: PHASES })
  @ValidateIf((o: UpdateMenteeDto) => o.phase !== undefined)
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional({ maxLength: 1000, description: 'why the phase changed; kept in the phase history' })
  @IsOptional()
  @IsFreeText(1000)
  phaseNote?: string;

  @ApiPropertyOptional({ enum: TRACKS })
  @ValidateIf((o: UpdateMenteeDto) => o.track !== undefined)
  @IsIn(TRACKS)
  track?: Track;

  @ApiPropertyOptional({ nullable: true, maxLength: 100, type: String })
  @IsOptional()
  @IsOneLineText(100)
  department?: string | null;

  @ApiPropertyOptional({ enum: TECHNICAL_FOUNDATIONS, nullable: true })
  @IsOptional()
  @IsIn(TECHNICAL_FOUNDATIONS)
  technicalFoundation?: TechnicalFoundation | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'careerStartDate must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'careerStartDate must be a real date' })
  careerStartDate?: string | null;
}

export const MANAGER_FIELDS: ReadonlySet<keyof UpdateMenteeDto> = new Set([
  'phase',
  'phaseNote',
  'track',
  'department',
  'technicalFoundation',
  'careerStartDate',
]);

const READINESS_TRENDS: ReadinessTrend[] = ['up', 'down', 'flat'];

/** The readiness levels (the readiness library's LEVELS; repeated because it depends on this one). */
export const READINESS_LEVELS = ['not_yet', 'developing', 'nearly_ready', 'ready'] as const;
export type ReadinessLevel = (typeof READINESS_LEVELS)[number];

export class MenteeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional({ enum: TRACKS })
  @IsOptional()
  @IsIn(TRACKS)
  track?: Track;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only mentees without shared feedback in the stale-feedback window (30 days by default)',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'stale must be true or false' })
  stale?: boolean;

  @ApiPropertyOptional({ enum: READINESS_LEVELS, description: 'only mentees at this readiness level' })
  @IsOptional()
  @IsIn(READINESS_LEVELS)
  level?: ReadinessLevel;
}

/**
 * What a list of mentees shows of each one's readiness, read from the readiness read model: the
 * same values as `GET /mentees/:id/readiness`, without the explanation.
 */
export class MenteeReadinessSummary {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'readiness score for the next phase' }) score: number;
  @ApiProperty({ enum: READINESS_LEVELS }) level: ReadinessLevel;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'the day of the latest one-on-one with shared feedback (null: none yet)',
  })
  lastSharedFeedbackOn: string | null;
  @ApiProperty({ description: 'no shared feedback within the stale-feedback window (30 days by default), as of today' })
  stale: boolean;
  @ApiPropertyOptional({
    enum: READINESS_TRENDS,
    nullable: true,
    description:
      'the score now against the end of last month (the previous point of the 12-month trend); null when unknown',
  })
  trend: ReadinessTrend | null;
  @ApiProperty({ format: 'date-time', description: 'when score and level were computed' }) asOf: string;
  @ApiProperty({
    description: 'an organization-wide change or the passing of time is still being recomputed for this mentee',
  })
  recomputePending: boolean;
}

export class MenteeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) mentorId: string | null;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty({ enum: TRACKS }) track: Track;
  @ApiPropertyOptional({ nullable: true, type: String }) department: string | null;
  @ApiPropertyOptional({ enum: TECHNICAL_FOUNDATIONS, nullable: true }) technicalFoundation: TechnicalFoundation | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) careerStartDate: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({
    type: MenteeReadinessSummary,
    nullable: true,
    description:
      'score, level and last one-on-one, for a list in one request (null only for a mentee not computed yet)',
  })
  readiness: MenteeReadinessSummary | null;
}

export class MenteePage {
  @ApiProperty({ type: [MenteeResponse] }) items: MenteeResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class PhaseChangeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ enum: PHASES, nullable: true }) fromPhase: Phase | null;
  @ApiProperty({ enum: PHASES }) toPhase: Phase;
  @ApiProperty({ format: 'uuid' }) changedBy: string;
  @ApiProperty() changedByName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class PhaseChangePage {
  @ApiProperty({ type: [PhaseChangeResponse] }) items: PhaseChangeResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
