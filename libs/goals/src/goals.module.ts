import { Module } from '@nestjs/common';
import { NotificationsModule } from '@leadpath/notifications';
import { FrameworkModule } from '@leadpath/framework';
import { GoalsController } from './goals.controller';
import { GoalsRepository } from './goals.repository';
import { GoalsService } from './goals.service';

@Module({
  imports: [NotificationsModule, FrameworkModule],
  controllers: [GoalsController],
  providers: [GoalsRepository, GoalsService],
  exports: [GoalsRepository],
})
export class GoalsModule {}
