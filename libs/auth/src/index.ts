export * from './entities/refresh-token.entity';
export * from './entities/login-throttle.entity';
export * from './tokens/token.service';
export * from './throttle/login-throttle.service';
export * from './auth.module';
export * from './dto/auth.dto';
export * from './password-reset/password-reset.service';
