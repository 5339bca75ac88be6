import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback requests are mailed: `mails_sent` counts the messages that left (the invitation, then
 * each reminder), and the system role may find the organizations with a reminder due
 * (`assignments.reminders` in SYSTEM_OPERATIONS) — those four columns and nothing more.
 */
export class FeedbackRequestMail1796081600000 implements MigrationInterface {
  name = 'FeedbackRequestMail1796081600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "feedback_requests" ADD "mails_sent" smallint NOT NULL DEFAULT '0'`);
    await q.query(
      'GRANT SELECT (organization_id, answered, expires_at, reminders_sent) ON feedback_requests TO leadpath_system',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('REVOKE SELECT (answered, expires_at, reminders_sent) ON feedback_requests FROM leadpath_system');
    await q.query(`ALTER TABLE "feedback_requests" DROP COLUMN "mails_sent"`);
  }
}
