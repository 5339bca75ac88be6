import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompetencyEntity } from './entities/competency.entity';
import { MilestoneTemplateEntity } from './entities/milestone-template.entity';
import { OrganizationSettingsEntity } from './entities/organization-settings.entity';
import { FrameworkController } from './framework.controller';
import { FrameworkRepository } from './framework.repository';
import { FrameworkService } from './framework.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationSettingsEntity, CompetencyEntity, MilestoneTemplateEntity])],
  controllers: [FrameworkController],
  providers: [FrameworkRepository, FrameworkService],
  exports: [FrameworkRepository, FrameworkService],
})
export class FrameworkModule {}
