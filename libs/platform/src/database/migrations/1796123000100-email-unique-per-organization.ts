import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An address is unique per organization, not across the installation: a global index let HR of
 * any organization learn whether an address exists elsewhere (409 against 200) and claim another
 * company's addresses first. Addresses stay stored in their canonical form (NFKC, case-folded), so
 * the pair index is what uniqueness means; the index on the address alone serves sign-in and
 * password reset, which find every account holding it.
 *
 * Down fails while an address is held in two organizations, rather than deleting an account.
 */
export class EmailUniquePerOrganization1796123000100 implements MigrationInterface {
  name = 'EmailUniquePerOrganization1796123000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_97672ac88f789774dd47f7c8be"`);
    await q.query(`CREATE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_04402eb4cf7be16f6cc5e5f078" ON "users" ("organization_id", "email") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_04402eb4cf7be16f6cc5e5f078"`);
    await q.query(`DROP INDEX "IDX_97672ac88f789774dd47f7c8be"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email") `);
  }
}
