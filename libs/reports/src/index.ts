export * from './csv/neutralize';
export * from './dto/reports.dto';
export * from './reports.repository';
export * from './reports.service';
export * from './reports.module';
