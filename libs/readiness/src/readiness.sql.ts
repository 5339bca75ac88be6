import { sql, type RawBuilder } from 'kysely';
import { enoughLedAnswers, enrolledOn, isStale, qb, staleSince } from '@leadpath/platform/database';
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
  return definition<ReadinessRow>(input, true);
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
  return definition<ReadinessColumnsRow>(input, false);
}

function definition<R>(input: ReadinessInput, evidence: boolean): RawBuilder<R> {
  if (!input.organizationId) throw new Error('readiness query without an organization id');
  const f = input.filter ?? {};
  const points = (input.earlier ?? []).map((d) => d.toISOString());
  const at = input.at?.toISOString() ?? null;
  const level = sql.raw(levelSql('s.score'));
  // With evidence: JSON lists of what is missing, for the readiness answer; without: ids and counts only.
  const evidenceOr = (withEvidence: RawBuilder<unknown>, without: RawBuilder<unknown>) =>
    evidence ? withEvidence : without;
  // When the stale clock started, as of each point (see `stale` above).
  const since = staleSince(sql.ref('ls.occurred_on'), sql.ref('t.enrolled_on'));
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
  SELECT t.mentee_id, t.ord, t.at, t.day, t.enrolled_on, t.phase, t.manager_id, t.mentor_id, t.department, t.track, t.user_id,
         t.wm, t.wc, t.wg, t.stale_days,
         COALESCE(ra.required, 0) AS required, COALESCE(ra.verified, 0) AS verified,
         ${evidenceOr(sql`COALESCE(ra.unverified, '[]')`, sql`COALESCE(ra.unverified, '{}')`)} AS unverified,
         CASE WHEN COALESCE(ra.required, 0) = 0 THEN 1 ELSE ra.verified::numeric / ra.required END AS m,
         COALESCE(ca.total, 0) AS competencies_total, COALESCE(ca.rated, 0) AS competencies_rated,
         COALESCE(ca.c, 0) AS c,
         ${evidenceOr(sql`COALESCE(ca.competencies, '[]') AS competencies`, sql`COALESCE(ca.means, '{}') AS means`)},
         COALESCE(ga.achieved, 0) AS achieved, COALESCE(ga.open, 0) AS open,
         ${evidenceOr(sql`COALESCE(ga.overdue, '[]')`, sql`COALESCE(ga.overdue, 0)`)} AS overdue,
         COALESCE(ga.awaiting, 0) AS awaiting,
         ${evidenceOr(sql`COALESCE(ga.unconfirmed, '[]') AS unconfirmed,`, empty)}
         COALESCE(ga.past_due, 0) AS past_due,
         CASE WHEN COALESCE(ga.achieved, 0) + COALESCE(ga.past_due, 0) = 0 THEN 0
              ELSE ga.achieved::numeric / (ga.achieved + ga.past_due) END AS g,
         ls.occurred_on AS last_shared_on, ${since} AS stale_since,
         COALESCE(lc.assignments, 0) AS led_assignments,
         (LEAST(ca.first_counted + 366, ls.next_on, ga.next_due + 1,
                CASE WHEN NOT ${isStale(since, sql.ref('t.day'), sql.ref('t.stale_days'))}
                     THEN ${since} + t.stale_days + 1 END
               )::timestamp AT TIME ZONE 'UTC') AS valid_until
         ${evidenceOr(
           sql`, n.feedback_id AS need_feedback_id, n.need_to_see, n.occurred_on AS need_occurred_on, n.author_name AS need_author_name`,
           empty,
         )}
    FROM t
    LEFT JOIN req_agg ra ON ra.mentee_id = t.mentee_id AND ra.ord = t.ord
    LEFT JOIN comp_agg ca ON ca.mentee_id = t.mentee_id AND ca.ord = t.ord
    LEFT JOIN led_count lc ON lc.mentee_id = t.mentee_id AND lc.ord = t.ord
    LEFT JOIN goal_agg ga ON ga.mentee_id = t.mentee_id AND ga.ord = t.ord
    LEFT JOIN last_shared ls ON ls.mentee_id = t.mentee_id AND ls.ord = t.ord
    ${evidenceOr(sql`LEFT JOIN need n ON n.mentee_id = t.mentee_id AND n.ord = t.ord`, empty)}
),
scored AS (
  SELECT c.*, round(round(100 * (c.wm * c.m + c.wc * c.c + c.wg * c.g), 9))::int AS score,
         ${isStale(sql.ref('c.stale_since'), sql.ref('c.day'), sql.ref('c.stale_days'))} AS stale
    FROM components c
)
SELECT s.*,
       ${level} AS level
  FROM scored s
 ${f.level !== undefined ? sql`WHERE ${f.level}::varchar = ${level}` : empty}
 ORDER BY s.mentee_id, s.ord`;
}

/** The definition compiled to text and values, for callers holding a plain connection (tests, benchmarks). */
export function compileReadiness(input: ReadinessInput): { sql: string; parameters: unknown[] } {
  const compiled = readinessQuery(input).compile(qb);
  return { sql: compiled.sql, parameters: [...compiled.parameters] };
}

export interface ReadinessRow {
  mentee_id: string;
  ord: string;
  at: Date;
  day: string;
  /** The mentee's enrolment day (created_at, UTC). */
  enrolled_on: string;
  phase: string;
  manager_id: string;
  mentor_id: string | null;
  department: string | null;
  track: string;
  user_id: string;
  wm: string;
  wc: string;
  wg: string;
  stale_days: number;
  required: string;
  verified: string;
  unverified: { templateId: string; key: string; title: string; status: string }[];
  m: string;
  competencies_total: string;
  competencies_rated: string;
  c: string;
  competencies: {
    key: string;
    name: string;
    /** r: what counts toward C (the manager mean unless led_voice_weight blends in the led mean). */
    mean: number | null;
    managerMean: number | null;
    ledMean: number | null;
    ledAnswers: number;
    ratings: { rating: number; occurredOn: string; authorRole: string }[];
  }[];
  achieved: string;
  open: string;
  overdue: { goalId: string; title: string; targetDate: string }[];
  /** Open goals, claims included, past their target date: what G counts against. */
  past_due: string;
  /** Achieved goals awaiting confirmation (counted in `open`). */
  awaiting: string;
  unconfirmed: { goalId: string; title: string }[];
  g: string;
  last_shared_on: string | null;
  /** The later of last_shared_on and the enrolment day: the stale clock counts from it. */
  stale_since: string;
  /** Completed assignments whose answers from the people led reach the threshold. */
  led_assignments: string;
  wl: string;
  valid_until: Date | null;
  need_feedback_id: string | null;
  need_to_see: string | null;
  need_occurred_on: string | null;
  need_author_name: string | null;
  score: number;
  stale: boolean;
  level: Level;
}

/** A row of `readinessColumnsQuery`: the definition's values without the evidence behind them. */
export type ReadinessColumnsRow = Omit<
  ReadinessRow,
  | 'unverified'
  | 'competencies'
  | 'overdue'
  | 'unconfirmed'
  | 'need_feedback_id'
  | 'need_to_see'
  | 'need_occurred_on'
  | 'need_author_name'
> & {
  /** Ids of the required milestones not verified, in id order. */
  unverified: string[];
  /** Per competency not retired, its mean r (null when unrated). */
  means: Record<string, number | null>;
  /** How many open goals are overdue. */
  overdue: string;
};

export { LEVELS, type Level } from '@leadpath/platform/domain';
