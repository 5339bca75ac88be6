import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { PageQueryDto, UuidParamPipe, type Page } from '@leadpath/platform/http';
import {
  AssignmentResults,
  CandidateQueryDto,
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
} from './dto/led-voice.dto';
import { LedVoiceService } from './led-voice.service';

/** Asking those led about an assignment, and reading what they said (in aggregate only). */
@ApiTags('assignments')
@Controller()
export class LedVoiceController {
  constructor(private readonly voice: LedVoiceService) {}

  @Post('assignments/:id/feedback-requests')
  @Endpoint({
    permission: Permission.AssignmentRequestFeedback,
    summary:
      'Ask people who were led for anonymous feedback (up to 30 per assignment, 10 of them outside addresses; per person and day as the organization sets): each gets a single-use link valid 14 days. An outside address the mentee asks waits for the line manager or HR',
    status: 201,
    ok: FeedbackRequestsCreated,
    errors: { 409: 'The assignment is still planned, or someone named was asked already' },
  })
  requestFeedback(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateFeedbackRequestsDto,
  ): Promise<FeedbackRequestsCreated> {
    return this.voice.requestFeedback(actor, id, dto);
  }

  @Get('assignments/:id/feedback-requests')
  @Endpoint({
    permission: Permission.AssignmentRespondents,
    summary: 'Who was asked about the assignment and whether outside addresses are approved; never who answered',
    ok: FeedbackRequestPage,
  })
  respondents(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: FeedbackRequestQueryDto,
  ): Promise<Page<FeedbackRequestListItem>> {
    return this.voice.respondents(actor, id, query);
  }

  @Post('assignments/:id/feedback-requests/decisions')
  @Endpoint({
    permission: Permission.AssignmentApproveRespondents,
    summary:
      'Approve (mail the link, valid 14 days from now) or decline outside addresses the mentee asked (the line manager, HR; not the mentee)',
    ok: FeedbackRequestPage,
  })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideRespondentsDto,
  ): Promise<Page<FeedbackRequestListItem>> {
    return this.voice.decide(actor, id, dto);
  }

  @Get('assignments/:id/respondent-candidates')
  @Endpoint({
    permission: Permission.AssignmentRequestFeedback,
    summary: 'People of the organization who may be asked about the assignment (not the lead, not asked yet)',
    ok: RespondentCandidatePage,
  })
  candidates(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CandidateQueryDto,
  ): Promise<Page<RespondentCandidate>> {
    return this.voice.candidates(actor, id, query);
  }

  @Get('assignments/:id/results')
  @Endpoint({
    permission: Permission.AssignmentResults,
    summary: 'What the people led said, in aggregate only and only from the organization’s threshold (at least 3)',
    ok: AssignmentResults,
  })
  results(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<AssignmentResults> {
    return this.voice.results(actor, id);
  }

  @Get('me/feedback-requests')
  @Endpoint({
    permission: Permission.FeedbackRequestsOwn,
    summary: 'Open requests addressed to me, with the link to answer each',
    ok: MyFeedbackRequestPage,
  })
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<MyFeedbackRequest>> {
    return this.voice.myRequests(actor, query);
  }
}

/** The respondent's side: no sign-in, the link's token is the only key and opens only its request. */
@ApiTags('assignments')
@Controller('respond')
export class RespondController {
  constructor(private readonly voice: LedVoiceService) {}

  @Get(':token')
  @Endpoint({
    permission: 'public',
    summary: 'The questions behind a feedback link (404 unknown, 409 used, 410 expired)',
    ok: RespondForm,
    errors: { 409: 'The link has been used to answer', 410: 'The link has expired' },
  })
  form(@Param('token') token: string): Promise<RespondForm> {
    return this.voice.form(token);
  }

  @Post(':token')
  @Endpoint({
    permission: 'public',
    summary: 'Answer once, anonymously: a 1–5 rating per competency and two optional texts',
    status: 204,
    errors: { 409: 'The link has been used to answer', 410: 'The link has expired' },
  })
  respond(@Param('token') token: string, @Body() dto: RespondDto): Promise<void> {
    return this.voice.respond(token, dto);
  }
}
