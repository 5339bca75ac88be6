import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { PHASES, type Phase } from '@leadpath/mentees';
import { HasAtMostDecimals, IsFreeText, IsOneLineText, ToBoolean } from '@leadpath/platform/http';
import { COMPETENCY_CATEGORIES, type CompetencyCategory } from '../entities/competency.entity';

const COMPETENCY_KEY = /^[a-z][a-z0-9_]{1,47}$/;
const MILESTONE_KEY = /^[a-z][a-z0-9_]{1,63}$/;

export class CreateCompetencyDto {
  @ApiProperty({ example: 'negotiation', description: 'lower_snake_case; fixed once created (ratings refer to it)' })
  @MaxLength(48)
  @Matches(COMPETENCY_KEY, { message: 'key must be lower_snake_case, 2–48 characters, starting with a letter' })
  key: string;

  @ApiProperty({ example: 'Negotiation' })
  @IsOneLineText(100)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsFreeText(1000)
  description?: string;

  @ApiPropertyOptional({ enum: COMPETENCY_CATEGORIES, default: 'core' })
  @IsOptional()
  @IsIn(COMPETENCY_CATEGORIES)
  category?: CompetencyCategory;

  @ApiPropertyOptional({ description: 'sort order' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;
}

export class UpdateCompetencyDto {
  @ApiPropertyOptional()
  @ValidateIf((o: UpdateCompetencyDto) => o.name !== undefined)
  @IsOneLineText(100)
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateCompetencyDto) => o.description !== undefined)
  @IsFreeText(1000)
  description?: string;

  @ApiPropertyOptional({ enum: COMPETENCY_CATEGORIES })
  @ValidateIf((o: UpdateCompetencyDto) => o.category !== undefined)
  @IsIn(COMPETENCY_CATEGORIES)
  category?: CompetencyCategory;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateCompetencyDto) => o.position !== undefined)
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;

  @ApiPropertyOptional({
    description: 'true retires it (kept in history, no longer rated or counted); false restores it',
  })
  @ValidateIf((o: UpdateCompetencyDto) => o.retired !== undefined)
  @IsBoolean()
  retired?: boolean;
}

export class CreateMilestoneTemplateDto {
  @ApiProperty({ example: 'run_an_incident_review' })
  @MaxLength(64)
  @Matches(MILESTONE_KEY, { message: 'key must be lower_snake_case, 2–64 characters, starting with a letter' })
  key: string;

  @ApiProperty({ enum: PHASES })
  @IsIn(PHASES)
  phase: Phase;

  @ApiProperty({ example: 'Run an incident review' })
  @IsOneLineText(200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsFreeText(2000)
  description?: string;

  @ApiPropertyOptional({ default: true, description: 'required milestones count toward readiness' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;
}

export class UpdateMilestoneTemplateDto {
  @ApiPropertyOptional()
  @ValidateIf((o: UpdateMilestoneTemplateDto) => o.title !== undefined)
  @IsOneLineText(200)
  title?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateMilestoneTemplateDto) => o.description !== undefined)
  @IsFreeText(2000)
  description?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateMilestoneTemplateDto) => o.required !== undefined)
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateMilestoneTemplateDto) => o.position !== undefined)
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;

  @ApiPropertyOptional({ description: 'true retires it (kept in history, no longer counted); false restores it' })
  @ValidateIf((o: UpdateMilestoneTemplateDto) => o.retired !== undefined)
  @IsBoolean()
  retired?: boolean;
}

export class WeightsDto {
  @ApiProperty({ example: 0.4, description: 'weight of M, verified required milestones' })
  @HasAtMostDecimals(3)
  @Min(0)
  @Max(1)
  milestones: number;

  @ApiProperty({ example: 0.4, description: 'weight of C, competency ratings' })
  @HasAtMostDecimals(3)
  @Min(0)
  @Max(1)
  competencies: number;

  @ApiProperty({ example: 0.2, description: 'weight of G, achieved goals' })
  @HasAtMostDecimals(3)
  @Min(0)
  @Max(1)
  goals: number;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ type: WeightsDto, description: 'all three, summing to 1' })
  @ValidateIf((o: UpdateSettingsDto) => o.weights !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => WeightsDto)
  weights?: WeightsDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @ValidateIf((o: UpdateSettingsDto) => o.staleFeedbackDays !== undefined)
  @IsInt()
  @Min(1)
  @Max(365)
  staleFeedbackDays?: number;

  @ApiPropertyOptional({ minimum: 3, maximum: 50, description: 'answers from the people led before results show' })
  @ValidateIf((o: UpdateSettingsDto) => o.ledFeedbackThreshold !== undefined)
  @IsInt()
  @Min(3)
  @Max(50)
  ledFeedbackThreshold?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    description: "how much the people led weigh in a competency's r, at most 3 decimals (0: not at all)",
  })
  @ValidateIf((o: UpdateSettingsDto) => o.ledVoiceWeight !== undefined)
  @HasAtMostDecimals(3)
  @Min(0)
  @Max(1)
  ledVoiceWeight?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 500,
    description: 'feedback requests one person may send per UTC day, over all assignments',
  })
  @ValidateIf((o: UpdateSettingsDto) => o.feedbackRequestsPerDay !== undefined)
  @IsInt()
  @Min(1)
  @Max(500)
  feedbackRequestsPerDay?: number;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    description: 'IANA time zone name; the weekly digest goes out Monday 08:00 there, the monthly summary the 1st',
  })
  @ValidateIf((o: UpdateSettingsDto) => o.timeZone !== undefined)
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/, { message: 'timeZone must be an IANA time zone name' })
  timeZone?: string;
}

export class FrameworkQueryDto {
  @ApiPropertyOptional({ description: 'include retired competencies and milestones' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'includeRetired must be true or false' })
  includeRetired?: boolean;
}

export class PhaseResponse {
  @ApiProperty({ enum: PHASES }) key: Phase;
  @ApiProperty() position: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '3–6', maxLength: 10, pattern: '^[0-9–+]+$' }) typicalYears: string;
  @ApiProperty() description: string;
}

export class CompetencyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: COMPETENCY_CATEGORIES }) category: CompetencyCategory;
  @ApiProperty() position: number;
  @ApiProperty() retired: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) retiredAt: string | null;
}

export class MilestoneTemplateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() required: boolean;
  @ApiProperty() position: number;
  @ApiProperty() retired: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) retiredAt: string | null;
}

export class WeightsResponse {
  @ApiProperty() milestones: number;
  @ApiProperty() competencies: number;
  @ApiProperty() goals: number;
}

export class SettingsResponse {
  @ApiProperty({ type: WeightsResponse }) weights: WeightsResponse;
  @ApiProperty() staleFeedbackDays: number;
  @ApiProperty({ description: 'answers from the people led before results show (never below 3)' })
  ledFeedbackThreshold: number;
  @ApiProperty({ description: "how much the people led weigh in a competency's r (0: not at all)" })
  ledVoiceWeight: number;
  @ApiProperty({ description: 'feedback requests one person may send per UTC day (default 30)' })
  feedbackRequestsPerDay: number;
  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone of the digests' }) timeZone: string;
}

export class FrameworkResponse {
  @ApiProperty({ type: [PhaseResponse], maxItems: PHASES.length }) phases: PhaseResponse[];
  @ApiProperty({ type: [CompetencyResponse] }) competencies: CompetencyResponse[];
  @ApiProperty({ type: [MilestoneTemplateResponse] }) milestoneTemplates: MilestoneTemplateResponse[];
  @ApiProperty({ type: SettingsResponse }) settings: SettingsResponse;
}
