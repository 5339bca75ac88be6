export * from './credentials.module';
export * from './credentials.service';
export * from './entities/auth-token.entity';
