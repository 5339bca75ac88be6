export * from './entities/assignment.entity';
export * from './entities/feedback-request.entity';
export * from './entities/led-response.entity';
export * from './dto/assignment.dto';
export * from './assignments.repository';
export { ledAssignmentCount } from './assignments.sql';
export * from './assignments.service';
export * from './feedback-mail.service';
export * from './assignments.module';
