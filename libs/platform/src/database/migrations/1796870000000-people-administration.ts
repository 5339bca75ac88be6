import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People administration and a readable audit trail.
 *
 * - `users.invited_at`: when the person was invited to choose a password, until they do. An
 *   invitation's link can be spent without being accepted (a change of address spends every open
 *   link), so whether someone is still "invited" is kept here rather than guessed from the links.
 *   Existing accounts: invited when they hold an invitation and never accepted one nor reset
 *   their password (the trail records both).
 * - `audit_events.changes`: for an update, the fields it changed, each `{ from, to }`; only
 *   structured fields and names the object already carries, never free text a person wrote.
 */
export class PeopleAdministration1796870000000 implements MigrationInterface {
  name = 'PeopleAdministration1796870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "invited_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `UPDATE users u SET invited_at = t.first_at
         FROM (SELECT user_id, min(created_at) AS first_at FROM auth_tokens WHERE purpose = 'invitation' GROUP BY user_id) t
        WHERE t.user_id = u.id
          AND NOT EXISTS (
            SELECT 1 FROM audit_events a
             WHERE a.organization_id = u.organization_id AND a.object_id = u.id AND a.outcome = 'success'
               AND a.action IN ('auth.invitation_accepted', 'auth.password_reset', 'auth.sso_login'))`,
    );
    await q.query(`ALTER TABLE "audit_events" ADD "changes" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "changes"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "invited_at"`);
  }
}
