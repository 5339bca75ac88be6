import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform/http';
import {
  CompetencyResponse,
  CreateCompetencyDto,
  CreateMilestoneTemplateDto,
  FrameworkQueryDto,
  FrameworkResponse,
  MilestoneTemplateResponse,
  SettingsResponse,
  UpdateCompetencyDto,
  UpdateMilestoneTemplateDto,
  UpdateSettingsDto,
} from './dto/framework.dto';
import { FrameworkService } from './framework.service';

@ApiTags('framework')
@Controller('framework')
export class FrameworkController {
  constructor(private readonly framework: FrameworkService) {}

  @Get()
  @Endpoint({
    permission: Permission.FrameworkRead,
    summary: "The organization's phases, competencies, milestone templates and readiness settings",
    ok: FrameworkResponse,
  })
  get(@CurrentActor() actor: Actor, @Query() query: FrameworkQueryDto): Promise<FrameworkResponse> {
    return this.framework.get(actor, query.includeRetired);
  }

  @Post('competencies')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Add a competency (HR admin)',
    status: 201,
    ok: CompetencyResponse,
    errors: { 409: 'A competency with this key exists' },
  })
  createCompetency(@CurrentActor() actor: Actor, @Body() dto: CreateCompetencyDto): Promise<CompetencyResponse> {
    return this.framework.createCompetency(actor, dto);
  }

  @Patch('competencies/:id')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Rename, re-describe, re-order, retire or restore a competency (HR admin)',
    ok: CompetencyResponse,
  })
  updateCompetency(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCompetencyDto,
  ): Promise<CompetencyResponse> {
    return this.framework.updateCompetency(actor, id, dto);
  }

  @Post('milestones')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Add a milestone template to a phase (HR admin)',
    status: 201,
    ok: MilestoneTemplateResponse,
    errors: { 409: 'A milestone with this key exists' },
  })
  createMilestone(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateMilestoneTemplateDto,
  ): Promise<MilestoneTemplateResponse> {
    return this.framework.createMilestoneTemplate(actor, dto);
  }

  @Patch('milestones/:id')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Change, re-order, retire or restore a milestone template (HR admin)',
    ok: MilestoneTemplateResponse,
  })
  updateMilestone(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateMilestoneTemplateDto,
  ): Promise<MilestoneTemplateResponse> {
    return this.framework.updateMilestoneTemplate(actor, id, dto);
  }

  @Patch('settings')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Readiness weights (summing to 1) and stale-feedback days (HR admin)',
    ok: SettingsResponse,
  })
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: UpdateSettingsDto): Promise<SettingsResponse> {
    return this.framework.updateSettings(actor, dto);
  }
}
