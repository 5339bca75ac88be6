import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@leadpath/notifications';
import { MenteeMilestoneEntity } from './entities/mentee-milestone.entity';
import { MilestonesController } from './milestones.controller';
import { MilestonesRepository } from './milestones.repository';
import { MilestonesService } from './milestones.service';

@Module({
  imports: [TypeOrmModule.forFeature([MenteeMilestoneEntity]), NotificationsModule],
  controllers: [MilestonesController],
  providers: [MilestonesRepository, MilestonesService],
  exports: [MilestonesRepository],
})
export class MilestonesModule {}
