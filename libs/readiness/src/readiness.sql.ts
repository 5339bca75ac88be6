import { sql, type RawBuilder } from 'kysely';
import {
  carried,
  enoughLedAnswers,
  enrolledOn,
  isStale,
  qb,
  type RowOf,
  selectList,
  staleSince,
  variants,
} from '@leadpath/platform/database';
import { DEFAULT_SETTINGS as D, levelSql, RATINGS_WINDOW_DAYS, type Level } from '@leadpath/platform/domain';

/**
 * The one definition of readiness, for one mentee or a whole organization, at one or more
 * points in time, as a single set-based query. The readiness endpoint and the progress trend run
 * it (`readinessQuery`), the read model the same CTEs without the evidence (`readinessColumnsQuery`);
 * `test/readiness/reference.ts` is the same formula in TypeScript, a test oracle outside the library,
 * and a property test holds the two together.
 *
 * Inputs (ReadinessInput, bound as values): the organization; optionally mentee ids, phase,
 * manager, department and level filters; earlier points in time (the trend; the current time is
 * always added as the last point); and the current time, by default the one calendar's
 * leadpath_clock(): the database clock read when the statement runs (clock_timestamp(), not the
 * transaction's start), so every write committed before the statement's snapshot lies at or
 * before it; the application's clock instead while that is frozen (tests).
 *
 * Rules, as of a point `at` whose calendar day (UTC) is `day`:
 *   phase  the phase entered by the latest phase change at or before `at` (before any: the first one's)
 *   M      verified (verified_at <= at) required milestones of that phase ÷ required milestones of that
 *          phase that are not retired at `at`; 1 when there are none
 *   C      mean over competencies not retired at `at` of (r − 1) / 4, r = mean of the up-to-3 most recent
 *          ratings (occurred_on, then created_at, then id, descending) in shared feedback with
 *          day − 365 <= occurred_on <= day; a competency with no rating contributes 0; C = 0 without competencies
 *   G      confirmed achieved ÷ (confirmed achieved + open goals past their target date, target_date < day) among
 *          goals created at or before `at` (a goal whose status changed after `at` still counts as open then; an
 *          achieved goal not confirmed at `at`, the mentee's claim, counts as open and is listed as awaiting
 *          confirmation); open goals not yet due (or without a date) neither help nor hurt, so setting a goal
 *          never lowers readiness; 0 when both counts are 0
 *   score  round(100 × (wM·M + wC·C + wG·G)), rounded half up after rounding to 9 decimals
 *   led    the people led: over the mentee's assignments completed at or before `at` whose answers reach
 *          the organization's threshold, per competency the mean of every answer's rating of it
 *          (answers carry no time of their own: they count with their assignment's completion)
 *   r      with w = led_voice_weight: the manager mean alone when w = 0 or there is no led mean;
 *          the led mean alone when there is no manager mean; else (1 − w) · manager mean + w · led mean.
 *          C above uses r in place of the manager mean.
 *   stale  no shared feedback with day − N <= occurred_on <= day (N = stale_feedback_days), and enrolled
 *          (the mentee's created_at) before day − N: the stale clock counts from the later of the two,
 *          `stale_since`, so a newly enrolled mentee is not stale at once
 *
 * `valid_until` is the earliest moment the value changes with no write: a counted rating leaves the
 * 365-day window, shared feedback dated later than `day` comes into view, an open goal becomes
 * overdue, or the stale threshold passes (NULL: never). Every timestamp the application writes is
 * the database's clock at or before the statement, so only calendar days move a value forward.
 */
/** What the one definition is asked: an organization, optional filters, earlier points, the current time. */
export interface ReadinessInput {
  organizationId: string;
  filter?: ReadinessFilter;
  /** Earlier points in time (the trend); the current time is always added as the last point. */
  earlier?: Date[];
  /** The current time; unset, the one calendar's leadpath_clock() (see above). */
  at?: Date;
}

export interface ReadinessFilter {
  menteeIds?: string[];
  phase?: string;
  managerId?: string;
  department?: string;
  level?: Level;
}

const empty = sql``;

/** The definition as a Kysely `sql` template: named inputs, bound as values; filters only when given. */
export function readinessQuery(input: ReadinessInput): RawBuilder<ReadinessRow> {
  return definition<ReadinessRow>(input, 'evidence');
}

/**
 * The same definition, for many mentees at once and without the evidence: the read model stores
 * the components, counts and means, not the ratings behind each mean, the titles of unverified
 * milestones and overdue goals, or the latest "need to see". The rules are the very same CTEs;
 * only the evidence columns (JSON built per mentee and per competency) are left out, which is
 * most of the definition's cost when it runs over a batch. The read-model property test holds
 * this projection equal to `readinessQuery`.
 */
export function readinessColumnsQuery(input: ReadinessInput): RawBuilder<ReadinessColumnsRow> {
  return definition<ReadinessColumnsRow>(input, 'columns');
}

/** Which of the definition's two projections: with its evidence (`readinessQuery`) or without (`readinessColumnsQuery`). */
type Projection = 'evidence' | 'columns';

function definition<R>(input: ReadinessInput, projection: Projection): RawBuilder<R> {
  if (!input.organizationId) throw new Error('readiness query without an organization id');
  const f = input.filter ?? {};
  const points = (input.earlier ?? []).map((d) => d.toISOString());
  const at = input.at?.toISOString() ?? null;
  // With evidence: JSON lists of what is missing, for the readiness answer; without: ids and counts only.
  const evidenceOr = (withEvidence: RawBuilder<unknown>, without: RawBuilder<unknown>) =>
    projection === 'evidence' ? withEvidence : without;
  return sql<R>`
WITH points AS (
  SELECT p.at, p.ord FROM unnest(${points}::timestamptz[] || ARRAY[COALESCE(${at}::timestamptz, leadpath_clock())]) WITH ORDINALITY AS p(at, ord)
),
t AS (
  SELECT m.id AS mentee_id, m.organization_id, m.user_id, m.manager_id, m.mentor_id, m.department, m.track,
         p.at, p.ord, (p.at AT TIME ZONE 'UTC')::date AS day, ${enrolledOn('m')} AS enrolled_on,
         -- The first day of the ratings window, as a column: an index scan bounds on a column, not on an expression of one.
         (p.at AT TIME ZONE 'UTC')::date - ${sql.lit(RATINGS_WINDOW_DAYS)} AS window_from,
         COALESCE(
           (SELECT pc.to_phase FROM phase_changes pc WHERE pc.organization_id = m.organization_id AND pc.mentee_id = m.id AND pc.changed_at <= p.at
             ORDER BY pc.changed_at DESC, pc.id DESC LIMIT 1),
           (SELECT pc.to_phase FROM phase_changes pc WHERE pc.organization_id = m.organization_id AND pc.mentee_id = m.id ORDER BY pc.changed_at, pc.id LIMIT 1),
           m.phase) AS phase,
         COALESCE(s.weight_milestones, ${sql.lit(D.weightMilestones)}) AS wm, COALESCE(s.weight_competencies, ${sql.lit(D.weightCompetencies)}) AS wc,
         COALESCE(s.weight_goals, ${sql.lit(D.weightGoals)}) AS wg, COALESCE(s.stale_feedback_days, ${sql.lit(D.staleFeedbackDays)}) AS stale_days,
         COALESCE(s.led_voice_weight, ${sql.lit(D.ledVoiceWeight)}) AS wl, COALESCE(s.led_feedback_threshold, ${sql.lit(D.ledFeedbackThreshold)}) AS led_threshold
    FROM mentees m
    CROSS JOIN points p
    LEFT JOIN organization_settings s ON s.organization_id = m.organization_id
   WHERE m.organization_id = ${input.organizationId}
     ${f.menteeIds !== undefined ? sql`AND m.id = ANY(${f.menteeIds}::uuid[])` : empty}
     ${f.phase !== undefined ? sql`AND m.phase = ${f.phase}::varchar` : empty}
     ${f.managerId !== undefined ? sql`AND m.manager_id = ${f.managerId}::uuid` : empty}
     ${f.department !== undefined ? sql`AND m.department = ${f.department}::varchar` : empty}
),
req AS (
  SELECT t.mentee_id, t.ord, tpl.id AS template_id, tpl.key, tpl.title, tpl.position,
         COALESCE(mm.status, 'not_started') AS status,
         (mm.verified_at IS NOT NULL AND mm.verified_at <= t.at) AS verified
    FROM t
    JOIN milestone_templates tpl ON tpl.organization_id = t.organization_id AND tpl.phase = t.phase AND tpl.required
                                AND (tpl.retired_at IS NULL OR tpl.retired_at > t.at)
    LEFT JOIN mentee_milestones mm ON mm.organization_id = t.organization_id AND mm.mentee_id = t.mentee_id AND mm.template_id = tpl.id
),
req_agg AS (
  SELECT mentee_id, ord, count(*) AS required, count(*) FILTER (WHERE verified) AS verified,
         ${evidenceOr(
           sql`COALESCE(json_agg(json_build_object('templateId', template_id, 'key', key, 'title', title, 'status', status)
                           ORDER BY position, key) FILTER (WHERE NOT verified), '[]')`,
           sql`COALESCE(array_agg(template_id ORDER BY template_id) FILTER (WHERE NOT verified), '{}')`,
         )} AS unverified
    FROM req GROUP BY mentee_id, ord
),
comp AS (
  SELECT t.mentee_id, t.ord, t.wl, c.key, c.name, c.position
    FROM t JOIN competencies c ON c.organization_id = t.organization_id AND (c.retired_at IS NULL OR c.retired_at > t.at)
),
rated AS (
  SELECT x.* FROM (
    SELECT t.mentee_id, t.ord, r.competency_key, r.rating, f.occurred_on, f.author_role, f.created_at, f.id,
           row_number() OVER (PARTITION BY t.mentee_id, t.ord, r.competency_key
                              ORDER BY f.occurred_on DESC, f.created_at DESC, f.id DESC) AS rn
      FROM t
      JOIN feedback f ON f.organization_id = t.organization_id AND f.mentee_id = t.mentee_id AND f.visibility = 'shared'
                     AND f.occurred_on <= t.day AND f.occurred_on >= t.window_from
      JOIN feedback_ratings r ON r.organization_id = t.organization_id AND r.feedback_id = f.id
  ) x WHERE x.rn <= 3
),
led_assignments AS (
  SELECT t.mentee_id, t.ord, a.id
    FROM t
    JOIN assignments a ON a.organization_id = t.organization_id AND a.mentee_id = t.mentee_id
                      AND a.status = 'completed' AND a.status_changed_at <= t.at
   WHERE ${enoughLedAnswers('a', sql.ref('t.led_threshold'))}
),
led AS (
  SELECT la.mentee_id, la.ord, x.key, avg(x.rating::int) AS mean, count(*) AS answers
    FROM led_assignments la
    JOIN t ON t.mentee_id = la.mentee_id AND t.ord = la.ord
    JOIN led_responses lr ON lr.organization_id = t.organization_id AND lr.assignment_id = la.id AND lr.published
    CROSS JOIN LATERAL jsonb_each_text(lr.ratings) AS x(key, rating)
   GROUP BY la.mentee_id, la.ord, x.key
),
led_count AS (
  SELECT mentee_id, ord, count(*) AS assignments FROM led_assignments GROUP BY mentee_id, ord
),
means AS (
  SELECT comp.mentee_id, comp.ord, comp.key, comp.name, comp.position,
         CASE WHEN comp.wl = 0 OR led.mean IS NULL THEN avg(rated.rating)
              WHEN avg(rated.rating) IS NULL THEN led.mean
              ELSE (1 - comp.wl) * avg(rated.rating) + comp.wl * led.mean END AS mean,
         avg(rated.rating) AS manager_mean, led.mean AS led_mean, COALESCE(led.answers, 0) AS led_answers,
         min(rated.occurred_on) AS first_counted
         ${evidenceOr(
           sql`, COALESCE(json_agg(json_build_object('rating', rated.rating, 'occurredOn', rated.occurred_on, 'authorRole', rated.author_role)
                           ORDER BY rated.rn) FILTER (WHERE rated.rating IS NOT NULL), '[]') AS ratings`,
           empty,
         )}
    FROM comp
    LEFT JOIN rated ON rated.mentee_id = comp.mentee_id AND rated.ord = comp.ord AND rated.competency_key = comp.key
    LEFT JOIN led ON led.mentee_id = comp.mentee_id AND led.ord = comp.ord AND led.key = comp.key
   GROUP BY comp.mentee_id, comp.ord, comp.key, comp.name, comp.position, comp.wl, led.mean, led.answers
),
comp_agg AS (
  SELECT mentee_id, ord, count(*) AS total, count(mean) AS rated, avg(COALESCE((mean - 1) / 4, 0)) AS c,
         min(first_counted) AS first_counted,
         ${evidenceOr(
           sql`json_agg(json_build_object('key', key, 'name', name, 'mean', mean, 'managerMean', manager_mean,
                                   'ledMean', led_mean, 'ledAnswers', led_answers, 'ratings', ratings) ORDER BY position, key) AS competencies`,
           sql`jsonb_object_agg(key, mean) AS means`,
         )}
    FROM means GROUP BY mentee_id, ord
),
goal_at AS (
  SELECT t.mentee_id, t.ord, t.day, g.id, g.title, g.target_date,
         CASE WHEN g.status_changed_at > t.at THEN 'open' ELSE g.status END AS status,
         (g.confirmed_at IS NOT NULL AND g.confirmed_at <= t.at) AS confirmed
    FROM t JOIN goals g ON g.organization_id = t.organization_id AND g.mentee_id = t.mentee_id AND g.created_at <= t.at
),
goal_agg AS (
  SELECT mentee_id, ord, count(*) FILTER (WHERE status = 'achieved' AND confirmed) AS achieved,
         count(*) FILTER (WHERE status = 'open' OR (status = 'achieved' AND NOT confirmed)) AS open,
         count(*) FILTER (WHERE status = 'achieved' AND NOT confirmed) AS awaiting,
         -- What G counts against: open goals (claims awaiting confirmation included) past their target date.
         count(*) FILTER (WHERE (status = 'open' OR (status = 'achieved' AND NOT confirmed)) AND target_date < day) AS past_due,
         min(target_date) FILTER (WHERE (status = 'open' OR (status = 'achieved' AND NOT confirmed)) AND target_date >= day) AS next_due,
         ${evidenceOr(
           sql`COALESCE(json_agg(json_build_object('goalId', id, 'title', title, 'targetDate', target_date) ORDER BY target_date, id)
                  FILTER (WHERE status = 'open' AND target_date < day), '[]') AS overdue,
         COALESCE(json_agg(json_build_object('goalId', id, 'title', title) ORDER BY id)
                  FILTER (WHERE status = 'achieved' AND NOT confirmed), '[]') AS unconfirmed`,
           sql`count(*) FILTER (WHERE status = 'open' AND target_date < day) AS overdue`,
         )}
    FROM goal_at GROUP BY mentee_id, ord
),
last_shared AS (
  SELECT t.mentee_id, t.ord, max(f.occurred_on) FILTER (WHERE f.occurred_on <= t.day) AS occurred_on,
         min(f.occurred_on) FILTER (WHERE f.occurred_on > t.day) AS next_on
    FROM t JOIN feedback f ON f.organization_id = t.organization_id AND f.mentee_id = t.mentee_id AND f.visibility = 'shared'
   GROUP BY t.mentee_id, t.ord
),
${evidenceOr(
  sql`need AS (
  SELECT DISTINCT ON (t.mentee_id, t.ord) t.mentee_id, t.ord, f.id AS feedback_id, f.need_to_see, f.occurred_on, u.name AS author_name
    FROM t
    JOIN feedback f ON f.organization_id = t.organization_id AND f.mentee_id = t.mentee_id AND f.visibility = 'shared' AND f.occurred_on <= t.day
                   AND f.need_to_see IS NOT NULL AND f.need_to_see <> ''
    JOIN users u ON u.id = f.author_id
   ORDER BY t.mentee_id, t.ord, f.occurred_on DESC, f.created_at DESC, f.id DESC
),`,
  empty,
)}
components AS (
  SELECT ${selectList(components, projection)}
    FROM t
    LEFT JOIN req_agg ra ON ra.mentee_id = t.mentee_id AND ra.ord = t.ord
    LEFT JOIN comp_agg ca ON ca.mentee_id = t.mentee_id AND ca.ord = t.ord
    LEFT JOIN led_count lc ON lc.mentee_id = t.mentee_id AND lc.ord = t.ord
    LEFT JOIN goal_agg ga ON ga.mentee_id = t.mentee_id AND ga.ord = t.ord
    LEFT JOIN last_shared ls ON ls.mentee_id = t.mentee_id AND ls.ord = t.ord
    ${evidenceOr(sql`LEFT JOIN need n ON n.mentee_id = t.mentee_id AND n.ord = t.ord`, empty)}
),
scored AS (
  SELECT c.*, ${selectList(scored)}
    FROM components c
)
SELECT s.*,
       ${selectList(result)}
  FROM scored s
 ${f.level !== undefined ? sql`WHERE ${f.level}::varchar = ${result.level}` : empty}
 ORDER BY s.mentee_id, s.ord`;
}

/** The definition compiled to text and values, for callers holding a plain connection (tests, benchmarks). */
export function compileReadiness(input: ReadinessInput): { sql: string; parameters: unknown[] } {
  const compiled = readinessQuery(input).compile(qb);
  return { sql: compiled.sql, parameters: [...compiled.parameters] };
}

type Unverified = { templateId: string; key: string; title: string; status: string };
type CompetencyEvidence = {
  key: string;
  name: string;
  /** r: what counts toward C (the manager mean unless led_voice_weight blends in the led mean). */
  mean: number | null;
  managerMean: number | null;
  ledMean: number | null;
  ledAnswers: number;
  ratings: { rating: number; occurredOn: string; authorRole: string }[];
};

// When the stale clock started, as of each point (see `stale` above).
const since = staleSince(sql.ref('ls.occurred_on'), sql.ref('t.enrolled_on'));

/**
 * The definition's columns (its `components` CTE), each with its type: the rows' types are
 * derived from this list (`RowOf`), so a column and its type change together. Counts are
 * bigint and ratios numeric, which the driver hands over as text. A column with `variants` has
 * another expression, or none, in the projection without the evidence.
 */
const components = {
  mentee_id: carried<string>('t'),
  ord: carried<string>('t'),
  at: carried<Date>('t'),
  day: carried<string>('t'),
  /** The mentee's enrolment day (created_at, UTC). */
  enrolled_on: carried<string>('t'),
  phase: carried<string>('t'),
  manager_id: carried<string>('t'),
  mentor_id: carried<string | null>('t'),
  department: carried<string | null>('t'),
  track: carried<string>('t'),
  user_id: carried<string>('t'),
  wm: carried<string>('t'),
  wc: carried<string>('t'),
  wg: carried<string>('t'),
  stale_days: carried<number>('t'),
  required: sql<string>`COALESCE(ra.required, 0)`,
  verified: sql<string>`COALESCE(ra.verified, 0)`,
  unverified: variants({
    evidence: sql<Unverified[]>`COALESCE(ra.unverified, '[]')`,
    /** Ids of the required milestones not verified, in id order. */
    columns: sql<string[]>`COALESCE(ra.unverified, '{}')`,
  }),
  m: sql<string>`CASE WHEN COALESCE(ra.required, 0) = 0 THEN 1 ELSE ra.verified::numeric / ra.required END`,
  competencies_total: sql<string>`COALESCE(ca.total, 0)`,
  competencies_rated: sql<string>`COALESCE(ca.rated, 0)`,
  c: sql<string>`COALESCE(ca.c, 0)`,
  competencies: variants({ evidence: sql<CompetencyEvidence[]>`COALESCE(ca.competencies, '[]')` }),
  /** Per competency not retired, its mean r (null when unrated). */
  means: variants({ columns: sql<Record<string, number | null>>`COALESCE(ca.means, '{}')` }),
  achieved: sql<string>`COALESCE(ga.achieved, 0)`,
  open: sql<string>`COALESCE(ga.open, 0)`,
  overdue: variants({
    evidence: sql<{ goalId: string; title: string; targetDate: string }[]>`COALESCE(ga.overdue, '[]')`,
    /** How many open goals are overdue. */
    columns: sql<string>`COALESCE(ga.overdue, 0)`,
  }),
  /** Achieved goals awaiting confirmation (counted in `open`). */
  awaiting: sql<string>`COALESCE(ga.awaiting, 0)`,
  unconfirmed: variants({ evidence: sql<{ goalId: string; title: string }[]>`COALESCE(ga.unconfirmed, '[]')` }),
  /** Open goals, claims included, past their target date: what G counts against. */
  past_due: sql<string>`COALESCE(ga.past_due, 0)`,
  g: sql<string>`CASE WHEN COALESCE(ga.achieved, 0) + COALESCE(ga.past_due, 0) = 0 THEN 0
              ELSE ga.achieved::numeric / (ga.achieved + ga.past_due) END`,
  last_shared_on: sql<string | null>`ls.occurred_on`,
  /** The later of last_shared_on and the enrolment day: the stale clock counts from it. */
  stale_since: since,
  /** Completed assignments whose answers from the people led reach the threshold. */
  led_assignments: sql<string>`COALESCE(lc.assignments, 0)`,
  valid_until: sql<Date | null>`(LEAST(ca.first_counted + 366, ls.next_on, ga.next_due + 1,
                CASE WHEN NOT ${isStale(since, sql.ref('t.day'), sql.ref('t.stale_days'))}
                     THEN ${since} + t.stale_days + 1 END
               )::timestamp AT TIME ZONE 'UTC')`,
  need_feedback_id: variants({ evidence: sql<string | null>`n.feedback_id` }),
  need_to_see: variants({ evidence: carried<string | null>('n') }),
  need_occurred_on: variants({ evidence: sql<string | null>`n.occurred_on` }),
  need_author_name: variants({ evidence: sql<string | null>`n.author_name` }),
};

/** What `scored` adds: the score from the components and whether the mentee is stale. */
const scored = {
  score: sql<number>`round(round(100 * (c.wm * c.m + c.wc * c.c + c.wg * c.g), 9))::int`,
  stale: isStale(sql.ref('c.stale_since'), sql.ref('c.day'), sql.ref('c.stale_days')),
};

/** What the last step adds: the level the score reaches. */
const result = {
  level: sql<Level>`${sql.raw(levelSql('s.score'))}`,
};

/** A row of `readinessQuery`: the definition's values with the evidence behind them. */
export type ReadinessRow = RowOf<typeof components, 'evidence'> & RowOf<typeof scored> & RowOf<typeof result>;

/** A row of `readinessColumnsQuery`: the definition's values without the evidence behind them. */
export type ReadinessColumnsRow = RowOf<typeof components, 'columns'> & RowOf<typeof scored> & RowOf<typeof result>;

export { LEVELS, type Level } from '@leadpath/platform/domain';
