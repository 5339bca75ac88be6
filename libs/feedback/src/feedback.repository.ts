import { Injectable } from '@nestjs/common';
import {
  sql,
  type Expression,
  type InferResult,
  type ShallowDehydrateObject,
  type Simplify,
  type SqlBool,
} from 'kysely';
import { cursorAt, newerThan, olderThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import type { Visibility } from './entities/feedback.entity';

export interface FeedbackContent {
  occurredOn: string;
  visibility: Visibility;
  strengths: string | null;
  gaps: string | null;
  nextSteps: string | null;
  needToSee: string | null;
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
      'f.meeting_id',
      'f.version',
      'f.acknowledged_at',
      'f.acknowledged_version',
      'f.created_at',
      'f.updated_at',
      cursorAt('f.created_at').as('cursor_at'),
    ])
    .$narrowType<{ author_role: 'manager' | 'mentor'; visibility: Visibility }>();
}

type SelectedFeedback = InferResult<ReturnType<typeof selectFeedback>>[number];

/** An entry as the views read it: selected, or inside a JSON aggregate (its times then text). */
export type FeedbackRow = SelectedFeedback | Simplify<ShallowDehydrateObject<SelectedFeedback>>;

/** An entry's earlier versions, oldest first; the snapshot is the JSON an edit wrote. */
const selectRevisions = () =>
  qb
    .selectFrom('feedback_revisions')
    .select(['id', 'version', 'snapshot', 'edited_by', 'edited_at', cursorAt('edited_at').as('cursor_at')])
    .$narrowType<{ snapshot: Record<string, unknown> }>();

export type RevisionRow = InferResult<ReturnType<typeof selectRevisions>>[number];

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
  async insert(
    organizationId: string,
    f: FeedbackContent & {
      menteeId: string;
      authorId: string;
      authorRole: 'manager' | 'mentor';
      /** The one-on-one occurrence the entry is the outcome of. */
      meetingId?: string | null;
    },
  ): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('feedback')
      .values({
        organization_id: organizationId,
        mentee_id: f.menteeId,
        author_id: f.authorId,
        author_role: f.authorRole,
        meeting_id: f.meetingId ?? null,
        ...content(f),
        created_at: sql`clock_timestamp()`,
        updated_at: sql`clock_timestamp()`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async replaceRatings(
    organizationId: string,
    feedbackId: string,
    ratings: { competency: string; rating: number }[],
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .deleteFrom('feedback_ratings')
      .where('organization_id', '=', organizationId)
      .where('feedback_id', '=', feedbackId)
      .execute();
    await this.insertRatings(organizationId, feedbackId, ratings);
  }

  async insertRatings(
    organizationId: string,
    feedbackId: string,
    ratings: { competency: string; rating: number }[],
  ): Promise<void> {
    requireOrganization(organizationId);
    if (ratings.length === 0) return;
    const keys = ratings.map((r) => r.competency);
    const values = ratings.map((r) => r.rating);
    await sql`INSERT INTO feedback_ratings (organization_id, feedback_id, competency_key, rating)
          SELECT ${organizationId}, ${feedbackId}, k, r FROM unnest(${keys}::varchar[], ${values}::smallint[]) AS t(k, r)`.execute(
      qb,
    );
  }

  async findById(organizationId: string, id: string): Promise<FeedbackRow | undefined> {
    requireOrganization(organizationId);
    return feedbackWithAuthor(organizationId).where('f.id', '=', id).executeTakeFirst();
  }

  async lock(organizationId: string, id: string): Promise<FeedbackRow | undefined> {
    requireOrganization(organizationId);
    return feedbackWithAuthor(organizationId).where('f.id', '=', id).forUpdate('f').executeTakeFirst();
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
    return query.execute();
  }

  /** The conditional UPDATE: only the version the caller read may be replaced. */
  async update(
    organizationId: string,
    id: string,
    expectedVersion: number,
    f: FeedbackContent,
  ): Promise<number | undefined> {
    requireOrganization(organizationId);
    const row = await qb
      .updateTable('feedback')
      .set({ ...content(f), version: sql`version + 1`, updated_at: sql`clock_timestamp()` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returning('version')
      .executeTakeFirst();
    return row?.version;
  }

  async insertRevision(
    organizationId: string,
    r: { feedbackId: string; version: number; snapshot: object; editedBy: string },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .insertInto('feedback_revisions')
      .values({
        organization_id: organizationId,
        feedback_id: r.feedbackId,
        version: r.version,
        snapshot: JSON.stringify(r.snapshot),
        edited_by: r.editedBy,
        edited_at: sql`clock_timestamp()`,
      })
      .execute();
  }

  async revisions(
    organizationId: string,
    feedbackId: string,
    limit: number,
    after?: CursorPosition,
  ): Promise<RevisionRow[]> {
    requireOrganization(organizationId);
    const query = selectRevisions()
      .where('organization_id', '=', organizationId)
      .where('feedback_id', '=', feedbackId)
      .$if(after !== undefined, (q) => q.where(newerThan('edited_at', 'id', after!)))
      .orderBy('edited_at')
      .orderBy('id')
      .limit(limit + 1);
    return query.execute();
  }

  async acknowledge(organizationId: string, id: string): Promise<boolean> {
    requireOrganization(organizationId);
    const rows = await qb
      .updateTable('feedback')
      .set((eb) => ({ acknowledged_at: sql`clock_timestamp()`, acknowledged_version: eb.ref('version') }))
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .whereRef('acknowledged_version', 'is distinct from', 'version')
      .returning('id')
      .execute();
    return rows.length > 0;
  }
}
