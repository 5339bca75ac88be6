import { Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { OwnTransaction } from '@leadpath/platform/database';
import { UuidParamPipe } from '@leadpath/platform/http';
import {
  DepartmentList,
  ManagerHeatmapPage,
  ManagerHeatmapQueryDto,
  RaterSeverityReport,
  ReadinessReportQueryDto,
  RecomputeResponse,
  SummaryResponse,
} from './dto/reports.dto';
import { RaterSeverityService } from './rater-severity.service';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly severity: RaterSeverityService,
  ) {}

  @Get('reports/readiness.csv')
  @Endpoint({
    permission: Permission.ReportExport,
    summary: 'The leadership bench as CSV, one row per mentee, streamed (HR admin; two at a time per organization)',
    ok: { description: 'The bench as CSV', content: { 'text/csv': {} } },
    errors: { 429: 'Two exports of this organization are already running' },
    produces: 'text/csv',
  })
  @OwnTransaction()
  async readinessCsv(@CurrentActor() actor: Actor, @Query() query: ReadinessReportQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.readinessCsv(actor, query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="leadpath-readiness.csv"',
    });
  }

  @Get('reports/summary')
  @Endpoint({
    permission: Permission.ReportSummary,
    summary:
      'Dashboard aggregates: phase funnel, levels, competency heatmap by department, stale mentees, missing milestones (HR admin); by manager: GET /reports/heatmap/managers',
    ok: SummaryResponse,
  })
  summary(@CurrentActor() actor: Actor): Promise<SummaryResponse> {
    return this.reports.summary(actor);
  }

  @Get('reports/departments')
  @Endpoint({
    permission: Permission.ReportSummary,
    summary: "The organization's departments with their mentee counts, for the report filters (HR admin)",
    ok: DepartmentList,
  })
  departments(@CurrentActor() actor: Actor): Promise<DepartmentList> {
    return this.reports.departments(actor);
  }

  @Get('reports/heatmap/managers')
  @Endpoint({
    permission: Permission.ReportSummary,
    summary:
      "The competency heatmap by line manager, a page of managers by name; with department, that department's mentees only (HR admin)",
    ok: ManagerHeatmapPage,
  })
  managerHeatmap(@CurrentActor() actor: Actor, @Query() query: ManagerHeatmapQueryDto): Promise<ManagerHeatmapPage> {
    return this.reports.managerHeatmap(actor, query);
  }

  @Get('reports/rater-severity')
  @Endpoint({
    permission: Permission.ReportRaterSeverity,
    summary:
      "How severe or lenient each rater is, with a standard error, from the organization's last background fit of all ratings; the first read queues one (HR admin)",
    ok: RaterSeverityReport,
  })
  raterSeverity(@CurrentActor() actor: Actor): Promise<RaterSeverityReport> {
    return this.severity.report(actor);
  }

  @Post('reports/rater-severity/recompute')
  @Endpoint({
    permission: Permission.ReportRaterSeverity,
    summary: 'Queue a new rater-severity fit in the background (HR admin)',
    status: 202,
    ok: RecomputeResponse,
  })
  recomputeRaterSeverity(@CurrentActor() actor: Actor): Promise<RecomputeResponse> {
    return this.severity.recompute(actor);
  }

  @Get('mentees/:id/report.pdf')
  @Endpoint({
    permission: Permission.ReportPdf,
    summary: "A person's readiness report as PDF (HR admin, the line manager, the mentee)",
    ok: { description: 'The report as PDF', content: { 'application/pdf': {} } },
    produces: 'application/pdf',
  })
  async pdf(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.menteePdf(actor, id), {
      type: 'application/pdf',
      disposition: 'attachment; filename="leadpath-readiness-report.pdf"',
    });
  }
}
