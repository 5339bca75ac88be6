import { Module } from '@nestjs/common';
import { MenteesController } from './mentees.controller';
import { MenteesRepository } from './mentees.repository';
import { MenteesService } from './mentees.service';

@Module({
  controllers: [MenteesController],
  providers: [MenteesRepository, MenteesService],
  exports: [MenteesRepository, MenteesService],
})
export class MenteesModule {}
