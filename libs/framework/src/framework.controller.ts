import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform';
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
@ApiBearerAuth()
@Controller('framework')
export class FrameworkController {
  constructor(private readonly framework: FrameworkService) {}

  @Get()
  @RequirePermission(Permission.FrameworkRead)
  @ApiOperation({ summary: "The organization's phases, competencies, milestone templates and readiness settings" })
  @ApiOkResponse({ type: FrameworkResponse })
  get(@CurrentActor() actor: Actor, @Query() query: FrameworkQueryDto): Promise<FrameworkResponse> {
    return this.framework.get(actor, query.includeRetired);
  }

  @Post('competencies')
  @HttpCode(201)
  @RequirePermission(Permission.FrameworkManage)
  @ApiOperation({ summary: 'Add a competency (HR admin)' })
  @ApiCreatedResponse({ type: CompetencyResponse })
  @ApiConflictResponse({ description: 'A competency with this key exists' })
  createCompetency(@CurrentActor() actor: Actor, @Body() dto: CreateCompetencyDto): Promise<CompetencyResponse> {
    return this.framework.createCompetency(actor, dto);
  }

  @Patch('competencies/:id')
  @RequirePermission(Permission.FrameworkManage)
  @ApiOperation({ summary: 'Rename, re-describe, re-order, retire or restore a competency (HR admin)' })
  @ApiOkResponse({ type: CompetencyResponse })
  updateCompetency(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCompetencyDto,
  ): Promise<CompetencyResponse> {
    return this.framework.updateCompetency(actor, id, dto);
  }

  @Post('milestones')
  @HttpCode(201)
  @RequirePermission(Permission.FrameworkManage)
  @ApiOperation({ summary: 'Add a milestone template to a phase (HR admin)' })
  @ApiCreatedResponse({ type: MilestoneTemplateResponse })
  @ApiConflictResponse({ description: 'A milestone with this key exists' })
  createMilestone(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateMilestoneTemplateDto,
  ): Promise<MilestoneTemplateResponse> {
    return this.framework.createMilestoneTemplate(actor, dto);
  }

  @Patch('milestones/:id')
  @RequirePermission(Permission.FrameworkManage)
  @ApiOperation({ summary: 'Change, re-order, retire or restore a milestone template (HR admin)' })
  @ApiOkResponse({ type: MilestoneTemplateResponse })
  updateMilestone(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateMilestoneTemplateDto,
  ): Promise<MilestoneTemplateResponse> {
    return this.framework.updateMilestoneTemplate(actor, id, dto);
  }

  @Patch('settings')
  @RequirePermission(Permission.FrameworkManage)
  @ApiOperation({ summary: 'Readiness weights (summing to 1) and stale-feedback days (HR admin)' })
  @ApiOkResponse({ type: SettingsResponse })
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: UpdateSettingsDto): Promise<SettingsResponse> {
    return this.framework.updateSettings(actor, dto);
  }
}
