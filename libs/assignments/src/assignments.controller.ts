import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { PageQueryDto, Public, UuidParamPipe, type Page } from '@leadpath/platform';
import {
  AssignmentPage,
  AssignmentQueryDto,
  AssignmentResponse,
  AssignmentResults,
  CandidateQueryDto,
  CreateAssignmentDto,
  CreateFeedbackRequestsDto,
  DecideRespondentsDto,
  FeedbackRequestPage,
  FeedbackRequestQueryDto,
  FeedbackRequestsCreated,
  type FeedbackRequestListItem,
  MyFeedbackRequest,
  MyFeedbackRequestPage,
  RespondDto,
  RespondentCandidate,
  RespondentCandidatePage,
  RespondForm,
  UpdateAssignmentDto,
} from './dto/assignment.dto';
import { AssignmentsService } from './assignments.service';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post('mentees/:id/assignments')
  @HttpCode(201)
  @RequirePermission(Permission.AssignmentCreate)
  @ApiOperation({
    summary: 'Plan a stretch assignment: leadership work without the title (the mentee, the line manager)',
  })
  @ApiCreatedResponse({ type: AssignmentResponse })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateAssignmentDto,
  ): Promise<AssignmentResponse> {
    return this.assignments.create(actor, id, dto);
  }

  @Get('mentees/:id/assignments')
  @RequirePermission(Permission.AssignmentList)
  @ApiOperation({ summary: "A mentee's stretch assignments, with how many of the people led were asked and answered" })
  @ApiOkResponse({ type: AssignmentPage })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: AssignmentQueryDto,
  ): Promise<Page<AssignmentResponse>> {
    return this.assignments.list(actor, id, query);
  }

  @Get('assignments/:id')
  @RequirePermission(Permission.AssignmentRead)
  @ApiOperation({ summary: 'One stretch assignment' })
  @ApiOkResponse({ type: AssignmentResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AssignmentResponse> {
    return this.assignments.get(actor, id);
  }

  @Patch('assignments/:id')
  @RequirePermission(Permission.AssignmentUpdate)
  @ApiOperation({ summary: 'Change an assignment, or move it planned → active → completed' })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiConflictResponse({
    description: 'Not a next step of the assignment, or its competencies after feedback was requested',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateAssignmentDto,
  ): Promise<AssignmentResponse> {
    return this.assignments.update(actor, id, dto);
  }

  @Post('assignments/:id/feedback-requests')
  @HttpCode(201)
  @RequirePermission(Permission.AssignmentRequestFeedback)
  @ApiOperation({
    summary:
      'Ask people who were led for anonymous feedback (up to 30 per assignment, 10 of them outside addresses; per person and day as the organization sets): each gets a single-use link valid 14 days. An outside address the mentee asks waits for the line manager or HR',
  })
  @ApiCreatedResponse({ type: FeedbackRequestsCreated })
  @ApiConflictResponse({ description: 'The assignment is still planned, or someone named was asked already' })
  requestFeedback(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateFeedbackRequestsDto,
  ): Promise<FeedbackRequestsCreated> {
    return this.assignments.requestFeedback(actor, id, dto);
  }

  @Get('assignments/:id/feedback-requests')
  @RequirePermission(Permission.AssignmentRespondents)
  @ApiOperation({
    summary: 'Who was asked about the assignment and whether outside addresses are approved; never who answered',
  })
  @ApiOkResponse({ type: FeedbackRequestPage })
  respondents(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: FeedbackRequestQueryDto,
  ): Promise<Page<FeedbackRequestListItem>> {
    return this.assignments.respondents(actor, id, query);
  }

  @Post('assignments/:id/feedback-requests/decisions')
  @HttpCode(200)
  @RequirePermission(Permission.AssignmentApproveRespondents)
  @ApiOperation({
    summary:
      'Approve (mail the link, valid 14 days from now) or decline outside addresses the mentee asked (the line manager, HR; not the mentee)',
  })
  @ApiOkResponse({ type: FeedbackRequestPage })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideRespondentsDto,
  ): Promise<Page<FeedbackRequestListItem>> {
    return this.assignments.decide(actor, id, dto);
  }

  @Get('assignments/:id/respondent-candidates')
  @RequirePermission(Permission.AssignmentRequestFeedback)
  @ApiOperation({
    summary: 'People of the organization who may be asked about the assignment (not the lead, not asked yet)',
  })
  @ApiOkResponse({ type: RespondentCandidatePage })
  candidates(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CandidateQueryDto,
  ): Promise<Page<RespondentCandidate>> {
    return this.assignments.candidates(actor, id, query);
  }

  @Get('assignments/:id/results')
  @RequirePermission(Permission.AssignmentResults)
  @ApiOperation({
    summary: 'What the people led said, in aggregate only and only from the organization’s threshold (at least 3)',
  })
  @ApiOkResponse({ type: AssignmentResults })
  results(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AssignmentResults> {
    return this.assignments.results(actor, id);
  }

  @Get('me/feedback-requests')
  @RequirePermission(Permission.FeedbackRequestsOwn)
  @ApiOperation({ summary: 'Open requests addressed to me, with the link to answer each' })
  @ApiOkResponse({ type: MyFeedbackRequestPage })
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<MyFeedbackRequest>> {
    return this.assignments.myRequests(actor, query);
  }
}

/** The respondent's side: no sign-in, the link's token is the only key and opens only its request. */
@ApiTags('assignments')
@Controller('respond')
export class RespondController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'The questions behind a feedback link (404 unknown, 409 used, 410 expired)' })
  @ApiOkResponse({ type: RespondForm })
  @ApiConflictResponse({ description: 'The link has been used to answer' })
  @ApiGoneResponse({ description: 'The link has expired' })
  form(@Param('token') token: string): Promise<RespondForm> {
    return this.assignments.form(token);
  }

  @Post(':token')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Answer once, anonymously: a 1–5 rating per competency and two optional texts' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The link has been used to answer' })
  @ApiGoneResponse({ description: 'The link has expired' })
  respond(@Param('token') token: string, @Body() dto: RespondDto): Promise<void> {
    return this.assignments.respond(token, dto);
  }
}
