import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { qb } from '@leadpath/platform/database';

/** One rating the severity fit reads, with the rated person's department for the calibrated means. */
export interface RatingRow {
  rater_id: string;
  subject_id: string;
  item_id: string;
  value: number;
  department: string | null;
}

export interface RaterSeverityResultRow {
  result: unknown;
  computed_at: Date | null;
  requested_at: Date | null;
}

/**
 * The ratings of the organization the rater-severity fit reads, and its stored result. Ratings:
 * each competency rating of a shared one-on-one (its author, a line manager or mentor, rating the
 * mentee; a private note never counts) and each answer of a line manager's assessment of a mentee.
 * Items are prefixed by their source (`competency:`, `sign:`), so the two scales never share an effect.
 */
@Injectable()
export class RaterSeverityRepository {
  async ratings(organizationId: string): Promise<RatingRow[]> {
    if (!organizationId) throw new Error('ratings without an organization id');
    const { rows } = await sql<RatingRow>`
SELECT f.author_id AS rater_id, f.mentee_id AS subject_id, 'competency:' || r.competency_key AS item_id,
       r.rating::float8 AS value, m.department
  FROM feedback_ratings r
  JOIN feedback f ON f.organization_id = r.organization_id AND f.id = r.feedback_id
  JOIN mentees m ON m.organization_id = f.organization_id AND m.id = f.mentee_id
 WHERE r.organization_id = ${organizationId} AND f.visibility = 'shared'
UNION ALL
SELECT a.author_id, a.mentee_id, 'sign:' || e.key, (e.value)::float8, m.department
  FROM assessments a
  CROSS JOIN LATERAL jsonb_each_text(a.answers) e
  JOIN mentees m ON m.organization_id = a.organization_id AND m.id = a.mentee_id
 WHERE a.organization_id = ${organizationId} AND a.kind = 'manager' AND e.value ~ '^[0-9]+(\\.[0-9]+)?$'`.execute(qb);
    return rows;
  }

  async names(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await qb
      .selectFrom('users')
      .select(['id', 'name'])
      .where('organization_id', '=', organizationId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async find(organizationId: string): Promise<RaterSeverityResultRow | undefined> {
    return qb
      .selectFrom('rater_severity_results')
      .select(['result', 'computed_at', 'requested_at'])
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
  }

  /** Notes that a fit was asked for; answers the moment. */
  async markRequested(organizationId: string): Promise<Date> {
    const row = await qb
      .insertInto('rater_severity_results')
      .values({ organization_id: organizationId, requested_at: sql<Date>`now()` })
      .onConflict((c) => c.column('organization_id').doUpdateSet({ requested_at: sql<Date>`now()` }))
      .returning('requested_at')
      .executeTakeFirstOrThrow();
    return row.requested_at!;
  }

  async store(organizationId: string, result: unknown, computedAt: Date): Promise<void> {
    const json = JSON.stringify(result);
    await qb
      .insertInto('rater_severity_results')
      .values({ organization_id: organizationId, result: json, computed_at: computedAt })
      .onConflict((c) => c.column('organization_id').doUpdateSet({ result: json, computed_at: computedAt }))
      .execute();
  }
}
