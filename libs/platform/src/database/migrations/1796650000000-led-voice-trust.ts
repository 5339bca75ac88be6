import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The voice of those led cannot be faked or read by difference (see AssignmentsService):
 * - `feedback_requests.respondent_key` names the person asked, one request per person and
 *   assignment; existing requests get `user:<id>` or `email:<address>` (a duplicate person among
 *   them, possible only through an address change, keeps its own key, suffixed with the request).
 * - `approval`: outside addresses the mentee asks wait for the line manager or HR. Open requests of
 *   outside addresses the mentee asked before this release wait too; answered ones stay as they are.
 * - `led_responses.published`: answers are shown in batches of at least the threshold; answers of
 *   assignments that had reached it are published, the others are held. The application may
 *   change that column and no other: an answer's content is still written once.
 * - `organization_settings.feedback_requests_per_day`: requests one person may send per UTC day.
 */
export class LedVoiceTrust1796650000000 implements MigrationInterface {
  name = 'LedVoiceTrust1796650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "feedback_requests" ADD "respondent_key" character varying(300)`);
    await q.query(
      `UPDATE feedback_requests SET respondent_key = CASE WHEN respondent_user_id IS NOT NULL
              THEN 'user:' || respondent_user_id ELSE 'email:' || email_key END`,
    );
    await q.query(
      `UPDATE feedback_requests q SET respondent_key = q.respondent_key || '#' || q.id
         FROM (SELECT id, row_number() OVER (PARTITION BY organization_id, assignment_id, respondent_key
                                                 ORDER BY created_at, id) AS n
                 FROM feedback_requests) d
        WHERE d.id = q.id AND d.n > 1`,
    );
    await q.query(`ALTER TABLE "feedback_requests" ALTER COLUMN "respondent_key" SET NOT NULL`);
    await q.query(`ALTER TABLE "feedback_requests" ADD "approval" character varying(16) NOT NULL DEFAULT 'approved'`);
    await q.query(`ALTER TABLE "feedback_requests" ADD "decided_by" uuid`);
    await q.query(`ALTER TABLE "feedback_requests" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "led_responses" ADD "published" boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE led_responses r SET published = true
        WHERE (SELECT count(*) FROM led_responses x WHERE x.organization_id = r.organization_id AND x.assignment_id = r.assignment_id)
              >= COALESCE((SELECT s.led_feedback_threshold FROM organization_settings s WHERE s.organization_id = r.organization_id), 3)`,
    );
    await q.query('GRANT UPDATE (published) ON led_responses TO leadpath_app');
    await q.query(
      `UPDATE feedback_requests q SET approval = 'pending'
        WHERE q.respondent_user_id IS NULL AND NOT q.answered
          AND q.requested_by = (SELECT m.user_id FROM assignments a JOIN mentees m ON m.id = a.mentee_id WHERE a.id = q.assignment_id)`,
    );
    await q.query(`ALTER TABLE "organization_settings" ADD "feedback_requests_per_day" integer NOT NULL DEFAULT '30'`);
    await q.query(
      `CREATE INDEX "IDX_7d2608cbaaa6455321d25ebdc7" ON "feedback_requests"  ("organization_id", "requested_by", "created_at") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_b442f5b9cd1b540b8d56ad9495" ON "feedback_requests"  ("organization_id", "assignment_id", "respondent_key") `,
    );
    await q.query(
      `ALTER TABLE "feedback_requests" ADD CONSTRAINT "CHK_0ad8d1d9618aa578e5c8a1f667" CHECK (approval IN ('pending','approved','declined'))`,
    );
    await q.query(
      `ALTER TABLE "organization_settings" ADD CONSTRAINT "CHK_bc1c19ed3f422e72239b21587e" CHECK (feedback_requests_per_day BETWEEN 1 AND 500)`,
    );
    await q.query(
      `ALTER TABLE "feedback_requests" ADD CONSTRAINT "FK_a470abf0b739d066bdb050beb42" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "feedback_requests" DROP CONSTRAINT "FK_a470abf0b739d066bdb050beb42"`);
    await q.query(`ALTER TABLE "organization_settings" DROP CONSTRAINT "CHK_bc1c19ed3f422e72239b21587e"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP CONSTRAINT "CHK_0ad8d1d9618aa578e5c8a1f667"`);
    await q.query(`DROP INDEX "public"."IDX_b442f5b9cd1b540b8d56ad9495"`);
    await q.query(`DROP INDEX "public"."IDX_7d2608cbaaa6455321d25ebdc7"`);
    await q.query(`ALTER TABLE "organization_settings" DROP COLUMN "feedback_requests_per_day"`);
    await q.query('REVOKE UPDATE (published) ON led_responses FROM leadpath_app');
    await q.query(`ALTER TABLE "led_responses" DROP COLUMN "published"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP COLUMN "decided_at"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP COLUMN "decided_by"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP COLUMN "approval"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP COLUMN "respondent_key"`);
  }
}
