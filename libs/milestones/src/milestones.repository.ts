import { Injectable } from '@nestjs/common';
import type { Phase } from '@leadpath/mentees';
import { sql, type InferResult } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { ledFeedbackThreshold, publishedLedAnswers, qb } from '@leadpath/platform/database';

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
    .$narrowType<{ phase: Phase; status: 'in_progress' | 'completed' | null }>();
}

type SelectedMilestone = InferResult<ReturnType<typeof selectMilestones>>[number];

/**
 * A milestone as `selectMilestones` reads it. Inside JSON (the journey's `jsonArrayFrom`) its
 * times arrive as text; the milestone views add the assignments that prove it.
 */
export type MilestoneRow = Omit<SelectedMilestone, 'recorded_at' | 'verified_at' | 'revoked_at'> & {
  recorded_at: Date | string | null;
  verified_at: Date | string | null;
  revoked_at: Date | string | null;
  assignments?: MilestoneAssignmentRow[];
};

/**
 * The milestone with the stretch assignments that prove it, oldest first, each with its published
 * answers from the people led and the threshold they must reach before its results can be shown.
 */
function milestonesWithAssignments(organizationId: string, menteeId: string) {
  return selectMilestones(menteeId)
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('assignments as a')
          .select([
            'a.id',
            'a.title',
            'a.status',
            publishedLedAnswers('a').as('answers'),
            ledFeedbackThreshold(sql.ref('a.organization_id')).as('threshold'),
          ])
          .whereRef('a.organization_id', '=', 't.organization_id')
          .where('a.mentee_id', '=', menteeId)
          .whereRef('a.milestone_template_id', '=', 't.id')
          .orderBy('a.created_at')
          .orderBy('a.id'),
      ).as('assignments'),
    )
    .where('t.organization_id', '=', organizationId);
}

/** A stretch assignment that proves the milestone, with what decides whether its results can be shown. */
export type MilestoneAssignmentRow = InferResult<
  ReturnType<typeof milestonesWithAssignments>
>[number]['assignments'][number];

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('milestones repository called without an organization id');
}

@Injectable()
export class MilestonesRepository {
  /** Every active template of a phase with the mentee's record, if any: one query. */
  async forPhase(organizationId: string, menteeId: string, phase: Phase): Promise<MilestoneRow[]> {
    requireOrganization(organizationId);
    return milestonesWithAssignments(organizationId, menteeId)
      .where('t.phase', '=', phase)
      .where('t.retired_at', 'is', null)
      .orderBy('t.position')
      .orderBy('t.key')
      .execute();
  }

  async one(organizationId: string, menteeId: string, templateId: string): Promise<MilestoneRow | undefined> {
    requireOrganization(organizationId);
    const row = await milestonesWithAssignments(organizationId, menteeId)
      .where('t.id', '=', templateId)
      .executeTakeFirst();
    return row;
  }

  async activeTemplate(organizationId: string, templateId: string): Promise<boolean> {
    requireOrganization(organizationId);
    const rows = await qb
      .selectFrom('milestone_templates')
      .select(sql.lit(1).as('one'))
      .where('organization_id', '=', organizationId)
      .where('id', '=', templateId)
      .where('retired_at', 'is', null)
      .execute();
    return rows.length > 0;
  }

  /** Records status and evidence unless the milestone is verified; returns the record id, or nothing when locked. */
  async record(
    organizationId: string,
    r: { menteeId: string; templateId: string; status: string; text: string | null; links: string[]; by: string },
  ): Promise<string | undefined> {
    requireOrganization(organizationId);
    const row = await qb
      .insertInto('mentee_milestones')
      .values({
        organization_id: organizationId,
        mentee_id: r.menteeId,
        template_id: r.templateId,
        status: r.status,
        evidence_text: r.text,
        evidence_links: r.links,
        recorded_by: r.by,
        recorded_at: sql`now()`,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['mentee_id', 'template_id'])
          .doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            evidence_text: eb.ref('excluded.evidence_text'),
            evidence_links: eb.ref('excluded.evidence_links'),
            recorded_by: eb.ref('excluded.recorded_by'),
            recorded_at: sql`now()`,
          }))
          .where('mentee_milestones.verified_at', 'is', null),
      )
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  /** Verifies a completed, unverified record; returns its id, or nothing when that does not hold. */
  async verify(organizationId: string, menteeId: string, templateId: string, by: string): Promise<string | undefined> {
    requireOrganization(organizationId);
    const row = await qb
      .updateTable('mentee_milestones')
      .set({ verified_by: by, verified_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('mentee_id', '=', menteeId)
      .where('template_id', '=', templateId)
      .where('status', '=', 'completed')
      .where('verified_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  async revoke(
    organizationId: string,
    menteeId: string,
    templateId: string,
    by: string,
    reason: string,
  ): Promise<string | undefined> {
    requireOrganization(organizationId);
    const row = await qb
      .updateTable('mentee_milestones')
      .set({
        verified_by: null,
        verified_at: null,
        revoked_by: by,
        revoked_at: sql`now()`,
        revoke_reason: reason,
      })
      .where('organization_id', '=', organizationId)
      .where('mentee_id', '=', menteeId)
      .where('template_id', '=', templateId)
      .where('verified_at', 'is not', null)
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  async menteePhase(organizationId: string, menteeId: string): Promise<Phase | undefined> {
    requireOrganization(organizationId);
    const row = await qb
      .selectFrom('mentees')
      .select('phase')
      .where('organization_id', '=', organizationId)
      .where('id', '=', menteeId)
      .$narrowType<{ phase: Phase }>()
      .executeTakeFirst();
    return row?.phase;
  }
}
