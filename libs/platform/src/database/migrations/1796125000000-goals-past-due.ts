import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * G now counts only open goals past their target date against confirmed achievements (setting a
 * goal never lowers readiness). Every stored readiness row was computed under the old rule: a new
 * generation per organization marks them pending, and the background recompute brings them to the
 * definition.
 */
export class GoalsPastDue1796125000000 implements MigrationInterface {
  name = 'GoalsPastDue1796125000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO readiness_generations (organization_id, generation, changed_at)
       SELECT o.id, 1, now() FROM organizations o
       ON CONFLICT (organization_id) DO UPDATE SET generation = readiness_generations.generation + 1, changed_at = now()`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: a newer generation only asks for a recompute, which is right under either rule.
  }
}
