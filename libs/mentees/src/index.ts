export * from './entities/mentee.entity';
export * from './entities/phase-change.entity';
export * from './dto/mentee.dto';
export * from './mentees.repository';
export * from './mentees.service';
export * from './mentees.module';
