import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe, type Page } from '@leadpath/platform/http';
import { AssessmentsService } from './assessments.service';
import { AssessmentPage, AssessmentQueryDto, AssessmentResponse, CreateAssessmentDto } from './dto/assessment.dto';

@ApiTags('assessments')
@Controller('mentees/:id/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @Endpoint({
    permission: Permission.AssessmentCreate,
    summary: '"Is management right for me?": self (the mentee) or manager (the line manager) view',
    status: 201,
    ok: AssessmentResponse,
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateAssessmentDto,
  ): Promise<AssessmentResponse> {
    return this.assessments.create(actor, id, dto);
  }

  @Get()
  @Endpoint({
    permission: Permission.AssessmentRead,
    summary: 'Assessments newest first, each with its gap to the latest view of the other kind',
    ok: AssessmentPage,
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: AssessmentQueryDto,
  ): Promise<Page<AssessmentResponse>> {
    return this.assessments.list(actor, id, query);
  }
}
