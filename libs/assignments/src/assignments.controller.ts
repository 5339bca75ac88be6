import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe, type Page } from '@leadpath/platform/http';
import {
  AssignmentPage,
  AssignmentQueryDto,
  AssignmentResponse,
  CreateAssignmentDto,
  UpdateAssignmentDto,
} from './dto/assignment.dto';
import { AssignmentsService } from './assignments.service';

@ApiTags('assignments')
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post('mentees/:id/assignments')
  @Endpoint({
    permission: Permission.AssignmentCreate,
    summary: 'Plan a stretch assignment: leadership work without the title (the mentee, the line manager)',
    status: 201,
    ok: AssignmentResponse,
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateAssignmentDto,
  ): Promise<AssignmentResponse> {
    return this.assignments.create(actor, id, dto);
  }

  @Get('mentees/:id/assignments')
  @Endpoint({
    permission: Permission.AssignmentList,
    summary: "A mentee's stretch assignments, with how many of the people led were asked and answered",
    ok: AssignmentPage,
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: AssignmentQueryDto,
  ): Promise<Page<AssignmentResponse>> {
    return this.assignments.list(actor, id, query);
  }

  @Get('assignments/:id')
  @Endpoint({ permission: Permission.AssignmentRead, summary: 'One stretch assignment', ok: AssignmentResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AssignmentResponse> {
    return this.assignments.get(actor, id);
  }

  @Patch('assignments/:id')
  @Endpoint({
    permission: Permission.AssignmentUpdate,
    summary: 'Change an assignment, or move it planned → active → completed',
    ok: AssignmentResponse,
    errors: { 409: 'Not a next step of the assignment, or its competencies after feedback was requested' },
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateAssignmentDto,
  ): Promise<AssignmentResponse> {
    return this.assignments.update(actor, id, dto);
  }
}
