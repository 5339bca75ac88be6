import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Role } from '@leadpath/access';
import { qb } from '@leadpath/platform/database';
import type { InboxRow, InboxSource, SourceScope } from './sources';

/** An inbox row with how many rows of its kind wait in all (the list itself is capped per kind). */
export interface CountedInboxRow extends InboxRow {
  kind_count: number;
}

/** Every query runs in the caller's tenant unit of work (a request's or a job's). */
@Injectable()
export class InboxRepository {
  /**
   * What waits, from the sources given, as one statement: their queries joined by UNION ALL, at
   * most `perKind` rows of each kind (the oldest first), each row carrying its kind's full count.
   */
  async rows(
    sources: readonly InboxSource[],
    scopeOf: (source: InboxSource) => SourceScope,
    perKind: number,
  ): Promise<CountedInboxRow[]> {
    const union = sql.join(
      sources.map((source) => sql`(${source.rows(scopeOf(source))})`),
      sql` UNION ALL `,
    );
    const { rows } = await sql<CountedInboxRow>`
      SELECT x.kind, x.id, x.title, x.mentee_id, x.mentee_name, x.own, x.due_on, x.since, x.kind_count
        FROM (SELECT i.*, count(*) OVER (PARTITION BY i.kind)::int AS kind_count,
                     row_number() OVER (PARTITION BY i.kind ORDER BY i.since, i.id) AS n
                FROM (${union}) i) x
       WHERE x.n <= ${perKind}
       ORDER BY x.since, x.id`.execute(qb);
    return rows;
  }

  /** The roles and mentee record of an active user (a digest's recipient), to read their inbox as they would. */
  async person(userId: string): Promise<{ roles: Role[]; mentee_id: string | null } | undefined> {
    return qb
      .selectFrom('users as u')
      .leftJoin('mentees as m', 'm.user_id', 'u.id')
      .select([sql<Role[]>`u.roles`.as('roles'), 'm.id as mentee_id'])
      .where('u.id', '=', userId)
      .where('u.active', '=', true)
      .executeTakeFirst();
  }
}
