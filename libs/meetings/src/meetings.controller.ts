import { Body, Controller, Delete, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { FeedbackResponse } from '@leadpath/feedback';
import { IDEMPOTENCY_KEY } from '@leadpath/platform/database';
import { UuidParamPipe } from '@leadpath/platform/http';
import {
  ActionItem,
  AgendaItem,
  AgendaSuggestions,
  CancelMeetingDto,
  CreateActionItemDto,
  CreateAgendaItemDto,
  CreateMeetingDto,
  MeetingDetail,
  MeetingOutcomeDto,
  MeetingWindow,
  MeetingWindowQueryDto,
  UpdateActionItemDto,
  UpdateAgendaItemDto,
  UpdateMeetingDto,
} from './dto/meetings.dto';
import { MeetingsService } from './meetings.service';

const MEETING_ID = 'a meeting: `<seriesId>_<original start as YYYYMMDDTHHMMSSZ>`, as listed';

/** The meeting id in a path: its series and original start. */
const MeetingIdParam = () =>
  ApiParam({
    name: 'id',
    description: MEETING_ID,
    schema: { type: 'string', maxLength: 60 },
  });

/** One-on-ones: series, occurrences, agendas, action items and outcomes. */
@ApiTags('meetings')
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('mentees/:id/meetings')
  @Endpoint({
    permission: Permission.MeetingSchedule,
    summary:
      'Schedule one-on-ones with a mentee (their line manager or mentor, who then holds them): one meeting, or a series by an RRULE kept at its wall time in the time zone',
    status: 201,
    ok: MeetingDetail,
  })
  schedule(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateMeetingDto,
  ): Promise<MeetingDetail> {
    return this.meetings.schedule(actor, id, dto);
  }

  @Get('mentees/:id/meetings')
  @Endpoint({
    permission: Permission.MeetingMenteeList,
    summary: "A mentee's meetings in a window (at most 366 days): dates and cadence only, which HR sees too",
    ok: MeetingWindow,
  })
  async ofMentee(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: MeetingWindowQueryDto,
  ): Promise<MeetingWindow> {
    return { items: await this.meetings.ofMentee(actor, id, query) };
  }

  @Get('meetings')
  @Endpoint({
    permission: Permission.MeetingList,
    summary: 'My meetings in a window (at most 366 days), every series expanded, in time order',
    ok: MeetingWindow,
  })
  async mine(@CurrentActor() actor: Actor, @Query() query: MeetingWindowQueryDto): Promise<MeetingWindow> {
    return { items: await this.meetings.mine(actor, query) };
  }

  @Get('meetings/:id')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingRead,
    summary:
      'A meeting: its series (cadence, the mentee’s share of agenda points), agenda, actions, last time’s next steps and open actions; HR gets the dates only (content: false)',
    ok: MeetingDetail,
  })
  detail(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<MeetingDetail> {
    return this.meetings.detail(actor, id);
  }

  @Patch('meetings/:id')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingUpdate,
    summary: `Reschedule ${MEETING_ID.slice(2)} (scope occurrence), or this and every later meeting of its series (scope series); by whoever holds it`,
    ok: MeetingDetail,
  })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateMeetingDto): Promise<MeetingDetail> {
    return this.meetings.update(actor, id, dto);
  }

  @Delete('meetings/:id')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingUpdate,
    summary:
      'Cancel a meeting (?scope=occurrence) or this and every later meeting of its series (?scope=series); by whoever holds it',
    status: 204,
  })
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: CancelMeetingDto): Promise<void> {
    return this.meetings.cancel(actor, id, query);
  }

  @Get('meetings/:id/suggestions')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingAgenda,
    summary:
      'Talking points suggested from the mentee’s readiness gaps, less those already added (add one with its suggestionKey)',
    ok: AgendaSuggestions,
  })
  async suggestions(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AgendaSuggestions> {
    return { items: await this.meetings.suggestions(actor, id) };
  }

  @Post('meetings/:id/agenda-items')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingAgenda,
    summary: 'Add a talking point (either participant); a private one is seen by its author only',
    status: 201,
    ok: AgendaItem,
  })
  addAgendaItem(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CreateAgendaItemDto,
  ): Promise<AgendaItem> {
    return this.meetings.addAgendaItem(actor, id, dto);
  }

  @Patch('meetings/:id/agenda-items/:itemId')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingAgenda,
    summary: 'Tick off (in this meeting), reorder, or (its author) reword a talking point shown in this meeting',
    ok: AgendaItem,
  })
  updateAgendaItem(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
    @Body() dto: UpdateAgendaItemDto,
  ): Promise<AgendaItem> {
    return this.meetings.updateAgendaItem(actor, id, itemId, dto);
  }

  @Delete('meetings/:id/agenda-items/:itemId')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingAgenda,
    summary: 'Remove a talking point (its author)',
    status: 204,
  })
  deleteAgendaItem(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
  ): Promise<void> {
    return this.meetings.deleteAgendaItem(actor, id, itemId);
  }

  @Post('meetings/:id/action-items')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingAgenda,
    summary: 'Agree an action: its owner is either participant; open ones carry forward to the next meetings',
    status: 201,
    ok: ActionItem,
  })
  addActionItem(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: CreateActionItemDto,
  ): Promise<ActionItem> {
    return this.meetings.addActionItem(actor, id, dto);
  }

  @Patch('meetings/:id/action-items/:itemId')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingAgenda,
    summary:
      'Close or reopen an action, change its text, owner or due day; closing with milestoneId records it as evidence of that milestone',
    ok: ActionItem,
  })
  updateActionItem(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('itemId', UuidParamPipe) itemId: string,
    @Body() dto: UpdateActionItemDto,
  ): Promise<ActionItem> {
    return this.meetings.updateActionItem(actor, id, itemId, dto);
  }

  @Post('meetings/:id/outcome')
  @MeetingIdParam()
  @Endpoint({
    permission: Permission.MeetingOutcome,
    summary:
      'Log the meeting’s outcome as a feedback entry of the mentee dated the meeting’s day (the feedback rules apply: an empty entry is refused)',
    status: 201,
    ok: FeedbackResponse,
    errors: { 409: 'The meeting was cancelled' },
    header: {
      name: 'Idempotency-Key',
      required: false,
      description: 'a repeat returns the first answer',
      schema: { type: 'string', minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY.source },
    },
  })
  outcome(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: MeetingOutcomeDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<FeedbackResponse> {
    return this.meetings.outcome(actor, id, dto, idempotencyKey);
  }
}
