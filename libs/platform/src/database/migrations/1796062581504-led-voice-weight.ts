import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How much the people led weigh in a competency's r (0 by default: the formula is unchanged). */
export class LedVoiceWeight1796062581504 implements MigrationInterface {
  name = 'LedVoiceWeight1796062581504';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organization_settings" ADD "led_voice_weight" numeric(4,3) NOT NULL DEFAULT '0'`);
    await q.query(
      `ALTER TABLE "organization_settings" ADD CONSTRAINT "CHK_ecf7526eea47d7f06b99cc09ab" CHECK (led_voice_weight >= 0 AND led_voice_weight <= 1)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organization_settings" DROP CONSTRAINT "CHK_ecf7526eea47d7f06b99cc09ab"`);
    await q.query(`ALTER TABLE "organization_settings" DROP COLUMN "led_voice_weight"`);
  }
}
