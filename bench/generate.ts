/**
 * Builds one organization of a given size straight in SQL (INSERT … SELECT over generate_series),
 * so that the benchmark runs against data shaped like a real installation:
 *
 *   - one line manager per ~8 mentees, managers spread over departments, HR admins;
 *   - about a third of the mentees also have a mentor (a manager of another team);
 *   - mentees spread over the four phases (40/30/20/10 %), with one phase change per phase reached;
 *   - a one-on-one every 1–4 weeks since the mentee joined (tenure 2 months to ~5 years, so ~50 entries
 *     per mentee on average and ~21 in the readiness window of the last 365 days), 2–4 ratings each,
 *     ~10 % private notes, every third entry by the mentor where there is one;
 *   - 2–6 goals per mentee (open, achieved, dropped; some open ones overdue) with check-ins;
 *   - milestones of every earlier phase completed and nearly all verified, the current phase part way;
 *   - self-assessments for ~60 % and manager assessments for ~40 % of the mentees;
 *   - the readiness read model, filled by the one definition (as the background recompute fills it).
 *
 * Sizes: S = 1k mentees (~50k feedback), M = 10k (~500k), L = 100k (~5M).
 *
 * As a command (the database must be migrated already):
 *   DATABASE_URL=postgres://… node -r ts-node/register/transpile-only bench/generate.ts --size M
 */
import { randomUUID } from 'node:crypto';
import { hash } from 'argon2';
import { Client, escapeIdentifier, type ClientBase } from 'pg';
import { fromDist } from './lib/dist';

type ReadModelModule = typeof import('../libs/readiness/src/read-model/read-model.repository');

/** Mentees per statement when the read model is filled: one statement per batch, as the background recompute. */
const READ_MODEL_BATCH = 2_000;

export const SIZES = { S: 1_000, M: 10_000, L: 100_000 } as const;
export type Size = keyof typeof SIZES;

/** Every generated account can sign in with this password (handy when poking at a bench database). */
export const BENCH_PASSWORD = 'bench-password-1234';

export interface GeneratedOrganization {
  organizationId: string;
  mentees: number;
  counts: Record<string, number>;
  buildMs: number;
}

const PHASES = `ARRAY['build_credibility','lead_without_title','first_management_role','growing_scope']::varchar[]`;
const COMPETENCIES = `ARRAY['communication','emotional_intelligence','delegation','strategic_thinking','hiring','giving_feedback','managing_up','budgeting']::varchar[]`;
const DEPARTMENTS = `ARRAY['Platform','Networks','Security Operations','Cloud','Service Desk','Data','Identity','Workplace IT','Observability','Databases','Developer Tools','Payments']`;
const FIRST = `ARRAY['Ada','Ben','Chiara','Dmitri','Elif','Farid','Greta','Hiro','Ines','Jonas','Kemi','Lars','Maya','Nikolai','Olu','Priya','Quentin','Rosa','Sven','Tariq','Uma','Viktor','Wen','Ximena','Yusuf','Zofia','Amara','Bruno','Carmen','Dev']`;
const LAST = `ARRAY['Okafor','Lindqvist','Moreau','Novak','Haddad','Tanaka','Schmidt','Costa','Ivanova','Mensah','Kowalski','Duarte','Nguyen','Byrne','Rahman','Fischer','Santos','Yilmaz','Olsen','Reyes','Kaur','Weber','Popescu','Adeyemi','Larsen','Sato','Bianchi','Horvat','Petrov','Walsh']`;
const STRENGTHS = `ARRAY[
  'Ran the planning session crisply and left with owners for every item.',
  'Handled the escalation from the data team calmly and kept everyone informed.',
  'Unblocked two colleagues on the migration without taking the work over.',
  'Wrote a clear design note that the other teams could review on their own.',
  'Gave a junior engineer specific, kind feedback on their first incident review.',
  'Prepared the quarterly review with numbers, not anecdotes.',
  'Said no to a late scope change and explained the trade-off well.',
  'Led the post-incident review without blame and with concrete follow-ups.']`;
const GAPS = `ARRAY[
  'Still jumps into the keyboard when a task is late instead of coaching through it.',
  'Status updates to stakeholders arrive after they ask, not before.',
  'Avoids the budget conversation; let us practise it together.',
  'Meetings run over when decisions are contested.',
  'Delegates tasks but not the context behind them.',
  'Hesitates to raise concerns with senior stakeholders.']`;
const NEXT_STEPS = `ARRAY[
  'Run next week''s planning alone; I will only observe.',
  'Send a weekly written update to the stakeholders of the migration.',
  'Shadow the hiring panel for the two open roles.',
  'Draft the team budget for next quarter and walk me through it.',
  'Pair with the new joiner on the on-call handbook.']`;
const NEED_TO_SEE = `ARRAY[
  'Two more quarters of leading the platform project end to end without escalations to me.',
  'A difficult conversation handled early, on your own, with a clear outcome.',
  'Hiring decisions you can defend with evidence from the interviews.',
  'The team running its own planning while you focus on the roadmap.']`;
const GOAL_TITLES = `ARRAY[
  'Lead the quarterly planning for the team',
  'Hold fortnightly one-on-ones with the two juniors',
  'Present the migration plan to the architecture board',
  'Interview on five hiring panels',
  'Own the on-call rota and its improvements',
  'Draft and defend the team budget',
  'Write the onboarding guide for new joiners',
  'Run three blameless post-incident reviews']`;

/**
 * The statements, in order, with named parameters: `:org_id`, `:mentee_count`, `:password_hash` and `:tag`
 * (a short tag that keeps generated ids and e-mails unique per organization). Each is cast where it is used.
 */
const STEPS: { name: string; sql: string }[] = [
  {
    name: 'organization',
    sql: `INSERT INTO organizations (id, name) VALUES (:org_id::uuid, 'Bench ' || :tag::text || ' (' || :mentee_count::int || ' mentees)')`,
  },
  { name: 'framework', sql: `SELECT leadpath_seed_framework(:org_id::uuid)` },
  {
    // One row per mentee with everything later steps derive from. Volatile columns in a sub-select are
    // evaluated per row (PostgreSQL does not flatten them), so each mentee gets its own draw.
    name: 'plan',
    sql: `CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
          SELECT i, md5(:tag::text || ':mentee:' || i)::uuid AS id, md5(:tag::text || ':mentee-user:' || i)::uuid AS user_id,
                 mgr, md5(:tag::text || ':manager:' || mgr)::uuid AS manager_id,
                 CASE WHEN r_mentor < 0.35 AND managers > 3
                      THEN md5(:tag::text || ':manager:' || ((mgr + 1 + i % 3) % managers))::uuid END AS mentor_id,
                 CASE WHEN r_phase < 0.4 THEN 0 WHEN r_phase < 0.7 THEN 1 WHEN r_phase < 0.9 THEN 2 ELSE 3 END AS phase_no,
                 CASE WHEN r_track < 0.45 THEN 'management' WHEN r_track < 0.7 THEN 'technical_leadership'
                      ELSE 'undecided' END AS track,
                 tenure, first_gap, greatest(1, floor((tenure - first_gap) / 17.5))::int AS feedback_count,
                 2 + floor(r_goals * 5)::int AS goal_count, 2.2 + r_level * 2.6 AS level,
                 now() - tenure * interval '1 day' - r_time * interval '8 hours' AS joined_at
            FROM (SELECT i, (i - 1) / 8 AS mgr, ceil(:mentee_count::int / 8.0)::int AS managers,
                         60 + floor(random() * 1680)::int AS tenure, floor(random() * 35)::int AS first_gap,
                         random() AS r_mentor, random() AS r_phase, random() AS r_track, random() AS r_goals,
                         random() AS r_level, random() AS r_time
                    FROM generate_series(1, :mentee_count::int) i) x`,
  },
  {
    name: 'users',
    sql: `WITH managers AS (SELECT count(DISTINCT mgr)::int AS n FROM bench_plan)
          INSERT INTO users (id, organization_id, email, name, password_hash, roles, created_at, updated_at)
          SELECT id, :org_id::uuid, email, name, :password_hash::text, roles, created, created FROM (
            SELECT md5(:tag::text || ':hr:' || k)::uuid AS id, 'hr' || k || '.' || :tag::text || '@bench.example' AS email,
                   (${FIRST})[1 + (k * 11) % 30] || ' ' || (${LAST})[1 + (k * 17) % 30] AS name,
                   ARRAY['hr_admin']::varchar[] AS roles, now() - interval '6 years' AS created
              FROM generate_series(1, 3) k
            UNION ALL
            SELECT md5(:tag::text || ':manager:' || j)::uuid, 'manager' || j || '.' || :tag::text || '@bench.example',
                   (${FIRST})[1 + (j * 7 + 3) % 30] || ' ' || (${LAST})[1 + (j * 13 + 5) % 30],
                   ARRAY['manager']::varchar[], now() - interval '5 years' - j * interval '1 hour'
              FROM managers, generate_series(0, managers.n - 1) j
            UNION ALL
            SELECT user_id, 'mentee' || i || '.' || :tag::text || '@bench.example',
                   (${FIRST})[1 + (i * 7) % 30] || ' ' || (${LAST})[1 + (i * 13 + i / 30) % 30],
                   ARRAY['mentee']::varchar[], joined_at - interval '1 day'
              FROM bench_plan) u`,
  },
  {
    name: 'mentees',
    sql: `WITH departments AS (SELECT greatest(4, least(60, round(sqrt(:mentee_count::int) / 3)))::int AS n)
          INSERT INTO mentees (id, organization_id, user_id, manager_id, mentor_id, phase, track, department,
                               technical_foundation, career_start_date, created_at, updated_at)
          SELECT p.id, :org_id::uuid, p.user_id, p.manager_id, p.mentor_id, (${PHASES})[p.phase_no + 1], p.track,
                 (${DEPARTMENTS})[1 + (p.mgr % d.n) % 12] || CASE WHEN p.mgr % d.n >= 12 THEN ' ' || ((p.mgr % d.n) / 12 + 1) ELSE '' END,
                 (ARRAY['system_administration','network_engineering','security_operations','software_development','cloud_engineering'])[1 + p.i % 5],
                 (p.joined_at - ((3 + p.i % 12) * interval '1 year'))::date, p.joined_at, now()
            FROM bench_plan p, departments d`,
  },
  {
    // The first change enters build_credibility when the mentee joins; each later phase follows, evenly spaced.
    name: 'phase_changes',
    sql: `INSERT INTO phase_changes (organization_id, mentee_id, from_phase, to_phase, changed_by, note, changed_at)
          SELECT :org_id::uuid, p.id, CASE WHEN k > 0 THEN (${PHASES})[k] END, (${PHASES})[k + 1], p.manager_id,
                 CASE WHEN k > 0 THEN 'Ready for the next step after the review.' END,
                 p.joined_at + (p.tenure * k / (p.phase_no + 1.0)) * interval '1 day'
            FROM bench_plan p, generate_series(0, p.phase_no) k`,
  },
  {
    // Entry k (1 = most recent) lies first_gap + 17.5·(k−1) + U(0, 10.5) days back: gaps of 7–28 days.
    name: 'feedback',
    sql: `INSERT INTO feedback (organization_id, mentee_id, author_id, author_role, occurred_on, visibility, strengths,
                               gaps, next_steps, need_to_see, acknowledged_at, created_at, updated_at)
          SELECT :org_id::uuid, mentee_id, CASE WHEN by_mentor THEN mentor_id ELSE manager_id END,
                 CASE WHEN by_mentor THEN 'mentor' ELSE 'manager' END, day,
                 CASE WHEN NOT by_mentor AND r_private < 0.113 THEN 'private' ELSE 'shared' END,
                 (${STRENGTHS})[1 + (i + k) % 8],
                 CASE WHEN r_text < 0.7 THEN (${GAPS})[1 + (i + 2 * k) % 6] END,
                 CASE WHEN r_text < 0.6 THEN (${NEXT_STEPS})[1 + (i + 3 * k) % 5] END,
                 CASE WHEN r_need < 0.25 THEN (${NEED_TO_SEE})[1 + (i + k) % 4] END,
                 CASE WHEN r_ack < 0.6 AND created < now() - interval '3 days' THEN created + interval '2 days' END,
                 created, created
            FROM (SELECT p.i, k, p.id AS mentee_id, p.manager_id, p.mentor_id,
                         (p.mentor_id IS NOT NULL AND k % 3 = 0) AS by_mentor,
                         current_date - (p.first_gap + round((k - 1) * 17.5 + random() * 10.5))::int AS day,
                         random() AS r_private, random() AS r_text, random() AS r_need, random() AS r_ack,
                         random() AS r_hour
                    FROM bench_plan p, generate_series(1, p.feedback_count) k) x,
                 LATERAL (SELECT least(now(), (x.day + time '09:00' + x.r_hour * interval '9 hours') AT TIME ZONE 'UTC') AS created) c`,
  },
  {
    // 2–4 distinct competencies per entry (stride 3 over 8 keys never repeats); ratings drift upwards
    // over time towards the mentee's level, with noise.
    name: 'feedback_ratings',
    sql: `INSERT INTO feedback_ratings (organization_id, feedback_id, competency_key, rating)
          SELECT :org_id::uuid, f.id, (${COMPETENCIES})[1 + (f.first_key + j * 3) % 8],
                 greatest(1, least(5, round(p.level - (current_date - f.occurred_on) / 365.0 * 0.9
                                           + (random() - 0.5) * 1.8)))::smallint
            FROM (SELECT id, mentee_id, occurred_on, floor(random() * 8)::int AS first_key,
                         2 + floor(random() * 3)::int AS n
                    FROM feedback WHERE organization_id = :org_id::uuid) f
            JOIN bench_plan p ON p.id = f.mentee_id,
                 generate_series(0, f.n - 1) j
           -- In primary-key order: the key's index grows at its end instead of at random places.
           ORDER BY f.id`,
  },
  {
    name: 'goals',
    sql: `INSERT INTO goals (organization_id, mentee_id, title, competency_key, description, target_date, status,
                             status_changed_at, created_by, created_at, updated_at)
          SELECT :org_id::uuid, mentee_id, (${GOAL_TITLES})[1 + (i + k) % 8], (${COMPETENCIES})[1 + (i * 3 + k) % 8],
                 CASE WHEN r_desc < 0.5 THEN 'Agreed in the one-on-one; we review it monthly.' END,
                 target, status, changed, manager_id, created, COALESCE(changed, created)
            FROM (SELECT *, CASE WHEN status = 'open' THEN NULL
                                 ELSE least(now() - interval '1 hour',
                                            created + r_change * (least(target, current_date) - created::date + 14) * interval '1 day')
                            END AS changed
                    FROM (SELECT *, CASE WHEN target < current_date THEN
                                           CASE WHEN r_status < 0.55 THEN 'achieved' WHEN r_status < 0.7 THEN 'dropped' ELSE 'open' END
                                         ELSE CASE WHEN r_status < 0.15 THEN 'achieved' ELSE 'open' END END AS status
                            FROM (SELECT p.i, k, p.id AS mentee_id, p.manager_id, created,
                                         (created + (30 + r_target * 150) * interval '1 day')::date AS target,
                                         r_status, r_change, r_desc
                                    FROM (SELECT p.*, k, now() - random() * p.tenure * interval '1 day' AS created,
                                                 random() AS r_target, random() AS r_status, random() AS r_change,
                                                 random() AS r_desc
                                            FROM bench_plan p, generate_series(1, p.goal_count) k) p) a) b) c`,
  },
  {
    name: 'goal_check_ins',
    sql: `INSERT INTO goal_check_ins (organization_id, goal_id, progress, note, created_by, created_at)
          SELECT :org_id::uuid, g.id, least(100, k * 30 + floor(g.r * 20))::smallint,
                 CASE WHEN k = 1 THEN 'Started; first steps agreed.' ELSE 'Good progress since the last check-in.' END,
                 p.user_id, g.created_at + (COALESCE(g.status_changed_at, now()) - g.created_at) * k / 4.0
            FROM (SELECT id, mentee_id, status, created_at, status_changed_at, random() AS r,
                         floor(random() * 3)::int AS n
                    FROM goals WHERE organization_id = :org_id::uuid AND status <> 'dropped') g
            JOIN bench_plan p ON p.id = g.mentee_id,
                 generate_series(1, g.n) k`,
  },
  {
    // Earlier phases: every required milestone completed, nearly all verified. Current phase: some
    // verified, some awaiting verification, some in progress, the rest not started.
    name: 'mentee_milestones',
    sql: `INSERT INTO mentee_milestones (organization_id, mentee_id, template_id, status, evidence_text, evidence_links,
                                         recorded_by, recorded_at, verified_by, verified_at)
          SELECT :org_id::uuid, mentee_id, template_id, CASE WHEN state = 'in_progress' THEN 'in_progress' ELSE 'completed' END,
                 'Evidence: see the project retrospective and the stakeholder notes.',
                 CASE WHEN r < 0.5 THEN ARRAY['https://wiki.example.com/retro/' || i]::varchar[] ELSE '{}' END,
                 user_id, recorded, CASE WHEN state = 'verified' THEN manager_id END,
                 CASE WHEN state = 'verified' THEN least(now(), recorded + interval '3 days') END
            FROM (SELECT *, CASE WHEN t_phase < phase_no THEN CASE WHEN r < 0.97 THEN 'verified' ELSE 'completed' END
                                 WHEN r < 0.35 THEN 'verified' WHEN r < 0.5 THEN 'completed'
                                 WHEN r < 0.7 THEN 'in_progress' END AS state,
                         least(now() - interval '1 day',
                               joined_at + tenure * (t_phase + r2) / (phase_no + 1.0) * interval '1 day') AS recorded
                    FROM (SELECT p.i, p.id AS mentee_id, p.user_id, p.manager_id, p.phase_no, p.joined_at, p.tenure,
                                 t.id AS template_id, t.required,
                                 array_position(${PHASES}, t.phase) - 1 AS t_phase, random() AS r, random() AS r2
                            FROM bench_plan p
                            JOIN milestone_templates t ON t.organization_id = :org_id::uuid
                                                      AND array_position(${PHASES}, t.phase) - 1 <= p.phase_no) x
                   WHERE required OR r < 0.3) y
           WHERE state IS NOT NULL`,
  },
  {
    // fit = mean(five fit signs) − mean(four stay signs), as the assessments module scores it.
    name: 'assessments',
    sql: `INSERT INTO assessments (organization_id, mentee_id, kind, author_id, answers, fit, suggestion, created_at)
          SELECT :org_id::uuid, mentee_id, kind, author_id,
                 jsonb_build_object('mentors_others', a[1], 'systems_thinking', a[2], 'gives_up_hands_on', a[3],
                                    'uncomfortable_conversations', a[4], 'patient_with_ambiguity', a[5],
                                    'loves_craft', a[6], 'heads_down_focus', a[7], 'prefers_solvable_problems', a[8],
                                    'money_or_title', a[9]),
                 fit, CASE WHEN fit >= 1 THEN 'management' WHEN fit <= -1 THEN 'technical_leadership' ELSE 'undecided' END,
                 created
            FROM (SELECT *, round((a[1] + a[2] + a[3] + a[4] + a[5]) / 5.0 - (a[6] + a[7] + a[8] + a[9]) / 4.0, 3) AS fit
                    FROM (SELECT p.id AS mentee_id, k.kind, CASE k.kind WHEN 'self' THEN p.user_id ELSE p.manager_id END AS author_id,
                                 ARRAY(SELECT 1 + floor(random() * 5)::int + 0 * p.i FROM generate_series(1, 9)) AS a,
                                 now() - random() * p.tenure * interval '1 day' AS created, random() AS pick, k.share
                            FROM bench_plan p, (VALUES ('self', 0.6), ('manager', 0.4)) k(kind, share)) x
                   WHERE pick < share) y`,
  },
];

/** Builds one organization inside a transaction; returns its id and row counts. */
export async function generateOrganization(
  client: ClientBase,
  mentees: number,
  onStep: (name: string, ms: number) => void = () => undefined,
): Promise<GeneratedOrganization> {
  const started = performance.now();
  const organizationId = randomUUID();
  const tag = organizationId.slice(0, 8);
  const passwordHash = await hash(BENCH_PASSWORD);
  const counts: Record<string, number> = {};
  await client.query('BEGIN');
  try {
    // A bulk load, not a durable request: no need to wait for the WAL flush of each statement.
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL work_mem = '64MB'`);
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    // Every reference is built to exist; where the role may, skip the per-row foreign-key checks
    // (triggers), which cost more than the inserts themselves at size L.
    const [{ rolsuper }] = (
      await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')
    ).rows;
    if (rolsuper) await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query(BENCH_UUID_FUNCTION);
    // Secondary indexes of the large tables are built once, after their rows: one sort per
    // index instead of millions of inserts at random places in trees larger than the cache.
    const rebuildIndexes = await dropSecondaryIndexes(client, DEFERRED_INDEX_TABLES);
    for (const step of STEPS) {
      const t = performance.now();
      const { text, values } = bind(withValidUuids(step.sql), {
        org_id: organizationId,
        mentee_count: mentees,
        password_hash: passwordHash,
        tag,
      });
      const result = await client.query(text, values);
      counts[step.name] = result.rowCount ?? 0;
      onStep(step.name, performance.now() - t);
    }
    const indexesStarted = performance.now();
    await rebuildIndexes();
    onStep('indexes', performance.now() - indexesStarted);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  // Statistics, hint bits and visibility maps before the read model: the planner sees the data,
  // and the definition's feedback scans are index-only, as on an installation autovacuum keeps.
  const vacuumStarted = performance.now();
  await client.query(`VACUUM (ANALYZE) ${[...DEFERRED_INDEX_TABLES, 'mentees', 'users', 'assessments'].join(', ')}`);
  onStep('vacuum', performance.now() - vacuumStarted);
  const t = performance.now();
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL work_mem = '64MB'`);
    // As the API's connections (data-source-options.ts): the read model's batches run faster
    // interpreted than compiled to machine code first.
    await client.query(`SET LOCAL jit = off`);
    counts['read model'] = await fillReadModel(client, organizationId);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  onStep('read model', performance.now() - t);
  return { organizationId, mentees, counts, buildMs: performance.now() - started };
}

/** The tables the steps fill with most rows (feedback and its ratings above all). */
const DEFERRED_INDEX_TABLES = [
  'feedback',
  'feedback_ratings',
  'goals',
  'goal_check_ins',
  'mentee_milestones',
  'phase_changes',
];

/**
 * Drops the indexes of these tables that back no constraint (primary keys and the foreign keys
 * that rely on them stay), in the caller's transaction; returns what recreates them exactly as
 * the migrations made them (their definitions are read from the catalog first).
 */
async function dropSecondaryIndexes(client: ClientBase, tables: string[]): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [tables],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${escapeIdentifier(name)}`);
  return async () => {
    for (const { definition } of rows) await client.query(definition);
  };
}

/**
 * Generated ids are derived from a tag and a counter (repeatable, no lookup tables), as an RFC 4122
 * version-4 UUID: md5's hex with the version nibble set to 4 and the variant to 10xx, so the API's
 * UUID validation accepts them in paths and filters. A temporary function, inlined by the planner.
 */
const BENCH_UUID_FUNCTION = `CREATE OR REPLACE FUNCTION pg_temp.bench_uuid(t text) RETURNS uuid LANGUAGE sql IMMUTABLE
  AS $$ SELECT overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`;

/** Every `md5(…)::uuid` of the steps becomes a valid UUID (see above). */
export const withValidUuids = (sql: string): string => sql.replaceAll('md5(', 'pg_temp.bench_uuid(');

/** Every mentee's readiness read-model row, computed by the one definition in batches. */
async function fillReadModel(client: ClientBase, organizationId: string): Promise<number> {
  const { compileRefresh } = fromDist<ReadModelModule>('libs/readiness/src/read-model/read-model.repository');
  const { rows } = await client.query<{ id: string }>('SELECT id FROM mentees WHERE organization_id = $1 ORDER BY id', [
    organizationId,
  ]);
  for (let i = 0; i < rows.length; i += READ_MODEL_BATCH) {
    const menteeIds = rows.slice(i, i + READ_MODEL_BATCH).map((r) => r.id);
    const q = compileRefresh(organizationId, menteeIds);
    await client.query(q.sql, q.parameters);
  }
  return rows.length;
}

/**
 * Turns `:name` placeholders into `$n` in order of first use, passing only the values the statement
 * uses (PostgreSQL refuses a parameter it cannot type because the statement never mentions it).
 */
function bind(sql: string, named: Record<string, unknown>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/(?<![:\w]):([a-z_]+)\b/g, (whole, name: string) => {
    if (!(name in named)) return whole;
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return { text, values: order.map((name) => named[name]) };
}

/** Statistics and visibility maps as a long-running installation would have them after autovacuum. */
export async function vacuumAnalyze(client: ClientBase): Promise<number> {
  const started = performance.now();
  // The fill refreshes the mentees in batches of random teams inside one transaction, so each team
  // cell is rewritten about as often as its team has mentees before any vacuum can run: the table
  // comes out four times its size (137 MB instead of 36 MB at L). Writes spread over time, with
  // autovacuum between them, reuse that space; compacting it once stands for that steady state.
  await client.query('VACUUM (FULL) readiness_team_cells');
  await client.query('VACUUM (ANALYZE)');
  return performance.now() - started;
}

function sizeArgument(argv: string[]): Size {
  const at = argv.lastIndexOf('--size');
  const value = (at >= 0 ? argv[at + 1] : 'S')?.toUpperCase();
  if (value !== 'S' && value !== 'M' && value !== 'L') throw new Error('--size must be S, M or L');
  return value;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must name a migrated Leadpath database');
  const size = sizeArgument(process.argv.slice(2));
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const org = await generateOrganization(client, SIZES[size], (name, ms) =>
      process.stdout.write(`  ${name.padEnd(18)} ${(ms / 1000).toFixed(1)} s\n`),
    );
    const vacuumMs = await vacuumAnalyze(client);
    process.stdout.write(
      `Organization ${org.organizationId} (size ${size}): ${JSON.stringify(org.counts)}\n` +
        `Built in ${(org.buildMs / 1000).toFixed(1)} s, VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
