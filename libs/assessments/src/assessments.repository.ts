import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { cursorAt, type CursorPosition, Database, olderThan, qb, run, type Sql } from '@leadpath/platform';
import type { Answers, Suggestion } from './scoring';

export interface AssessmentRow {
  id: string;
  mentee_id: string;
  kind: 'self' | 'manager';
  author_id: string;
  answers: Answers;
  fit: string | number;
  suggestion: Suggestion;
  created_at: Date | string;
  cursor_at: string;
}

/** The kind, answers and suggestion columns hold only what the scoring wrote (CHECK constraints, JSON). */
type Narrowed = { kind: AssessmentRow['kind']; answers: Answers; suggestion: Suggestion };

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
  constructor(private readonly db: Database) {}

  async insert(
    db: Sql,
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
    const [row] = await run(
      db,
      qb
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
        .$narrowType<Narrowed>(),
    );
    return row;
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
    return run(this.db, query);
  }

  /** The newest assessment of each kind, for the gap between the two views. */
  async latestOfEachKind(organizationId: string, menteeId: string, db: Sql = this.db): Promise<AssessmentRow[]> {
    requireOrganization(organizationId);
    return run(
      db,
      latestAssessmentOfEachKind().where('a.organization_id', '=', organizationId).where('a.mentee_id', '=', menteeId),
    );
  }
}
