import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens of browser sessions. Only the system operation auth.session (sign-in, refresh,
 * sign-out) touches them, so the request role gets no grant; the tenant policy is there all the
 * same, like on every table that carries an organization.
 */
export class BrowserSessions1796057456252 implements MigrationInterface {
  name = 'BrowserSessions1796057456252';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "token_version" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_a7838d2ba25be1342091b6695f" ON "refresh_tokens"  ("token_hash") `);
    await q.query(`CREATE INDEX "IDX_18a5dac5f8fe625480b6e2e6bf" ON "refresh_tokens"  ("organization_id", "user_id") `);
    await q.query(`CREATE INDEX "IDX_d5e27da0cd39bc3bb2811fc8ba" ON "refresh_tokens"  ("family_id") `);
    await q.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_78a23ff687c363e19d1e69b1dbd" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query('ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY');
    await q.query('ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY');
    await q.query(
      `CREATE POLICY tenant_isolation ON refresh_tokens TO leadpath_app
         USING (organization_id = leadpath_current_organization())
         WITH CHECK (organization_id = leadpath_current_organization())`,
    );
    await q.query('CREATE POLICY system_access ON refresh_tokens TO CURRENT_USER USING (true) WITH CHECK (true)');
    // The system operation auth.session (see SYSTEM_OPERATIONS) finds, rotates and revokes tokens.
    await q.query('GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_tokens TO leadpath_system');
    await q.query('CREATE POLICY system_sessions ON refresh_tokens TO leadpath_system USING (true) WITH CHECK (true)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY system_sessions ON refresh_tokens');
    await q.query('REVOKE ALL ON refresh_tokens FROM leadpath_system');
    await q.query('DROP POLICY system_access ON refresh_tokens');
    await q.query('DROP POLICY tenant_isolation ON refresh_tokens');
    await q.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"`);
    await q.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_78a23ff687c363e19d1e69b1dbd"`);
    await q.query(`DROP INDEX "public"."IDX_d5e27da0cd39bc3bb2811fc8ba"`);
    await q.query(`DROP INDEX "public"."IDX_18a5dac5f8fe625480b6e2e6bf"`);
    await q.query(`DROP INDEX "public"."IDX_a7838d2ba25be1342091b6695f"`);
    await q.query(`DROP TABLE "refresh_tokens"`);
  }
}
