import { currentUnit, Database, writesBeyondAudit, type TenantSession } from '@leadpath/platform/database';
import { Factory, buildWorld, type World } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Plan once, commit once: statements with parameters are prepared per connection, and a unit of
 * work that wrote nothing but audit rows commits without waiting for the WAL flush. Neither may
 * change what a statement returns or what a write guarantees.
 */
describe('the cost of a unit of work', () => {
  let t: TestApp;
  let w: World;
  let db: Database;
  const admin = (text: string, params?: unknown[]) => t.db.pool.query(text, params);
  const probe = 'SELECT label FROM plan_probe WHERE id = $1';
  const label = (id = 1) => db.tenant(w.orgA.id, () => db.query<{ label: string }>(probe, [id]));

  /** Prepared statements of the connection the current unit of work runs on. */
  const prepared = () =>
    db.query<{ name: string; statement: string; generic_plans: string }>(
      `SELECT name, statement, generic_plans::text FROM pg_prepared_statements WHERE statement = $1`,
      [probe],
    );

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(new Factory(t));
    db = t.app.get(Database);
    await admin(`CREATE TABLE plan_probe (id int PRIMARY KEY, label text NOT NULL)`);
    await admin(`INSERT INTO plan_probe VALUES (1, 'public one'), (2, 'public two')`);
    await admin(`CREATE SCHEMA shadow`);
    await admin(`CREATE TABLE shadow.plan_probe (id int PRIMARY KEY, label text NOT NULL)`);
    await admin(`INSERT INTO shadow.plan_probe VALUES (1, 'shadow one')`);
    await admin(`GRANT USAGE ON SCHEMA shadow TO leadpath_app`);
    await admin(`GRANT SELECT ON plan_probe, shadow.plan_probe TO leadpath_app`);
  });

  afterAll(async () => {
    await admin('DROP SCHEMA shadow CASCADE');
    await admin('DROP TABLE plan_probe');
    await t.close();
  });

  it('runs a statement with parameters as a prepared statement of its connection, planned generically once warm', async () => {
    const seen = await db.tenant(w.orgA.id, async () => {
      for (let i = 0; i < 8; i++) expect(await db.query(probe, [1])).toEqual([{ label: 'public one' }]);
      return prepared();
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].name).toMatch(/^lp_/);
    expect(Number(seen[0].generic_plans)).toBeGreaterThan(0);
  });

  it('a changed table re-plans the prepared statement: the rows are the new ones', async () => {
    for (let i = 0; i < 8; i++) expect(await label()).toEqual([{ label: 'public one' }]);
    // The column the cached plan reads is renamed away and another takes its name: same result
    // type, different data. A stale plan would still read the old column.
    await admin('ALTER TABLE plan_probe RENAME COLUMN label TO old_label');
    await admin(`ALTER TABLE plan_probe ADD COLUMN label text NOT NULL DEFAULT 'renamed'`);
    try {
      for (let i = 0; i < 12; i++) expect(await label()).toEqual([{ label: 'renamed' }]);
    } finally {
      await admin('ALTER TABLE plan_probe DROP COLUMN label');
      await admin('ALTER TABLE plan_probe RENAME COLUMN old_label TO label');
    }
    expect(await label(2)).toEqual([{ label: 'public two' }]);
  });

  it('a changed search path re-plans the prepared statement, and the next unit of work is back on its own', async () => {
    const seen = await db.tenant(w.orgA.id, async () => {
      const before = [];
      for (let i = 0; i < 8; i++) before.push(...(await db.query(probe, [1])));
      await db.query('SET LOCAL search_path = shadow, public');
      const shadowed = await db.query(probe, [1]);
      await db.query('RESET search_path');
      const after = await db.query(probe, [1]);
      return { before: new Set(before.map((r) => JSON.stringify(r))), shadowed, after };
    });
    expect([...seen.before]).toEqual([JSON.stringify({ label: 'public one' })]);
    expect(seen.shadowed).toEqual([{ label: 'shadow one' }]);
    expect(seen.after).toEqual([{ label: 'public one' }]);
    expect(await label()).toEqual([{ label: 'public one' }]);
  });

  it('a generic plan under row-level security returns each organization only its own rows', async () => {
    const ids = [w.target.id, w.menteeB.id];
    const text = 'SELECT organization_id FROM mentees WHERE id = ANY($1::uuid[])';
    for (let round = 0; round < 6; round++) {
      expect(await db.tenant(w.orgA.id, () => db.query(text, [ids]))).toEqual([{ organization_id: w.orgA.id }]);
      expect(await db.tenant(w.orgB.id, () => db.query(text, [ids]))).toEqual([{ organization_id: w.orgB.id }]);
    }
  });

  it('a statement whose result columns changed fails at most once, and its connection is not reused', async () => {
    const star = 'SELECT * FROM plan_probe WHERE id = $1';
    expect(await db.tenant(w.orgA.id, () => db.query(star, [1]))).toEqual([{ id: 1, label: 'public one' }]);
    await admin('ALTER TABLE plan_probe ADD COLUMN extra int NOT NULL DEFAULT 7');
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) {
        outcomes.push(
          await db
            .tenant(w.orgA.id, () => db.query(star, [1]))
            .then(
              (rows) => JSON.stringify(rows),
              (error: Error) => error.message,
            ),
        );
      }
      const failures = outcomes.filter((o) => !o.startsWith('['));
      expect(failures.length).toBeLessThanOrEqual(1);
      failures.forEach((f) => expect(f).toMatch(/cached plan must not change result type/));
      // Never the old shape: every answer has the new column.
      outcomes
        .filter((o) => o.startsWith('['))
        .forEach((o) => expect(JSON.parse(o)).toEqual([{ id: 1, label: 'public one', extra: 7 }]));
      expect(outcomes.at(-1)).toBe(JSON.stringify([{ id: 1, label: 'public one', extra: 7 }]));
    } finally {
      await admin('ALTER TABLE plan_probe DROP COLUMN extra');
    }
  });

  describe('commit', () => {
    const audit = (action: string) =>
      db.query(
        `INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, request_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::uuid[], $6::varchar[], $7::varchar[])`,
        [[w.orgA.id], [w.manager.id], [action], ['mentee'], [w.target.id], ['allowed'], [null]],
      );

    /** Runs `work` in a unit of work and returns the last statement sent on its connection: the commit. */
    const lastSent = async (work: () => Promise<unknown>): Promise<string> => {
      let spy: jest.SpyInstance | undefined;
      try {
        await db.tenant(w.orgA.id, async () => {
          spy = jest.spyOn(currentUnit<TenantSession>()!.client, 'query');
          await work();
        });
        const calls = spy!.mock.calls;
        const last = calls.at(-1)?.[0] as unknown;
        return typeof last === 'string' ? last : JSON.stringify(last);
      } finally {
        spy?.mockRestore();
      }
    };

    it('a read whose only write is its audit row commits without waiting for the flush, and its audit row is there', async () => {
      const action = `probe.read.${Date.now()}`;
      const sent = await lastSent(async () => {
        await db.query('SELECT name FROM users WHERE id = $1', [w.manager.id]);
        await audit(action);
      });
      expect(sent).toBe('SET LOCAL synchronous_commit = off; COMMIT');
      const { rows } = await admin('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [action]);
      expect(rows).toEqual([{ n: 1 }]);
    });

    it('a unit of work that changes anything else commits synchronously, its audit row with it', async () => {
      const sent = await lastSent(async () => {
        await db.query('UPDATE mentees SET department = department WHERE id = $1', [w.target.id]);
        await audit(`probe.write.${Date.now()}`);
      });
      expect(sent).toBe('COMMIT');
      // A writable CTE is a write even though it starts as a read.
      expect(
        await lastSent(() =>
          db.query(
            'WITH x AS (UPDATE mentees SET department = department WHERE id = $1 RETURNING id) SELECT * FROM x',
            [w.target.id],
          ),
        ),
      ).toBe('COMMIT');
    });

    it('tells reads and audit inserts from every other statement', () => {
      expect(writesBeyondAudit('SELECT * FROM mentees WHERE id = $1')).toBe(false);
      expect(writesBeyondAudit('  with r as (select 1) select * from r')).toBe(false);
      expect(writesBeyondAudit('insert into "audit_events" ("organization_id") select 1')).toBe(false);
      expect(writesBeyondAudit('INSERT INTO audit_events(organization_id) VALUES ($1)')).toBe(false);
      expect(writesBeyondAudit('select "updated_at" from "goals"')).toBe(false);
      expect(writesBeyondAudit('INSERT INTO feedback (id) VALUES ($1)')).toBe(true);
      expect(writesBeyondAudit('insert into "audit_events_archive" select 1')).toBe(true);
      expect(writesBeyondAudit('WITH d AS (DELETE FROM goals RETURNING id) SELECT count(*) FROM d')).toBe(true);
      expect(writesBeyondAudit('SELECT nextval($1)')).toBe(true);
      expect(writesBeyondAudit('SELECT * FROM goals WHERE id = $1 FOR UPDATE')).toBe(true);
      expect(writesBeyondAudit('UPDATE mentees SET phase = $2 WHERE id = $1')).toBe(true);
      expect(writesBeyondAudit('SET LOCAL search_path = shadow')).toBe(true);
    });
  });
});
