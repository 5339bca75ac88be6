import { Injectable } from '@nestjs/common';
import { sql, type InferResult, type Selectable } from 'kysely';
import { cursorAt, type DB, newerThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import type { Approval } from './entities/feedback-request.entity';

export interface NewRequest {
  id: string;
  userId: string | null;
  email: string;
  name: string;
  /** `user:<id>` or `email:<address>`: the person, whatever address they were asked by. */
  key: string;
  approval: Approval;
  decidedBy: string | null;
  tokenHash: string;
}

type FeedbackRequest = Selectable<DB['feedback_requests']>;
type Assignment = Selectable<DB['assignments']>;

/** A request as the one asking sees it. */
export type RequestRow = Pick<
  FeedbackRequest,
  'id' | 'assignment_id' | 'respondent_user_id' | 'name' | 'email' | 'expires_at'
> & { approval: Approval };

export type ListedRequestRow = InferResult<ReturnType<typeof listedRequests>>[number];

/** A user of the organization an asked address or id resolves to. */
export type RespondentUser = InferResult<ReturnType<typeof respondentUsers>>[number];

export type OpenRequestRow = InferResult<ReturnType<typeof openRequests>>[number];

/** A link's request with what the respondent's page shows, locked against a concurrent answer. */
export type LinkRow = Pick<FeedbackRequest, 'id' | 'assignment_id' | 'answered' | 'expires_at'> &
  Pick<Assignment, 'mentee_id'> & {
    approval: Approval;
    assignment_title: Assignment['title'];
    lead_name: Selectable<DB['users']>['name'];
    competencies: { key: string; name: string }[];
  };

/** Computed per competency from the published answers: no table holds it. */
export type CompetencyAggregateRow = InferResult<ReturnType<typeof competencyAggregates>>[number];

/** Assignments (`a`) with their aspiring lead: the mentee record (`m`) and its user (`u`). */
function assignmentsWithLead() {
  return qb
    .selectFrom('assignments as a')
    .innerJoin('mentees as m', (join) =>
      join.onRef('m.organization_id', '=', 'a.organization_id').onRef('m.id', '=', 'a.mentee_id'),
    )
    .innerJoin('users as u', (join) =>
      join.onRef('u.organization_id', '=', 'm.organization_id').onRef('u.id', '=', 'm.user_id'),
    );
}

/** The address with any `+tag` removed: how an asked address is matched to the user. */
const stripped = sql<string>`regexp_replace(email, '[+][^@]*@', '@')`;

function respondentUsers(organizationId: string) {
  return qb
    .selectFrom('users')
    .select(['id', 'email', 'name', 'active', stripped.as('untagged')])
    .where('organization_id', '=', organizationId);
}

function listedRequests(organizationId: string, assignmentId: string) {
  return qb
    .selectFrom('feedback_requests as q')
    .select([
      'q.id',
      'q.assignment_id',
      'q.respondent_user_id',
      'q.name',
      'q.email',
      'q.approval',
      'q.expires_at',
      'q.requested_by',
      'q.decided_by',
      'q.decided_at',
      cursorAt('q.created_at').as('cursor_at'),
    ])
    .where('q.organization_id', '=', organizationId)
    .where('q.assignment_id', '=', assignmentId)
    .$narrowType<{ approval: Approval }>();
}

function openRequests(organizationId: string, userId: string, now: Date) {
  return assignmentsWithLead()
    .innerJoin('feedback_requests as q', (join) =>
      join.onRef('q.organization_id', '=', 'a.organization_id').onRef('q.assignment_id', '=', 'a.id'),
    )
    .innerJoin('users as asker', (join) =>
      join.onRef('asker.organization_id', '=', 'q.organization_id').onRef('asker.id', '=', 'q.requested_by'),
    )
    .select([
      'q.id',
      'a.title as assignment_title',
      'u.name as lead_name',
      'asker.name as asked_by_name',
      'q.expires_at',
      cursorAt('q.created_at').as('cursor_at'),
    ])
    .where('q.organization_id', '=', organizationId)
    .where('q.respondent_user_id', '=', userId)
    .where('q.approval', '=', 'approved')
    .where('q.answered', '=', false)
    .where('q.expires_at', '>', now);
}

/**
 * Per competency of the assignment, in the assignment's order: the mean of the published answers'
 * ratings of it and how many answers gave 1…5.
 */
function competencyAggregates(organizationId: string, assignmentId: string) {
  const rating = sql<number>`(r.ratings ->> k.key)::int`;
  const answeredWith = (n: number) => sql`count(*) FILTER (WHERE ${rating} = ${sql.lit(n)})`;
  return qb
    .selectFrom('assignments as a')
    .crossJoinLateral(
      sql<{ key: string; ord: string }>`unnest(a.competency_keys) WITH ORDINALITY`.as<'k'>(sql`k(key, ord)`),
    )
    .innerJoin('led_responses as r', (join) =>
      join
        .onRef('r.organization_id', '=', 'a.organization_id')
        .onRef('r.assignment_id', '=', 'a.id')
        .on((eb) => eb.ref('r.published'))
        .on(sql<boolean>`r.ratings ? k.key`),
    )
    .select([
      'k.key',
      sql<number>`round(avg(${rating}), 2)::float`.as('mean'),
      sql<number[]>`ARRAY[${sql.join([1, 2, 3, 4, 5].map(answeredWith))}]::int[]`.as('distribution'),
    ])
    .where('a.organization_id', '=', organizationId)
    .where('a.id', '=', assignmentId)
    .groupBy(['k.key', 'k.ord'])
    .orderBy('k.ord');
}

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('led voice repository called without an organization id');
}

/** Feedback requests about assignments, their links, and the anonymous answers of those led. */
@Injectable()
export class LedVoiceRepository {
  /**
   * Users of the organization who are among `ids`, or whose address is among `untagged` once its
   * `+tag` is removed (addresses are stored canonical: NFKC, case-folded). An address that belongs
   * to a user is that user, however it is spelled.
   */
  async respondentUsers(organizationId: string, ids: string[], untagged: string[]): Promise<RespondentUser[]> {
    requireOrganization(organizationId);
    if (ids.length === 0 && untagged.length === 0) return [];
    return respondentUsers(organizationId)
      .where((eb) =>
        eb.or([
          ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
          ...(untagged.length > 0 ? [eb(stripped, 'in', untagged)] : []),
        ]),
      )
      .execute();
  }

  /** The organization's own domains among `domains`: those of its users' addresses. */
  async ownDomains(organizationId: string, domains: string[]): Promise<string[]> {
    requireOrganization(organizationId);
    if (domains.length === 0) return [];
    const domain = sql<string>`split_part(email, '@', 2)`;
    const rows = await qb
      .selectFrom('users')
      .select(domain.as('domain'))
      .distinct()
      .where('organization_id', '=', organizationId)
      .where(domain, 'in', domains)
      .execute();
    return rows.map((r) => r.domain);
  }

  /** Feedback requests the user has sent since `since`, over all assignments. */
  async requestsSentSince(organizationId: string, userId: string, since: Date): Promise<number> {
    requireOrganization(organizationId);
    const [row] = await qb
      .selectFrom('feedback_requests')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('organization_id', '=', organizationId)
      .where('requested_by', '=', userId)
      .where('created_at', '>=', since)
      .execute();
    return row.n;
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
    const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const query = qb
      .selectFrom('users as u')
      .innerJoin('assignments as a', (join) =>
        join.onRef('a.organization_id', '=', 'u.organization_id').on('a.id', '=', assignmentId),
      )
      .innerJoin('mentees as m', (join) =>
        join.onRef('m.organization_id', '=', 'a.organization_id').onRef('m.id', '=', 'a.mentee_id'),
      )
      .select(['u.id', 'u.name', 'u.email', cursorAt('u.created_at').as('cursor_at')])
      .where('u.organization_id', '=', organizationId)
      .where('u.active', '=', true)
      .whereRef('u.id', '<>', 'm.user_id')
      .where(
        sql<boolean>`NOT EXISTS (SELECT 1 FROM feedback_requests q
        WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id AND q.respondent_key = 'user:' || u.id)`,
      )
      .$if(pattern !== undefined, (q) =>
        q.where((eb) => eb.or([eb('u.name', 'ilike', pattern!), eb('u.email', 'ilike', pattern!)])),
      )
      .$if(after !== undefined, (q) => q.where(newerThan('u.created_at', 'u.id', after!)))
      .orderBy('u.created_at')
      .orderBy('u.id')
      .limit(limit + 1);
    return query.execute();
  }

  /** The people (respondent keys) among `keys` already asked about this assignment. */
  async askedPeople(organizationId: string, assignmentId: string, keys: string[]): Promise<string[]> {
    requireOrganization(organizationId);
    if (keys.length === 0) return [];
    const rows = await qb
      .selectFrom('feedback_requests')
      .select('respondent_key')
      .where('organization_id', '=', organizationId)
      .where('assignment_id', '=', assignmentId)
      .where('respondent_key', 'in', keys)
      .execute();
    return rows.map((r) => r.respondent_key);
  }

  async insertRequests(
    organizationId: string,
    assignmentId: string,
    by: string,
    now: Date,
    expiresAt: Date,
    requests: NewRequest[],
  ): Promise<RequestRow[]> {
    requireOrganization(organizationId);
    // created_at follows the application clock: the daily limit counts by it.
    return (
      await sql<RequestRow>`INSERT INTO feedback_requests (id, organization_id, assignment_id, respondent_user_id, email, email_key, name,
                                      respondent_key, approval, decided_by, decided_at, token_hash, expires_at, requested_by, created_at)
       SELECT r.id, ${organizationId}, ${assignmentId}, r.user_id, r.email, lower(r.email), r.name, r.key, r.approval, r.decided_by,
              CASE WHEN r.decided_by IS NOT NULL THEN ${now}::timestamptz END, r.token_hash, ${expiresAt}, ${by}, ${now}
         FROM unnest(${requests.map((r) => r.id)}::uuid[], ${requests.map((r) => r.userId)}::uuid[],
                     ${requests.map((r) => r.email)}::varchar[], ${requests.map((r) => r.name)}::varchar[],
                     ${requests.map((r) => r.key)}::varchar[], ${requests.map((r) => r.approval)}::varchar[],
                     ${requests.map((r) => r.decidedBy)}::uuid[], ${requests.map((r) => r.tokenHash)}::varchar[])
              AS r(id, user_id, email, name, key, approval, decided_by, token_hash)
       RETURNING id, assignment_id, respondent_user_id, name, email, approval, expires_at`.execute(qb)
    ).rows;
  }

  /** Who was asked about the assignment, oldest first; never whether or when anyone answered. */
  async listRequests(
    organizationId: string,
    assignmentId: string,
    approval: Approval | undefined,
    limit: number,
    after?: CursorPosition,
  ): Promise<ListedRequestRow[]> {
    requireOrganization(organizationId);
    const query = listedRequests(organizationId, assignmentId)
      .$if(approval !== undefined, (q) => q.where('q.approval', '=', approval!))
      .$if(after !== undefined, (q) => q.where(newerThan('q.created_at', 'q.id', after!)))
      .orderBy('q.created_at')
      .orderBy('q.id')
      .limit(limit + 1);
    return query.execute();
  }

  /**
   * Approves or declines pending outside addresses of the assignment; an approved link is valid
   * from now. Returns the requests decided (those among `ids` that were pending).
   */
  async decide(
    organizationId: string,
    assignmentId: string,
    ids: string[],
    decision: 'approved' | 'declined',
    by: string,
    now: Date,
    expiresAt: Date,
  ): Promise<string[]> {
    requireOrganization(organizationId);
    const rows = await qb
      .updateTable('feedback_requests')
      .set({ approval: decision, decided_by: by, decided_at: now, expires_at: expiresAt })
      .where('organization_id', '=', organizationId)
      .where('assignment_id', '=', assignmentId)
      .where('id', 'in', ids)
      .where('approval', '=', 'pending')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
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
    const query = openRequests(organizationId, userId, now)
      .$if(after !== undefined, (q) => q.where(newerThan('q.created_at', 'q.id', after!)))
      .orderBy('q.created_at')
      .orderBy('q.id')
      .limit(limit + 1);
    return query.execute();
  }

  /**
   * The organization a link belongs to: the one lookup made before the organization is known,
   * so it reads nothing else.
   */
  async organizationOfLink(tokenHash: string): Promise<string | undefined> {
    const [row] = await qb
      .selectFrom('feedback_requests')
      .select('organization_id')
      .where('token_hash', '=', tokenHash)
      .execute();
    return row?.organization_id;
  }

  async lockLink(organizationId: string, tokenHash: string): Promise<LinkRow | undefined> {
    requireOrganization(organizationId);
    const [row] = (
      await sql<LinkRow>`SELECT q.id, q.assignment_id, a.mentee_id, q.answered, q.approval, q.expires_at, a.title AS assignment_title, u.name AS lead_name,
              (SELECT json_agg(json_build_object('key', k.key, 'name', COALESCE(c.name, k.key)) ORDER BY k.ord)
                 FROM unnest(a.competency_keys) WITH ORDINALITY AS k(key, ord)
                 LEFT JOIN competencies c ON c.organization_id = a.organization_id AND c.key = k.key) AS competencies
         FROM feedback_requests q
         JOIN assignments a ON a.organization_id = q.organization_id AND a.id = q.assignment_id
         JOIN mentees m ON m.organization_id = a.organization_id AND m.id = a.mentee_id
         JOIN users u ON u.organization_id = m.organization_id AND u.id = m.user_id
        WHERE q.organization_id = ${organizationId} AND q.token_hash = ${tokenHash}
          FOR UPDATE OF q`.execute(qb)
    ).rows;
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
    await qb
      .updateTable('feedback_requests')
      .set({ answered: true })
      .where('organization_id', '=', organizationId)
      .where('assignment_id', '=', assignmentId)
      .where((eb) => eb.or([eb('id', '=', requestId), eb('answered', '=', true)]))
      .execute();
  }

  /**
   * Publishes the held answers once there are at least `threshold` of them, counted twice: as
   * answers, and as distinct people whose approved requests are answered but not yet published
   * (the requests know who answered, the answers do not). Returns how many were published.
   */
  async publishHeld(organizationId: string, assignmentId: string, threshold: number): Promise<number> {
    requireOrganization(organizationId);
    const rows = (
      await sql<{ id: string }>`UPDATE led_responses r SET published = true
        WHERE r.organization_id = ${organizationId} AND r.assignment_id = ${assignmentId} AND NOT r.published
          AND (SELECT count(*) FROM led_responses h
                WHERE h.organization_id = ${organizationId} AND h.assignment_id = ${assignmentId} AND NOT h.published) >= ${threshold}
          AND (SELECT count(DISTINCT q.respondent_key) FROM feedback_requests q
                WHERE q.organization_id = ${organizationId} AND q.assignment_id = ${assignmentId}
                  AND q.answered AND q.approval = 'approved')
              - (SELECT count(*) FROM led_responses p
                  WHERE p.organization_id = ${organizationId} AND p.assignment_id = ${assignmentId} AND p.published) >= ${threshold}
        RETURNING r.id`.execute(qb)
    ).rows;
    return rows.length;
  }

  async insertResponse(
    organizationId: string,
    assignmentId: string,
    r: { ratings: Record<string, number>; wentWell: string | null; couldHelp: string | null },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .insertInto('led_responses')
      .values({
        organization_id: organizationId,
        assignment_id: assignmentId,
        ratings: JSON.stringify(r.ratings),
        went_well: r.wentWell,
        could_help: r.couldHelp,
      })
      .execute();
  }

  /** Per competency of the assignment: mean and how many answers gave 1…5. */
  async competencyAggregates(organizationId: string, assignmentId: string): Promise<CompetencyAggregateRow[]> {
    requireOrganization(organizationId);
    return competencyAggregates(organizationId, assignmentId).execute();
  }

  /** The free-text answers, shuffled by the database so their order says nothing about who wrote them. */
  async comments(organizationId: string, assignmentId: string): Promise<{ wentWell: string[]; couldHelp: string[] }> {
    requireOrganization(organizationId);
    const shuffled = (column: 'went_well' | 'could_help') =>
      sql<string[]>`COALESCE((SELECT array_agg(${sql.ref(column)} ORDER BY random()) FROM led_responses
        WHERE organization_id = ${organizationId} AND assignment_id = ${assignmentId} AND published
          AND ${sql.ref(column)} IS NOT NULL), '{}')`;
    const [row] = (
      await sql<{ went_well: string[]; could_help: string[] }>`SELECT ${shuffled('went_well')} AS went_well,
              ${shuffled('could_help')} AS could_help`.execute(qb)
    ).rows;
    return { wentWell: row.went_well, couldHelp: row.could_help };
  }
}
