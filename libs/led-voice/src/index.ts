export * from './entities/feedback-request.entity';
export * from './entities/led-response.entity';
export * from './dto/led-voice.dto';
export * from './led-voice.repository';
export * from './led-voice.service';
export * from './feedback-mail.service';
export * from './led-voice.module';
export { FeedbackLinks } from './feedback-links';
