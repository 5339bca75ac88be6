import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One calendar for every query: "now", "today" (the UTC date), "overdue" and the readiness clock
 * are these functions, so no endpoint decides a date with `current_date` (the session's time zone)
 * while another uses the UTC date. They read the transaction setting `leadpath.now` when the
 * application's clock is set (tests move time instead of sleeping; see Clock and Database) and
 * the server's clock otherwise. `leadpath_now` and `leadpath_today` are STABLE one-expression SQL
 * functions, which the planner inlines; `leadpath_clock` is the statement's own time
 * (clock_timestamp()), for the readiness definition, which must see every write committed before it.
 */
export class OneCalendar1796080000000 implements MigrationInterface {
  name = 'OneCalendar1796080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION leadpath_now() RETURNS timestamptz LANGUAGE sql STABLE PARALLEL SAFE
         AS $$ SELECT COALESCE(NULLIF(current_setting('leadpath.now', true), '')::timestamptz, now()) $$`,
    );
    await q.query(
      `CREATE FUNCTION leadpath_clock() RETURNS timestamptz LANGUAGE sql VOLATILE PARALLEL SAFE
         AS $$ SELECT COALESCE(NULLIF(current_setting('leadpath.now', true), '')::timestamptz, clock_timestamp()) $$`,
    );
    await q.query(
      `CREATE FUNCTION leadpath_today() RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
         AS $$ SELECT (leadpath_now() AT TIME ZONE 'UTC')::date $$`,
    );
    await q.query(
      `CREATE FUNCTION leadpath_overdue(status varchar, target_date date) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
         AS $$ SELECT status = 'open' AND target_date IS NOT NULL AND target_date < leadpath_today() $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION leadpath_overdue(varchar, date)');
    await q.query('DROP FUNCTION leadpath_today()');
    await q.query('DROP FUNCTION leadpath_clock()');
    await q.query('DROP FUNCTION leadpath_now()');
  }
}
