import { Injectable } from '@nestjs/common';
import { type CursorPosition, Database, type Sql } from '@leadpath/platform';
import type { Answers, Suggestion } from './scoring';

export interface AssessmentRow {
  id: string;
  mentee_id: string;
  kind: 'self' | 'manager';
  author_id: string;
  answers: Answers;
  fit: string;
  suggestion: Suggestion;
  created_at: Date | string;
  cursor_at: string;
}

const COLUMNS = `id, mentee_id, kind, author_id, answers, fit, suggestion, created_at,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('assessments repository called without an organization id');
}

@Injectable()
export class AssessmentsRepository {
  constructor(private readonly db: Database) {}

  async insert(
    sql: Sql,
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
    const [row] = await sql.query<AssessmentRow>(
      `INSERT INTO assessments (organization_id, mentee_id, kind, author_id, answers, fit, suggestion, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp()) RETURNING ${COLUMNS}`,
      [organizationId, a.menteeId, a.kind, a.authorId, JSON.stringify(a.answers), a.fit, a.suggestion],
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
    const params: unknown[] = [organizationId, menteeId, kind ?? null];
    let keyset = '';
    if (before) {
      params.push(before.at, before.id);
      keyset = 'AND (created_at, id) < ($4::timestamptz, $5::uuid)';
    }
    params.push(limit + 1);
    return this.db.query<AssessmentRow>(
      `SELECT ${COLUMNS} FROM assessments
        WHERE organization_id = $1 AND mentee_id = $2 AND ($3::varchar IS NULL OR kind = $3) ${keyset}
        ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** The newest assessment of each kind, for the gap between the two views. */
  async latestOfEachKind(organizationId: string, menteeId: string, sql: Sql = this.db): Promise<AssessmentRow[]> {
    requireOrganization(organizationId);
    return sql.query<AssessmentRow>(
      `SELECT DISTINCT ON (kind) ${COLUMNS} FROM assessments
        WHERE organization_id = $1 AND mentee_id = $2 ORDER BY kind, created_at DESC, id DESC`,
      [organizationId, menteeId],
    );
  }
}
