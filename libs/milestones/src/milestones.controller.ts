import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform';
import {
  MilestoneListResponse,
  MilestoneQueryDto,
  MilestoneResponse,
  RecordMilestoneDto,
  RevokeVerificationDto,
} from './dto/milestone.dto';
import { MilestonesService } from './milestones.service';

@ApiTags('milestones')
@ApiBearerAuth()
@Controller('mentees/:id/milestones')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get()
  @RequirePermission(Permission.MilestoneRead)
  @ApiOperation({ summary: "Every milestone of a phase (default: the mentee's current one) with its status" })
  @ApiOkResponse({ type: MilestoneListResponse })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: MilestoneQueryDto,
  ): Promise<MilestoneListResponse> {
    return this.milestones.list(actor, id, query);
  }

  @Put(':templateId')
  @RequirePermission(Permission.MilestoneRecord)
  @ApiOperation({ summary: 'Record status and evidence (the mentee or their line manager)' })
  @ApiOkResponse({ type: MilestoneResponse })
  @ApiConflictResponse({ description: 'The milestone is verified; an HR admin must revoke the verification first' })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('templateId', UuidParamPipe) templateId: string,
    @Body() dto: RecordMilestoneDto,
  ): Promise<MilestoneResponse> {
    return this.milestones.record(actor, id, templateId, dto);
  }

  @Post(':templateId/verify')
  @HttpCode(200)
  @RequirePermission(Permission.MilestoneVerify)
  @ApiOperation({ summary: 'Verify a completed milestone (the line manager or an HR admin); 409 unless completed' })
  @ApiOkResponse({ type: MilestoneResponse })
  @ApiConflictResponse({ description: 'Only a completed, unverified milestone can be verified' })
  verify(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('templateId', UuidParamPipe) templateId: string,
  ): Promise<MilestoneResponse> {
    return this.milestones.verify(actor, id, templateId);
  }

  @Post(':templateId/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.MilestoneRevoke)
  @ApiOperation({ summary: 'Revoke a verification, with a reason (HR admin)' })
  @ApiOkResponse({ type: MilestoneResponse })
  @ApiConflictResponse({ description: 'The milestone is not verified' })
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('templateId', UuidParamPipe) templateId: string,
    @Body() dto: RevokeVerificationDto,
  ): Promise<MilestoneResponse> {
    return this.milestones.revoke(actor, id, templateId, dto.reason);
  }
}
