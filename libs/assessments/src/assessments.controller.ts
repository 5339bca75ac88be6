import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { UuidParamPipe, type Page } from '@leadpath/platform';
import { AssessmentsService } from './assessments.service';
import { AssessmentPage, AssessmentQueryDto, AssessmentResponse, CreateAssessmentDto } from './dto/assessment.dto';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('mentees/:id/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.AssessmentCreate)
  @ApiOperation({ summary: '"Is management right for me?": self (the mentee) or manager (the line manager) view' })
  @ApiCreatedResponse({ type: AssessmentResponse })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateAssessmentDto,
  ): Promise<AssessmentResponse> {
    return this.assessments.create(actor, id, dto);
  }

  @Get()
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: 'Assessments newest first, each with its gap to the latest view of the other kind' })
  @ApiOkResponse({ type: AssessmentPage })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: AssessmentQueryDto,
  ): Promise<Page<AssessmentResponse>> {
    return this.assessments.list(actor, id, query);
  }
}
