export * from './entities/sso-attempt.entity';
export * from './entities/sso-config.entity';
export * from './entities/sso-domain.entity';
export * from './dto/sso.dto';
export * from './identity-provider';
export * from './sso.module';
export * from './sso-sign-in.service';
