export * from './entities/assessment.entity';
export * from './dto/assessment.dto';
export * from './scoring';
export * from './assessments.repository';
export * from './assessments.service';
export * from './assessments.module';
