import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsUrl,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PHASES, type Phase } from '@leadpath/mentees';
import { IsFreeText } from '@leadpath/platform/http';

export class EvidenceDto {
  @ApiPropertyOptional({ maxLength: 4000, description: 'what was done, in the mentee’s or manager’s words' })
  @IsOptional()
  @IsFreeText(4000)
  text?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10, example: ['https://wiki.example.com/postmortem-42'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @MaxLength(500, { each: true })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { each: true, message: 'each link must be an http(s) URL' },
  )
  links?: string[];
}

export class RecordMilestoneDto {
  @ApiProperty({ enum: ['in_progress', 'completed'] })
  @IsIn(['in_progress', 'completed'])
  status: 'in_progress' | 'completed';

  @ApiPropertyOptional({ type: EvidenceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto;
}

export class RevokeVerificationDto {
  @ApiProperty({ maxLength: 1000, description: 'why the verification no longer stands' })
  @IsFreeText(1000)
  @MinLength(1)
  reason: string;
}

export class MilestoneQueryDto {
  @ApiPropertyOptional({ enum: PHASES, description: "default: the mentee's current phase" })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;
}

export class EvidenceResponse {
  @ApiPropertyOptional({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ type: [String] }) links: string[];
}

export class MilestoneAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['planned', 'active', 'completed'] }) status: string;
  @ApiProperty({ description: 'answers from the people led' }) answers: number;
  @ApiProperty({ description: 'answers needed before results show' }) threshold: number;
  @ApiProperty({ description: 'results can be read at GET /assignments/:id/results' }) hasResults: boolean;
}

export class MilestoneResponse {
  @ApiProperty({ format: 'uuid' }) templateId: string;
  @ApiProperty() key: string;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ enum: ['not_started', 'in_progress', 'completed'] }) status:
    'not_started' | 'in_progress' | 'completed';
  @ApiProperty() verified: boolean;
  @ApiProperty({ type: EvidenceResponse, nullable: true, description: 'null until the milestone is recorded' })
  evidence: EvidenceResponse | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) recordedAt: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) verifiedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) verifiedByName: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) verifiedAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokeReason: string | null;
  @ApiProperty({
    type: [MilestoneAssignmentResponse],
    maxItems: 1000,
    description: 'stretch assignments attached as evidence, with the voices of the people led',
  })
  assignments: MilestoneAssignmentResponse[];
}

export class MilestoneListResponse {
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty({ type: [MilestoneResponse] }) items: MilestoneResponse[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'always null: a phase holds a handful of milestones',
  })
  nextCursor: null;
}
