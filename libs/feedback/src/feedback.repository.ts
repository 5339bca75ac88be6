import { Injectable } from '@nestjs/common';
import { sql, type Expression, type SqlBool } from 'kysely';
import {
  cursorAt,
  type CursorPosition,
  Database,
  newerThan,
  olderThan,
  qb,
  run,
  runSql,
  type Sql,
} from '@leadpath/platform';
import type { Visibility } from './entities/feedback.entity';

export interface FeedbackRow {
  id: string;
  mentee_id: string;
  author_id: string;
  author_name: string;
  author_role: 'manager' | 'mentor';
  occurred_on: string;
  visibility: Visibility;
  ratings: { competency: string; rating: number }[];
  strengths: string | null;
  gaps: string | null;
  next_steps: string | null;
  need_to_see: string | null;
  version: number;
  acknowledged_at: Date | string | null;
  acknowledged_version: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

export interface FeedbackContent {
  occurredOn: string;
  visibility: Visibility;
  strengths: string | null;
  gaps: string | null;
  nextSteps: string | null;
  needToSee: string | null;
}

export interface RevisionRow {
  id: string;
  version: number;
  snapshot: Record<string, unknown>;
  edited_by: string;
  edited_at: Date;
  cursor_at: string;
}

/** The entry's ratings as one JSON array, ordered by competency. */
const ratings = sql<
  { competency: string; rating: number }[]
>`COALESCE((SELECT json_agg(json_build_object('competency', r.competency_key, 'rating', r.rating) ORDER BY r.competency_key)
   FROM feedback_ratings r WHERE r.feedback_id = f.id), '[]'::json)`;

/**
 * Feedback entries (`feedback as f`) with their author's name and ratings, as every view shows
 * them. The feedback views filter it by organization and visibility; readers that show feedback
 * (progress, the PDF) compose it and map rows with `toFeedbackResponse`.
 */
export function selectFeedback() {
  return qb
    .selectFrom('feedback as f')
    .innerJoin('users as a', 'a.id', 'f.author_id')
    .select([
      'f.id',
      'f.mentee_id',
      'f.author_id',
      'a.name as author_name',
      'f.author_role',
      'f.occurred_on',
      'f.visibility',
      ratings.as('ratings'),
      'f.strengths',
      'f.gaps',
      'f.next_steps',
      'f.need_to_see',
      'f.version',
      'f.acknowledged_at',
      'f.acknowledged_version',
      'f.created_at',
      'f.updated_at',
      cursorAt('f.created_at').as('cursor_at'),
    ])
    .$narrowType<{ author_role: FeedbackRow['author_role']; visibility: Visibility }>();
}

/** The columns an entry's content sets, as written by a new entry and by an edit. */
const content = (f: FeedbackContent) => ({
  occurred_on: f.occurredOn,
  visibility: f.visibility,
  strengths: f.strengths,
  gaps: f.gaps,
  next_steps: f.nextSteps,
  need_to_see: f.needToSee,
});

const feedbackWithAuthor = (organizationId: string) => selectFeedback().where('f.organization_id', '=', organizationId);

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('feedback repository called without an organization id');
}

@Injectable()
export class FeedbackRepository {
  constructor(private readonly db: Database) {}

  async insert(
    db: Sql,
    organizationId: string,
    f: FeedbackContent & { menteeId: string; authorId: string; authorRole: 'manager' | 'mentor' },
  ): Promise<string> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .insertInto('feedback')
        .values({
          organization_id: organizationId,
          mentee_id: f.menteeId,
          author_id: f.authorId,
          author_role: f.authorRole,
          ...content(f),
          created_at: sql`clock_timestamp()`,
          updated_at: sql`clock_timestamp()`,
        })
        .returning('id'),
    );
    return row.id;
  }

  async replaceRatings(
    db: Sql,
    organizationId: string,
    feedbackId: string,
    ratings: { competency: string; rating: number }[],
  ): Promise<void> {
    requireOrganization(organizationId);
    await run(
      db,
      qb
        .deleteFrom('feedback_ratings')
        .where('organization_id', '=', organizationId)
        .where('feedback_id', '=', feedbackId),
    );
    await this.insertRatings(db, organizationId, feedbackId, ratings);
  }

  async insertRatings(
    db: Sql,
    organizationId: string,
    feedbackId: string,
    ratings: { competency: string; rating: number }[],
  ): Promise<void> {
    requireOrganization(organizationId);
    if (ratings.length === 0) return;
    const keys = ratings.map((r) => r.competency);
    const values = ratings.map((r) => r.rating);
    await runSql(
      db,
      sql`INSERT INTO feedback_ratings (organization_id, feedback_id, competency_key, rating)
          SELECT ${organizationId}, ${feedbackId}, k, r FROM unnest(${keys}::varchar[], ${values}::smallint[]) AS t(k, r)`,
    );
  }

  async findById(organizationId: string, id: string, db: Sql = this.db): Promise<FeedbackRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(db, feedbackWithAuthor(organizationId).where('f.id', '=', id));
    return row;
  }

  async lock(db: Sql, organizationId: string, id: string): Promise<FeedbackRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(db, feedbackWithAuthor(organizationId).where('f.id', '=', id).forUpdate('f'));
    return row;
  }

  /** Newest first, the entries the caller may see (`visible`, the access policy's predicate over `f`). */
  async list(
    organizationId: string,
    menteeId: string,
    visible: Expression<SqlBool>,
    visibility: Visibility | undefined,
    limit: number,
    before?: CursorPosition,
  ): Promise<FeedbackRow[]> {
    requireOrganization(organizationId);
    const query = feedbackWithAuthor(organizationId)
      .where('f.mentee_id', '=', menteeId)
      .where(visible)
      .$if(visibility !== undefined, (q) => q.where('f.visibility', '=', visibility!))
      .$if(before !== undefined, (q) => q.where(olderThan('f.created_at', 'f.id', before!)))
      .orderBy('f.created_at', 'desc')
      .orderBy('f.id', 'desc')
      .limit(limit + 1);
    return run(this.db, query);
  }

  /** The conditional UPDATE: only the version the caller read may be replaced. */
  async update(
    db: Sql,
    organizationId: string,
    id: string,
    expectedVersion: number,
    f: FeedbackContent,
  ): Promise<number | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .updateTable('feedback')
        .set({ ...content(f), version: sql`version + 1`, updated_at: sql`clock_timestamp()` })
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning('version'),
    );
    return row?.version;
  }

  async insertRevision(
    db: Sql,
    organizationId: string,
    r: { feedbackId: string; version: number; snapshot: object; editedBy: string },
  ): Promise<void> {
    requireOrganization(organizationId);
    await run(
      db,
      qb.insertInto('feedback_revisions').values({
        organization_id: organizationId,
        feedback_id: r.feedbackId,
        version: r.version,
        snapshot: JSON.stringify(r.snapshot),
        edited_by: r.editedBy,
        edited_at: sql`clock_timestamp()`,
      }),
    );
  }

  async revisions(
    organizationId: string,
    feedbackId: string,
    limit: number,
    after?: CursorPosition,
  ): Promise<RevisionRow[]> {
    requireOrganization(organizationId);
    const query = qb
      .selectFrom('feedback_revisions')
      .select(['id', 'version', 'snapshot', 'edited_by', 'edited_at', cursorAt('edited_at').as('cursor_at')])
      .where('organization_id', '=', organizationId)
      .where('feedback_id', '=', feedbackId)
      .$if(after !== undefined, (q) => q.where(newerThan('edited_at', 'id', after!)))
      .orderBy('edited_at')
      .orderBy('id')
      .limit(limit + 1)
      .$narrowType<{ snapshot: Record<string, unknown> }>();
    return run(this.db, query);
  }

  async acknowledge(db: Sql, organizationId: string, id: string): Promise<boolean> {
    requireOrganization(organizationId);
    const rows = await run(
      db,
      qb
        .updateTable('feedback')
        .set((eb) => ({ acknowledged_at: sql`clock_timestamp()`, acknowledged_version: eb.ref('version') }))
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .whereRef('acknowledged_version', 'is distinct from', 'version')
        .returning('id'),
    );
    return rows.length > 0;
  }
}
