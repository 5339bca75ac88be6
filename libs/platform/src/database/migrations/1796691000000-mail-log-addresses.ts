import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HR's list of e-mail deliveries shows every message Leadpath sends, feedback requests included.
 * Those go to addresses that may have no account, so a delivery names either its recipient user
 * or an address (with the name the asker gave it), never neither.
 */
export class MailLogAddresses1796691000000 implements MigrationInterface {
  name = 'MailLogAddresses1796691000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mail_deliveries" ALTER COLUMN "recipient_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "mail_deliveries" ADD "recipient_address" character varying(320)`);
    await q.query(`ALTER TABLE "mail_deliveries" ADD "recipient_name" character varying(200)`);
    await q.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "CHK_mail_deliveries_recipient"
         CHECK ("recipient_id" IS NOT NULL OR "recipient_address" IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "mail_deliveries" WHERE "recipient_id" IS NULL`);
    await q.query(`ALTER TABLE "mail_deliveries" DROP CONSTRAINT "CHK_mail_deliveries_recipient"`);
    await q.query(`ALTER TABLE "mail_deliveries" DROP COLUMN "recipient_name"`);
    await q.query(`ALTER TABLE "mail_deliveries" DROP COLUMN "recipient_address"`);
    await q.query(`ALTER TABLE "mail_deliveries" ALTER COLUMN "recipient_id" SET NOT NULL`);
  }
}
