import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Setting a password from an invitation or reset link ends the user's browser sessions in the
 * same tenant transaction. The tenant role may mark refresh tokens revoked and nothing more:
 * it reads only the columns that statement needs and writes only `revoked_at`.
 */
export class ResetEndsSessions1796081700000 implements MigrationInterface {
  name = 'ResetEndsSessions1796081700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'GRANT SELECT (id, organization_id, user_id, revoked_at), UPDATE (revoked_at) ON refresh_tokens TO leadpath_app',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('REVOKE ALL ON refresh_tokens FROM leadpath_app');
  }
}
