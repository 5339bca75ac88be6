import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Organizations1764201600000 implements MigrationInterface {
  name = 'Organizations1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organizations');
  }
}
