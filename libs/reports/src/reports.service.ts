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
import { DomainError, ErrorCode, MIN_GROUP_SIZE_FLOOR } from '@leadpath/platform/domain';
import { decodeIdCursor, DEFAULT_LIMIT, encodeIdCursor } from '@leadpath/platform/http';
import { daysBetween } from '@leadpath/platform/time';
import { ReadinessRepository, toReadinessResponse } from '@leadpath/readiness';
import { suppressSmallCells } from '@leadpath/statistics';
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
import { RaterSeverityService } from './rater-severity.service';
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

/**
 * Which of `cells` to hide: the cells as a table of people counts (rows by `rowOf`, columns by
 * `columnOf`, absent combinations counting 0), suppressed with complementary suppression at k.
 */
export function suppressGrid<T>(
  cells: readonly T[],
  rowOf: (cell: T) => string,
  columnOf: (cell: T) => string,
  countOf: (cell: T) => number,
  k: number,
  knownTotals: boolean,
): boolean[] {
  const rows = [...new Set(cells.map(rowOf))];
  const columns = [...new Set(cells.map(columnOf))];
  const rowIx = new Map(rows.map((r, i) => [r, i]));
  const columnIx = new Map(columns.map((c, i) => [c, i]));
  const table = rows.map(() => columns.map(() => 0));
  for (const cell of cells) table[rowIx.get(rowOf(cell))!][columnIx.get(columnOf(cell))!] += countOf(cell);
  const { hiddenCells } = suppressSmallCells(table, k, { knownTotals });
  return cells.map((cell) => hiddenCells[rowIx.get(rowOf(cell))!][columnIx.get(columnOf(cell))!]);
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
    private readonly severity: RaterSeverityService,
  ) {}

  /** k: the organization's smallest group an aggregate shows (never below the floor). */
  private async minGroupSize(organizationId: string): Promise<number> {
    const settings = await this.framework.settings(organizationId);
    return Math.max(settings.min_group_size, MIN_GROUP_SIZE_FLOOR);
  }

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
    const [k, calibrated] = await Promise.all([
      this.minGroupSize(actor.organizationId),
      this.severity.calibrated(actor.organizationId),
    ]);
    const calibratedOf = new Map(
      calibrated.map((c) => [`${c.department ?? ''}\u0000${c.competency}`, c.calibratedMean]),
    );
    const hidden = suppressGrid(
      row.heatmap,
      (h) => h.department ?? '\u0000none',
      (h) => h.competency,
      (h) => h.rated_mentees,
      k,
      // A competency's rated mentees across the organization, or a department's, can be counted
      // from other reports: the complements are cells.
      true,
    );
    return {
      mentees: row.mentees,
      phaseFunnel: row.phase_funnel,
      levels: { not_yet: 0, developing: 0, nearly_ready: 0, ready: 0, ...row.levels },
      heatmapByDepartment: row.heatmap.map((h, i) => ({
        department: h.department,
        competency: named(h.competency),
        mean: hidden[i] ? null : h.mean,
        ratedMentees: hidden[i] ? null : h.rated_mentees,
        suppressed: hidden[i],
        calibratedMean: hidden[i] ? null : (calibratedOf.get(`${h.department ?? ''}\u0000${h.competency}`) ?? null),
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
    const k = await this.minGroupSize(actor.organizationId);
    // Each manager's row on its own: a page holds some managers only, so the table protected is the
    // manager's team across competencies, with its totals.
    const items = (more ? rows.slice(0, limit) : rows).map((r) => {
      const cells = r.cells ?? [];
      const hidden = suppressGrid(
        cells,
        () => 'team',
        (c) => c.competency,
        (c) => c.rated_mentees,
        k,
        // One row: its only complements are its own cells (the totals over one row are the cells).
        false,
      );
      return {
        managerId: r.manager_id,
        managerName: r.manager_name,
        cells: cells.map((c, i) => ({
          competency: named(c.competency),
          mean: hidden[i] ? null : c.mean,
          ratedMentees: hidden[i] ? null : c.rated_mentees,
          suppressed: hidden[i],
        })),
      };
    });
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
