import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['sso_configs', 'sso_domains', 'sso_attempts'];

/** What the system role may read of each table, for which operation (see SYSTEM_OPERATIONS). */
const SYSTEM_READS = [
  // sso.discover: an address's domain names the organization whose provider it signs in with.
  ['sso_domains', 'domain, organization_id'],
  // sso.callback: the provider's callback names an attempt by its state, not an organization.
  ['sso_attempts', 'organization_id, state'],
  // auth.login: a password sign-in is refused where the organization requires single sign-on.
  ['sso_configs', 'organization_id, require_sso'],
] as const;

/**
 * Single sign-on with OpenID Connect: each organization's provider, the e-mail domains it signs
 * in (a domain belongs to one organization at most: the primary key), and the sign-ins begun at
 * the provider (single use). Tenant data under forced row-level security; the system role reads
 * the few columns that find an organization from an address or a state, and nothing more.
 *
 * Users gain `break_glass`, and may hold no role at all: an account provisioned at its first
 * single sign-on waits without rights until HR gives it some.
 */
export class SingleSignOn1796700000000 implements MigrationInterface {
  name = 'SingleSignOn1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_1c030e09a423f3dc3f5ba0cdef"`);
    await q.query(
      `CREATE TABLE "sso_attempts" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" character varying(64) NOT NULL, "nonce" character varying(64) NOT NULL, "code_verifier" character varying(128) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a0ff4aba838300d5c082dc6e4e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_a346bca097928a23fd28f991f2" ON "sso_attempts"  ("state") `);
    await q.query(`CREATE INDEX "IDX_bbb071712f22345f234b8db8b2" ON "sso_attempts"  ("expires_at") `);
    await q.query(
      `CREATE TABLE "sso_configs" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "issuer" character varying(500) NOT NULL, "client_id" character varying(255) NOT NULL, "client_secret_encrypted" text NOT NULL, "require_sso" boolean NOT NULL DEFAULT false, "jit_provisioning" boolean NOT NULL DEFAULT false, "groups_claim" character varying(100), CONSTRAINT "PK_13207db072d3e8fb33c7cf9ba80" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_6a7f38a17677bca23545745155" ON "sso_configs"  ("organization_id") `);
    await q.query(
      `CREATE TABLE "sso_domains" ("organization_id" uuid NOT NULL, "domain" character varying(253) NOT NULL, CONSTRAINT "PK_586adb1f29cd99ed778c30fb1fd" PRIMARY KEY ("domain"))`,
    );
    await q.query(`ALTER TABLE "users" ADD "break_glass" boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_40de934ed41aa417c233488d61" CHECK (roles <@ ARRAY['hr_admin','manager','mentee']::varchar[])`,
    );
    await q.query(
      `ALTER TABLE "sso_attempts" ADD CONSTRAINT "FK_0f1f6e301d5758127ecc8303f85" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sso_configs" ADD CONSTRAINT "FK_6a7f38a17677bca235457451559" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sso_domains" ADD CONSTRAINT "FK_1926a64c7aa574c4d06660efab7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO leadpath_app`);
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO leadpath_app
           USING (organization_id = leadpath_current_organization())
           WITH CHECK (organization_id = leadpath_current_organization())`,
      );
      await q.query(`CREATE POLICY system_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
    for (const [table, columns] of SYSTEM_READS) {
      await q.query(`GRANT SELECT (${columns}) ON ${table} TO leadpath_system`);
      await q.query(`CREATE POLICY system_lookup ON ${table} FOR SELECT TO leadpath_system USING (true)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, columns] of SYSTEM_READS) {
      await q.query(`DROP POLICY system_lookup ON ${table}`);
      await q.query(`REVOKE SELECT (${columns}) ON ${table} FROM leadpath_system`);
    }
    for (const table of TABLES) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
    }
    await q.query(`ALTER TABLE "sso_domains" DROP CONSTRAINT "FK_1926a64c7aa574c4d06660efab7"`);
    await q.query(`ALTER TABLE "sso_configs" DROP CONSTRAINT "FK_6a7f38a17677bca235457451559"`);
    await q.query(`ALTER TABLE "sso_attempts" DROP CONSTRAINT "FK_0f1f6e301d5758127ecc8303f85"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_40de934ed41aa417c233488d61"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "break_glass"`);
    await q.query(`DROP TABLE "sso_domains"`);
    await q.query(`DROP INDEX "public"."IDX_6a7f38a17677bca23545745155"`);
    await q.query(`DROP TABLE "sso_configs"`);
    await q.query(`DROP INDEX "public"."IDX_bbb071712f22345f234b8db8b2"`);
    await q.query(`DROP INDEX "public"."IDX_a346bca097928a23fd28f991f2"`);
    await q.query(`DROP TABLE "sso_attempts"`);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_1c030e09a423f3dc3f5ba0cdef" CHECK (((cardinality(roles) > 0) AND (roles <@ ARRAY['hr_admin'::character varying, 'manager'::character varying, 'mentee'::character varying])))`,
    );
  }
}
