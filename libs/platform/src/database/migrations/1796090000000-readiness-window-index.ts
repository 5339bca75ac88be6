import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The readiness definition reads a mentee's feedback twice: the shared entries within the
 * ratings window (with their order: occurred_on, created_at, id) and the latest shared entry.
 * With the columns it reads carried in the index, both are index-only scans: recomputing many
 * mentees no longer visits the feedback rows themselves (their texts make them wide). The index
 * replaces the plain (organization_id, mentee_id, occurred_on) one, which it covers. TypeORM
 * cannot declare INCLUDE columns, so the entity names it with `synchronize: false`.
 */
export class ReadinessWindowIndex1796090000000 implements MigrationInterface {
  name = 'ReadinessWindowIndex1796090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_4218518a34cf0a7ee788d9c6c1"`);
    await q.query(
      `CREATE INDEX "IDX_feedback_readiness" ON "feedback" ("organization_id", "mentee_id", "occurred_on")
         INCLUDE ("visibility", "created_at", "id", "author_role")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_feedback_readiness"`);
    await q.query(
      `CREATE INDEX "IDX_4218518a34cf0a7ee788d9c6c1" ON "feedback" ("organization_id", "mentee_id", "occurred_on") `,
    );
  }
}
