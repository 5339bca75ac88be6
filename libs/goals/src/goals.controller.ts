import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { PageQueryDto, UuidParamPipe, type Page } from '@leadpath/platform/http';
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
@Controller()
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Post('mentees/:id/goals')
  @Endpoint({
    permission: Permission.GoalCreate,
    summary: 'Set a readiness goal tied to a competency (HR, the line manager, the mentee)',
    status: 201,
    ok: GoalResponse,
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateGoalDto,
  ): Promise<GoalResponse> {
    return this.goals.create(actor, id, dto);
  }

  @Get('mentees/:id/goals')
  @Endpoint({
    permission: Permission.GoalList,
    summary: "A mentee's goals, with the latest progress and whether they are overdue",
    ok: GoalPage,
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: GoalQueryDto,
  ): Promise<Page<GoalResponse>> {
    return this.goals.list(actor, id, query);
  }

  @Get('goals/:id')
  @Endpoint({ permission: Permission.GoalRead, summary: 'One goal', ok: GoalResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<GoalResponse> {
    return this.goals.get(actor, id);
  }

  @Patch('goals/:id')
  @Endpoint({
    permission: Permission.GoalUpdate,
    summary: 'Change a goal or its status (open, achieved, dropped)',
    ok: GoalResponse,
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateGoalDto,
  ): Promise<GoalResponse> {
    return this.goals.update(actor, id, dto);
  }

  @Post('goals/:id/confirm')
  @Endpoint({
    permission: Permission.GoalConfirm,
    summary: 'Confirm an achieved goal so it counts toward readiness (the line manager, HR; never the mentee)',
    ok: GoalResponse,
    errors: { 409: 'Only an achieved goal can be confirmed' },
  })
  confirm(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<GoalResponse> {
    return this.goals.confirm(actor, id);
  }

  @Post('goals/:id/check-ins')
  @Endpoint({
    permission: Permission.GoalUpdate,
    summary: 'Record progress (0–100) on an open goal, with a note',
    status: 201,
    ok: CheckInResponse,
    errors: { 409: 'Check-ins are for open goals' },
  })
  checkIn(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateCheckInDto,
  ): Promise<CheckInResponse> {
    return this.goals.checkIn(actor, id, dto);
  }

  @Get('goals/:id/check-ins')
  @Endpoint({ permission: Permission.GoalRead, summary: "A goal's check-ins, oldest first", ok: CheckInPage })
  checkIns(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<CheckInResponse>> {
    return this.goals.checkIns(actor, id, query);
  }
}
