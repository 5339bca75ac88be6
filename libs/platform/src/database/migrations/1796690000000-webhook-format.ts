import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `webhook_endpoints.format`: what a delivery's body looks like. `standard` is the Standard
 * Webhooks JSON every endpoint received so far; `slack` and `teams` are incoming-webhook messages
 * a chat channel shows as they are, so an organization posts to a channel without a bridge.
 */
export class WebhookFormat1796690000000 implements MigrationInterface {
  name = 'WebhookFormat1796690000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "webhook_endpoints" ADD "format" character varying(16) NOT NULL DEFAULT 'standard'
         CONSTRAINT "CHK_webhook_endpoints_format" CHECK ("format" IN ('standard', 'slack', 'teams'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_endpoints" DROP COLUMN "format"`);
  }
}
