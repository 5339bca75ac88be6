import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['webhook_endpoints', 'webhook_deliveries', 'webhook_attempts'];

/**
 * Webhooks: HR's endpoints, the deliveries owed to them (written with their jobs, the outbox)
 * and the log of every attempt. Tenant data like any other: forced row-level security for the
 * tenant role. The system role may find the organizations with a retry due (`webhooks.due` in
 * SYSTEM_OPERATIONS) — those three columns and nothing more.
 */
export class Webhooks1796081800000 implements MigrationInterface {
  name = 'Webhooks1796081800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "webhook_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status_code" integer, "error" character varying(500), "duration_ms" integer NOT NULL, "response_excerpt" character varying(200), CONSTRAINT "PK_2de7e7887ad97de459adab62638" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_5ec32a71f45112dcc2ef75373a" ON "webhook_attempts"  ("delivery_id", "attempt") `,
    );
    await q.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "event_type" character varying(48) NOT NULL, "payload" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_5462ddf9ebf718d6c57517b0e8" CHECK (status IN ('pending','retrying','succeeded','failed')), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_919eadc93f2be2805a7c6c2aec" ON "webhook_deliveries"  ("organization_id", "status", "next_attempt_at") `,
    );
    await q.query(
      `CREATE INDEX "IDX_3f867d0adaf5ef6a96eb4cccde" ON "webhook_deliveries"  ("endpoint_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "description" character varying(200), "events" character varying(48) array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "secret" character varying(100) NOT NULL, "previous_secret" character varying(100), "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "failing_since" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" character varying(200), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_5cdb334f9bfd743e5431b694b9" ON "webhook_endpoints"  ("organization_id", "created_at", "id") `,
    );
    await q.query(
      `ALTER TABLE "webhook_attempts" ADD CONSTRAINT "FK_d1e856a44078cc31e67f177f9fb" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "webhook_attempts" ADD CONSTRAINT "FK_0d56d91d61b827bb2079c256538" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_f9942da65d9e85fbd78e1a9bfc1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "FK_893247a8681e31f117a34b4fb46" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "FK_32d6f53e9bba5f1ae847c082edc" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
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
    await q.query('GRANT SELECT (organization_id, status, next_attempt_at) ON webhook_deliveries TO leadpath_system');
    await q.query('CREATE POLICY system_lookup ON webhook_deliveries FOR SELECT TO leadpath_system USING (true)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY system_lookup ON webhook_deliveries');
    await q.query(
      'REVOKE SELECT (organization_id, status, next_attempt_at) ON webhook_deliveries FROM leadpath_system',
    );
    for (const table of TABLES) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
    }
    await q.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_32d6f53e9bba5f1ae847c082edc"`);
    await q.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_893247a8681e31f117a34b4fb46"`);
    await q.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c"`);
    await q.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_f9942da65d9e85fbd78e1a9bfc1"`);
    await q.query(`ALTER TABLE "webhook_attempts" DROP CONSTRAINT "FK_0d56d91d61b827bb2079c256538"`);
    await q.query(`ALTER TABLE "webhook_attempts" DROP CONSTRAINT "FK_d1e856a44078cc31e67f177f9fb"`);
    await q.query(`DROP INDEX "public"."IDX_5cdb334f9bfd743e5431b694b9"`);
    await q.query(`DROP TABLE "webhook_endpoints"`);
    await q.query(`DROP INDEX "public"."IDX_3f867d0adaf5ef6a96eb4cccde"`);
    await q.query(`DROP INDEX "public"."IDX_919eadc93f2be2805a7c6c2aec"`);
    await q.query(`DROP TABLE "webhook_deliveries"`);
    await q.query(`DROP INDEX "public"."IDX_5ec32a71f45112dcc2ef75373a"`);
    await q.query(`DROP TABLE "webhook_attempts"`);
  }
}
