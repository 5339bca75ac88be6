import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { OwnTransaction, UuidParamPipe } from '@leadpath/platform';
import {
  DepartmentList,
  ManagerHeatmapPage,
  ManagerHeatmapQueryDto,
  ReadinessReportQueryDto,
  SummaryResponse,
} from './dto/reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('reports/readiness.csv')
  @RequirePermission(Permission.ReportExport)
  @OwnTransaction()
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The leadership bench as CSV, one row per mentee, streamed (HR admin; two at a time per organization)',
  })
  @ApiOkResponse({ description: 'The bench as CSV', content: { 'text/csv': {} } })
  @ApiTooManyRequestsResponse({ description: 'Two exports of this organization are already running' })
  async readinessCsv(@CurrentActor() actor: Actor, @Query() query: ReadinessReportQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.readinessCsv(actor, query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="leadpath-readiness.csv"',
    });
  }

  @Get('reports/summary')
  @RequirePermission(Permission.ReportSummary)
  @ApiOperation({
    summary:
      'Dashboard aggregates: phase funnel, levels, competency heatmap by department, stale mentees, missing milestones (HR admin); by manager: GET /reports/heatmap/managers',
  })
  @ApiOkResponse({ type: SummaryResponse })
  summary(@CurrentActor() actor: Actor): Promise<SummaryResponse> {
    return this.reports.summary(actor);
  }

  @Get('reports/departments')
  @RequirePermission(Permission.ReportSummary)
  @ApiOperation({
    summary: "The organization's departments with their mentee counts, for the report filters (HR admin)",
  })
  @ApiOkResponse({ type: DepartmentList })
  departments(@CurrentActor() actor: Actor): Promise<DepartmentList> {
    return this.reports.departments(actor);
  }

  @Get('reports/heatmap/managers')
  @RequirePermission(Permission.ReportSummary)
  @ApiOperation({
    summary:
      "The competency heatmap by line manager, a page of managers by name; with department, that department's mentees only (HR admin)",
  })
  @ApiOkResponse({ type: ManagerHeatmapPage })
  managerHeatmap(@CurrentActor() actor: Actor, @Query() query: ManagerHeatmapQueryDto): Promise<ManagerHeatmapPage> {
    return this.reports.managerHeatmap(actor, query);
  }

  @Get('mentees/:id/report.pdf')
  @RequirePermission(Permission.ReportPdf)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: "A person's readiness report as PDF (HR admin, the line manager, the mentee)" })
  @ApiOkResponse({ description: 'The report as PDF', content: { 'application/pdf': {} } })
  async pdf(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.menteePdf(actor, id), {
      type: 'application/pdf',
      disposition: 'attachment; filename="leadpath-readiness-report.pdf"',
    });
  }
}
