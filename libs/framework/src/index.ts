export * from './entities/organization-settings.entity';
export * from './entities/competency.entity';
export * from './entities/milestone-template.entity';
export * from './dto/framework.dto';
export * from './phases';
export * from './framework.repository';
export * from './framework.service';
export * from './framework.module';
