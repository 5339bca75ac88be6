export * from './entities/audit-event.entity';
export * from './audit.service';
export * from './audit.module';
export * from './dto/audit-event.response';
export * from './audit-actions';
