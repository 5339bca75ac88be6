import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A set-password link (invitation or reset) is valid for the account as it was when it was sent.
 * Any change of address, password, active state or roles spends every open link of the account
 * in the statement that makes the change: a trigger, so no writer (HR's PATCH, a reset, a future
 * import or SCIM) can forget it, and it commits or rolls back with the change. It runs as the
 * caller (the tenant role, which already spends links when a password is set), under the same
 * row-level security; `leadpath_now()` follows the application's clock.
 */
export class AccountChangeSpendsLinks1796123000000 implements MigrationInterface {
  name = 'AccountChangeSpendsLinks1796123000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION users_spend_open_links() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE auth_tokens SET used_at = leadpath_now()
         WHERE organization_id = NEW.organization_id AND user_id = NEW.id AND used_at IS NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_account_change_spends_links AFTER UPDATE OF email, password_hash, active, roles ON users
      FOR EACH ROW WHEN (
        OLD.email IS DISTINCT FROM NEW.email OR OLD.password_hash IS DISTINCT FROM NEW.password_hash
        OR OLD.active IS DISTINCT FROM NEW.active OR OLD.roles IS DISTINCT FROM NEW.roles
      ) EXECUTE FUNCTION users_spend_open_links()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER users_account_change_spends_links ON users');
    await q.query('DROP FUNCTION users_spend_open_links()');
  }
}
