/**
 * The physical ceiling of Leadpath's stack for the benchmarked endpoints: Node's own HTTP server
 * and `pg`, nothing else on the request path. It does the same work as the API, with the same SQL
 * against the same database and the same response mapping:
 *
 *   every request  verify the HS256 bearer token (HMAC-SHA256, expiry, claims), load the user's auth
 *                  state (active, token version, roles) and check the role and the relation to the mentee
 *   log feedback   validate the body, one transaction: competency check, INSERT feedback, INSERT ratings,
 *                  refresh the mentee's readiness read-model row (the same statements as the API),
 *                  INSERT audit event, the outbox as the API writes it (the mentee's nudge: recipient
 *                  and switch, INSERT mail delivery, INSERT its pg-boss job; the webhook event: the
 *                  subscribed endpoints, and their deliveries and jobs when there are any; likewise for
 *                  a readiness level the refresh moved), read the row back; 201 with an ETag
 *   progress       readiness now and at 11 month ends and the journey in parallel, then an audit event
 *   readiness      readiness now, then an audit event
 *   mentee list    one page of the caller's mentees with their readiness from the read model, keyset cursor
 *
 * When the schema has row-level security, the work after the token check runs, as in the API, in one
 * transaction per request as the tenant role with the caller's organization set (see lib/tenant.ts).
 *
 * The same rate-limit counting as the API too (per address, then per user, in memory, with the
 * RateLimit headers), with quotas the load never reaches.
 *
 * What it leaves out is the framework: routing, guards, pipes and validation decorators, interceptors,
 * request logging, security headers. The distance between the two is the cost of those.
 *
 * Environment: DATABASE_URL, PORT, JWT_SECRET, DB_POOL_SIZE (default 10, as the API).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, types, type PoolClient } from 'pg';
import PgBoss from 'pg-boss';
import {
  RateLimiter,
  rateLimitHeader,
  rateLimitPolicyHeader,
  type RateLimitState,
} from '../../libs/platform/src/http/rate-limit';
import { fromDist } from '../lib/dist';
import { tenantTransaction } from '../lib/tenant';

type ReadinessSqlModule = typeof import('../../libs/readiness/src/readiness.sql');
type ReadinessServiceModule = typeof import('../../libs/readiness/src/readiness.service');
type ReadModelModule = typeof import('../../libs/readiness/src/read-model/read-model.repository');
type ReadinessMapperModule = typeof import('../../libs/readiness/src/readiness.mapper');
type FeedbackServiceModule = typeof import('../../libs/feedback/src/feedback.service');
type MenteesServiceModule = typeof import('../../libs/mentees/src/mentees.service');
type GoalsServiceModule = typeof import('../../libs/goals/src/goals.service');
type MilestonesServiceModule = typeof import('../../libs/milestones/src/milestones.service');
type AssessmentsServiceModule = typeof import('../../libs/assessments/src/assessments.service');
type ReadinessRow = import('../../libs/readiness/src/readiness.sql').ReadinessRow;
type JourneyRow = import('../../libs/readiness/src/readiness.repository').JourneyRow;
type FeedbackRow = import('../../libs/feedback/src/feedback.repository').FeedbackRow;
type MenteeRow = import('../../libs/mentees/src/mentees.repository').MenteeRow;
type GoalRow = import('../../libs/goals/src/goals.repository').GoalRow;
type MilestoneRow = import('../../libs/milestones/src/milestones.repository').MilestoneRow;
type AssessmentRow = import('../../libs/assessments/src/assessments.repository').AssessmentRow;
type UnitOfWorkModule = typeof import('../../libs/platform/src/database/unit-of-work');
type NotificationsRepositoryModule = typeof import('../../libs/notifications/src/notifications.repository');
type MailRepositoryModule = typeof import('../../libs/mail/src/mail.repository');
type WebhooksRepositoryModule = typeof import('../../libs/webhooks/src/webhooks.repository');
type UnitSql = import('../../libs/platform/src/database/database.service').Sql;

// The readiness definition and the response mappers are the application's own, from the build.
const { compileReadiness } = fromDist<ReadinessSqlModule>('libs/readiness/src/readiness.sql');
const { trendPoints } = fromDist<ReadinessServiceModule>('libs/readiness/src/readiness.service');
const { toReadinessResponse } = fromDist<ReadinessMapperModule>('libs/readiness/src/readiness.mapper');
const { toFeedbackResponse } = fromDist<FeedbackServiceModule>('libs/feedback/src/feedback.service');
const { toMenteeResponse } = fromDist<MenteesServiceModule>('libs/mentees/src/mentees.service');
const { refreshReadiness } = fromDist<ReadModelModule>('libs/readiness/src/read-model/read-model.repository');
const { toGoalResponse } = fromDist<GoalsServiceModule>('libs/goals/src/goals.service');
const { toMilestoneResponse } = fromDist<MilestonesServiceModule>('libs/milestones/src/milestones.service');
const { toAssessmentResponse } = fromDist<AssessmentsServiceModule>('libs/assessments/src/assessments.service');

// The outbox's statements are the application's own repositories', run on the request's transaction.
const { runInUnit } = fromDist<UnitOfWorkModule>('libs/platform/src/database/unit-of-work');
/** Runs the application's queries in `fn` on `sql`'s transaction, as the API's unit of work does. */
const onUnit = <T>(sql: UnitSql, fn: () => Promise<T>): Promise<T> =>
  runInUnit({ run: (text, params) => sql.query(text, params) }, fn);
const notificationsRepository = new (fromDist<NotificationsRepositoryModule>(
  'libs/notifications/src/notifications.repository',
).NotificationsRepository)();
const mailRepository = new (fromDist<MailRepositoryModule>('libs/mail/src/mail.repository').MailRepository)();
const webhooksRepository = new (fromDist<WebhooksRepositoryModule>(
  'libs/webhooks/src/webhooks.repository',
).WebhooksRepository)();
// Jobs are inserted by pg-boss itself on the caller's connection, as JobsService does; it never starts here.
const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: 'pgboss' });

/** What the API's outbox writes for an event: the deliveries to the subscribed endpoints and their jobs. */
async function publishEvent(sql: UnitSql, organizationId: string, type: string, menteeId: string, data: object) {
  const endpoints = await onUnit(sql, () => webhooksRepository.subscribers(organizationId, type));
  if (endpoints.length === 0) return;
  const [name] = await sql.query<{ name: string }>(
    'SELECT u.name FROM mentees m JOIN users u ON u.id = m.user_id WHERE m.id = $1',
    [menteeId],
  );
  const payload = JSON.stringify({
    type,
    timestamp: new Date().toISOString(),
    data: { menteeId, menteeName: name?.name ?? null, ...data },
  });
  const ids = await onUnit(sql, () =>
    webhooksRepository.insertDeliveries(
      organizationId,
      endpoints.map((endpointId) => ({ endpointId, eventType: type, payload })),
    ),
  );
  for (const deliveryId of ids)
    await enqueue(sql, 'webhooks.deliver', { organizationId, deliveryId, attempt: 0 }, deliveryId);
}

async function enqueue(sql: UnitSql, name: string, data: object, id: string): Promise<void> {
  await boss.send(name, data, {
    id,
    db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await sql.query(text, values) }) },
  });
}

// Calendar dates stay 'YYYY-MM-DD' strings, as in the API.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/*
 * The statements below are the API's, copied from the repositories where they are not exported
 * (the runner compares both servers' answers before measuring, so a drift shows up there).
 */
const AUTH_STATE_SQL = `SELECT u.id, u.organization_id, u.roles, u.active, u.token_version, m.id AS mentee_id
         FROM users u LEFT JOIN mentees m ON m.user_id = u.id
        WHERE u.id = $1`;

const MENTEE_RELATIONS_SQL = `SELECT m.id, m.id AS mentee_id, m.user_id = $2 AS is_self, m.manager_id = $2 AS is_manager,
                   m.mentor_id IS NOT DISTINCT FROM $2 AS is_mentor, false AS is_author, false AS is_private
             FROM mentees m WHERE m.organization_id = $1 AND m.id = ANY($3::uuid[])`;

const UNKNOWN_COMPETENCIES_SQL = `SELECT k AS key FROM unnest($2::varchar[]) AS k
        WHERE NOT EXISTS (SELECT 1 FROM competencies c WHERE c.organization_id = $1 AND c.key = k AND c.retired_at IS NULL)`;

const INSERT_FEEDBACK_SQL = `INSERT INTO feedback (organization_id, mentee_id, author_id, author_role, occurred_on, visibility,
                             strengths, gaps, next_steps, need_to_see, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp(), clock_timestamp()) RETURNING id`;

const INSERT_RATINGS_SQL = `INSERT INTO feedback_ratings (organization_id, feedback_id, competency_key, rating)
       SELECT $1, $2, k, r FROM unnest($3::varchar[], $4::smallint[]) AS t(k, r)`;

const INSERT_AUDIT_SQL = `INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, request_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::uuid[], $6::varchar[], $7::varchar[])`;

const CURSOR_AT = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

const FEEDBACK_BY_ID_SQL = `SELECT f.id, f.mentee_id, f.author_id, a.name AS author_name, f.author_role, f.occurred_on, f.visibility,
       COALESCE((SELECT json_agg(json_build_object('competency', r.competency_key, 'rating', r.rating) ORDER BY r.competency_key)
                   FROM feedback_ratings r WHERE r.feedback_id = f.id), '[]'::json) AS ratings,
       f.strengths, f.gaps, f.next_steps, f.need_to_see, f.version, f.acknowledged_at, f.acknowledged_version, f.created_at, f.updated_at,
       ${CURSOR_AT('f.created_at')}
  FROM feedback f JOIN users a ON a.id = f.author_id WHERE f.organization_id = $1 AND f.id = $2`;

/** `scope` is the access predicate over `m`; the organization and the limit are the last two parameters. */
const MENTEE_PAGE_SQL = (scope: string, count: number) => `SELECT m.*, u.name, u.email,
       ${CURSOR_AT('m.created_at')},
       r.score, r.level, r.last_shared_on,
       (r.last_shared_on IS NULL OR r.last_shared_on < (now() AT TIME ZONE 'UTC')::date
         - COALESCE((SELECT s.stale_feedback_days FROM organization_settings s WHERE s.organization_id = m.organization_id), 30)) AS stale,
       r.as_of AS readiness_as_of,
       (r.generation < COALESCE((SELECT g.generation FROM readiness_generations g WHERE g.organization_id = m.organization_id), 0)
        OR COALESCE(r.valid_until <= now(), false)) AS readiness_pending
  FROM mentees m JOIN users u ON u.id = m.user_id
  LEFT JOIN mentee_readiness r ON r.mentee_id = m.id
 WHERE m.organization_id = $${count - 1} AND ${scope}
 ORDER BY m.created_at, m.id LIMIT $${count}`;

// Copied from ReadinessRepository.journey().
const JOURNEY_SQL = `SELECT
         (SELECT json_agg(x ORDER BY x.position, x.key) FROM (
            SELECT t.id AS template_id, t.key, t.phase, t.title, t.description, t.required, t.position,
                   r.id AS record_id, r.status, r.evidence_text, r.evidence_links, r.recorded_by, r.recorded_at,
                   r.verified_by, v.name AS verified_by_name, r.verified_at, r.revoked_at, r.revoke_reason
              FROM milestone_templates t
              LEFT JOIN mentee_milestones r ON r.template_id = t.id AND r.mentee_id = m.id
              LEFT JOIN users v ON v.id = r.verified_by
             WHERE t.organization_id = m.organization_id AND t.phase = m.phase AND t.retired_at IS NULL) x) AS milestones,
         (SELECT json_agg(x ORDER BY x.created_at, x.id) FROM (
            SELECT g.id, g.mentee_id, g.title, g.competency_key, g.description, g.target_date, g.status,
                   (g.status = 'open' AND g.target_date < (now() AT TIME ZONE 'UTC')::date) AS overdue,
                   (SELECT c.progress FROM goal_check_ins c WHERE c.goal_id = g.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS latest_progress,
                   g.status_changed_at, g.confirmed_at, g.confirmed_by, g.created_by, g.created_at, g.updated_at
              FROM goals g
             WHERE g.mentee_id = m.id
               AND (g.status = 'open' OR g.id IN (SELECT id FROM goals WHERE mentee_id = m.id AND status <> 'open'
                                                  ORDER BY status_changed_at DESC NULLS LAST LIMIT 10))) x) AS goals,
         (SELECT json_agg(x ORDER BY x.occurred_on DESC, x.created_at DESC) FROM (
            SELECT f.id, f.mentee_id, f.author_id, a.name AS author_name, f.author_role, f.occurred_on, f.visibility,
                   COALESCE((SELECT json_agg(json_build_object('competency', r.competency_key, 'rating', r.rating) ORDER BY r.competency_key)
                               FROM feedback_ratings r WHERE r.feedback_id = f.id), '[]'::json) AS ratings,
                   f.strengths, f.gaps, f.next_steps, f.need_to_see, f.version, f.acknowledged_at, f.acknowledged_version, f.created_at, f.updated_at
              FROM feedback f JOIN users a ON a.id = f.author_id
             WHERE f.mentee_id = m.id AND f.visibility = 'shared'
             ORDER BY f.occurred_on DESC, f.created_at DESC LIMIT 5) x) AS recent_feedback,
         (SELECT json_agg(x) FROM (
            SELECT DISTINCT ON (a.kind) a.id, a.mentee_id, a.kind, a.author_id, a.answers, a.fit, a.suggestion, a.created_at
              FROM assessments a WHERE a.mentee_id = m.id ORDER BY a.kind, a.created_at DESC, a.id DESC) x) AS assessments
       FROM mentees m WHERE m.organization_id = $1 AND m.id = $2`;

type Role = 'hr_admin' | 'manager' | 'mentee';
type Relation = 'hr' | 'manager' | 'mentor' | 'self';

interface Actor {
  userId: string;
  organizationId: string;
  roles: Role[];
  requestId: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const unauthenticated = () => new HttpError(401, 'unauthenticated', 'A valid access token is required');
const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
const forbidden = () => new HttpError(403, 'forbidden', 'You may not do this');
const invalid = (message: string) => new HttpError(400, 'validation_failed', message);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMPETENCY_KEY = /^[a-z][a-z0-9_]{1,47}$/;
const FREE_TEXT = /^(?:[^\p{Cc}\p{Cf}]|[\n\t])*$/u;
const BODY_LIMIT = 256 * 1024;

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
  connectionTimeoutMillis: 2000,
  statement_timeout: 15000,
  idle_in_transaction_session_timeout: 30000,
  application_name: 'bench-baseline',
  // As the API's connections (data-source-options.ts).
  options: '-c jit=off',
});
const jwtKey = Buffer.from(process.env.JWT_SECRET ?? '', 'utf8');

type Sql = Pool | PoolClient;

async function query<T>(text: string, params: unknown[], sql: Sql = pool): Promise<T[]> {
  return (await sql.query(text, params)).rows as T[];
}

/** Set at start: how the API opens a request's tenant transaction, if the schema has row-level security. */
let tenantBegin: ((organizationId: string) => string) | undefined;

/** Where a request's statements run, and whether that is already one transaction. */
interface Session {
  sql: Sql;
  inTransaction: boolean;
}

/** Runs `fn` in a transaction of its own on a pooled connection. */
async function transaction<T>(fn: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The request's work after authentication: one tenant transaction under row-level security, or the pool. */
function withSession<T>(actor: Actor, fn: (session: Session) => Promise<T>): Promise<T> {
  if (!tenantBegin) return fn({ sql: pool, inTransaction: false });
  return transaction((client) => fn({ sql: client, inTransaction: true }), tenantBegin(actor.organizationId));
}

/** A unit that must land together: the request's own transaction when there is one. */
function atomically<T>(session: Session, fn: (sql: Sql) => Promise<T>): Promise<T> {
  return session.inTransaction ? fn(session.sql) : transaction(fn);
}

// ---- authentication: the bearer token, then the user's current state --------------------------

interface TokenClaims {
  sub: string;
  org: string;
  ver: number;
}

function verifyToken(authorization: string | undefined): TokenClaims {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
  const parts = token.split('.');
  if (parts.length !== 3) throw unauthenticated();
  const [header, payload, signature] = parts;
  const expected = createHmac('sha256', jwtKey).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthenticated();
  try {
    const alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (alg !== 'HS256' || typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw unauthenticated();
    if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || typeof claims.ver !== 'number') {
      throw unauthenticated();
    }
    if (!UUID.test(claims.sub)) throw unauthenticated();
    return { sub: claims.sub, org: claims.org, ver: claims.ver };
  } catch {
    throw unauthenticated();
  }
}

// ---- rate limits: the API's counters, never refusing here ---------------------------------------

const perAddress = new RateLimiter({ name: 'per-address', quota: 1_000_000_000, windowSeconds: 60 });
const perUser = new RateLimiter({ name: 'per-user', quota: 1_000_000_000, windowSeconds: 60 });
const counted = new WeakMap<IncomingMessage, { res: ServerResponse; address: RateLimitState }>();

function countAddress(req: IncomingMessage, res: ServerResponse): void {
  if (!req.url?.startsWith('/api/v1/')) return;
  const address = perAddress.hit(req.socket.remoteAddress ?? '');
  counted.set(req, { res, address });
  res.setHeader('ratelimit-policy', rateLimitPolicyHeader([perAddress.policy]));
  res.setHeader('ratelimit', rateLimitHeader([{ policy: perAddress.policy, state: address }]));
}

function countUser(req: IncomingMessage, userId: string): void {
  const entry = counted.get(req);
  if (!entry) return;
  const user = perUser.hit(userId);
  entry.res.setHeader('ratelimit-policy', rateLimitPolicyHeader([perAddress.policy, perUser.policy]));
  entry.res.setHeader(
    'ratelimit',
    rateLimitHeader([
      { policy: perAddress.policy, state: entry.address },
      { policy: perUser.policy, state: user },
    ]),
  );
}

async function authenticate(req: IncomingMessage, requestId: string): Promise<Actor> {
  const claims = verifyToken(req.headers.authorization);
  const [state] = await query<{
    id: string;
    organization_id: string;
    roles: Role[];
    active: boolean;
    token_version: number;
  }>(AUTH_STATE_SQL, [claims.sub]);
  if (!state || !state.active || state.token_version !== claims.ver || state.organization_id !== claims.org) {
    throw unauthenticated();
  }
  countUser(req, state.id);
  return { userId: state.id, organizationId: state.organization_id, roles: state.roles, requestId };
}

// ---- access: how the caller stands to one mentee ------------------------------------------------

async function menteeRelations(sql: Sql, actor: Actor, menteeId: string): Promise<Relation[]> {
  const [row] = await query<{ is_self: boolean; is_manager: boolean; is_mentor: boolean }>(
    MENTEE_RELATIONS_SQL,
    [actor.organizationId, actor.userId, [menteeId]],
    sql,
  );
  if (!row) return [];
  const has = (role: Role) => actor.roles.includes(role);
  const relations: Relation[] = [];
  if (has('hr_admin')) relations.push('hr');
  if (row.is_manager && has('manager')) relations.push('manager');
  if (row.is_mentor && has('manager')) relations.push('mentor');
  if (row.is_self && has('mentee')) relations.push('self');
  return relations;
}

/** 404 when the mentee is invisible to the caller, 403 when visible but the relation may not do this. */
async function requireMentee(sql: Sql, actor: Actor, menteeId: string, allow: Relation[]): Promise<Relation[]> {
  const relations = await menteeRelations(sql, actor, menteeId);
  if (relations.length === 0) throw notFound('Mentee');
  if (!relations.some((r) => allow.includes(r))) throw forbidden();
  return relations;
}

function recordRead(sql: Sql, actor: Actor, action: string, objectType: string, objectId: string): Promise<unknown> {
  return query(
    INSERT_AUDIT_SQL,
    [[actor.organizationId], [actor.userId], [action], [objectType], [objectId], ['success'], [actor.requestId]],
    sql,
  );
}

// ---- handlers --------------------------------------------------------------------------------------

interface NewFeedback {
  occurredOn: string;
  visibility: 'shared' | 'private';
  ratings: { competency: string; rating: number }[];
  strengths: string | null;
  gaps: string | null;
  nextSteps: string | null;
  needToSee: string | null;
}

const FEEDBACK_FIELDS = new Set(['occurredOn', 'visibility', 'ratings', 'strengths', 'gaps', 'nextSteps', 'needToSee']);

function freeText(body: Record<string, unknown>, field: string): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  const text = value.trim();
  if (text.length > 4000 || !FREE_TEXT.test(text))
    throw invalid(`${field} must be printable text of at most 4000 characters`);
  return text || null;
}

/** The same rules as CreateFeedbackDto and the service's own checks (dates, duplicate ratings). */
function parseFeedback(raw: string): NewFeedback {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw invalid('the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body must be an object');
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((k) => !FEEDBACK_FIELDS.has(k));
  if (unknown) throw invalid(`property ${unknown} should not exist`);
  const { occurredOn, visibility, ratings } = fields;
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  if (typeof occurredOn !== 'string' || !DATE.test(occurredOn) || Number.isNaN(Date.parse(occurredOn))) {
    throw invalid('occurredOn must be a date (YYYY-MM-DD)');
  }
  if (new Date(`${occurredOn}T00:00:00Z`).toISOString().slice(0, 10) !== occurredOn)
    throw invalid('occurredOn must be a real date');
  if (occurredOn < '2000-01-01' || occurredOn > tomorrow)
    throw invalid(`occurredOn must be a day between 2000-01-01 and ${tomorrow}`);
  if (visibility !== 'shared' && visibility !== 'private') throw invalid('visibility must be shared or private');
  if (!Array.isArray(ratings) || ratings.length > 50) throw invalid('ratings must be an array of at most 50');
  const seen = new Set<string>();
  for (const r of ratings as unknown[]) {
    const { competency, rating } = (r ?? {}) as Record<string, unknown>;
    if (typeof competency !== 'string' || !COMPETENCY_KEY.test(competency))
      throw invalid('competency must be a competency key');
    if (!Number.isInteger(rating) || (rating as number) < 1 || (rating as number) > 5)
      throw invalid('rating must be 1 to 5');
    if (seen.has(competency)) throw invalid('rated twice in one entry');
    seen.add(competency);
  }
  return {
    occurredOn,
    visibility,
    ratings: (ratings as { competency: string; rating: number }[]).map((r) => ({
      competency: r.competency,
      rating: r.rating,
    })),
    strengths: freeText(fields, 'strengths'),
    gaps: freeText(fields, 'gaps'),
    nextSteps: freeText(fields, 'nextSteps'),
    needToSee: freeText(fields, 'needToSee'),
  };
}

async function logFeedback(actor: Actor, menteeId: string, raw: string): Promise<[number, unknown, string?]> {
  const dto = parseFeedback(raw);
  const row = await withSession(actor, async (session) => {
    const relations = await requireMentee(session.sql, actor, menteeId, ['manager', 'mentor']);
    const authorRole = relations.includes('manager') ? 'manager' : 'mentor';
    if (authorRole === 'mentor' && dto.visibility === 'private') throw invalid('a mentor logs shared feedback only');
    // The repositories' queries run on the current unit of work: here, the request's transaction.
    const statementsOn = (tx: Sql) => ({
      run: async <T>(text: string, params?: unknown[]) => (await tx.query(text, params)).rows as T[],
    });
    return atomically(session, (tx) =>
      runInUnit(statementsOn(tx), async () => {
        const keys = dto.ratings.map((r) => r.competency);
        if (keys.length > 0) {
          const unknown = await query<{ key: string }>(UNKNOWN_COMPETENCIES_SQL, [actor.organizationId, keys], tx);
          if (unknown.length > 0) throw invalid(`${unknown[0].key} is not an active competency of this organization`);
        }
        const [{ id }] = await query<{ id: string }>(
          INSERT_FEEDBACK_SQL,
          [
            actor.organizationId,
            menteeId,
            actor.userId,
            authorRole,
            dto.occurredOn,
            dto.visibility,
            dto.strengths,
            dto.gaps,
            dto.nextSteps,
            dto.needToSee,
          ],
          tx,
        );
        if (keys.length > 0) {
          await query(INSERT_RATINGS_SQL, [actor.organizationId, id, keys, dto.ratings.map((r) => r.rating)], tx);
        }
        const sql: UnitSql = { query: async (text, params) => (await tx.query(text, params)).rows };
        const moved = await refreshReadiness(actor.organizationId, [menteeId]);
        for (const change of moved) {
          await publishEvent(sql, actor.organizationId, 'readiness.level_changed', change.menteeId, {
            from: change.from,
            to: change.to,
            score: change.score,
          });
        }
        await query(
          INSERT_AUDIT_SQL,
          [
            [actor.organizationId],
            [actor.userId],
            ['feedback.create'],
            ['feedback'],
            [id],
            ['success'],
            [actor.requestId],
          ],
          tx,
        );
        if (dto.visibility === 'shared') {
          const recipientId = await notificationsRepository.menteeRecipient(menteeId, 'feedbackShared');
          if (recipientId && recipientId !== actor.userId) {
            const delivery = {
              organizationId: actor.organizationId,
              recipientId,
              kind: 'feedback_shared',
              subjectId: id,
            };
            const deliveryId = await mailRepository.insert(delivery);
            await enqueue(sql, 'mail.send', { organizationId: actor.organizationId, deliveryId }, deliveryId);
          }
          await publishEvent(sql, actor.organizationId, 'feedback.created', menteeId, {
            feedbackId: id,
            authorId: actor.userId,
            visibility: 'shared',
            occurredOn: dto.occurredOn,
            ratings: dto.ratings,
          });
        }
        const [created] = await query<FeedbackRow>(FEEDBACK_BY_ID_SQL, [actor.organizationId, id], tx);
        return created;
      }),
    );
  });
  const response = toFeedbackResponse(row);
  return [201, response, `"${response.version}"`];
}

async function readiness(actor: Actor, menteeId: string): Promise<[number, unknown]> {
  const row = await withSession(actor, async ({ sql }) => {
    await requireMentee(sql, actor, menteeId, ['hr', 'manager', 'mentor', 'self']);
    const q = compileReadiness({ organizationId: actor.organizationId, filter: { menteeIds: [menteeId] } });
    const [found] = await query<ReadinessRow>(q.sql, q.parameters, sql);
    if (!found) throw notFound('Mentee');
    await recordRead(sql, actor, 'readiness.read', 'mentee', menteeId);
    return found;
  });
  return [200, toReadinessResponse(row)];
}

async function progress(actor: Actor, menteeId: string): Promise<[number, unknown]> {
  const [rows, journey] = await withSession(actor, async ({ sql }) => {
    await requireMentee(sql, actor, menteeId, ['hr', 'manager', 'mentor', 'self']);
    const q = compileReadiness({
      organizationId: actor.organizationId,
      filter: { menteeIds: [menteeId] },
      earlier: trendPoints(),
    });
    // Concurrent on the pool; on one tenant connection pg queues them, as it does for the API.
    const [trend, [found]] = await Promise.all([
      query<ReadinessRow>(q.sql, q.parameters, sql),
      query<JourneyRow>(JOURNEY_SQL, [actor.organizationId, menteeId], sql),
    ]);
    if (trend.length === 0 || !found) throw notFound('Mentee');
    await recordRead(sql, actor, 'progress.read', 'mentee', menteeId);
    return [trend, found] as const;
  });
  const current = rows[rows.length - 1];
  const assessments = (journey.assessments ?? []) as unknown as AssessmentRow[];
  const assessment = (kind: 'self' | 'manager') => {
    const found = assessments.find((a) => a.kind === kind);
    return found ? toAssessmentResponse(found, assessments) : null;
  };
  return [
    200,
    {
      readiness: toReadinessResponse(current),
      trend: rows.map((r) => ({ at: new Date(r.at).toISOString(), phase: r.phase, score: r.score, level: r.level })),
      milestones: ((journey.milestones ?? []) as unknown as MilestoneRow[]).map(toMilestoneResponse),
      goals: ((journey.goals ?? []) as unknown as GoalRow[]).map(toGoalResponse),
      recentFeedback: ((journey.recent_feedback ?? []) as unknown as FeedbackRow[]).map(toFeedbackResponse),
      assessments: { self: assessment('self'), manager: assessment('manager') },
    },
  ];
}

async function listMentees(actor: Actor, search: URLSearchParams): Promise<[number, unknown]> {
  const rawLimit = search.get('limit') ?? '50';
  if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 200)
    throw invalid('limit must be 1 to 200');
  const limit = Number(rawLimit);
  const has = (role: Role) => actor.roles.includes(role);
  // The access policy's scope predicate: HR sees everyone, a manager their reports and mentees, a mentee themself.
  const params: unknown[] = has('hr_admin') ? [] : [actor.userId];
  const clauses = [
    ...(has('manager') ? ['m.manager_id = $1', 'm.mentor_id = $1'] : []),
    ...(has('mentee') ? ['m.user_id = $1'] : []),
  ];
  const scope = has('hr_admin') ? 'TRUE' : clauses.length ? `(${clauses.join(' OR ')})` : 'FALSE';
  params.push(actor.organizationId, limit + 1);
  const [page, more, earlier] = await withSession(actor, async ({ sql }) => {
    const rows = await query<MenteeRow>(MENTEE_PAGE_SQL(scope, params.length), params, sql);
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    // The trend's previous point: the one definition at last month's end, for the page's mentees.
    const earlier = new Map<string, number>();
    if (page.length > 0) {
      const q = compileReadiness({
        organizationId: actor.organizationId,
        filter: { menteeIds: page.map((r) => r.id) },
        at: trendPoints().at(-1)!,
      });
      for (const r of await query<ReadinessRow>(q.sql, q.parameters, sql)) earlier.set(r.mentee_id, Number(r.score));
    }
    return [page, more, earlier] as const;
  });
  const last = page[page.length - 1];
  return [
    200,
    {
      items: page.map((r) => toMenteeResponse(r, earlier.get(r.id))),
      nextCursor: more && last ? Buffer.from(`${last.cursor_at}|${last.id}`, 'utf8').toString('base64url') : null,
    },
  ];
}

// ---- HTTP -------------------------------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(new HttpError(413, 'payload_too_large', 'The body is too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string, etag?: string): void {
  const json = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'x-request-id': requestId,
  };
  if (etag) headers.etag = etag;
  res.writeHead(status, headers).end(json);
}

const MENTEE_ROUTE = /^\/api\/v1\/mentees\/([^/]+)\/(feedback|progress|readiness)$/;

async function route(req: IncomingMessage, requestId: string): Promise<[number, unknown, string?]> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/health/ready') {
    await pool.query('SELECT 1');
    return [200, { status: 'ok' }];
  }
  const match = MENTEE_ROUTE.exec(url.pathname);
  if (match) {
    const [, id, what] = match;
    if (what === 'feedback' && req.method === 'POST') {
      const raw = await readBody(req);
      const actor = await authenticate(req, requestId);
      if (!actor.roles.includes('manager')) throw forbidden();
      if (!UUID.test(id)) throw invalid('id must be a UUID');
      return logFeedback(actor, id.toLowerCase(), raw);
    }
    if (req.method === 'GET' && what !== 'feedback') {
      const actor = await authenticate(req, requestId);
      if (!UUID.test(id)) throw invalid('id must be a UUID');
      return what === 'progress' ? progress(actor, id.toLowerCase()) : readiness(actor, id.toLowerCase());
    }
  }
  if (req.method === 'GET' && url.pathname === '/api/v1/mentees') {
    return listMentees(await authenticate(req, requestId), url.searchParams);
  }
  throw notFound('Route');
}

const server = createServer((req, res) => {
  const requestId = randomUUID();
  countAddress(req, res);
  route(req, requestId).then(
    ([status, body, etag]) => send(res, status, body, requestId, etag),
    (error: unknown) => {
      if (error instanceof HttpError) {
        send(
          res,
          error.status,
          { statusCode: error.status, error: error.code, message: error.message, requestId },
          requestId,
        );
      } else {
        process.stderr.write(`baseline: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        send(res, 500, { statusCode: 500, error: 'internal', message: 'Internal error', requestId }, requestId);
      }
    },
  );
});

tenantTransaction(pool).then(
  (begin) => {
    tenantBegin = begin;
    server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : '?';
      const mode = begin ? 'one tenant transaction per request (row-level security)' : 'statements on the pool';
      process.stdout.write(`baseline listening on port ${port}; ${mode}\n`);
    });
  },
  (error: unknown) => {
    process.stderr.write(`baseline: ${String(error)}\n`);
    process.exit(1);
  },
);

const shutdown = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
