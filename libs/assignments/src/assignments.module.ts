import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FrameworkModule } from '@leadpath/framework';
import { AssignmentsController, RespondController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { AssignmentEntity } from './entities/assignment.entity';
import { FeedbackRequestEntity } from './entities/feedback-request.entity';
import { LedResponseEntity } from './entities/led-response.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AssignmentEntity, FeedbackRequestEntity, LedResponseEntity]), FrameworkModule],
  controllers: [AssignmentsController, RespondController],
  providers: [AssignmentsRepository, AssignmentsService],
  exports: [AssignmentsRepository],
})
export class AssignmentsModule {}
