export * from './csv/neutralize';
export * from './dto/reports.dto';
export * from './reports.repository';
export * from './reports.service';
export * from './reports.module';
export * from './entities/rater-severity-result.entity';
export * from './rater-severity.repository';
export * from './rater-severity.service';
