import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform/http';
import {
  MilestoneListResponse,
  MilestoneQueryDto,
  MilestoneResponse,
  RecordMilestoneDto,
  RevokeVerificationDto,
} from './dto/milestone.dto';
import { MilestonesService } from './milestones.service';

@ApiTags('milestones')
@Controller('mentees/:id/milestones')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get()
  @Endpoint({
    permission: Permission.MilestoneRead,
    summary: "Every milestone of a phase (default: the mentee's current one) with its status",
    ok: MilestoneListResponse,
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: MilestoneQueryDto,
  ): Promise<MilestoneListResponse> {
    return this.milestones.list(actor, id, query);
  }

  @Put(':templateId')
  @Endpoint({
    permission: Permission.MilestoneRecord,
    summary: 'Record status and evidence (the mentee or their line manager)',
    ok: MilestoneResponse,
    errors: { 409: 'The milestone is verified; an HR admin must revoke the verification first' },
  })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('templateId', UuidParamPipe) templateId: string,
    @Body() dto: RecordMilestoneDto,
  ): Promise<MilestoneResponse> {
    return this.milestones.record(actor, id, templateId, dto);
  }

  @Post(':templateId/verify')
  @Endpoint({
    permission: Permission.MilestoneVerify,
    summary: 'Verify a completed milestone (the line manager or an HR admin); 409 unless completed',
    ok: MilestoneResponse,
    errors: { 409: 'Only a completed, unverified milestone can be verified' },
  })
  verify(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('templateId', UuidParamPipe) templateId: string,
  ): Promise<MilestoneResponse> {
    return this.milestones.verify(actor, id, templateId);
  }

  @Post(':templateId/revoke')
  @Endpoint({
    permission: Permission.MilestoneRevoke,
    summary: 'Revoke a verification, with a reason (HR admin)',
    ok: MilestoneResponse,
    errors: { 409: 'The milestone is not verified' },
  })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('templateId', UuidParamPipe) templateId: string,
    @Body() dto: RevokeVerificationDto,
  ): Promise<MilestoneResponse> {
    return this.milestones.revoke(actor, id, templateId, dto.reason);
  }
}
