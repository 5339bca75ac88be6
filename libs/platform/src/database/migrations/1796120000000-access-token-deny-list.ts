import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access tokens ended by a sign-out, by token id, until they would have expired. Only system
 * operations touch the table: auth.session writes and prunes it at sign-out, and auth.token reads
 * it in the token check's one statement. The request role gets no grant; the tenant policy is
 * there all the same, like on every table that carries an organization.
 */
export class AccessTokenDenyList1796120000000 implements MigrationInterface {
  name = 'AccessTokenDenyList1796120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "revoked_access_tokens" ("jti" uuid NOT NULL, "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_340815421be58a8330570a1d6fb" PRIMARY KEY ("jti"))`,
    );
    await q.query(`CREATE INDEX "IDX_112881f43294df4d6dc0794a17" ON "revoked_access_tokens"  ("user_id") `);
    await q.query(`CREATE INDEX "IDX_84cf475d52c4d6dccfa9d51403" ON "revoked_access_tokens"  ("expires_at") `);
    await q.query(
      `ALTER TABLE "revoked_access_tokens" ADD CONSTRAINT "FK_276d3d25efae4cb8987842bec59" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "revoked_access_tokens" ADD CONSTRAINT "FK_112881f43294df4d6dc0794a17e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query('ALTER TABLE revoked_access_tokens ENABLE ROW LEVEL SECURITY');
    await q.query('ALTER TABLE revoked_access_tokens FORCE ROW LEVEL SECURITY');
    await q.query(
      `CREATE POLICY tenant_isolation ON revoked_access_tokens TO leadpath_app
         USING (organization_id = leadpath_current_organization())
         WITH CHECK (organization_id = leadpath_current_organization())`,
    );
    await q.query(
      'CREATE POLICY system_access ON revoked_access_tokens TO CURRENT_USER USING (true) WITH CHECK (true)',
    );
    // auth.session (sign-out) adds and prunes rows; auth.token (every request) reads them.
    await q.query('GRANT SELECT, INSERT, DELETE ON revoked_access_tokens TO leadpath_system');
    await q.query(
      'CREATE POLICY system_revocations ON revoked_access_tokens TO leadpath_system USING (true) WITH CHECK (true)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY system_revocations ON revoked_access_tokens');
    await q.query('REVOKE ALL ON revoked_access_tokens FROM leadpath_system');
    await q.query('DROP POLICY system_access ON revoked_access_tokens');
    await q.query('DROP POLICY tenant_isolation ON revoked_access_tokens');
    await q.query(`ALTER TABLE "revoked_access_tokens" DROP CONSTRAINT "FK_112881f43294df4d6dc0794a17e"`);
    await q.query(`ALTER TABLE "revoked_access_tokens" DROP CONSTRAINT "FK_276d3d25efae4cb8987842bec59"`);
    await q.query(`DROP INDEX "public"."IDX_84cf475d52c4d6dccfa9d51403"`);
    await q.query(`DROP INDEX "public"."IDX_112881f43294df4d6dc0794a17"`);
    await q.query(`DROP TABLE "revoked_access_tokens"`);
  }
}
