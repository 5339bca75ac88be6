import { Injectable } from '@nestjs/common';
import type { Phase } from '@leadpath/mentees';
import { sql } from 'kysely';
import { Database, DEFAULT_SETTINGS, qb, run, type Sql } from '@leadpath/platform';

export interface MilestoneRow {
  template_id: string;
  key: string;
  phase: Phase;
  title: string;
  description: string;
  required: boolean;
  record_id: string | null;
  status: 'in_progress' | 'completed' | null;
  evidence_text: string | null;
  evidence_links: string[] | null;
  recorded_by: string | null;
  recorded_at: Date | string | null;
  verified_by: string | null;
  verified_by_name: string | null;
  verified_at: Date | string | null;
  revoked_at: Date | string | null;
  revoke_reason: string | null;
  assignments?: MilestoneAssignmentRow[];
}

/** A stretch assignment that proves the milestone, with whether its results can be shown. */
export interface MilestoneAssignmentRow {
  id: string;
  title: string;
  status: string;
  answers: number;
  threshold: number;
}

/**
 * Milestone templates (`milestone_templates as t`) with the mentee's record of each (`r`) and who
 * verified it: the columns every view of a milestone shows. The milestone views add the
 * assignments that prove each one; readers that show milestones (progress, the PDF) compose it
 * and map rows with `toMilestoneResponse`.
 */
export function selectMilestones(menteeId: string) {
  return qb
    .selectFrom('milestone_templates as t')
    .leftJoin('mentee_milestones as r', (join) =>
      join.onRef('r.template_id', '=', 't.id').on('r.mentee_id', '=', menteeId),
    )
    .leftJoin('users as v', 'v.id', 'r.verified_by')
    .select([
      't.id as template_id',
      't.key',
      't.phase',
      't.title',
      't.description',
      't.required',
      'r.id as record_id',
      'r.status',
      'r.evidence_text',
      'r.evidence_links',
      'r.recorded_by',
      'r.recorded_at',
      'r.verified_by',
      'v.name as verified_by_name',
      'r.verified_at',
      'r.revoked_at',
      'r.revoke_reason',
    ])
    .$narrowType<{ phase: Phase; status: MilestoneRow['status'] }>();
}

/** The milestone with the stretch assignments that prove it, and whether their results can be shown. */
function milestonesWithAssignments(organizationId: string, menteeId: string) {
  return selectMilestones(menteeId)
    .select(
      sql<
        MilestoneAssignmentRow[]
      >`(SELECT COALESCE(json_agg(json_build_object('id', a.id, 'title', a.title, 'status', a.status,
                                                   'answers', a.answers, 'threshold', a.threshold)
                                 ORDER BY a.created_at, a.id), '[]')
          FROM (SELECT a.id, a.title, a.status, a.created_at,
                       (SELECT count(*)::int FROM led_responses lr
                         WHERE lr.organization_id = a.organization_id AND lr.assignment_id = a.id) AS answers,
                       COALESCE((SELECT s.led_feedback_threshold FROM organization_settings s
                                  WHERE s.organization_id = a.organization_id), ${sql.lit(DEFAULT_SETTINGS.ledFeedbackThreshold)}) AS threshold
                  FROM assignments a
                 WHERE a.organization_id = t.organization_id AND a.mentee_id = ${menteeId} AND a.milestone_template_id = t.id) a
       )`.as('assignments'),
    )
    .where('t.organization_id', '=', organizationId);
}

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('milestones repository called without an organization id');
}

@Injectable()
export class MilestonesRepository {
  constructor(private readonly db: Database) {}

  /** Every active template of a phase with the mentee's record, if any: one query. */
  async forPhase(organizationId: string, menteeId: string, phase: Phase): Promise<MilestoneRow[]> {
    requireOrganization(organizationId);
    return run(
      this.db,
      milestonesWithAssignments(organizationId, menteeId)
        .where('t.phase', '=', phase)
        .where('t.retired_at', 'is', null)
        .orderBy('t.position')
        .orderBy('t.key'),
    );
  }

  async one(
    organizationId: string,
    menteeId: string,
    templateId: string,
    db: Sql = this.db,
  ): Promise<MilestoneRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(db, milestonesWithAssignments(organizationId, menteeId).where('t.id', '=', templateId));
    return row;
  }

  async activeTemplate(sql: Sql, organizationId: string, templateId: string): Promise<boolean> {
    requireOrganization(organizationId);
    const rows = await sql.query(
      'SELECT 1 FROM milestone_templates WHERE organization_id = $1 AND id = $2 AND retired_at IS NULL',
      [organizationId, templateId],
    );
    return rows.length > 0;
  }

  /** Records status and evidence unless the milestone is verified; returns the record id, or nothing when locked. */
  async record(
    sql: Sql,
    organizationId: string,
    r: { menteeId: string; templateId: string; status: string; text: string | null; links: string[]; by: string },
  ): Promise<string | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO mentee_milestones AS m (organization_id, mentee_id, template_id, status, evidence_text, evidence_links, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (mentee_id, template_id) DO UPDATE SET
         status = EXCLUDED.status, evidence_text = EXCLUDED.evidence_text, evidence_links = EXCLUDED.evidence_links,
         recorded_by = EXCLUDED.recorded_by, recorded_at = now()
       WHERE m.verified_at IS NULL
       RETURNING id`,
      [organizationId, r.menteeId, r.templateId, r.status, r.text, r.links, r.by],
    );
    return row?.id;
  }

  /** Verifies a completed, unverified record; returns its id, or nothing when that does not hold. */
  async verify(
    sql: Sql,
    organizationId: string,
    menteeId: string,
    templateId: string,
    by: string,
  ): Promise<string | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<{ id: string }>(
      `UPDATE mentee_milestones SET verified_by = $4, verified_at = now()
        WHERE organization_id = $1 AND mentee_id = $2 AND template_id = $3 AND status = 'completed' AND verified_at IS NULL
        RETURNING id`,
      [organizationId, menteeId, templateId, by],
    );
    return row?.id;
  }

  async revoke(
    sql: Sql,
    organizationId: string,
    menteeId: string,
    templateId: string,
    by: string,
    reason: string,
  ): Promise<string | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<{ id: string }>(
      `UPDATE mentee_milestones SET verified_by = NULL, verified_at = NULL, revoked_by = $4, revoked_at = now(), revoke_reason = $5
        WHERE organization_id = $1 AND mentee_id = $2 AND template_id = $3 AND verified_at IS NOT NULL
        RETURNING id`,
      [organizationId, menteeId, templateId, by, reason],
    );
    return row?.id;
  }

  async menteePhase(organizationId: string, menteeId: string): Promise<Phase | undefined> {
    requireOrganization(organizationId);
    const [row] = await this.db.query<{ phase: Phase }>(
      'SELECT phase FROM mentees WHERE organization_id = $1 AND id = $2',
      [organizationId, menteeId],
    );
    return row?.phase;
  }
}
