import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims and confirmations. A goal's achievement counts toward readiness once the line manager or
 * HR confirms it (`confirmed_at`, `confirmed_by`); an acknowledgement is of one version of a
 * feedback entry (`acknowledged_version`). Goals already achieved are confirmed when the audit
 * trail shows someone other than the mentee marked them so; the rest become claims awaiting
 * confirmation. Acknowledged entries are taken as acknowledged at their current version. The
 * readiness read model is marked pending, to be recomputed under the new rule.
 */
export class SignOffRules1796071200000 implements MigrationInterface {
  name = 'SignOffRules1796071200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "goals" ADD "confirmed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "goals" ADD "confirmed_by" uuid`);
    await q.query(`ALTER TABLE "feedback" ADD "acknowledged_version" integer`);
    await q.query(
      `WITH marked AS (
         SELECT DISTINCT ON (a.object_id) a.object_id, a.actor_id FROM audit_events a
          WHERE a.object_type = 'goal' AND a.action = 'goal.achieved' AND a.outcome = 'success'
          ORDER BY a.object_id, a.occurred_at DESC)
       UPDATE goals g SET confirmed_at = COALESCE(g.status_changed_at, g.updated_at), confirmed_by = marked.actor_id
         FROM marked, mentees m
        WHERE marked.object_id = g.id AND m.id = g.mentee_id AND g.status = 'achieved'
          AND marked.actor_id IS DISTINCT FROM m.user_id`,
    );
    await q.query(`UPDATE feedback SET acknowledged_version = version WHERE acknowledged_at IS NOT NULL`);
    // G now counts confirmed achievements only: every cached readiness row is recomputed.
    await q.query(`UPDATE mentee_readiness SET valid_until = '-infinity'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "feedback" DROP COLUMN "acknowledged_version"`);
    await q.query(`ALTER TABLE "goals" DROP COLUMN "confirmed_by"`);
    await q.query(`ALTER TABLE "goals" DROP COLUMN "confirmed_at"`);
  }
}
