import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { enrolledOn, isStale, qb, staleFeedbackDays, staleSince } from '@leadpath/platform/database';
import { SWITCHES, SWITCH_COLUMN, type Switch } from './switches';

export type Preferences = Record<Switch, boolean>;

/** Each switch's column, named as the API names the switch. */
const switchColumns = SWITCHES.map((s) => sql.ref<boolean>(SWITCH_COLUMN[s]).as(s));

/** The switch is on for the user joined as `p` (no row yet: everything is on). */
const switchedOn = (which: Switch) => sql<boolean>`COALESCE(${sql.ref(`p.${SWITCH_COLUMN[which]}`)}, true)`;

export interface BenchSummary {
  levels: { phase: string; level: string; mentees: number }[];
  moves: { fromPhase: string | null; toPhase: string; mentees: number }[];
  stale: number;
  mentees: number;
}

/** The organization's stale window in days (its setting, or the default). */
const staleDays = (organizationId: string) => staleFeedbackDays(sql.val(organizationId));

/** Every query runs in the caller's tenant unit of work (a request's or a job's). */
@Injectable()
export class NotificationsRepository {
  async preferences(userId: string): Promise<Preferences> {
    const row = await qb
      .selectFrom('notification_preferences')
      .select(switchColumns)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ?? (Object.fromEntries(SWITCHES.map((s) => [s, true])) as Preferences);
  }

  /** Sets the switches the patch names; a person's first change starts from everything on. */
  async update(organizationId: string, userId: string, patch: Partial<Preferences>): Promise<Preferences> {
    const named = SWITCHES.filter((s) => patch[s] !== undefined);
    const row = await qb
      .insertInto('notification_preferences')
      .values({
        user_id: userId,
        organization_id: organizationId,
        ...Object.fromEntries(SWITCHES.map((s) => [SWITCH_COLUMN[s], patch[s] ?? true])),
      })
      .onConflict((conflict) =>
        conflict.column('user_id').doUpdateSet({
          ...Object.fromEntries(named.map((s) => [SWITCH_COLUMN[s], patch[s]!])),
          updated_at: sql`now()`,
        }),
      )
      .returning(switchColumns)
      .executeTakeFirstOrThrow();
    return row;
  }

  /** The mentee's user, when they are active and have `switch` on. */
  async menteeRecipient(menteeId: string, which: Switch): Promise<string | undefined> {
    const row = await qb
      .selectFrom('mentees as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('notification_preferences as p', 'p.user_id', 'm.user_id')
      .select('m.user_id')
      .where('m.id', '=', menteeId)
      .where('u.active', '=', true)
      .where(switchedOn(which))
      .executeTakeFirst();
    return row?.user_id;
  }

  /** Active users of the organization holding `role` with `switch` on. */
  async recipients(organizationId: string, role: string, which: Switch): Promise<string[]> {
    const rows = await qb
      .selectFrom('users as u')
      .leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
      .select('u.id')
      .where('u.organization_id', '=', organizationId)
      .where('u.active', '=', true)
      .where(sql<boolean>`${role} = ANY (u.roles)`)
      .where(switchedOn(which))
      .orderBy('u.id')
      .execute();
    return rows.map((r) => r.id);
  }

  async isOn(userId: string, which: Switch): Promise<boolean> {
    return (await this.preferences(userId))[which];
  }

  /** Whether the user is already owed this digest (`period` names its week or month): a job that runs twice sends once. */
  async owed(userId: string, kind: string, period: string): Promise<boolean> {
    const rows = await qb
      .selectFrom('mail_deliveries')
      .select(sql.lit(1).as('one'))
      .where('recipient_id', '=', userId)
      .where('kind', '=', kind)
      .where('subject_id', '=', period)
      .limit(1)
      .execute();
    return rows.length > 0;
  }

  /** Whether the user still exists in the unit of work's organization (an unsubscribe link may outlive them). */
  async userExists(userId: string): Promise<boolean> {
    const rows = await qb.selectFrom('users').select('id').where('id', '=', userId).execute();
    return rows.length > 0;
  }

  async menteeCount(organizationId: string): Promise<number> {
    const row = await qb
      .selectFrom('mentees')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('organization_id', '=', organizationId)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async timeZone(organizationId: string): Promise<string> {
    const row = await qb
      .selectFrom('organization_settings')
      .select('time_zone')
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return row?.time_zone ?? 'UTC';
  }

  /**
   * The organization's bench on `day`: readiness levels by phase, phase moves since `since`, stale
   * mentees (by the one stale rule: no shared feedback in the window, counted from enrolment).
   */
  async bench(organizationId: string, day: string, since: Date): Promise<BenchSummary> {
    const on = sql`${day}::date`;
    const levels = (
      await sql<{
        phase: string;
        level: string;
        mentees: number;
      }>`SELECT m.phase, COALESCE(r.level, 'pending') AS level, count(*)::int AS mentees
         FROM mentees m JOIN users u ON u.id = m.user_id LEFT JOIN mentee_readiness r ON r.mentee_id = m.id
        WHERE m.organization_id = ${organizationId} AND u.active
        GROUP BY 1, 2 ORDER BY 1, 2`.execute(qb)
    ).rows;
    const moves = (
      await sql<{
        from_phase: string | null;
        to_phase: string;
        mentees: number;
      }>`SELECT c.from_phase, c.to_phase, count(DISTINCT c.mentee_id)::int AS mentees
         FROM phase_changes c WHERE c.organization_id = ${organizationId} AND c.changed_at >= ${since}
        GROUP BY 1, 2 ORDER BY 3 DESC, 2`.execute(qb)
    ).rows;
    const [{ stale, mentees }] = (
      await sql<{
        stale: number;
        mentees: number;
      }>`SELECT count(*) FILTER (WHERE ${isStale(staleSince(sql.ref('l.last'), enrolledOn('m')), on, staleDays(organizationId))})::int AS stale,
              count(*)::int AS mentees
         FROM mentees m JOIN users u ON u.id = m.user_id
         CROSS JOIN LATERAL (SELECT max(f.occurred_on) AS last FROM feedback f
                              WHERE f.mentee_id = m.id AND f.visibility = 'shared' AND f.occurred_on <= ${on}) l
        WHERE m.organization_id = ${organizationId} AND u.active`.execute(qb)
    ).rows;
    return {
      levels,
      moves: moves.map((r) => ({ fromPhase: r.from_phase, toPhase: r.to_phase, mentees: r.mentees })),
      stale,
      mentees,
    };
  }

  /** What a nudge is about, read when it is sent (null: gone, or no longer something to tell). */
  async feedbackSubject(id: string): Promise<{ author: string; occurred_on: string } | undefined> {
    const row = await qb
      .selectFrom('feedback as f')
      .innerJoin('users as a', 'a.id', 'f.author_id')
      .select(['a.name as author', sql<string>`to_char(f.occurred_on, 'YYYY-MM-DD')`.as('occurred_on')])
      .where('f.id', '=', id)
      .where('f.visibility', '=', 'shared')
      .executeTakeFirst();
    return row;
  }

  async milestoneSubject(
    id: string,
  ): Promise<{ title: string; verified: boolean; revoked: boolean; by: string | null } | undefined> {
    const row = await qb
      .selectFrom('mentee_milestones as mm')
      .innerJoin('milestone_templates as t', 't.id', 'mm.template_id')
      .leftJoin('users as v', 'v.id', 'mm.verified_by')
      .leftJoin('users as r', (join) => join.onRef('r.id', '=', 'mm.revoked_by').on('mm.verified_at', 'is', null))
      .select([
        't.title',
        sql<boolean>`mm.verified_at IS NOT NULL`.as('verified'),
        sql<boolean>`mm.revoked_at IS NOT NULL`.as('revoked'),
        sql<string | null>`COALESCE(r.name, v.name)`.as('by'),
      ])
      .where('mm.id', '=', id)
      .executeTakeFirst();
    return row;
  }

  async goalSubject(id: string): Promise<{ title: string; confirmed: boolean } | undefined> {
    const row = await qb
      .selectFrom('goals as g')
      .select(['g.title', sql<boolean>`g.confirmed_at IS NOT NULL AND g.status = 'achieved'`.as('confirmed')])
      .where('g.id', '=', id)
      .executeTakeFirst();
    return row;
  }
}
