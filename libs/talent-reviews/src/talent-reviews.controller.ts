import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform/http';
import {
  AcceptRequestDto,
  CreateTalentReviewDto,
  DecideDto,
  DecisionResponse,
  DeclineRequestDto,
  NominateDto,
  NominationDetail,
  NominationList,
  NominationRequestDto,
  NominationRequestList,
  NominationRequestResponse,
  PreRatingDto,
  PreRatingResponse,
  TalentReviewList,
  TalentReviewResponse,
} from './dto/talent-review.dto';
import { renderPacketPdf } from './packet-pdf';
import { TalentReviewsService } from './talent-reviews.service';

/** Talent reviews: nomination → frozen packet → blind pre-ratings → HR's decision. */
@ApiTags('talent-reviews')
@Controller('talent-reviews')
export class TalentReviewsController {
  constructor(private readonly reviews: TalentReviewsService) {}

  @Post()
  @Endpoint({
    permission: Permission.TalentReviewManage,
    summary: 'Open a talent review cycle naming its calibrators: HR admins and managers (HR admin)',
    status: 201,
    ok: TalentReviewResponse,
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTalentReviewDto): Promise<TalentReviewResponse> {
    return this.reviews.create(actor, dto);
  }

  @Get()
  @Endpoint({
    permission: Permission.TalentReviewRead,
    summary: 'The organization’s talent review cycles, the most recent first (up to 100)',
    ok: TalentReviewList,
  })
  list(@CurrentActor() actor: Actor): Promise<TalentReviewList> {
    return this.reviews.list(actor);
  }

  @Get(':id')
  @Endpoint({ permission: Permission.TalentReviewRead, summary: 'One talent review cycle', ok: TalentReviewResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TalentReviewResponse> {
    return this.reviews.get(actor, id);
  }

  @Post(':id/close')
  @Endpoint({
    permission: Permission.TalentReviewManage,
    summary: 'Close the cycle: no more nominations or pre-ratings; decisions go on (HR admin)',
    ok: TalentReviewResponse,
    errors: { 409: 'The cycle is closed already' },
  })
  close(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TalentReviewResponse> {
    return this.reviews.close(actor, id);
  }

  @Post(':id/pre-ratings/close')
  @Endpoint({
    permission: Permission.TalentReviewManage,
    summary: 'End the blind pre-rating phase before closesOn: the spread becomes visible (HR admin)',
    ok: TalentReviewResponse,
    errors: { 409: 'Pre-ratings have ended already' },
  })
  closePreRating(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TalentReviewResponse> {
    return this.reviews.closePreRating(actor, id);
  }

  @Post(':id/nominations')
  @Endpoint({
    permission: Permission.TalentNominate,
    summary:
      'Nominate a mentee for the cycle’s phase with a written case (their line manager); the packet is assembled from the record and frozen',
    status: 201,
    ok: NominationDetail,
    errors: { 409: 'The cycle is closed, or the mentee is nominated already' },
  })
  nominate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: NominateDto,
  ): Promise<NominationDetail> {
    return this.reviews.nominate(actor, id, dto);
  }

  @Get(':id/nominations')
  @Endpoint({
    permission: Permission.TalentReviewRead,
    summary:
      'The nominations the caller may see (HR and calibrators all; a line manager their nominees; a nominee their own); after the blind phase the most disagreement first',
    ok: NominationList,
  })
  nominations(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<NominationList> {
    return this.reviews.listNominations(actor, id);
  }

  @Get(':id/nominations/:nominationId')
  @Endpoint({
    permission: Permission.TalentReviewRead,
    summary:
      'One nomination: status and decisions; for HR, the line manager and calibrators also the packet as submitted and what changed since',
    ok: NominationDetail,
  })
  nomination(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('nominationId', UuidParamPipe) nominationId: string,
  ): Promise<NominationDetail> {
    return this.reviews.nomination(actor, id, nominationId);
  }

  @Get(':id/nominations/:nominationId/packet.pdf')
  @Endpoint({
    permission: Permission.TalentReviewRead,
    summary: 'The packet as submitted, as PDF (HR, the line manager, the cycle’s calibrators)',
    ok: { description: 'The packet as PDF', content: { 'application/pdf': {} } },
    produces: 'application/pdf',
  })
  async packetPdf(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('nominationId', UuidParamPipe) nominationId: string,
  ): Promise<StreamableFile> {
    const { packet, review, submittedAt } = await this.reviews.packetOf(actor, id, nominationId);
    const pdf = await renderPacketPdf({
      reviewName: review.name,
      targetPhase: review.target_phase,
      packet,
      submittedAt,
    });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: 'attachment; filename="leadpath-talent-review-packet.pdf"',
    });
  }

  @Post(':id/nominations/:nominationId/pre-ratings')
  @Endpoint({
    permission: Permission.TalentPreRate,
    summary:
      'Give or change the caller’s blind pre-rating of a nominee (a calibrator of the cycle, never the nominee’s line manager)',
    ok: PreRatingResponse,
    errors: { 409: 'Pre-ratings have ended, or the nomination has been decided' },
  })
  preRate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('nominationId', UuidParamPipe) nominationId: string,
    @Body() dto: PreRatingDto,
  ): Promise<PreRatingResponse> {
    return this.reviews.preRate(actor, id, nominationId, dto);
  }

  @Post(':id/nomination-requests')
  @Endpoint({
    permission: Permission.TalentNominationRequest,
    summary: 'Ask my line manager to nominate me into the cycle (a mentee)',
    status: 201,
    ok: NominationRequestResponse,
    body: { type: NominationRequestDto, required: false },
    errors: { 409: 'The cycle is closed, I cannot be nominated into it, or I asked already' },
  })
  requestNomination(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: NominationRequestDto,
  ): Promise<NominationRequestResponse> {
    return this.reviews.requestNomination(actor, id, dto);
  }

  @Get(':id/nomination-requests')
  @Endpoint({
    permission: Permission.TalentReviewRead,
    summary: 'Requests to be nominated: HR all, a line manager those of their mentees, a mentee their own',
    ok: NominationRequestList,
  })
  requests(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<NominationRequestList> {
    return this.reviews.requests(actor, id);
  }

  @Post(':id/nomination-requests/:requestId/accept')
  @Endpoint({
    permission: Permission.TalentNominate,
    summary: 'Accept a mentee’s request: nominate them with a written case (their line manager)',
    ok: NominationDetail,
    errors: { 409: 'The request was answered already, or the cycle is closed' },
  })
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('requestId', UuidParamPipe) requestId: string,
    @Body() dto: AcceptRequestDto,
  ): Promise<NominationDetail> {
    return this.reviews.acceptRequest(actor, id, requestId, dto);
  }

  @Post(':id/nomination-requests/:requestId/decline')
  @Endpoint({
    permission: Permission.TalentNominate,
    summary: 'Decline a mentee’s request with a reason they see (their line manager)',
    ok: NominationRequestResponse,
    errors: { 409: 'The request was answered already' },
  })
  decline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('requestId', UuidParamPipe) requestId: string,
    @Body() dto: DeclineRequestDto,
  ): Promise<NominationRequestResponse> {
    return this.reviews.declineRequest(actor, id, requestId, dto);
  }

  @Post(':id/decisions')
  @Endpoint({
    permission: Permission.TalentReviewManage,
    summary:
      'Record HR’s decision on a nomination with its evidence; promote moves the phase (and may grant the manager role), not_yet creates the needed goals. Never changed: a correction supersedes (HR admin)',
    status: 201,
    ok: DecisionResponse,
    errors: { 409: 'The nomination has a decision in force: supersede it' },
  })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DecideDto,
  ): Promise<DecisionResponse> {
    return this.reviews.decide(actor, id, dto);
  }
}
