import { Body, Controller, Get, Headers, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { IDEMPOTENCY_KEY } from '@leadpath/platform/database';
import { PageQueryDto, UuidParamPipe, type Page } from '@leadpath/platform/http';
import {
  CreateFeedbackDto,
  FeedbackPage,
  FeedbackQueryDto,
  FeedbackResponse,
  FeedbackRevisionPage,
  UpdateFeedbackDto,
  type FeedbackRevisionResponse,
} from './dto/feedback.dto';
import { EtagInterceptor } from './etag.interceptor';
import { FeedbackService } from './feedback.service';

@ApiTags('feedback')
@Controller()
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post('mentees/:id/feedback')
  @Endpoint({
    permission: Permission.FeedbackCreate,
    summary: 'Log a one-on-one (the line manager or the mentor)',
    status: 201,
    ok: FeedbackResponse,
    header: {
      name: 'Idempotency-Key',
      required: false,
      description: 'a repeat returns the first answer',
      schema: { type: 'string', minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY.source },
    },
  })
  @UseInterceptors(EtagInterceptor)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateFeedbackDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<FeedbackResponse> {
    return this.feedback.create(actor, id, dto, idempotencyKey);
  }

  @Get('mentees/:id/feedback')
  @Endpoint({
    permission: Permission.FeedbackList,
    summary: "A mentee's shared feedback, newest first, plus the caller's own private notes",
    ok: FeedbackPage,
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: FeedbackQueryDto,
  ): Promise<Page<FeedbackResponse>> {
    return this.feedback.list(actor, id, query);
  }

  @Get('feedback/:id')
  @Endpoint({
    permission: Permission.FeedbackRead,
    summary: 'One feedback entry; the ETag header carries its version',
    ok: FeedbackResponse,
  })
  @UseInterceptors(EtagInterceptor)
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FeedbackResponse> {
    return this.feedback.get(actor, id);
  }

  @Patch('feedback/:id')
  @Endpoint({
    permission: Permission.FeedbackUpdate,
    summary: 'Edit your own entry; the previous version is kept as a revision',
    ok: FeedbackResponse,
    header: {
      name: 'If-Match',
      required: false,
      description: 'the ETag you read (`"3"`) or `*`; a stale or malformed one gets 412',
      // Not validated as input: anything but a current ETag or * is simply not a match (412).
      schema: { type: 'string', maxLength: 16384 },
    },
  })
  @UseInterceptors(EtagInterceptor)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateFeedbackDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<FeedbackResponse> {
    return this.feedback.update(actor, id, dto, ifMatch);
  }

  @Post('feedback/:id/acknowledge')
  @Endpoint({
    permission: Permission.FeedbackAcknowledge,
    summary: 'The mentee acknowledges a shared entry',
    ok: FeedbackResponse,
  })
  @UseInterceptors(EtagInterceptor)
  acknowledge(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FeedbackResponse> {
    return this.feedback.acknowledge(actor, id);
  }

  @Get('feedback/:id/revisions')
  @Endpoint({
    permission: Permission.FeedbackRevisions,
    summary: 'Every earlier version of your own entry',
    ok: FeedbackRevisionPage,
  })
  revisions(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<FeedbackRevisionResponse>> {
    return this.feedback.revisions(actor, id, query);
  }
}
