import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the actor's current name (null: no actor)" })
  actorName: string | null;
  @ApiProperty({ example: 'mentee.update' }) action: string;
  @ApiProperty({ example: 'mentee' }) objectType: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) objectId: string | null;
  @ApiProperty({ enum: ['success', 'denied'] }) outcome: 'success' | 'denied';
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 64 }) requestId: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventResponse] }) items: AuditEventResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
