import { Module } from '@nestjs/common';
import { FrameworkModule } from '@leadpath/framework';
import { MenteesModule } from '@leadpath/mentees';
import { ReadinessModule } from '@leadpath/readiness';
import { RaterSeverityRepository } from './rater-severity.repository';
import { RaterSeverityService } from './rater-severity.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [FrameworkModule, MenteesModule, ReadinessModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService, RaterSeverityRepository, RaterSeverityService],
})
export class ReportsModule {}
