import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
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
} from 'class-validator';
import { WEBHOOK_EVENTS, WEBHOOK_LIMITS, type WebhookEventType } from '@leadpath/platform/domain';
import { IsOneLineText } from '@leadpath/platform/http';
import { WEBHOOK_FORMATS, type WebhookFormat } from '../entities/webhook-endpoint.entity';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';

const FORMAT_DESCRIPTION =
  "what a delivery's body is: `standard` (Standard Webhooks JSON, signed), `slack` (a Slack incoming-webhook message) or `teams` (a Microsoft Teams Workflows adaptive card); chat messages name the mentee and what happened, with a link, never feedback text";

const URL_DESCRIPTION =
  'where deliveries are POSTed: https:// (http:// too outside production); a host that resolves to a loopback, private, link-local or unique-local address is refused unless the installation allows that host';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/leadpath', maxLength: 2000, description: URL_DESCRIPTION })
  @IsString()
  @MaxLength(2000)
  @Matches(/^\S+$/, { message: 'url must be a URL without spaces' })
  url: string;

  @ApiPropertyOptional({ example: 'Slack #leadership', maxLength: 200 })
  @IsOptional()
  @IsOneLineText(200)
  description?: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, minItems: 1, maxItems: WEBHOOK_EVENTS.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEventType[];

  @ApiPropertyOptional({ enum: WEBHOOK_FORMATS, default: 'standard', description: FORMAT_DESCRIPTION })
  @IsOptional()
  @IsIn(WEBHOOK_FORMATS)
  format?: WebhookFormat;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2000, description: URL_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^\S+$/, { message: 'url must be a URL without spaces' })
  url?: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @IsOneLineText(200)
  description?: string | null;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true, minItems: 1, maxItems: WEBHOOK_EVENTS.length })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ enum: WEBHOOK_FORMATS, description: FORMAT_DESCRIPTION })
  @IsOptional()
  @IsIn(WEBHOOK_FORMATS)
  format?: WebhookFormat;

  @ApiPropertyOptional({ description: 'false stops deliveries; true starts them again and forgets past failures' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ maxLength: 2000 }) url: string;
  @ApiProperty({ nullable: true, type: String, maxLength: 200 }) description: string | null;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEventType[];
  @ApiProperty({ enum: WEBHOOK_FORMATS, description: FORMAT_DESCRIPTION }) format: WebhookFormat;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when it was turned off' })
  disabledAt: string | null;
  @ApiProperty({ nullable: true, type: String, maxLength: 200, example: 'every delivery failed for 24 hours' })
  disabledReason: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'the first failure since the last success; a day of failures disables the endpoint',
  })
  failingSince: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'until then the previous secret signs too (after a rotation)',
  })
  previousSecretExpiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYq=',
    maxLength: 100,
    description: 'the signing secret (Standard Webhooks); shown only now',
  })
  secret: string;
}

export class RotateSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: WEBHOOK_LIMITS.secretGraceHours,
    default: WEBHOOK_LIMITS.secretGraceHours,
    description:
      'hours the previous secret keeps signing too, so receivers switch without a gap; 0 ends it at once (a leaked secret)',
  })
  // Absent means the default; null is no number of hours, so it is refused with 400.
  @ValidateIf((o: RotateSecretDto) => o.graceHours !== undefined)
  @IsInt()
  @Min(0)
  @Max(WEBHOOK_LIMITS.secretGraceHours)
  graceHours?: number;
}

export class RotatedSecretResponse {
  @ApiProperty({ description: 'the new signing secret; shown only now', maxLength: 100 }) secret: string;
  @ApiProperty({
    format: 'date-time',
    description: 'until then deliveries carry a signature by the previous secret too',
  })
  previousSecretExpiresAt: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookResponse] }) items: WebhookResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class WebhookAttemptResponse {
  @ApiProperty({ description: '1 for the first try' }) attempt: number;
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null when no answer came' }) statusCode: number | null;
  @ApiProperty({ nullable: true, type: String, maxLength: 500 }) error: string | null;
  @ApiProperty() durationMs: number;
  @ApiProperty({ nullable: true, type: String, maxLength: 200, description: 'the start of the answer, nothing more' })
  responseExcerpt: string | null;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'the `webhook-id` header, the same on every retry' }) id: string;
  @ApiProperty({ example: 'feedback.created', maxLength: 48 }) eventType: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [WebhookAttemptResponse], maxItems: 100, description: 'every attempt, first to last' })
  log: WebhookAttemptResponse[];
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class TestDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'the delivery of the `webhook.test` event' }) deliveryId: string;
}
