import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export class ExportQueryDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    description: 'why HR exports this person’s data (a data-subject request, say); kept with the request',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class EraseUserDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    description: 'why the person is erased (their request, say); kept with the request. Name no one in it.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;

  @ApiProperty({ enum: [true], description: 'must be true: erasure cannot be undone' })
  @IsIn([true], { message: 'confirm must be true: erasure cannot be undone' })
  confirm: true;
}

export class ErasureResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'date-time' }) erasedAt: string;
  @ApiProperty({ format: 'uuid', description: 'the recorded request, with its reason' }) requestId: string;
}

export class RetentionResponse {
  @ApiProperty({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 600,
    description: 'people deactivated longer than this many months are erased; null (the default) keeps them',
  })
  erasureAfterMonths: number | null;
}

export class UpdateRetentionDto {
  @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: 600, description: 'null switches the rule off' })
  @ValidateIf((o: UpdateRetentionDto) => o.erasureAfterMonths !== null)
  @IsInt()
  @Min(1)
  @Max(600)
  erasureAfterMonths: number | null;
}

/** How many people the preview lists at most; the job erases them all. */
export const MAX_PREVIEW = 1000;
export const DEFAULT_PREVIEW = 200;

export class RetentionPreviewQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PREVIEW,
    default: DEFAULT_PREVIEW,
    description: 'people listed at most',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PREVIEW)
  limit?: number;
}

export class RetentionCandidateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ maxLength: 200 }) name: string;
  @ApiProperty({ maxLength: 254 }) email: string;
  @ApiProperty({ format: 'date-time' }) deactivatedAt: string;
}

export class RetentionPreviewResponse {
  @ApiProperty({ nullable: true, type: Number }) erasureAfterMonths: number | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'people deactivated before this are affected; null while the rule is off',
  })
  deactivatedBefore: string | null;
  @ApiProperty({
    type: RetentionCandidateResponse,
    isArray: true,
    maxItems: MAX_PREVIEW,
    description: 'the first `limit` of them, longest deactivated first',
  })
  people: RetentionCandidateResponse[];
  @ApiProperty({ minimum: 0, description: 'how many people the rule names now, listed or not' })
  total: number;
}
