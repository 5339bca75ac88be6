import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A newly enrolled mentee was stale at once: the stale clock counted from the beginning of time.
 * It now counts from the later of the last shared feedback and enrolment, kept in the read model
 * as `stale_since` so every stale list reads one column. Existing rows are filled here, and a new
 * generation has the background recompute confirm them against the definition.
 */
export class StaleSince1796648718640 implements MigrationInterface {
  name = 'StaleSince1796648718640';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mentee_readiness" ADD "stale_since" date`);
    await q.query(
      `CREATE INDEX "IDX_53b4bf974ccada2b9c0485172f" ON "mentee_readiness"  ("organization_id", "stale_since") `,
    );
    await q.query(
      `UPDATE mentee_readiness r SET stale_since = GREATEST(r.last_shared_on, (m.created_at AT TIME ZONE 'UTC')::date)
         FROM mentees m WHERE m.id = r.mentee_id`,
    );
    await q.query(
      `INSERT INTO readiness_generations (organization_id, generation, changed_at)
       SELECT o.id, 1, now() FROM organizations o
       ON CONFLICT (organization_id) DO UPDATE SET generation = readiness_generations.generation + 1, changed_at = now()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_53b4bf974ccada2b9c0485172f"`);
    await q.query(`ALTER TABLE "mentee_readiness" DROP COLUMN "stale_since"`);
  }
}
