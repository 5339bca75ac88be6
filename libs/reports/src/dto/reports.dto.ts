import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@leadpath/platform/http';
import { PHASES, TRACKS, type Phase } from '@leadpath/mentees';
import { LEVELS, type Level } from '@leadpath/readiness';
import { DEPARTMENTS_LIMIT } from '../reports.repository';

export class ReadinessReportQueryDto {
  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;
}

export class PhaseFunnelEntry {
  @ApiProperty({ enum: PHASES }) phase: string;
  @ApiProperty({ enum: TRACKS }) track: string;
  @ApiProperty() mentees: number;
}

export class HeatmapCell {
  @ApiProperty() competency: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: "mean of the mentees' competency means; null when none is rated or the cell is suppressed",
  })
  mean: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'mentees with at least one rating; null when the cell is suppressed',
  })
  ratedMentees: number | null;
  @ApiProperty({
    description:
      'hidden because it counts fewer people than the organization shows (minGroupSize), or to keep such a cell from being worked out from the others',
  })
  suppressed: boolean;
}

export class DepartmentHeatmapCell extends HeatmapCell {
  @ApiPropertyOptional({ nullable: true, type: String }) department: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      "the same mean with each rater's measured severity taken out of their ratings (from the last rater-severity fit; null before one or when suppressed); beside the raw mean, never instead of it",
  })
  calibratedMean: number | null;
}

/** `GET /reports/heatmap/managers`: a page of line managers, optionally those of one department. */
export class ManagerHeatmapQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    maxLength: 100,
    description: "only the managers of this department's mentees, and their cells over those mentees only",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;
}

export class ManagerHeatmapRow {
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiProperty({ maxLength: 200 }) managerName: string;
  @ApiProperty({ type: [HeatmapCell], description: "one per competency rated in the manager's team" })
  cells: HeatmapCell[];
}

export class ManagerHeatmapPage {
  @ApiProperty({ type: [ManagerHeatmapRow], description: 'ordered by name' }) items: ManagerHeatmapRow[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class StaleMentee {
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) lastSharedFeedbackOn: string | null;
}

export class MissingMilestone {
  @ApiProperty({ format: 'uuid' }) templateId: string;
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'mentees for whom it is an unverified required milestone' }) missing: number;
}

export class LevelDistribution {
  @ApiProperty() not_yet: number;
  @ApiProperty() developing: number;
  @ApiProperty() nearly_ready: number;
  @ApiProperty() ready: number;
}

export class SummaryResponse {
  @ApiProperty() mentees: number;
  @ApiProperty({ type: [PhaseFunnelEntry], maxItems: PHASES.length * TRACKS.length }) phaseFunnel: PhaseFunnelEntry[];
  @ApiProperty({ type: LevelDistribution }) levels: LevelDistribution;
  @ApiProperty({ type: [DepartmentHeatmapCell] }) heatmapByDepartment: DepartmentHeatmapCell[];
  @ApiProperty({ description: 'mentees without shared feedback in the stale-feedback window' }) staleCount: number;
  @ApiProperty({
    type: [StaleMentee],
    description:
      'the 100 stalest (no shared feedback first, then the longest ago); all of them: GET /mentees?stale=true',
  })
  staleMentees: StaleMentee[];
  @ApiProperty({
    description: "achieved goals the mentees marked, awaiting their line manager's or HR's confirmation",
  })
  goalsAwaitingConfirmation: number;
  @ApiProperty({ type: [MissingMilestone], description: 'the ten milestones most often missing' })
  missingMilestones: MissingMilestone[];
  @ApiProperty({ format: 'date-time' }) computedAt: string;
  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'the oldest moment a mentee in these figures was computed at (the readiness read model)',
  })
  asOf: string | null;
  @ApiProperty({
    description:
      'true while an organization-wide change or the passing of time is still being recomputed in the background',
  })
  recomputePending: boolean;
  @ApiProperty({ description: 'mentees whose figures are waiting for that recompute' }) pendingMentees: number;
}

export class DepartmentEntry {
  @ApiProperty({ maxLength: 100, description: 'as the filters match it: case and surrounding spaces aside' })
  name: string;
  @ApiProperty({ description: 'mentees in this department' }) mentees: number;
}

/** `GET /reports/departments`: every department of the organization's mentees, for a pick list. */
export class DepartmentList {
  @ApiProperty({ type: [DepartmentEntry], maxItems: DEPARTMENTS_LIMIT, description: 'ordered by name' })
  items: DepartmentEntry[];
}

// ---------------------------------------------------------------------------------------------
// Rater severity

export const SEVERITY_REASONS = ['single_rater_group', 'no_residual_variance'] as const;

export class RaterSeverityItem {
  @ApiProperty({ format: 'uuid' }) raterId: string;
  @ApiProperty({ maxLength: 200 }) raterName: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      "the rater's effect against their group's average rating, in rating points (above 0: lenient, below: severe); null when the group cannot estimate it",
  })
  severity: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) standardError: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'severity / standardError' }) z: number | null;
  @ApiProperty({ description: '|z| > 2 and at least 5 ratings' }) flagged: boolean;
  @ApiProperty({ description: 'ratings the rater gave' }) ratings: number;
  @ApiProperty({ description: 'the group of raters linked through people they both rated' }) group: number;
  @ApiPropertyOptional({
    nullable: true,
    enum: SEVERITY_REASONS,
    type: String,
    description: 'why severity is null: the only rater of their group, or no residual variation to measure against',
  })
  reason: string | null;
}

export class RaterGroupEntry {
  @ApiProperty() id: number;
  @ApiProperty({ type: [String], format: 'uuid' }) raters: string[];
  @ApiProperty() ratings: number;
  @ApiProperty({ description: 'at least two raters linked through people they both rated' }) identifiable: boolean;
}

export class RaterSeverityReport {
  @ApiProperty({ type: [RaterSeverityItem], description: 'by group, then most lenient first' })
  items: RaterSeverityItem[];
  @ApiProperty({ type: [RaterGroupEntry], description: 'severities compare only within a group' })
  groups: RaterGroupEntry[];
  @ApiProperty({ description: 'ratings the fit read' }) ratings: number;
  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'when the fit shown was computed',
  })
  computedAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) requestedAt: string | null;
  @ApiProperty({ description: 'a fit is queued or running in the background' }) pending: boolean;
}

export class RecomputeResponse {
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
}
