import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@leadpath/platform/http';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['changes', 'reads', 'all'],
    description: 'changes (the default, unless an action is named), reads of personal data, or both',
  })
  @IsOptional()
  @IsIn(['changes', 'reads', 'all'], { message: 'kind must be changes, reads or all' })
  kind?: 'changes' | 'reads' | 'all';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'mentee' })
  @IsOptional()
  @MaxLength(40)
  @Matches(/^[a-z_]+$/, { message: 'objectType must be a lower-case object type such as mentee' })
  objectType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  objectId?: string;

  @ApiPropertyOptional({ example: 'mentee:update' })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[a-z_.:]+$/, { message: 'action must be an action code such as mentee.update' })
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'inclusive lower bound' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'exclusive upper bound' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  to?: string;
}
