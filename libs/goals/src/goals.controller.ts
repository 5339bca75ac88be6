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
import { PageQueryDto, UuidParamPipe, type Page } from '@leadpath/platform';
import {
  CheckInPage,
  CheckInResponse,
  CreateCheckInDto,
  CreateGoalDto,
  GoalPage,
  GoalQueryDto,
  GoalResponse,
  UpdateGoalDto,
} from './dto/goal.dto';
import { GoalsService } from './goals.service';

@ApiTags('goals')
@ApiBearerAuth()
@Controller()
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Post('mentees/:id/goals')
  @HttpCode(201)
  @RequirePermission(Permission.GoalCreate)
  @ApiOperation({ summary: 'Set a readiness goal tied to a competency (HR, the line manager, the mentee)' })
  @ApiCreatedResponse({ type: GoalResponse })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateGoalDto,
  ): Promise<GoalResponse> {
    return this.goals.create(actor, id, dto);
  }

  @Get('mentees/:id/goals')
  @RequirePermission(Permission.GoalList)
  @ApiOperation({ summary: "A mentee's goals, with the latest progress and whether they are overdue" })
  @ApiOkResponse({ type: GoalPage })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: GoalQueryDto,
  ): Promise<Page<GoalResponse>> {
    return this.goals.list(actor, id, query);
  }

  @Get('goals/:id')
  @RequirePermission(Permission.GoalRead)
  @ApiOperation({ summary: 'One goal' })
  @ApiOkResponse({ type: GoalResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<GoalResponse> {
    return this.goals.get(actor, id);
  }

  @Patch('goals/:id')
  @RequirePermission(Permission.GoalUpdate)
  @ApiOperation({ summary: 'Change a goal or its status (open, achieved, dropped)' })
  @ApiOkResponse({ type: GoalResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateGoalDto,
  ): Promise<GoalResponse> {
    return this.goals.update(actor, id, dto);
  }

  @Post('goals/:id/confirm')
  @HttpCode(200)
  @RequirePermission(Permission.GoalConfirm)
  @ApiOperation({
    summary: 'Confirm an achieved goal so it counts toward readiness (the line manager, HR; never the mentee)',
  })
  @ApiOkResponse({ type: GoalResponse })
  @ApiConflictResponse({ description: 'Only an achieved goal can be confirmed' })
  confirm(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<GoalResponse> {
    return this.goals.confirm(actor, id);
  }

  @Post('goals/:id/check-ins')
  @HttpCode(201)
  @RequirePermission(Permission.GoalUpdate)
  @ApiOperation({ summary: 'Record progress (0–100) on an open goal, with a note' })
  @ApiCreatedResponse({ type: CheckInResponse })
  @ApiConflictResponse({ description: 'Check-ins are for open goals' })
  checkIn(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateCheckInDto,
  ): Promise<CheckInResponse> {
    return this.goals.checkIn(actor, id, dto);
  }

  @Get('goals/:id/check-ins')
  @RequirePermission(Permission.GoalRead)
  @ApiOperation({ summary: "A goal's check-ins, oldest first" })
  @ApiOkResponse({ type: CheckInPage })
  checkIns(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<CheckInResponse>> {
    return this.goals.checkIns(actor, id, query);
  }
}
