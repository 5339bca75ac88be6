export * from './readiness.sql';
export * from './reference';
export * from './dto/readiness.dto';
export * from './readiness.mapper';
export * from './readiness.repository';
export * from './readiness.service';
export * from './readiness.module';
