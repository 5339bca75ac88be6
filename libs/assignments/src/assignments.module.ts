import { Module } from '@nestjs/common';
import { FrameworkModule } from '@leadpath/framework';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';

@Module({
  imports: [FrameworkModule],
  controllers: [AssignmentsController],
  providers: [AssignmentsRepository, AssignmentsService],
  exports: [AssignmentsRepository],
})
export class AssignmentsModule {}
