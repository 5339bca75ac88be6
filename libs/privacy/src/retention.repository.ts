import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { qb } from '@leadpath/platform/database';

export interface RetentionCandidateRow {
  id: string;
  name: string;
  email: string;
  deactivated_at: Date;
}

@Injectable()
export class RetentionRepository {
  async erasureAfterMonths(organizationId: string): Promise<number | null> {
    const row = await qb
      .selectFrom('organization_settings')
      .select('erasure_after_months')
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return row?.erasure_after_months ?? null;
  }

  async setErasureAfterMonths(organizationId: string, months: number | null, at: Date): Promise<void> {
    await qb
      .insertInto('organization_settings')
      .values({ organization_id: organizationId, erasure_after_months: months, updated_at: at })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet({ erasure_after_months: months, updated_at: at }))
      .execute();
  }

  /** People deactivated before `months` months ago and not erased yet, longest-gone first. */
  async candidates(organizationId: string, months: number, at: Date): Promise<RetentionCandidateRow[]> {
    return qb
      .selectFrom('users as u')
      .select(['u.id', 'u.name', 'u.email', 'u.deactivated_at'])
      .where('u.organization_id', '=', organizationId)
      .where('u.active', '=', false)
      .where('u.deactivated_at', 'is not', null)
      .where('u.deactivated_at', '<', sql<Date>`${at}::timestamptz - make_interval(months => ${months}::int)`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('erasure_log as e')
              .select('e.id')
              .whereRef('e.user_id', '=', 'u.id')
              .where('e.organization_id', '=', organizationId),
          ),
        ),
      )
      .orderBy('u.deactivated_at')
      .orderBy('u.id')
      .$narrowType<{ deactivated_at: Date }>()
      .execute();
  }

  /** The cut-off for `months`, as the database computes it (calendar months). */
  async cutoff(months: number, at: Date): Promise<Date> {
    const { rows } = await sql<{
      cutoff: Date;
    }>`SELECT ${at}::timestamptz - make_interval(months => ${months}::int) AS cutoff`.execute(qb);
    return rows[0].cutoff;
  }
}
