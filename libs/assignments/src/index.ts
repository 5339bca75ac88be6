export * from './entities/assignment.entity';
export * from './dto/assignment.dto';
export * from './assignments.repository';
export { ledAssignmentCount, threshold as ledFeedbackThreshold } from './assignments.sql';
export * from './assignments.service';
export * from './assignments.module';
