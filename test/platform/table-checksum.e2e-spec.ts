import { tableChecksum } from '../support/checksum';
import { Factory } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** The "nothing changed" check many tests rely on must itself see every kind of change. */
describe('tableChecksum', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('moves with an insert, an update, a delete and a truncate, and only with committed changes', async () => {
    const org = await f.organization();
    const pool = t.db.pool;
    const sameAs = async (write: () => Promise<unknown>) => {
      const before = await tableChecksum(pool);
      await write();
      return (await tableChecksum(pool)) === before;
    };
    expect(await sameAs(() => f.user(org.id, ['manager']))).toBe(false);
    const [{ id }] = (await pool.query<{ id: string }>('SELECT id FROM users WHERE organization_id = $1', [org.id]))
      .rows;
    expect(await sameAs(() => pool.query(`UPDATE users SET name = name || 'x' WHERE id = $1`, [id]))).toBe(false);
    // Writing a row with the values it already has changes nothing.
    expect(await sameAs(() => pool.query('UPDATE users SET name = name WHERE id = $1', [id]))).toBe(true);
    expect(
      await sameAs(async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('DELETE FROM feedback');
          await client.query(`UPDATE users SET name = 'rolled back' WHERE id = $1`, [id]);
          await client.query('ROLLBACK');
        } finally {
          client.release();
        }
      }),
    ).toBe(true);
    expect(await sameAs(() => pool.query('SELECT count(*) FROM users'))).toBe(true);
    expect(await sameAs(() => pool.query('DELETE FROM webhook_endpoints WHERE false'))).toBe(true);
    expect(await sameAs(() => pool.query('TRUNCATE login_throttle'))).toBe(true);
    expect(await sameAs(() => pool.query('TRUNCATE idempotency_keys CASCADE'))).toBe(false);
  });
});
