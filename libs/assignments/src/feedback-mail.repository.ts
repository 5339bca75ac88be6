import { Injectable } from '@nestjs/common';
import { Database, DEFAULT_SETTINGS } from '@leadpath/platform';

/** A request with what its message says, locked while the message is composed. */
export interface MailableRequest {
  id: string;
  email: string;
  name: string;
  answered: boolean;
  expires_at: Date;
  mails_sent: number;
  assignment_title: string;
  lead_name: string;
  requester_name: string;
  organization_name: string;
  questions: number;
  threshold: number;
}

/** The feedback requests' mail: who is owed which message. Tenant work, except `organizationsWithDueReminders`. */
@Injectable()
export class FeedbackMailRepository {
  constructor(private readonly db: Database) {}

  async lockForMail(organizationId: string, requestId: string): Promise<MailableRequest | undefined> {
    const [row] = await this.db.query<MailableRequest>(
      `SELECT q.id, q.email, q.name, q.answered, q.expires_at, q.mails_sent,
              a.title AS assignment_title, lead.name AS lead_name, asker.name AS requester_name, o.name AS organization_name,
              cardinality(a.competency_keys) AS questions,
              COALESCE((SELECT s.led_feedback_threshold FROM organization_settings s WHERE s.organization_id = q.organization_id), ${DEFAULT_SETTINGS.ledFeedbackThreshold}) AS threshold
         FROM feedback_requests q
         JOIN assignments a ON a.organization_id = q.organization_id AND a.id = q.assignment_id
         JOIN mentees m ON m.organization_id = a.organization_id AND m.id = a.mentee_id
         JOIN users lead ON lead.organization_id = m.organization_id AND lead.id = m.user_id
         JOIN users asker ON asker.organization_id = q.organization_id AND asker.id = q.requested_by
         JOIN organizations o ON o.id = q.organization_id
        WHERE q.organization_id = $1 AND q.id = $2
          FOR UPDATE OF q`,
      [organizationId, requestId],
    );
    return row;
  }

  /** Message `sequence` (0 the invitation, then the reminders) has left; a redelivered job finds it done. */
  async markMailed(organizationId: string, requestId: string, sequence: number): Promise<void> {
    await this.db.query(
      'UPDATE feedback_requests SET mails_sent = GREATEST(mails_sent, $3) WHERE organization_id = $1 AND id = $2',
      [organizationId, requestId, sequence + 1],
    );
  }

  /**
   * The one cross-organization read of the reminders (system operation `assignments.reminders`):
   * which organizations have an open, unanswered request whose next reminder is due.
   */
  async organizationsWithDueReminders(now: Date, dueBeforeExpiry: number[]): Promise<string[]> {
    const rows = await this.db.query<{ organization_id: string }>(
      `SELECT DISTINCT organization_id FROM feedback_requests
        WHERE NOT answered AND expires_at > $1 AND reminders_sent < $2
          AND expires_at - make_interval(secs => ($3::int[])[reminders_sent + 1]) <= $1`,
      [now, dueBeforeExpiry.length, dueBeforeExpiry],
    );
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
  ): Promise<{ id: string; reminders_sent: number }[]> {
    return this.db.query<{ id: string; reminders_sent: number }>(
      `UPDATE feedback_requests q SET reminders_sent = due.n
         FROM (SELECT r.id,
                      (SELECT count(*)::int FROM unnest($4::int[]) AS s(secs)
                        WHERE r.expires_at - make_interval(secs => s.secs) <= $2) AS n
                 FROM feedback_requests r
                WHERE r.organization_id = $1 AND NOT r.answered AND r.expires_at > $2 AND r.reminders_sent < $3
                  FOR UPDATE OF r) AS due
        WHERE q.organization_id = $1 AND q.id = due.id AND due.n > q.reminders_sent
        RETURNING q.id, q.reminders_sent`,
      [organizationId, now, dueBeforeExpiry.length, dueBeforeExpiry],
    );
  }
}
