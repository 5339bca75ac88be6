import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { toFeedbackResponse } from '@leadpath/feedback';
import {
  FrameworkRepository,
  labelOf,
  LEVEL_LABEL,
  PHASE_LABEL,
  percentOf,
  TRACK_LABEL,
  type CompetencyRow,
} from '@leadpath/framework';
import { toGoalResponse } from '@leadpath/goals';
import { MenteesRepository } from '@leadpath/mentees';
import { toMilestoneResponse } from '@leadpath/milestones';
import { Database } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import { decodeIdCursor, DEFAULT_LIMIT, encodeIdCursor } from '@leadpath/platform/http';
import { daysBetween } from '@leadpath/platform/time';
import { ReadinessRepository, toReadinessResponse } from '@leadpath/readiness';
import { csvStream } from './csv/csv-text';
import { neutralize } from './csv/neutralize';
import type {
  DepartmentList,
  ManagerHeatmapPage,
  ManagerHeatmapQueryDto,
  ReadinessReportQueryDto,
  SummaryResponse,
} from './dto/reports.dto';
import { renderReadinessPdf } from './pdf/readiness-pdf';
import { ReportsRepository, type ExportCursor, type ExportRow } from './reports.repository';

export function csvColumns(competencies: CompetencyRow[]): string[] {
  return [
    'Mentee ID',
    'Name',
    'E-mail',
    'Department',
    'Manager',
    'Mentor',
    'Phase',
    'Track',
    'Score',
    'Level',
    'Milestones (M, %)',
    'Competencies (C, %)',
    'Goals (G, %)',
    'Verified milestones',
    'Required milestones',
    ...competencies.map((c) => `${c.name} (mean)`),
    'Open goals',
    'Overdue goals',
    'Goals awaiting confirmation',
    'Last shared feedback',
    'Days since shared feedback',
    'Self-assessment suggestion',
    'Assignments with answers from people led',
    // The codes as the API and its filters spell them, for a spreadsheet that joins or filters on them.
    'Phase code',
    'Track code',
    'Level code',
    'Self-assessment suggestion code',
    // HR names competencies, so the header is user text too: neutralised like every other cell.
  ].map((header) => String(neutralize(header)));
}

export function csvRecord(row: ExportRow, competencies: CompetencyRow[]): (string | number)[] {
  return [
    row.mentee_id,
    row.name,
    row.email,
    row.department,
    row.manager_name,
    row.mentor_name,
    labelOf(PHASE_LABEL, row.phase),
    labelOf(TRACK_LABEL, row.track),
    row.score,
    labelOf(LEVEL_LABEL, row.level),
    percentOf(row.m),
    percentOf(row.c),
    percentOf(row.g),
    Number(row.verified),
    Number(row.required),
    ...competencies.map((c) => {
      const mean = row.means[c.key];
      return mean === null || mean === undefined ? '' : Math.round(Number(mean) * 100) / 100;
    }),
    Number(row.open_goals),
    Number(row.overdue_goals),
    Number(row.awaiting_goals),
    row.last_shared_on,
    row.last_shared_on ? daysBetween(row.last_shared_on, row.day) : '',
    labelOf(TRACK_LABEL, row.self_suggestion),
    row.led_assignments,
    row.phase,
    row.track,
    row.level,
    row.self_suggestion,
  ].map(neutralize);
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly reports: ReportsRepository,
    private readonly framework: FrameworkRepository,
    private readonly readiness: ReadinessRepository,
    private readonly mentees: MenteesRepository,
  ) {}

  /**
   * The leadership bench, streamed: rows leave as the cursor yields them, memory stays flat, and
   * a reader who disconnects cancels the query. Two exports per organization may run at once.
   */
  async readinessCsv(actor: Actor, query: ReadinessReportQueryDto): Promise<Readable> {
    // The stream outlives the handler, so this route keeps its own tenant session open until it ends.
    const session = await this.db.openTenantSession(actor.organizationId);
    let opened: { competencies: CompetencyRow[]; cursor: ExportCursor };
    try {
      opened = await this.db.inSession(session, async () => {
        await this.access.require(actor, Permission.ReportExport);
        const competencies = await this.framework.competencies(actor.organizationId, false);
        // Before the cursor opens: a connection runs one statement at a time, and the cursor
        // keeps its statement open until the last row is read. A 429 rolls this back.
        await this.audit.recordRead(actor, {
          action: 'report.readiness_csv',
          objectType: 'organization',
          objectId: actor.organizationId,
        });
        const cursor = await this.reports.openExport(session, query);
        if (!cursor) {
          throw new DomainError(
            ErrorCode.TooManyRequests,
            'Two exports of this organization are already running; try again shortly',
            undefined,
            { 'retry-after': '5' },
          );
        }
        return { competencies, cursor };
      });
    } catch (error) {
      await session.end(false);
      throw error;
    }
    const { competencies, cursor } = opened;
    let complete = false;
    const csv = csvStream(csvColumns(competencies), (row: ExportRow) => csvRecord(row, competencies));
    cursor.rows.on('end', () => (complete = true));
    cursor.rows.on('error', (error) => csv.destroy(error));
    csv.on('close', () => {
      if (!complete) cursor.rows.destroy();
      void cursor.finish(!complete);
    });
    cursor.rows.pipe(csv);
    return csv;
  }

  /**
   * A dashboard read for HR: the figures, a competency's name for its key (the key itself once
   * the framework no longer has it), audited as a read of the organization's summary.
   */
  private async dashboardRead<R>(
    actor: Actor,
    read: () => Promise<R>,
  ): Promise<{ row: R; named: (key: string) => string }> {
    await this.access.require(actor, Permission.ReportSummary);
    const [row, competencies] = await Promise.all([read(), this.framework.competencies(actor.organizationId, false)]);
    // The dashboard asks for its figures and its heatmap together: one view, one row.
    await this.audit.recordReadOnce(actor, {
      action: 'report.summary',
      objectType: 'organization',
      objectId: actor.organizationId,
    });
    const names = new Map(competencies.map((c) => [c.key, c.name]));
    return { row, named: (key) => names.get(key) ?? key };
  }

  async summary(actor: Actor): Promise<SummaryResponse> {
    const { row, named } = await this.dashboardRead(actor, () => this.reports.summary(actor.organizationId));
    return {
      mentees: row.mentees,
      phaseFunnel: row.phase_funnel,
      levels: { not_yet: 0, developing: 0, nearly_ready: 0, ready: 0, ...row.levels },
      heatmapByDepartment: row.heatmap.map((h) => ({
        department: h.department,
        competency: named(h.competency),
        mean: h.mean,
        ratedMentees: h.rated_mentees,
      })),
      staleCount: row.stale_count,
      staleMentees: row.stale.map((s) => ({
        menteeId: s.mentee_id,
        name: s.name,
        managerId: s.manager_id,
        lastSharedFeedbackOn: s.last_shared_on,
      })),
      goalsAwaitingConfirmation: row.awaiting_goals,
      missingMilestones: row.missing_milestones.map((m) => ({
        templateId: m.template_id,
        key: m.key,
        title: m.title,
        missing: m.missing,
      })),
      computedAt: new Date().toISOString(),
      asOf: row.as_of ? new Date(row.as_of).toISOString() : null,
      recomputePending: row.pending > 0,
      pendingMentees: row.pending,
    };
  }

  /** The departments HR filters the export and the heatmap by; counts only, so no read is audited. */
  async departments(actor: Actor): Promise<DepartmentList> {
    await this.access.require(actor, Permission.ReportSummary);
    const rows = await this.reports.departments(actor.organizationId);
    return { items: rows.map((r) => ({ name: r.name, mentees: r.mentees })) };
  }

  /** The by-manager heatmap, a page of managers at a time: at 10,000 managers it is 80,000 cells. */
  async managerHeatmap(actor: Actor, query: ManagerHeatmapQueryDto): Promise<ManagerHeatmapPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    // The cursor is read once the caller may read the heatmap: someone else gets 403, not a 400 on it.
    const { row: rows, named } = await this.dashboardRead(actor, () =>
      this.reports.managerHeatmap(actor.organizationId, {
        department: query.department,
        after: decodeIdCursor(query.cursor),
        limit,
      }),
    );
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map((r) => ({
      managerId: r.manager_id,
      managerName: r.manager_name,
      cells: (r.cells ?? []).map((c) => ({
        competency: named(c.competency),
        mean: c.mean,
        ratedMentees: c.rated_mentees,
      })),
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeIdCursor(last.managerId) : null };
  }

  async menteePdf(actor: Actor, menteeId: string): Promise<Buffer> {
    await this.access.require(actor, Permission.ReportPdf, menteeId);
    const [mentee, rows, journey, history, people] = await Promise.all([
      this.mentees.findById(actor.organizationId, menteeId),
      this.readiness.compute(actor.organizationId, { menteeIds: [menteeId] }),
      this.readiness.journey(actor.organizationId, menteeId),
      this.mentees.phaseHistory(actor.organizationId, menteeId, 200),
      this.reports.pdfNames(actor.organizationId, menteeId),
    ]);
    const row = rows[0];
    if (!mentee || !row || !journey || !people[0]) throw DomainError.notFound('Mentee');
    await this.audit.recordRead(actor, { action: 'report.pdf', objectType: 'mentee', objectId: menteeId });
    return renderReadinessPdf({
      organization: people[0].organization,
      mentee: {
        name: mentee.name,
        email: mentee.email,
        department: mentee.department,
        managerName: people[0].manager,
        track: mentee.track,
      },
      readiness: toReadinessResponse(row),
      milestones: journey.milestones.map(toMilestoneResponse),
      goals: journey.goals.map(toGoalResponse),
      feedback: journey.recent_feedback.map(toFeedbackResponse),
      phaseHistory: history.map((h) => ({
        id: h.id,
        fromPhase: h.from_phase,
        toPhase: h.to_phase,
        changedBy: h.changed_by,
        changedByName: h.changed_by_name,
        note: h.note,
        changedAt: h.changed_at.toISOString(),
      })),
      generatedAt: new Date(),
    });
  }
}
