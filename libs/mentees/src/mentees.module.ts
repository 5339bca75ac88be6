import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MenteeEntity } from './entities/mentee.entity';
import { PhaseChangeEntity } from './entities/phase-change.entity';
import { MenteesController } from './mentees.controller';
import { MenteesRepository } from './mentees.repository';
import { MenteesService } from './mentees.service';

@Module({
  imports: [TypeOrmModule.forFeature([MenteeEntity, PhaseChangeEntity])],
  controllers: [MenteesController],
  providers: [MenteesRepository, MenteesService],
  exports: [MenteesRepository, MenteesService],
})
export class MenteesModule {}
