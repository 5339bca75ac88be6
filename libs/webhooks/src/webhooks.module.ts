import { Global, Module } from '@nestjs/common';
import { DomainEvents } from '@leadpath/platform/database';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Global so every feature that writes something integrations hear of can inject DomainEvents. */
@Global()
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    WebhookDeliveryService,
    WebhooksService,
    { provide: DomainEvents, useExisting: WebhookDeliveryService },
  ],
  exports: [WebhookDeliveryService, DomainEvents],
})
export class WebhooksModule {}
