export * from './entities/feedback.entity';
export * from './entities/feedback-rating.entity';
export * from './entities/feedback-revision.entity';
export * from './dto/feedback.dto';
export * from './feedback.repository';
export * from './feedback.service';
export * from './feedback.module';
