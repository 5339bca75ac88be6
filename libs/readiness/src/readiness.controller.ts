import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform';
import { ProgressResponse, ReadinessResponse } from './dto/readiness.dto';
import { ReadinessService } from './readiness.service';

@ApiTags('readiness')
@ApiBearerAuth()
@Controller('mentees/:id')
export class ReadinessController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('readiness')
  @RequirePermission(Permission.ReadinessRead)
  @ApiOperation({
    summary: 'Readiness for the next phase: score, level, components, the evidence behind them, and every gap',
  })
  @ApiOkResponse({ type: ReadinessResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ReadinessResponse> {
    return this.readiness.get(actor, id);
  }

  @Get('progress')
  @RequirePermission(Permission.ReadinessRead)
  @ApiOperation({
    summary: 'Readiness with its 12-month trend, milestones, goals, recent shared feedback, latest assessments',
  })
  @ApiOkResponse({ type: ProgressResponse })
  progress(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ProgressResponse> {
    return this.readiness.progress(actor, id);
  }
}
