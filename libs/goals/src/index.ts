export * from './entities/goal.entity';
export * from './entities/goal-check-in.entity';
export * from './dto/goal.dto';
export * from './goals.repository';
export * from './goals.service';
export * from './goals.module';
