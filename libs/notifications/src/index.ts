export * from './digests.service';
export * from './dto/notifications.dto';
export * from './entities/notification-preferences.entity';
export * from './local-time';
export * from './notifications.module';
export * from './notifications.service';
export * from './switches';
