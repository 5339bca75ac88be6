import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import { ledFeedbackThreshold } from '@leadpath/assignments';
import { qb } from '@leadpath/platform/database';

/** A request and whom its messages go to. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** A request with what its message says, locked while the message is composed. */
export type MailableRequest = InferResult<ReturnType<typeof mailableRequest>>[number];

function mailableRequest(organizationId: string, requestId: string) {
  return qb
    .selectFrom('feedback_requests as q')
    .innerJoin('assignments as a', (join) =>
      join.onRef('a.organization_id', '=', 'q.organization_id').onRef('a.id', '=', 'q.assignment_id'),
    )
    .innerJoin('mentees as m', (join) =>
      join.onRef('m.organization_id', '=', 'a.organization_id').onRef('m.id', '=', 'a.mentee_id'),
    )
    .innerJoin('users as lead', (join) =>
      join.onRef('lead.organization_id', '=', 'm.organization_id').onRef('lead.id', '=', 'm.user_id'),
    )
    .innerJoin('users as asker', (join) =>
      join.onRef('asker.organization_id', '=', 'q.organization_id').onRef('asker.id', '=', 'q.requested_by'),
    )
    .innerJoin('organizations as o', 'o.id', 'q.organization_id')
    .select([
      'q.id',
      'q.email',
      'q.name',
      'q.answered',
      'q.approval',
      'q.expires_at',
      'q.mails_sent',
      'a.title as assignment_title',
      'lead.name as lead_name',
      'asker.name as requester_name',
      'o.name as organization_name',
      sql<number>`cardinality(a.competency_keys)`.as('questions'),
      ledFeedbackThreshold.as('threshold'),
    ])
    .where('q.organization_id', '=', organizationId)
    .where('q.id', '=', requestId)
    .forUpdate('q');
}

/** The feedback requests' mail: who is owed which message. Tenant work, except `organizationsWithDueReminders`. */
@Injectable()
export class FeedbackMailRepository {
  async lockForMail(organizationId: string, requestId: string): Promise<MailableRequest | undefined> {
    const [row] = await mailableRequest(organizationId, requestId).execute();
    return row;
  }

  /** Whom the requests' messages go to: the address and the name the asker gave, in one read. */
  recipients(organizationId: string, requestIds: string[]): Promise<Recipient[]> {
    if (requestIds.length === 0) return Promise.resolve([]);
    return qb
      .selectFrom('feedback_requests')
      .select(['id', 'email', 'name'])
      .where('organization_id', '=', organizationId)
      .where('id', 'in', requestIds)
      .execute();
  }

  /** Message `sequence` (0 the invitation, then the reminders) has left; a redelivered job finds it done. */
  async markMailed(organizationId: string, requestId: string, sequence: number): Promise<void> {
    await qb
      .updateTable('feedback_requests')
      .set({ mails_sent: sql`GREATEST(mails_sent, ${sequence + 1})` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', requestId)
      .execute();
  }

  /**
   * The one cross-organization read of the reminders (system operation `assignments.reminders`):
   * which organizations have an open, unanswered request whose next reminder is due.
   */
  async organizationsWithDueReminders(now: Date, dueBeforeExpiry: number[]): Promise<string[]> {
    const rows = await qb
      .selectFrom('feedback_requests')
      .select('organization_id')
      .distinct()
      .where(sql<boolean>`NOT answered`)
      .where('expires_at', '>', now)
      .where('reminders_sent', '<', dueBeforeExpiry.length)
      .where(
        sql<boolean>`expires_at - make_interval(secs => (${dueBeforeExpiry}::int[])[reminders_sent + 1]) <= ${now}`,
      )
      .execute();
    return rows.map((r) => r.organization_id);
  }

  /**
   * Claims the reminders due now in one organization and returns which message each request is
   * owed. A request late by more than one reminder gets only the latest, so nobody is sent two
   * at once; `reminders_sent` moves forward in the same statement, so each reminder is claimed once.
   */
  async claimDueReminders(
    organizationId: string,
    now: Date,
    dueBeforeExpiry: number[],
  ): Promise<(Recipient & { reminders_sent: number })[]> {
    return (
      await sql<Recipient & { reminders_sent: number }>`UPDATE feedback_requests q SET reminders_sent = due.n
         FROM (SELECT r.id,
                      (SELECT count(*)::int FROM unnest(${dueBeforeExpiry}::int[]) AS s(secs)
                        WHERE r.expires_at - make_interval(secs => s.secs) <= ${now}) AS n
                 FROM feedback_requests r
                WHERE r.organization_id = ${organizationId} AND NOT r.answered AND r.approval = 'approved' AND r.expires_at > ${now}
                  AND r.reminders_sent < ${dueBeforeExpiry.length}
                  FOR UPDATE OF r) AS due
        WHERE q.organization_id = ${organizationId} AND q.id = due.id AND due.n > q.reminders_sent
        RETURNING q.id, q.email, q.name, q.reminders_sent`.execute(qb)
    ).rows;
  }
}
