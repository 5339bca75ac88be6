export * from './entities/scim.entity';
export * from './dto/scim-token.dto';
export * from './scim-error';
export * from './scim-filter';
export * from './scim-patch';
export * from './scim.controller';
export * from './scim.module';
