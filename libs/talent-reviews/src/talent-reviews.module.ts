import { Module } from '@nestjs/common';
import { AssignmentsModule } from '@leadpath/assignments';
import { GoalsModule } from '@leadpath/goals';
import { LedVoiceModule } from '@leadpath/led-voice';
import { MenteesModule } from '@leadpath/mentees';
import { ReadinessModule } from '@leadpath/readiness';
import { UsersModule } from '@leadpath/users';
import { PacketAssembler } from './packet.service';
import { TalentReviewsController } from './talent-reviews.controller';
import { TalentReviewsRepository } from './talent-reviews.repository';
import { TalentReviewsService } from './talent-reviews.service';

@Module({
  imports: [AssignmentsModule, GoalsModule, LedVoiceModule, MenteesModule, ReadinessModule, UsersModule],
  controllers: [TalentReviewsController],
  providers: [TalentReviewsRepository, TalentReviewsService, PacketAssembler],
  exports: [TalentReviewsRepository],
})
export class TalentReviewsModule {}
