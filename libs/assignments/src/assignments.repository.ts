import { Injectable } from '@nestjs/common';
import { type CursorPosition, Database, DEFAULT_SETTINGS } from '@leadpath/platform';
import type { AssignmentKind, AssignmentStatus } from './entities/assignment.entity';

export interface AssignmentRow {
  id: string;
  mentee_id: string;
  title: string;
  kind: AssignmentKind;
  description: string | null;
  competency_keys: string[];
  milestone_template_id: string | null;
  starts_on: string;
  ends_on: string | null;
  status: AssignmentStatus;
  requested: number;
  responses: number;
  threshold: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
}

export interface LockedAssignment {
  status: AssignmentStatus;
  mentee_id: string;
  mentee_user_id: string;
  mentee_email: string;
  starts_on: string;
  ends_on: string | null;
  requested: number;
}

export interface NewRequest {
  id: string;
  userId: string | null;
  email: string;
  name: string;
  tokenHash: string;
}

export interface RequestRow {
  id: string;
  assignment_id: string;
  respondent_user_id: string | null;
  name: string;
  email: string;
  expires_at: Date;
}

export interface OpenRequestRow {
  id: string;
  assignment_title: string;
  lead_name: string;
  expires_at: Date;
  cursor_at: string;
}

/** A link's request with what the respondent's page shows, locked against a concurrent answer. */
export interface LinkRow {
  id: string;
  assignment_id: string;
  mentee_id: string;
  answered: boolean;
  expires_at: Date;
  assignment_title: string;
  lead_name: string;
  competencies: { key: string; name: string }[];
}

export interface CompetencyAggregateRow {
  key: string;
  mean: number;
  distribution: number[];
}

const CURSOR_AT = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

const SELECT = `SELECT a.id, a.mentee_id, a.title, a.kind, a.description, a.competency_keys, a.milestone_template_id,
       a.starts_on, a.ends_on, a.status, a.created_by, a.created_at, a.updated_at,
       (SELECT count(*)::int FROM feedback_requests q WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id) AS requested,
       (SELECT count(*)::int FROM led_responses r WHERE r.organization_id = a.organization_id AND r.assignment_id = a.id) AS responses,
       COALESCE((SELECT s.led_feedback_threshold FROM organization_settings s WHERE s.organization_id = a.organization_id), ${DEFAULT_SETTINGS.ledFeedbackThreshold}) AS threshold,
       ${CURSOR_AT('a.created_at')}
  FROM assignments a`;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('assignments repository called without an organization id');
}

@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: Database) {}

  async insert(
    organizationId: string,
    a: {
      menteeId: string;
      title: string;
      kind: AssignmentKind;
      description: string | null;
      competencies: string[];
      milestoneTemplateId: string | null;
      startsOn: string;
      endsOn: string | null;
      by: string;
    },
  ): Promise<string> {
    requireOrganization(organizationId);
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO assignments (organization_id, mentee_id, title, kind, description, competency_keys,
                                milestone_template_id, starts_on, ends_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        organizationId,
        a.menteeId,
        a.title,
        a.kind,
        a.description,
        a.competencies,
        a.milestoneTemplateId,
        a.startsOn,
        a.endsOn,
        a.by,
      ],
    );
    return row.id;
  }

  async findById(organizationId: string, id: string): Promise<AssignmentRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await this.db.query<AssignmentRow>(`${SELECT} WHERE a.organization_id = $1 AND a.id = $2`, [
      organizationId,
      id,
    ]);
    return row;
  }

  async list(
    organizationId: string,
    menteeId: string,
    status: AssignmentStatus | undefined,
    limit: number,
    after?: CursorPosition,
  ): Promise<AssignmentRow[]> {
    requireOrganization(organizationId);
    const params: unknown[] = [organizationId, menteeId, status ?? null];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = 'AND (a.created_at, a.id) > ($4::timestamptz, $5::uuid)';
    }
    params.push(limit + 1);
    return this.db.query<AssignmentRow>(
      `${SELECT} WHERE a.organization_id = $1 AND a.mentee_id = $2 AND ($3::varchar IS NULL OR a.status = $3) ${keyset}
        ORDER BY a.created_at, a.id LIMIT $${params.length}`,
      params,
    );
  }

  /** The assignment's state under a row lock, which orders edits, status steps and new requests. */
  async lock(organizationId: string, id: string): Promise<LockedAssignment | undefined> {
    requireOrganization(organizationId);
    const [row] = await this.db.query<LockedAssignment>(
      `SELECT a.status, a.mentee_id, m.user_id AS mentee_user_id, u.email AS mentee_email, a.starts_on, a.ends_on,
              (SELECT count(*)::int FROM feedback_requests q WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id) AS requested
         FROM assignments a
         JOIN mentees m ON m.organization_id = a.organization_id AND m.id = a.mentee_id
         JOIN users u ON u.organization_id = m.organization_id AND u.id = m.user_id
        WHERE a.organization_id = $1 AND a.id = $2 FOR UPDATE OF a`,
      [organizationId, id],
    );
    return row;
  }

  async update(
    organizationId: string,
    id: string,
    a: {
      title?: string;
      kind?: AssignmentKind;
      description?: string | null;
      competencies?: string[];
      milestoneTemplateId?: string | null;
      startsOn?: string;
      endsOn?: string | null;
      status?: AssignmentStatus;
    },
  ): Promise<void> {
    requireOrganization(organizationId);
    await this.db.query(
      `UPDATE assignments SET
          title = COALESCE($3, title),
          kind = COALESCE($4, kind),
          description = CASE WHEN $5 THEN $6 ELSE description END,
          competency_keys = COALESCE($7, competency_keys),
          milestone_template_id = CASE WHEN $8 THEN $9::uuid ELSE milestone_template_id END,
          starts_on = COALESCE($10::date, starts_on),
          ends_on = CASE WHEN $11 THEN $12::date ELSE ends_on END,
          status_changed_at = CASE WHEN $13::varchar IS NOT NULL AND $13 <> status THEN clock_timestamp() ELSE status_changed_at END,
          status = COALESCE($13, status),
          updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [
        organizationId,
        id,
        a.title ?? null,
        a.kind ?? null,
        a.description !== undefined,
        a.description ?? null,
        a.competencies ?? null,
        a.milestoneTemplateId !== undefined,
        a.milestoneTemplateId ?? null,
        a.startsOn ?? null,
        a.endsOn !== undefined,
        a.endsOn ?? null,
        a.status ?? null,
      ],
    );
  }

  /** Whether the template exists, is not retired, and belongs to the organization. */
  async templateExists(organizationId: string, templateId: string): Promise<boolean> {
    requireOrganization(organizationId);
    const rows = await this.db.query(
      'SELECT 1 FROM milestone_templates WHERE organization_id = $1 AND id = $2 AND retired_at IS NULL',
      [organizationId, templateId],
    );
    return rows.length > 0;
  }

  /** Active users of the organization among `ids`, with the address their link goes to. */
  async activeUsers(organizationId: string, ids: string[]): Promise<{ id: string; email: string; name: string }[]> {
    requireOrganization(organizationId);
    return this.db.query(
      'SELECT id, email, name FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND active',
      [organizationId, ids],
    );
  }

  /**
   * Active users who could be asked about the assignment: not its aspiring lead and not already
   * asked; `search` matches part of a name or address. Oldest accounts first, keyset-paginated.
   */
  async candidates(
    organizationId: string,
    assignmentId: string,
    search: string | undefined,
    limit: number,
    after?: CursorPosition,
  ): Promise<{ id: string; name: string; email: string; cursor_at: string }[]> {
    requireOrganization(organizationId);
    const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.db.query(
      `SELECT u.id, u.name, u.email, ${CURSOR_AT('u.created_at')}
         FROM users u
         JOIN assignments a ON a.organization_id = u.organization_id AND a.id = $2
         JOIN mentees m ON m.organization_id = a.organization_id AND m.id = a.mentee_id
        WHERE u.organization_id = $1 AND u.active AND u.id <> m.user_id
          AND NOT EXISTS (SELECT 1 FROM feedback_requests q
                           WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id AND q.email_key = lower(u.email))
          AND ($3::varchar IS NULL OR u.name ILIKE $3 OR u.email ILIKE $3)
          AND ($4::timestamptz IS NULL OR (u.created_at, u.id) > ($4::timestamptz, $5::uuid))
        ORDER BY u.created_at, u.id LIMIT $6`,
      [organizationId, assignmentId, pattern, after?.at ?? null, after?.id ?? null, limit + 1],
    );
  }

  /** The addresses among `emailKeys` already asked about this assignment. */
  async askedAddresses(organizationId: string, assignmentId: string, emailKeys: string[]): Promise<string[]> {
    requireOrganization(organizationId);
    const rows = await this.db.query<{ email_key: string }>(
      `SELECT email_key FROM feedback_requests
        WHERE organization_id = $1 AND assignment_id = $2 AND email_key = ANY($3::varchar[])`,
      [organizationId, assignmentId, emailKeys],
    );
    return rows.map((r) => r.email_key);
  }

  async insertRequests(
    organizationId: string,
    assignmentId: string,
    by: string,
    expiresAt: Date,
    requests: NewRequest[],
  ): Promise<RequestRow[]> {
    requireOrganization(organizationId);
    return this.db.query<RequestRow>(
      `INSERT INTO feedback_requests (id, organization_id, assignment_id, respondent_user_id, email, email_key, name,
                                      token_hash, expires_at, requested_by)
       SELECT r.id, $1, $2, r.user_id, r.email, lower(r.email), r.name, r.token_hash, $3, $4
         FROM unnest($5::uuid[], $6::uuid[], $7::varchar[], $8::varchar[], $9::varchar[])
              AS r(id, user_id, email, name, token_hash)
       RETURNING id, assignment_id, respondent_user_id, name, email, expires_at`,
      [
        organizationId,
        assignmentId,
        expiresAt,
        by,
        requests.map((r) => r.id),
        requests.map((r) => r.userId),
        requests.map((r) => r.email),
        requests.map((r) => r.name),
        requests.map((r) => r.tokenHash),
      ],
    );
  }

  /** Requests addressed to the user that are still open: not answered, not expired. */
  async openRequestsFor(
    organizationId: string,
    userId: string,
    now: Date,
    limit: number,
    after?: CursorPosition,
  ): Promise<OpenRequestRow[]> {
    requireOrganization(organizationId);
    const params: unknown[] = [organizationId, userId, now];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = 'AND (q.created_at, q.id) > ($4::timestamptz, $5::uuid)';
    }
    params.push(limit + 1);
    return this.db.query<OpenRequestRow>(
      `SELECT q.id, a.title AS assignment_title, u.name AS lead_name, q.expires_at, ${CURSOR_AT('q.created_at')}
         FROM feedback_requests q
         JOIN assignments a ON a.organization_id = q.organization_id AND a.id = q.assignment_id
         JOIN mentees m ON m.organization_id = a.organization_id AND m.id = a.mentee_id
         JOIN users u ON u.organization_id = m.organization_id AND u.id = m.user_id
        WHERE q.organization_id = $1 AND q.respondent_user_id = $2 AND NOT q.answered AND q.expires_at > $3 ${keyset}
        ORDER BY q.created_at, q.id LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * The organization a link belongs to: the one lookup made before the organization is known,
   * so it reads nothing else.
   */
  async organizationOfLink(tokenHash: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ organization_id: string }>(
      'SELECT organization_id FROM feedback_requests WHERE token_hash = $1',
      [tokenHash],
    );
    return row?.organization_id;
  }

  async lockLink(organizationId: string, tokenHash: string): Promise<LinkRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await this.db.query<LinkRow>(
      `SELECT q.id, q.assignment_id, a.mentee_id, q.answered, q.expires_at, a.title AS assignment_title, u.name AS lead_name,
              (SELECT json_agg(json_build_object('key', k.key, 'name', COALESCE(c.name, k.key)) ORDER BY k.ord)
                 FROM unnest(a.competency_keys) WITH ORDINALITY AS k(key, ord)
                 LEFT JOIN competencies c ON c.organization_id = a.organization_id AND c.key = k.key) AS competencies
         FROM feedback_requests q
         JOIN assignments a ON a.organization_id = q.organization_id AND a.id = q.assignment_id
         JOIN mentees m ON m.organization_id = a.organization_id AND m.id = a.mentee_id
         JOIN users u ON u.organization_id = m.organization_id AND u.id = m.user_id
        WHERE q.organization_id = $1 AND q.token_hash = $2
          FOR UPDATE OF q`,
      [organizationId, tokenHash],
    );
    return row;
  }

  /**
   * The request keeps only that it was answered; its link stops working with it. Every request of
   * the assignment answered before is rewritten in the same statement, so all answered requests
   * carry this transaction's id (`xmin`): the row versions cannot tell which request was answered
   * when, and so cannot be lined up with the responses' insertion order.
   */
  async markAnswered(organizationId: string, assignmentId: string, requestId: string): Promise<void> {
    requireOrganization(organizationId);
    await this.db.query(
      `UPDATE feedback_requests SET answered = true
        WHERE organization_id = $1 AND assignment_id = $2 AND (id = $3 OR answered)`,
      [organizationId, assignmentId, requestId],
    );
  }

  async insertResponse(
    organizationId: string,
    assignmentId: string,
    r: { ratings: Record<string, number>; wentWell: string | null; couldHelp: string | null },
  ): Promise<void> {
    requireOrganization(organizationId);
    await this.db.query(
      `INSERT INTO led_responses (organization_id, assignment_id, ratings, went_well, could_help)
       VALUES ($1, $2, $3, $4, $5)`,
      [organizationId, assignmentId, JSON.stringify(r.ratings), r.wentWell, r.couldHelp],
    );
  }

  /** Per competency of the assignment: mean and how many answers gave 1…5. */
  async competencyAggregates(organizationId: string, assignmentId: string): Promise<CompetencyAggregateRow[]> {
    requireOrganization(organizationId);
    return this.db.query<CompetencyAggregateRow>(
      `SELECT k.key,
              round(avg((r.ratings ->> k.key)::int), 2)::float AS mean,
              ARRAY[count(*) FILTER (WHERE (r.ratings ->> k.key)::int = 1),
                    count(*) FILTER (WHERE (r.ratings ->> k.key)::int = 2),
                    count(*) FILTER (WHERE (r.ratings ->> k.key)::int = 3),
                    count(*) FILTER (WHERE (r.ratings ->> k.key)::int = 4),
                    count(*) FILTER (WHERE (r.ratings ->> k.key)::int = 5)]::int[] AS distribution
         FROM assignments a
         CROSS JOIN LATERAL unnest(a.competency_keys) WITH ORDINALITY AS k(key, ord)
         JOIN led_responses r ON r.organization_id = a.organization_id AND r.assignment_id = a.id AND r.ratings ? k.key
        WHERE a.organization_id = $1 AND a.id = $2
        GROUP BY k.key, k.ord ORDER BY k.ord`,
      [organizationId, assignmentId],
    );
  }

  /** The free-text answers, shuffled by the database so their order says nothing about who wrote them. */
  async comments(organizationId: string, assignmentId: string): Promise<{ wentWell: string[]; couldHelp: string[] }> {
    requireOrganization(organizationId);
    const [row] = await this.db.query<{ went_well: string[]; could_help: string[] }>(
      `SELECT COALESCE((SELECT array_agg(went_well ORDER BY random()) FROM led_responses
                         WHERE organization_id = $1 AND assignment_id = $2 AND went_well IS NOT NULL), '{}') AS went_well,
              COALESCE((SELECT array_agg(could_help ORDER BY random()) FROM led_responses
                         WHERE organization_id = $1 AND assignment_id = $2 AND could_help IS NOT NULL), '{}') AS could_help`,
      [organizationId, assignmentId],
    );
    return { wentWell: row.went_well, couldHelp: row.could_help };
  }
}
