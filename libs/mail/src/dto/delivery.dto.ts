import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@leadpath/platform/http';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../entities/mail-delivery.entity';

export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: '`failed`: given up after the last retry' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null for a message to an address without an account (a feedback request to someone outside)',
  })
  recipientId: string | null;
  @ApiProperty({ example: 'Dana Reyes', maxLength: 200 }) recipientName: string;
  @ApiProperty({ format: 'email' }) recipientEmail: string;
  @ApiProperty({ example: 'invitation' }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subjectId: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryResponse] }) items: DeliveryResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
