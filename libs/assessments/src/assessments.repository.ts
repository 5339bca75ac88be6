import { Injectable } from '@nestjs/common';
import { sql, type InferResult, type ShallowDehydrateObject, type Simplify } from 'kysely';
import { cursorAt, olderThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import type { Answers, Suggestion } from './scoring';

/** The kind, answers and suggestion columns hold only what the scoring wrote (CHECK constraints, JSON). */
type Narrowed = { kind: 'self' | 'manager'; answers: Answers; suggestion: Suggestion };

/**
 * Assessments (`assessments as a`) as every view shows them. The assessment views filter it by
 * organization; readers that show assessments (progress) compose it and map rows with
 * `toAssessmentResponse`.
 */
export function selectAssessments() {
  return qb
    .selectFrom('assessments as a')
    .select([
      'a.id',
      'a.mentee_id',
      'a.kind',
      'a.author_id',
      'a.answers',
      'a.fit',
      'a.suggestion',
      'a.created_at',
      cursorAt('a.created_at').as('cursor_at'),
    ])
    .$narrowType<Narrowed>();
}

type SelectedAssessment = InferResult<ReturnType<typeof selectAssessments>>[number];

/** An assessment as the views read it: selected, or inside a JSON aggregate (its time then text). */
export type AssessmentRow = SelectedAssessment | Simplify<ShallowDehydrateObject<SelectedAssessment>>;

/** The newest assessment of each kind, for the gap between the two views. */
export function latestAssessmentOfEachKind() {
  return selectAssessments()
    .distinctOn('a.kind')
    .orderBy('a.kind')
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc');
}

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('assessments repository called without an organization id');
}

@Injectable()
export class AssessmentsRepository {
  async insert(
    organizationId: string,
    a: {
      menteeId: string;
      kind: 'self' | 'manager';
      authorId: string;
      answers: Answers;
      fit: number;
      suggestion: Suggestion;
    },
  ): Promise<AssessmentRow> {
    requireOrganization(organizationId);
    return qb
      .insertInto('assessments')
      .values({
        organization_id: organizationId,
        mentee_id: a.menteeId,
        kind: a.kind,
        author_id: a.authorId,
        answers: JSON.stringify(a.answers),
        fit: String(a.fit),
        suggestion: a.suggestion,
        created_at: sql`clock_timestamp()`,
      })
      .returning([
        'id',
        'mentee_id',
        'kind',
        'author_id',
        'answers',
        'fit',
        'suggestion',
        'created_at',
        cursorAt('created_at').as('cursor_at'),
      ])
      .$narrowType<Narrowed>()
      .executeTakeFirstOrThrow();
  }

  /** Newest first. */
  async list(
    organizationId: string,
    menteeId: string,
    kind: 'self' | 'manager' | undefined,
    limit: number,
    before?: CursorPosition,
  ): Promise<AssessmentRow[]> {
    requireOrganization(organizationId);
    const query = selectAssessments()
      .where('a.organization_id', '=', organizationId)
      .where('a.mentee_id', '=', menteeId)
      .$if(kind !== undefined, (q) => q.where('a.kind', '=', kind!))
      .$if(before !== undefined, (q) => q.where(olderThan('a.created_at', 'a.id', before!)))
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit + 1);
    return query.execute();
  }

  /** The newest assessment of each kind, for the gap between the two views. */
  async latestOfEachKind(organizationId: string, menteeId: string): Promise<AssessmentRow[]> {
    requireOrganization(organizationId);
    return latestAssessmentOfEachKind()
      .where('a.organization_id', '=', organizationId)
      .where('a.mentee_id', '=', menteeId)
      .execute();
  }
}
