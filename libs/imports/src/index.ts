export * from './entities/import.entity';
export * from './dto/import.dto';
export * from './people-csv';
export * from './people-plan';
export * from './imports.repository';
export * from './imports.service';
export * from './imports.module';
