export * from './entities/user.entity';
export * from './dto/user.dto';
export * from './passwords/password.service';
export * from './users.repository';
export * from './users.service';
export * from './users.module';
