import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditChangeResponse {
  @ApiProperty({ example: 'roles', maxLength: 64 }) field: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the value before, in words (a list comma-separated; yes or no); null when there was none',
  })
  from: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the value after, in words' })
  to: string | null;
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the actor's current name (null: no actor)" })
  actorName: string | null;
  @ApiProperty({ example: 'mentee.update' }) action: string;
  @ApiProperty({
    example: 'Mentee changed',
    maxLength: 120,
    description: 'the action in words (a refused permission keeps its code)',
  })
  actionLabel: string;
  @ApiProperty({ enum: ['change', 'read'] }) kind: 'change' | 'read';
  @ApiProperty({ example: 'mentee' }) objectType: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) objectId: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 300,
    description: "the object's current name (a person's name, a goal's title…); null when gone or not shown",
  })
  objectName: string | null;
  @ApiProperty({
    type: [AuditChangeResponse],
    maxItems: 20,
    description: 'for an update, what it changed; empty otherwise',
  })
  changes: AuditChangeResponse[];
  @ApiProperty({ enum: ['success', 'denied'] }) outcome: 'success' | 'denied';
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 64 }) requestId: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventResponse] }) items: AuditEventResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class AuditActionResponse {
  @ApiProperty({ example: 'user.update' }) action: string;
  @ApiProperty({ example: 'Person changed', maxLength: 120 }) label: string;
  @ApiProperty({ enum: ['change', 'read'] }) kind: 'change' | 'read';
}
