import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['scim_tokens', 'scim_users', 'scim_groups', 'scim_group_members', 'scim_group_roles'];

/**
 * SCIM provisioning: the organization's provisioning tokens (only their SHA-256 is kept), the
 * SCIM identity of the people an identity provider manages, its groups and their members, and
 * HR's map from group name to role. Tenant data like any other: forced row-level security for
 * the tenant role. `userName` and a group's display name are unique per organization without
 * regard to case, which only an expression index says (the entities name them, unsynchronized).
 *
 * A person an identity provider creates may hold no role until HR maps one of their groups; the
 * single sign-on migration before this one already lets a user's roles be empty.
 *
 * The system role may find a token by its hash (`scim.token` in SYSTEM_OPERATIONS): the columns
 * that name its organization and whether it still works, nothing more.
 */
export class ScimProvisioning1796710000000 implements MigrationInterface {
  name = 'ScimProvisioning1796710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "scim_tokens" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "token_hash" character varying(64) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5e368798dfa88b0d9fb185e8901" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_2f0bba718f72bfe82a482a1093" ON "scim_tokens"  ("token_hash") `);
    await q.query(
      `CREATE INDEX "IDX_bc6ff06dbb041cfa8faf2a990b" ON "scim_tokens"  ("organization_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE TABLE "scim_users" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "user_name" character varying(300) NOT NULL, "external_id" character varying(300), "display_name" character varying(300), "given_name" character varying(200), "family_name" character varying(200), "title" character varying(200), "emails" jsonb NOT NULL DEFAULT '[]', "department" character varying(200), "manager_ref" character varying(300), "manager_id" uuid, "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c3073abd55c09b51fb5873ef040" PRIMARY KEY ("user_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_fa04f0373ccc9df038e1a3271c" ON "scim_users"  ("organization_id", "manager_ref") `);
    await q.query(
      `CREATE TABLE "scim_groups" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "display_name" character varying(300) NOT NULL, "external_id" character varying(300), CONSTRAINT "PK_8bacda70f9d3c4028b3abe53874" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "scim_group_members" ("organization_id" uuid NOT NULL, "group_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_8b10e33ba5676208fb52a83bb89" PRIMARY KEY ("group_id", "user_id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_e5fc51cacb8246e891a8f01f68" ON "scim_group_members"  ("organization_id", "user_id") `,
    );
    await q.query(
      `CREATE TABLE "scim_group_roles" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_name" character varying(300) NOT NULL, "role" character varying(16) NOT NULL, CONSTRAINT "CHK_491854c3cbb54cb59ac4a2355f" CHECK (role IN ('hr_admin','manager','mentee')), CONSTRAINT "PK_1efc3ae38823542b17247935610" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `ALTER TABLE "scim_tokens" ADD CONSTRAINT "FK_3f8c2c11cc6038314cdcf26c785" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_tokens" ADD CONSTRAINT "FK_062ca6833ab5529bee44262b14b" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_users" ADD CONSTRAINT "FK_876458955bd345b8dff5ff21ef5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_users" ADD CONSTRAINT "FK_c3073abd55c09b51fb5873ef040" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_users" ADD CONSTRAINT "FK_3df2bf5b9a3495c2fcee3b7133c" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_groups" ADD CONSTRAINT "FK_99aa77fade59edd24556015aea1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_group_members" ADD CONSTRAINT "FK_841f5854839f8ff8f37b38fd878" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_group_members" ADD CONSTRAINT "FK_e789fd51be503273b27723fd9a9" FOREIGN KEY ("group_id") REFERENCES "scim_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_group_members" ADD CONSTRAINT "FK_462aa1775cd60740c884ac91cc0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scim_group_roles" ADD CONSTRAINT "FK_5d6944d5a9129be618fb27d16ae" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_scim_users_user_name" ON "scim_users" ("organization_id", lower("user_name"))`,
    );
    // Manager references are resolved by externalId and matched by their own value, both without case.
    await q.query(
      `CREATE INDEX "IDX_scim_users_external_id" ON "scim_users" ("organization_id", lower("external_id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_scim_users_manager_ref" ON "scim_users" ("organization_id", lower("manager_ref")) WHERE "manager_id" IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_scim_groups_display_name" ON "scim_groups" ("organization_id", lower("display_name"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_scim_group_roles_group" ON "scim_group_roles" ("organization_id", lower("group_name"))`,
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
    await q.query(
      'GRANT SELECT (id, organization_id, token_hash, revoked_at, last_used_at) ON scim_tokens TO leadpath_system',
    );
    await q.query('CREATE POLICY system_lookup ON scim_tokens FOR SELECT TO leadpath_system USING (true)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY system_lookup ON scim_tokens');
    await q.query(
      'REVOKE SELECT (id, organization_id, token_hash, revoked_at, last_used_at) ON scim_tokens FROM leadpath_system',
    );
    for (const table of TABLES) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
    }
    await q.query(`DROP INDEX "IDX_scim_group_roles_group"`);
    await q.query(`DROP INDEX "IDX_scim_groups_display_name"`);
    await q.query(`DROP INDEX "IDX_scim_users_manager_ref"`);
    await q.query(`DROP INDEX "IDX_scim_users_external_id"`);
    await q.query(`DROP INDEX "IDX_scim_users_user_name"`);
    await q.query(`ALTER TABLE "scim_group_roles" DROP CONSTRAINT "FK_5d6944d5a9129be618fb27d16ae"`);
    await q.query(`ALTER TABLE "scim_group_members" DROP CONSTRAINT "FK_462aa1775cd60740c884ac91cc0"`);
    await q.query(`ALTER TABLE "scim_group_members" DROP CONSTRAINT "FK_e789fd51be503273b27723fd9a9"`);
    await q.query(`ALTER TABLE "scim_group_members" DROP CONSTRAINT "FK_841f5854839f8ff8f37b38fd878"`);
    await q.query(`ALTER TABLE "scim_groups" DROP CONSTRAINT "FK_99aa77fade59edd24556015aea1"`);
    await q.query(`ALTER TABLE "scim_users" DROP CONSTRAINT "FK_3df2bf5b9a3495c2fcee3b7133c"`);
    await q.query(`ALTER TABLE "scim_users" DROP CONSTRAINT "FK_c3073abd55c09b51fb5873ef040"`);
    await q.query(`ALTER TABLE "scim_users" DROP CONSTRAINT "FK_876458955bd345b8dff5ff21ef5"`);
    await q.query(`ALTER TABLE "scim_tokens" DROP CONSTRAINT "FK_062ca6833ab5529bee44262b14b"`);
    await q.query(`ALTER TABLE "scim_tokens" DROP CONSTRAINT "FK_3f8c2c11cc6038314cdcf26c785"`);
    await q.query(`DROP TABLE "scim_group_roles"`);
    await q.query(`DROP INDEX "public"."IDX_e5fc51cacb8246e891a8f01f68"`);
    await q.query(`DROP TABLE "scim_group_members"`);
    await q.query(`DROP TABLE "scim_groups"`);
    await q.query(`DROP INDEX "public"."IDX_fa04f0373ccc9df038e1a3271c"`);
    await q.query(`DROP TABLE "scim_users"`);
    await q.query(`DROP INDEX "public"."IDX_bc6ff06dbb041cfa8faf2a990b"`);
    await q.query(`DROP INDEX "public"."IDX_2f0bba718f72bfe82a482a1093"`);
    await q.query(`DROP TABLE "scim_tokens"`);
  }
}
