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
import { MIN_GROUP_SIZE_FLOOR } from '@leadpath/platform/domain';
import { COMPETENCY_CATEGORIES, type CompetencyCategory } from '../entities/competency.entity';
import { IMPORT_FORMATS, type ImportFormat } from '../import/framework-document';

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

  @ApiPropertyOptional({
    minimum: MIN_GROUP_SIZE_FLOOR,
    maximum: 100,
    description:
      'k: every aggregate over people hides groups of fewer than k people, with complementary suppression (default 5, never below 3)',
  })
  @ValidateIf((o: UpdateSettingsDto) => o.minGroupSize !== undefined)
  @IsInt()
  @Min(MIN_GROUP_SIZE_FLOOR)
  @Max(100)
  minGroupSize?: number;

  @ApiPropertyOptional({
    description:
      "readiness reads competency means with each rater's measured severity removed (default false: the raw means)",
  })
  @ValidateIf((o: UpdateSettingsDto) => o.useCalibratedMeans !== undefined)
  @IsBoolean({ message: 'useCalibratedMeans must be true or false' })
  useCalibratedMeans?: boolean;
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
  @ApiProperty({ maxLength: 8000, description: 'imported criteria may be long' }) description: string;
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
  @ApiProperty({ description: 'k: the smallest group of people an aggregate shows (default 5, never below 3)' })
  minGroupSize: number;
  @ApiProperty({ description: 'whether readiness uses calibrated competency means (default false)' })
  useCalibratedMeans: boolean;
}

export class FrameworkResponse {
  @ApiProperty({ type: [PhaseResponse], maxItems: PHASES.length }) phases: PhaseResponse[];
  @ApiProperty({ type: [CompetencyResponse] }) competencies: CompetencyResponse[];
  @ApiProperty({ type: [MilestoneTemplateResponse] }) milestoneTemplates: MilestoneTemplateResponse[];
  @ApiProperty({ type: SettingsResponse }) settings: SettingsResponse;
}

// ---------------------------------------------------------------------------------------------
// Export and import

export const EXPORT_FORMATS = ['json', 'yaml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class FrameworkExportQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    description: 'json (default) or yaml; without it, an Accept of application/yaml asks for YAML',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

export class DocumentCompetencyResponse {
  @ApiProperty({ example: 'communication' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: COMPETENCY_CATEGORIES }) category: CompetencyCategory;
  @ApiProperty() position: number;
}

export class DocumentMilestoneTemplateResponse {
  @ApiProperty({ example: 'mentor_junior' }) key: string;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty() title: string;
  @ApiProperty({ maxLength: 8000 }) description: string;
  @ApiProperty() required: boolean;
  @ApiProperty() position: number;
}

/** The Leadpath framework document: what export writes and import reads back. */
export class FrameworkDocumentResponse {
  @ApiProperty({ enum: ['leadpath-framework'] }) format: 'leadpath-framework';
  @ApiProperty({ enum: [1], description: 'the document version; a later version may add fields' }) version: 1;
  @ApiProperty({ type: [DocumentCompetencyResponse], description: 'the active competencies, in order' })
  competencies: DocumentCompetencyResponse[];
  @ApiProperty({ type: [DocumentMilestoneTemplateResponse], description: 'the active milestone templates, by phase' })
  milestoneTemplates: DocumentMilestoneTemplateResponse[];
}

export class FrameworkImportDto {
  @ApiPropertyOptional({
    enum: IMPORT_FORMATS,
    description:
      'leadpath: a Leadpath framework document (JSON or YAML, as GET /framework/export writes it); progression: Markdown with YAML front matter (levels, topics). Without it, the content says which.',
  })
  @IsOptional()
  @IsIn(IMPORT_FORMATS)
  format?: ImportFormat;

  @ApiProperty({
    description: 'the file as text (UTF-8; a byte-order mark and CRLF line ends are accepted)',
    maxLength: 200000,
  })
  @IsString()
  @MaxLength(200000)
  content: string;

  @ApiPropertyOptional({
    description:
      'progression files: the phase each level maps to, by level number; levels not named are spread evenly over the four phases',
    type: 'object',
    additionalProperties: { type: 'string', enum: [...PHASES] },
    example: { '1': 'build_credibility', '2': 'build_credibility', '3': 'lead_without_title' },
  })
  @IsOptional()
  @IsObject()
  levelPhases?: Record<string, Phase>;
}

export class ImportProblemResponse {
  @ApiProperty({ example: 'topics[2].content[0].level', description: 'where in the file', maxLength: 1000 })
  path: string;
  @ApiProperty({ maxLength: 2000 }) message: string;
}

export class NamedCompetencyResponse {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
}

export class RenamedCompetencyResponse {
  @ApiProperty() key: string;
  @ApiProperty({ description: 'the name today', maxLength: 100 }) from: string;
  @ApiProperty({ description: 'the name in the file', maxLength: 100 }) to: string;
}

export class NamedTemplateResponse {
  @ApiProperty() key: string;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty() title: string;
}

export class CompetencyChangesResponse {
  @ApiProperty({ type: [NamedCompetencyResponse], description: 'new, or retired today and named again' })
  added: NamedCompetencyResponse[];
  @ApiProperty({ type: [RenamedCompetencyResponse] }) renamed: RenamedCompetencyResponse[];
  @ApiProperty({ type: [NamedCompetencyResponse], description: 'same name; description, category or order change' })
  changed: NamedCompetencyResponse[];
  @ApiProperty({
    type: [NamedCompetencyResponse],
    description: 'active today, absent from the file: retired, kept in history',
  })
  retired: NamedCompetencyResponse[];
  @ApiProperty({ type: [NamedCompetencyResponse] }) unchanged: NamedCompetencyResponse[];
}

export class TemplateChangesResponse {
  @ApiProperty({ type: [NamedTemplateResponse] }) added: NamedTemplateResponse[];
  @ApiProperty({ type: [NamedTemplateResponse] }) changed: NamedTemplateResponse[];
  @ApiProperty({
    type: [NamedTemplateResponse],
    description: "active today, absent from the file: retired; mentees' recorded milestones stay",
  })
  retired: NamedTemplateResponse[];
  @ApiProperty({ type: [NamedTemplateResponse] }) unchanged: NamedTemplateResponse[];
}

export class FrameworkImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: ImportFormat;
  @ApiProperty({ type: CompetencyChangesResponse }) competencies: CompetencyChangesResponse;
  @ApiProperty({ type: TemplateChangesResponse }) milestoneTemplates: TemplateChangesResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...PHASES] },
    nullable: true,
    description: 'progression files: the phase each level went to',
  })
  levelPhases: Record<string, Phase> | null;
  @ApiProperty({
    type: [ImportProblemResponse],
    description: 'items the file gets wrong; they are left out, and a preview with errors cannot be applied',
  })
  errors: ImportProblemResponse[];
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) appliedAt: string | null;
}
