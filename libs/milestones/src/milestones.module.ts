import { Module } from '@nestjs/common';
import { NotificationsModule } from '@leadpath/notifications';
import { MilestonesController } from './milestones.controller';
import { MilestonesRepository } from './milestones.repository';
import { MilestonesService } from './milestones.service';

@Module({
  imports: [NotificationsModule],
  controllers: [MilestonesController],
  providers: [MilestonesRepository, MilestonesService],
  exports: [MilestonesRepository, MilestonesService],
})
export class MilestonesModule {}
