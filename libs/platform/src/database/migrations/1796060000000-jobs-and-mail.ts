import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema pg-boss keeps its queues in; the API and the workers share it. */
export const JOBS_SCHEMA = 'pgboss';

const NEW_TENANT_TABLES = ['mail_deliveries', 'auth_tokens'];

/**
 * Jobs live in the application's own database (pg-boss), so enqueuing is one more statement in
 * the transaction of the change that causes it: a rolled-back request enqueues nothing. The
 * tenant role may add jobs and read queue settings, nothing else there — the worker, running
 * as the connecting role, claims and completes them.
 *
 * `mail_deliveries` is the outbox's tenant-side record of each message (what HR reads when a
 * delivery failed, and what makes a retried job send once); `auth_tokens` holds hashed
 * single-use links (invitations, password resets).
 */
export class JobsAndMail1796060000000 implements MigrationInterface {
  name = 'JobsAndMail1796060000000';

  async up(q: QueryRunner): Promise<void> {
    // pg-boss's own installation script, minus its transaction: the migration's is the one.
    const plan = PgBoss.getConstructionPlans(JOBS_SCHEMA)
      .replace(/^\s*BEGIN;/, '')
      .replace(/COMMIT;\s*$/, '');
    await q.query(plan);
    // Tenant work enqueues jobs; so does one system operation (auth.password-reset).
    await q.query(`GRANT USAGE ON SCHEMA ${JOBS_SCHEMA} TO leadpath_app, leadpath_system`);
    await q.query(`GRANT SELECT ON ${JOBS_SCHEMA}.queue TO leadpath_app, leadpath_system`);
    await q.query(`GRANT INSERT, SELECT (id) ON ${JOBS_SCHEMA}.job TO leadpath_app, leadpath_system`);

    await q.query(
      `CREATE TABLE "auth_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "delivery_id" uuid NOT NULL, "token_hash" character varying(64), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_5f30c7978bf31d56c3843d855e" UNIQUE ("delivery_id"), CONSTRAINT "CHK_f02d6611812f9898771fe83342" CHECK (purpose IN ('invitation','password_reset')), CONSTRAINT "PK_41e9ddfbb32da18c4e85e45c2fd" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_3a94cfa1eada85ac2bf6f3016b" ON "auth_tokens"  ("token_hash") `);
    await q.query(
      `CREATE INDEX "IDX_34764f1b0a1a2e2eeb88c732fc" ON "auth_tokens"  ("user_id", "purpose", "created_at") `,
    );
    await q.query(
      `CREATE TABLE "mail_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "kind" character varying(48) NOT NULL, "subject_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(1000), "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_7994fee8e5e44c7cb8e85e03c7" CHECK (status IN ('pending','retrying','sent','failed','skipped')), CONSTRAINT "PK_c3b04f863547fccfd11b4d4b11e" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_4a471dcee64c6cf261b62600a8" ON "mail_deliveries"  ("recipient_id", "kind", "created_at") `,
    );
    await q.query(
      `CREATE INDEX "IDX_195496b62e95e825de8f3b8077" ON "mail_deliveries"  ("organization_id", "status", "created_at", "id") `,
    );
    await q.query(
      `ALTER TABLE "auth_tokens" ADD CONSTRAINT "FK_0dfb2e79a426c760918df632670" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "auth_tokens" ADD CONSTRAINT "FK_9691367d446cd8b18f462c191b3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "auth_tokens" ADD CONSTRAINT "FK_5f30c7978bf31d56c3843d855e3" FOREIGN KEY ("delivery_id") REFERENCES "mail_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "FK_6b232429b1e92f37ec2da5afb02" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "FK_a0f70621c314c510b5b2cf10994" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${NEW_TENANT_TABLES.join(', ')} TO leadpath_app`);
    for (const table of NEW_TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO leadpath_app
           USING (organization_id = leadpath_current_organization())
           WITH CHECK (organization_id = leadpath_current_organization())`,
      );
      await q.query(`CREATE POLICY system_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
    // auth.link: a link's token hash finds its organization (see SYSTEM_OPERATIONS).
    await q.query('GRANT SELECT (id, organization_id, user_id, purpose, token_hash) ON auth_tokens TO leadpath_system');
    await q.query('CREATE POLICY system_lookup ON auth_tokens FOR SELECT TO leadpath_system USING (true)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mail_deliveries" DROP CONSTRAINT "FK_a0f70621c314c510b5b2cf10994"`);
    await q.query(`ALTER TABLE "mail_deliveries" DROP CONSTRAINT "FK_6b232429b1e92f37ec2da5afb02"`);
    await q.query(`ALTER TABLE "auth_tokens" DROP CONSTRAINT "FK_5f30c7978bf31d56c3843d855e3"`);
    await q.query(`ALTER TABLE "auth_tokens" DROP CONSTRAINT "FK_9691367d446cd8b18f462c191b3"`);
    await q.query(`ALTER TABLE "auth_tokens" DROP CONSTRAINT "FK_0dfb2e79a426c760918df632670"`);
    await q.query(`DROP INDEX "public"."IDX_195496b62e95e825de8f3b8077"`);
    await q.query(`DROP INDEX "public"."IDX_4a471dcee64c6cf261b62600a8"`);
    await q.query(`DROP TABLE "mail_deliveries"`);
    await q.query(`DROP INDEX "public"."IDX_34764f1b0a1a2e2eeb88c732fc"`);
    await q.query(`DROP INDEX "public"."IDX_3a94cfa1eada85ac2bf6f3016b"`);
    await q.query(`DROP TABLE "auth_tokens"`);
    await q.query(`DROP SCHEMA ${JOBS_SCHEMA} CASCADE`);
  }
}
