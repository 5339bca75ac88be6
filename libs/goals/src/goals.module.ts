import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@leadpath/notifications';
import { FrameworkModule } from '@leadpath/framework';
import { GoalCheckInEntity } from './entities/goal-check-in.entity';
import { GoalEntity } from './entities/goal.entity';
import { GoalsController } from './goals.controller';
import { GoalsRepository } from './goals.repository';
import { GoalsService } from './goals.service';

@Module({
  imports: [TypeOrmModule.forFeature([GoalEntity, GoalCheckInEntity]), NotificationsModule, FrameworkModule],
  controllers: [GoalsController],
  providers: [GoalsRepository, GoalsService],
  exports: [GoalsRepository],
})
export class GoalsModule {}
