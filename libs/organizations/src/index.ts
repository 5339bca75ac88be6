export * from './entities/organization.entity';
export * from './dto/organization.dto';
export * from './organizations.repository';
export * from './organizations.service';
export * from './organizations.module';
