import type { PoolClient } from 'pg';
import { APP_ROLE } from '@leadpath/platform/database';
import { Factory, buildWorld, type World } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/** 2,000 in `npm test`; `npm run test:fast` asks for fewer. */
const INTERLEAVED = Number(process.env.RLS_INTERLEAVED_REQUESTS ?? 2000);
describe('row-level security', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    // Two connections, so interleaved requests of both organizations share them.
    t = await startTestApp({ DB_POOL_SIZE: '2' });
    w = await buildWorld(new Factory(t));
  });

  afterAll(async () => {
    await t.close();
  });

  it('every tenant-owned table has RLS enabled and forced, with the tenant policy; the app role owns nothing', async () => {
    const { rows: unprotected } = await t.db.pool.query(
      `SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
          AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)
               OR c.relname = 'organizations')
          AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity
               OR NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation'
                                AND p.roles @> ARRAY[$1]::name[]))`,
      [APP_ROLE],
    );
    expect(unprotected).toEqual([]);
    const { rows: role } = await t.db.pool.query(
      `SELECT rolsuper, rolbypassrls, (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = $1`,
      [APP_ROLE],
    );
    expect(role).toEqual([{ rolsuper: false, rolbypassrls: false, owned: 0 }]);
  });

  const asTenant = async (organizationId: string, fn: (client: PoolClient) => Promise<void>) => {
    const client = await t.db.pool.connect();
    try {
      await client.query(`BEGIN; SET LOCAL ROLE ${APP_ROLE}`);
      await client.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);
      await fn(client);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  };

  it('raw SQL under organization A can neither see nor write organization B’s rows', async () => {
    await asTenant(w.orgA.id, async (client) => {
      const visible = await client.query('SELECT DISTINCT organization_id FROM mentees');
      expect(visible.rows).toEqual([{ organization_id: w.orgA.id }]);
      const direct = await client.query('SELECT * FROM mentees WHERE id = $1', [w.menteeB.id]);
      expect(direct.rows).toEqual([]);
      const feedback = await client.query('SELECT count(*)::int AS n FROM feedback WHERE organization_id = $1', [
        w.orgB.id,
      ]);
      expect(feedback.rows[0].n).toBe(0);
      const updated = await client.query(`UPDATE mentees SET department = 'x' WHERE id = $1`, [w.menteeB.id]);
      expect(updated.rowCount).toBe(0);
      await client.query('SAVEPOINT s');
      await expect(
        client.query(
          `INSERT INTO goals (organization_id, mentee_id, title, competency_key, created_by) VALUES ($1, $2, 'x', 'x', $3)`,
          [w.orgB.id, w.menteeB.id, w.managerB.id],
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await expect(client.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied|append-only/);
    });
    await asTenant('00000000-0000-4000-8000-000000000000', async (client) => {
      expect((await client.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    });
  });

  it(`a pool of 2 connections under ${INTERLEAVED} interleaved requests from two organizations never crosses`, async () => {
    const callers = [
      { token: w.hr.token, org: w.orgA.id },
      { token: w.hrB.token, org: w.orgB.id },
    ];
    const own = new Map<string, Set<string>>();
    for (const { org } of callers) {
      const { rows } = await t.db.pool.query('SELECT id FROM mentees WHERE organization_id = $1', [org]);
      own.set(org, new Set(rows.map((r: { id: string }) => r.id)));
    }
    let crossed = 0;
    let done = 0;
    // Each of the 2 connections serves about 1,000 requests, switching organization nearly every time:
    // a tenant setting that outlived its transaction would show in most of them, not once in thousands.
    const total = INTERLEAVED;
    const worker = async () => {
      while (done < total) {
        const caller = callers[done++ % 2];
        const res = await as(t, caller.token).get('/api/v1/mentees?limit=200');
        expect(res.status).toBe(200);
        const ids: string[] = res.body.items.map((m: { id: string }) => m.id);
        if (ids.length !== own.get(caller.org)!.size || ids.some((id) => !own.get(caller.org)!.has(id))) crossed++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(crossed).toBe(0);
    // Bounded by count, not by time: a loaded machine only makes it slower.
  }, 900_000);
});
