import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refused sign-in is audited inside the `auth.login` system operation with one statement that
 * is the same whether the e-mail names an account or not (so failures for known and unknown
 * accounts cost the same). The system role may insert exactly that event and nothing else.
 */
export class LoginFailureAudit1796071200100 implements MigrationInterface {
  name = 'LoginFailureAudit1796071200100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('GRANT INSERT ON audit_events TO leadpath_system');
    await q.query(
      `CREATE POLICY system_login_failure ON audit_events FOR INSERT TO leadpath_system
         WITH CHECK (action = 'auth.login' AND outcome = 'denied' AND object_type = 'user' AND object_id = actor_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY system_login_failure ON audit_events');
    await q.query('REVOKE INSERT ON audit_events FROM leadpath_system');
  }
}
