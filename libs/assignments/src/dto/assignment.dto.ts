import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  ValidateIf,
  MaxLength,
} from 'class-validator';
import { IsFreeText, IsOneLineText, PageQueryDto } from '@leadpath/platform/http';
import {
  ASSIGNMENT_KINDS,
  ASSIGNMENT_STATUSES,
  type AssignmentKind,
  type AssignmentStatus,
} from '../entities/assignment.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z][a-z0-9_]{1,47}$/;

export class CreateAssignmentDto {
  @ApiProperty({ example: 'Lead the storage migration' })
  @IsOneLineText(200)
  title: string;

  @ApiProperty({ enum: ASSIGNMENT_KINDS })
  @IsIn(ASSIGNMENT_KINDS)
  kind: AssignmentKind;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsFreeText(4000)
  description?: string;

  @ApiProperty({
    type: [String],
    example: ['communication', 'delegation'],
    description: '1 to 8 active competency keys',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @MaxLength(48, { each: true })
  @Matches(KEY, { each: true, message: 'competencies must be competency keys such as communication' })
  competencies: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'the milestone template the assignment proves' })
  @IsOptional()
  @IsUUID('all', { message: 'milestoneTemplateId must be a UUID' })
  milestoneTemplateId?: string;

  @ApiProperty({ format: 'date', example: '2027-01-10' })
  @Matches(DATE, { message: 'startsOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'startsOn must be a real date' })
  startsOn: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-03-31' })
  @IsOptional()
  @Matches(DATE, { message: 'endsOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'endsOn must be a real date' })
  endsOn?: string;
}

export class UpdateAssignmentDto {
  @ApiPropertyOptional()
  @ValidateIf((o: UpdateAssignmentDto) => o.title !== undefined)
  @IsOneLineText(200)
  title?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_KINDS })
  @ValidateIf((o: UpdateAssignmentDto) => o.kind !== undefined)
  @IsIn(ASSIGNMENT_KINDS)
  kind?: AssignmentKind;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsFreeText(4000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'only before anyone was asked for feedback' })
  @ValidateIf((o: UpdateAssignmentDto) => o.competencies !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @MaxLength(48, { each: true })
  @Matches(KEY, { each: true, message: 'competencies must be competency keys such as communication' })
  competencies?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'milestoneTemplateId must be a UUID' })
  milestoneTemplateId?: string | null;

  @ApiPropertyOptional({ format: 'date' })
  @ValidateIf((o: UpdateAssignmentDto) => o.startsOn !== undefined)
  @Matches(DATE, { message: 'startsOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'startsOn must be a real date' })
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'endsOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'endsOn must be a real date' })
  endsOn?: string | null;

  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES, description: 'planned → active → completed, one step at a time' })
  @ValidateIf((o: UpdateAssignmentDto) => o.status !== undefined)
  @IsIn(ASSIGNMENT_STATUSES)
  status?: AssignmentStatus;
}

export class AssignmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATUSES)
  status?: AssignmentStatus;
}

export class AssignmentFeedbackSummary {
  @ApiProperty({ description: 'people asked (declined outside addresses not included)' }) requested: number;
  @ApiProperty({
    description:
      'answers published: 0 until threshold answers have arrived, then in batches of at least threshold, so no read tells when one answer arrived',
  })
  responses: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'answers held until there are threshold of them ("N more answers pending"); null while the results are not open, when all that can be said is "fewer than threshold"',
  })
  pending: number | null;
  @ApiProperty({ description: 'answers needed before results are shown, and the size of each later batch' })
  threshold: number;
  @ApiProperty({ description: 'outside addresses the mentee asked that wait for the line manager or HR' })
  awaitingApproval: number;
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ASSIGNMENT_KINDS }) kind: AssignmentKind;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [String] }) competencies: string[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) milestoneTemplateId: string | null;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty({ type: AssignmentFeedbackSummary }) feedback: AssignmentFeedbackSummary;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AssignmentPage {
  @ApiProperty({ type: [AssignmentResponse] }) items: AssignmentResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
