export * from './destination';
export * from './dto/webhook.dto';
export * from './entities/webhook-attempt.entity';
export * from './entities/webhook-delivery.entity';
export * from './entities/webhook-endpoint.entity';
export { guardedLookup } from './sender';
export * from './signature';
export * from './webhook-delivery.service';
export * from './webhooks.module';
