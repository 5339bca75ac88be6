import { Injectable, Logger } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { JobsService, OnJob } from '@leadpath/jobs';
import { Database } from '@leadpath/platform/database';
import { fitRaterSeverity, type RaterGroup, type RaterSeverity, type SeverityFit } from '@leadpath/statistics';
import type { RaterSeverityReport, RecomputeResponse } from './dto/reports.dto';
import { RaterSeverityRepository, type RatingRow } from './rater-severity.repository';

export const RATER_SEVERITY_JOB = 'reports.rater-severity';

/** A department's competency means, raw and with the raters' severities taken out. */
export interface CalibratedCell {
  department: string | null;
  /** The competency key. */
  competency: string;
  rawMean: number;
  calibratedMean: number;
  ratedMentees: number;
}

/** What the job stores: the fit as the report shows it, and the calibrated department means. */
export interface StoredSeverity {
  raters: RaterSeverity[];
  groups: RaterGroup[];
  ratings: number;
  calibrated: CalibratedCell[];
}

/**
 * Calibrated means: each rating less its rater's severity (0 where the severity cannot be
 * estimated), averaged per mentee and competency, then over a department's mentees — the same
 * shape as the raw figure computed beside it from the same ratings.
 */
export function calibratedCells(rows: RatingRow[], fit: SeverityFit): CalibratedCell[] {
  const severity = new Map(fit.raters.map((r) => [r.raterId, r.severity ?? 0]));
  const perMentee = new Map<
    string,
    { department: string | null; competency: string; raw: number; cal: number; n: number }
  >();
  for (const row of rows) {
    if (!row.item_id.startsWith('competency:')) continue;
    const competency = row.item_id.slice('competency:'.length);
    const key = `${row.subject_id}\u0000${competency}`;
    const cell = perMentee.get(key) ?? { department: row.department, competency, raw: 0, cal: 0, n: 0 };
    cell.raw += row.value;
    cell.cal += row.value - (severity.get(row.rater_id) ?? 0);
    cell.n++;
    perMentee.set(key, cell);
  }
  const perDepartment = new Map<string, CalibratedCell & { rawSum: number; calSum: number }>();
  for (const c of perMentee.values()) {
    const key = `${c.department ?? ''}\u0000${c.department === null ? 'n' : 'd'}\u0000${c.competency}`;
    const cell = perDepartment.get(key) ?? {
      department: c.department,
      competency: c.competency,
      rawMean: 0,
      calibratedMean: 0,
      ratedMentees: 0,
      rawSum: 0,
      calSum: 0,
    };
    cell.rawSum += c.raw / c.n;
    cell.calSum += c.cal / c.n;
    cell.ratedMentees++;
    perDepartment.set(key, cell);
  }
  return [...perDepartment.values()].map(({ rawSum, calSum, ...cell }) => ({
    ...cell,
    rawMean: round(rawSum / cell.ratedMentees),
    calibratedMean: round(calSum / cell.ratedMentees),
  }));
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The rater-severity report. The fit runs in the background (`reports.rater-severity`): a request
 * reads the last stored result, and asks for a first one when there is none, so no request waits
 * on it. The job reads the ratings in one unit of work, fits outside any transaction, and stores
 * the result in another.
 */
@Injectable()
export class RaterSeverityService {
  private readonly logger = new Logger('RaterSeverity');

  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly repository: RaterSeverityRepository,
  ) {}

  async report(actor: Actor): Promise<RaterSeverityReport> {
    await this.access.require(actor, Permission.ReportRaterSeverity);
    let row = await this.repository.find(actor.organizationId);
    if (!row) {
      const requestedAt = await this.repository.markRequested(actor.organizationId);
      await this.jobs.enqueue(RATER_SEVERITY_JOB, { organizationId: actor.organizationId });
      row = { result: null, computed_at: null, requested_at: requestedAt };
    }
    await this.audit.recordRead(actor, {
      action: 'report.rater_severity',
      objectType: 'organization',
      objectId: actor.organizationId,
    });
    const stored = row.result as StoredSeverity | null;
    const names = await this.repository.names(actor.organizationId, stored?.raters.map((r) => r.raterId) ?? []);
    const pending = row.requested_at !== null && (row.computed_at === null || row.requested_at > row.computed_at);
    const items = [...(stored?.raters ?? [])].sort(
      (a, b) => a.group - b.group || (b.severity ?? -Infinity) - (a.severity ?? -Infinity),
    );
    return {
      items: items.map((r) => ({
        raterId: r.raterId,
        raterName: names.get(r.raterId) ?? '',
        severity: r.severity,
        standardError: r.standardError,
        z: r.z,
        flagged: r.flagged,
        ratings: r.ratings,
        group: r.group,
        reason: r.reason ?? null,
      })),
      groups: (stored?.groups ?? []).map((g) => ({
        id: g.id,
        raters: g.raters,
        ratings: g.ratings,
        identifiable: g.identifiable,
      })),
      ratings: stored?.ratings ?? 0,
      computedAt: row.computed_at?.toISOString() ?? null,
      requestedAt: row.requested_at?.toISOString() ?? null,
      pending,
    };
  }

  async recompute(actor: Actor): Promise<RecomputeResponse> {
    await this.access.require(actor, Permission.ReportRaterSeverity);
    const requestedAt = await this.repository.markRequested(actor.organizationId);
    await this.jobs.enqueue(RATER_SEVERITY_JOB, { organizationId: actor.organizationId });
    await this.audit.record(actor, {
      action: 'report.rater_severity_recompute',
      objectType: 'organization',
      objectId: actor.organizationId,
    });
    return { requestedAt: requestedAt.toISOString() };
  }

  /** The stored calibrated department means, or none before the first fit. */
  async calibrated(organizationId: string): Promise<CalibratedCell[]> {
    const row = await this.repository.find(organizationId);
    return (row?.result as StoredSeverity | null)?.calibrated ?? [];
  }

  @OnJob(RATER_SEVERITY_JOB)
  private async run({ organizationId }: { organizationId: string }): Promise<void> {
    const startedAt = new Date();
    const rows = await this.db.tenant(organizationId, () => this.repository.ratings(organizationId));
    const fit = fitRaterSeverity(
      rows.map((r) => ({ raterId: r.rater_id, subjectId: r.subject_id, itemId: r.item_id, value: r.value })),
    );
    const stored: StoredSeverity = {
      raters: fit.raters,
      groups: fit.groups,
      ratings: fit.ratings,
      calibrated: calibratedCells(rows, fit),
    };
    await this.db.tenant(organizationId, () => this.repository.store(organizationId, stored, startedAt));
    this.logger.log({ organizationId, ratings: fit.ratings, raters: fit.raters.length }, 'rater severity fitted');
  }
}
