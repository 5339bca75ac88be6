export * from './entities/mentee-milestone.entity';
export * from './dto/milestone.dto';
export * from './milestones.repository';
export * from './milestones.service';
export * from './milestones.module';
