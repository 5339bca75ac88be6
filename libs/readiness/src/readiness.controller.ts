import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform/http';
import { ProgressResponse, ReadinessResponse } from './dto/readiness.dto';
import { ReadinessService } from './readiness.service';

@ApiTags('readiness')
@Controller('mentees/:id')
export class ReadinessController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('readiness')
  @Endpoint({
    permission: Permission.ReadinessRead,
    summary: 'Readiness for the next phase: score, level, components, the evidence behind them, and every gap',
    ok: ReadinessResponse,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ReadinessResponse> {
    return this.readiness.get(actor, id);
  }

  @Get('progress')
  @Endpoint({
    permission: Permission.ReadinessRead,
    summary: 'Readiness with its 12-month trend, milestones, goals, recent shared feedback, latest assessments',
    ok: ProgressResponse,
  })
  progress(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<ProgressResponse> {
    return this.readiness.progress(actor, id);
  }
}
