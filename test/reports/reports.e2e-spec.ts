import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { Database } from '@leadpath/platform/database';
import { ReportsRepository } from '@leadpath/reports';
import { Factory, type World } from '../support/factories';
import { as } from '../support/http';
import { pdfText } from '../support/pdf-text';
import { withTestApp, withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

const daysAgo = (n: number) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('reports', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  withWorld((s) => ({ t, f, w } = s));

  beforeAll(async () => {
    await f.feedback(w.target, w.manager.id, { occurredOn: daysAgo(3), ratings: { communication: 4, delegation: 2 } });
    await f.feedback(w.sibling, w.manager.id, { occurredOn: daysAgo(50), ratings: { communication: 5 } });
    await f.feedback(w.target, w.manager.id, {
      occurredOn: daysAgo(1),
      visibility: 'private',
      text: 'PRIVATE-XYZZY',
      ratings: { hiring: 5 },
    });
    await f.milestone(w.target, 'verified');
    // One achievement the mentee claimed (awaiting confirmation), one the line manager set (confirmed).
    await f.goal(w.target, w.target.userId, { status: 'achieved' });
    await f.goal(w.sibling, w.manager.id, { status: 'achieved' });
  });

  const csv = async (token: string, query = '') => {
    const res = await as(t, token).get(`/api/v1/reports/readiness.csv${query}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    return parse<Record<string, string>>(res.text, { columns: true });
  };

  it('exports one row per mentee that matches the readiness endpoint row by row', async () => {
    const rows = await csv(w.hr.token);
    const { rows: mentees } = await t.db.pool.query('SELECT id FROM mentees WHERE organization_id = $1', [w.orgA.id]);
    expect(rows.map((r) => r['Mentee ID']).sort()).toEqual(mentees.map((m) => m.id).sort());
    for (const row of rows) {
      const readiness = (await as(t, w.hr.token).get(`/api/v1/mentees/${row['Mentee ID']}/readiness`).expect(200)).body;
      expect(Number(row.Score)).toBe(readiness.score);
      expect(row['Level code']).toBe(readiness.level);
      expect(row['Phase code']).toBe(readiness.phase);
      expect(Number(row['Milestones (M, %)'])).toBe(Math.round(readiness.components.milestones.value * 100));
      expect(Number(row['Competencies (C, %)'])).toBe(Math.round(readiness.components.competencies.value * 100));
      expect(Number(row['Goals (G, %)'])).toBe(Math.round(readiness.components.goals.value * 100));
      expect(Number(row['Verified milestones'])).toBe(readiness.components.milestones.verified);
      expect(Number(row['Required milestones'])).toBe(readiness.components.milestones.required);
      expect(row['Last shared feedback']).toBe(readiness.lastSharedFeedbackOn ?? '');
      expect(Number(row['Open goals'])).toBe(readiness.components.goals.open);
      expect(Number(row['Goals awaiting confirmation'])).toBe(readiness.components.goals.awaitingConfirmation);
      for (const c of readiness.competencies) {
        const cell = row[`${c.name} (mean)`];
        expect(cell === '' ? null : Number(cell)).toBe(c.mean === null ? null : Math.round(c.mean * 100) / 100);
      }
    }
    const target = rows.find((r) => r['Mentee ID'] === w.target.id)!;
    expect(target).toMatchObject({
      'Communication (mean)': '4',
      'Delegation (mean)': '2',
      'Hiring (mean)': '',
      'Goals awaiting confirmation': '1',
    });
    expect(rows.find((r) => r['Mentee ID'] === w.sibling.id)).toMatchObject({ 'Goals awaiting confirmation': '0' });
    expect(JSON.stringify(rows)).not.toContain('PRIVATE-XYZZY');
  });

  it("says the interface's words, with the codes in their own columns", async () => {
    const labels: Record<string, string> = {
      build_credibility: 'Build technical credibility',
      lead_without_title: 'Lead without the title',
      first_management_role: 'First management role',
      growing_scope: 'Growing scope',
      not_yet: 'Not yet',
      developing: 'Developing',
      nearly_ready: 'Nearly ready',
      ready: 'Ready',
    };
    const rows = await csv(w.hr.token);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.Phase).toBe(labels[row['Phase code']]);
      expect(row.Level).toBe(labels[row['Level code']]);
      for (const column of ['Milestones (M, %)', 'Competencies (C, %)', 'Goals (G, %)'])
        expect(row[column]).toMatch(/^(100|[1-9]?[0-9])$/);
      expect(row['Last shared feedback']).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
    }
    expect(JSON.stringify(rows.map((r) => [r.Phase, r.Level, r.Track]))).not.toMatch(/_/);
  });

  it('neutralises cells that a spreadsheet would run as formulas', async () => {
    const user = await f.user(w.orgA.id, ['mentee'], { name: '=HYPERLINK("http://evil.example","x")' });
    await t.db.pool.query(
      `INSERT INTO mentees (organization_id, user_id, manager_id, department) VALUES ($1, $2, $3, '@SUM(A1:A9)')`,
      [w.orgA.id, user.id, w.manager.id],
    );
    await f.syncReadiness(w.orgA.id);
    const rows = await csv(w.hr.token);
    const row = rows.find((r) => r.Name.includes('HYPERLINK'))!;
    expect(row.Name).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(row.Department).toBe(`'@SUM(A1:A9)`);
    expect(rows.every((r) => Object.values(r).every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(true);
  });

  it('filters by phase, manager, department and level', async () => {
    const all = await csv(w.hr.token);
    const byManager = await csv(w.hr.token, `?managerId=${w.otherManager.id}`);
    expect(byManager.map((r) => r['Mentee ID'])).toEqual([w.stranger.id]);
    const byDepartment = await csv(w.hr.token, '?department=Security');
    expect(byDepartment.map((r) => r['Mentee ID'])).toEqual([w.stranger.id]);
    // As people type it: another case, stray spaces.
    for (const typed of ['security', 'SECURITY', '  Security '])
      expect((await csv(w.hr.token, `?department=${encodeURIComponent(typed)}`)).map((r) => r['Mentee ID'])).toEqual([
        w.stranger.id,
      ]);
    const byPhase = await csv(w.hr.token, '?phase=growing_scope');
    expect(byPhase).toEqual([]);
    for (const level of ['not_yet', 'developing', 'nearly_ready', 'ready']) {
      const rows = await csv(w.hr.token, `?level=${level}`);
      expect(rows.map((r) => r['Mentee ID']).sort()).toEqual(
        all
          .filter((r) => r['Level code'] === level)
          .map((r) => r['Mentee ID'])
          .sort(),
      );
    }
    await as(t, w.hr.token).get('/api/v1/reports/readiness.csv?level=superb').expect(400);
    await as(t, w.hr.token).get('/api/v1/reports/readiness.csv?managerId=x').expect(400);
  });

  it('audits every export, and nobody but HR exports the bench', async () => {
    await csv(w.hr.token);
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.readiness_csv' AND actor_id = $1`,
      [w.hr.id],
    );
    expect(rows[0].n).toBeGreaterThan(0);
    for (const token of [w.manager.token, w.mentor.token, w.target.user.token]) {
      await as(t, token).get('/api/v1/reports/readiness.csv').expect(403);
      await as(t, token).get('/api/v1/reports/summary').expect(403);
    }
  });

  it('summarises the bench in SQL: funnel, levels, heatmaps, stale mentees, missing milestones', async () => {
    const res = await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM mentees WHERE organization_id = $1', [
      w.orgA.id,
    ]);
    expect(res.body.mentees).toBe(rows[0].n);
    expect(res.body.phaseFunnel.reduce((a: number, p: { mentees: number }) => a + p.mentees, 0)).toBe(rows[0].n);
    expect(Object.values(res.body.levels as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(rows[0].n);
    const platform = res.body.heatmapByDepartment.find(
      (h: { department: string; competency: string }) =>
        h.department === 'Platform' && h.competency === 'Communication',
    );
    // Two rated mentees (target 4, sibling 5) are fewer than the default k of 5: the cell is hidden,
    // its mean and its count alike (the figures shown for groups of k are in rater-severity.e2e-spec).
    expect(platform).toMatchObject({ mean: null, ratedMentees: null, suppressed: true });
    const stale = res.body.staleMentees.map((s: { menteeId: string }) => s.menteeId);
    expect(stale).toContain(w.sibling.id);
    expect(stale).not.toContain(w.target.id);
    // Never shared first (the stranger has no feedback), by name; then the longest ago (the sibling's, 50 days).
    expect(stale.indexOf(w.stranger.id)).toBeLessThan(stale.indexOf(w.sibling.id));
    const order = res.body.staleMentees.map((s: { name: string; lastSharedFeedbackOn: string | null }) => [
      s.lastSharedFeedbackOn ?? '',
      s.name,
    ]);
    expect(order).toEqual([...order].sort((a, b) => (a[0] + '\u0000' + a[1] < b[0] + '\u0000' + b[1] ? -1 : 1)));
    expect(res.body.staleMentees.at(-1)).toMatchObject({ menteeId: w.sibling.id, lastSharedFeedbackOn: daysAgo(50) });
    // The target's claimed achievement; the sibling's, set by the line manager, is confirmed.
    expect(res.body.goalsAwaitingConfirmation).toBe(1);
    expect(res.body.missingMilestones[0]).toMatchObject({ key: expect.any(String), missing: expect.any(Number) });
    expect(JSON.stringify(res.body)).not.toContain(w.orgB.id);
  });

  it('pages the by-manager heatmap by name, of one department on request', async () => {
    // Two more teams with the same manager name, in another department: names tie, ids break the tie.
    const twins = [
      await f.user(w.orgA.id, ['manager'], { name: 'Avery Twin' }),
      await f.user(w.orgA.id, ['manager'], { name: 'Avery Twin' }),
    ];
    for (const twin of twins) {
      const mentee = await f.mentee(w.orgA.id, { managerId: twin.id, department: 'Data' });
      await f.feedback(mentee, twin.id, { occurredOn: daysAgo(2), ratings: { communication: 3 } });
    }
    type Row = {
      managerId: string;
      managerName: string;
      cells: { competency: string; mean: number | null; ratedMentees: number | null; suppressed: boolean }[];
    };
    const pages: Row[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${cursor}` : '?limit=1';
      const res = await as(t, w.hr.token).get(`/api/v1/reports/heatmap/managers${query}`).expect(200);
      pages.push(res.body.items);
      cursor = res.body.nextCursor;
      expect(pages.length).toBeLessThan(20);
    } while (cursor);
    const rows = pages.flat();
    expect(pages.every((p) => p.length === 1)).toBe(true);
    const { rows: teams } = await t.db.pool.query<{ id: string; name: string }>(
      `SELECT DISTINCT u.id, u.name FROM mentees m JOIN users u ON u.id = m.manager_id WHERE m.organization_id = $1`,
      [w.orgA.id],
    );
    const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1;
    expect(rows.map((r) => r.managerId)).toEqual([...teams].sort(byName).map((m) => m.id));
    const communication = (row: Row | undefined) => row?.cells.find((c) => c.competency === 'Communication');
    // target's communication mean is 4, sibling's 5; a twin's one mentee 3: all below k, so hidden.
    const hidden = { mean: null, ratedMentees: null, suppressed: true };
    expect(communication(rows.find((r) => r.managerId === w.manager.id))).toMatchObject(hidden);
    expect(communication(rows.find((r) => r.managerId === twins[0]?.id))).toMatchObject(hidden);

    const data = (await as(t, w.hr.token).get('/api/v1/reports/heatmap/managers?department=Data').expect(200)).body;
    expect(data.items.map((r: Row) => r.managerId).sort()).toEqual(twins.map((m) => m.id).sort());
    expect(data.nextCursor).toBeNull();
    const security = (await as(t, w.hr.token).get('/api/v1/reports/heatmap/managers?department=Security').expect(200))
      .body;
    expect(security.items.map((r: Row) => r.managerId)).toEqual([w.otherManager.id]);
    const typed = (await as(t, w.hr.token).get('/api/v1/reports/heatmap/managers?department=%20security').expect(200))
      .body;
    expect(typed.items.map((r: Row) => r.managerId)).toEqual([w.otherManager.id]);
    const none = (await as(t, w.hr.token).get('/api/v1/reports/heatmap/managers?department=Nowhere').expect(200)).body;
    expect(none).toEqual({ items: [], nextCursor: null });

    const other = (await as(t, w.hrB.token).get('/api/v1/reports/heatmap/managers').expect(200)).body;
    expect(other.items.map((r: Row) => r.managerId)).toEqual([w.managerB.id]);

    for (const [query, field] of [
      ['?cursor=x', 'cursor'],
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      [`?department=${'d'.repeat(101)}`, 'department'],
    ]) {
      const res = await as(t, w.hr.token).get(`/api/v1/reports/heatmap/managers${query}`).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    for (const token of [w.manager.token, w.mentor.token, w.target.user.token]) {
      await as(t, token).get('/api/v1/reports/heatmap/managers').expect(403);
    }
  });

  it('renders a person’s PDF with the score and no private text', async () => {
    const readiness = (await as(t, w.manager.token).get(`/api/v1/mentees/${w.target.id}/readiness`).expect(200)).body;
    const res = await as(t, w.target.user.token)
      .get(`/api/v1/mentees/${w.target.id}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('content-type', 'application/pdf');
    const { text, pages } = pdfText(res.body as Buffer);
    expect(pages).toBeLessThanOrEqual(2);
    expect(text).toContain(`Readiness score ${readiness.score} / 100`);
    expect(text).toContain('Communication');
    // The interface's words, not codes or fractions.
    expect(text).toContain(`Competencies: ${Math.round(readiness.components.competencies.value * 100)}%`);
    expect(text).not.toMatch(/\bM \d|\bC \d|lead_without_title|not_yet|nearly_ready|build_credibility/);
    expect(text).not.toContain('PRIVATE-XYZZY');
    await as(t, w.mentor.token).get(`/api/v1/mentees/${w.target.id}/report.pdf`).expect(403);
    await as(t, w.otherManager.token).get(`/api/v1/mentees/${w.target.id}/report.pdf`).expect(404);
  });

  it('draws user text as text: markup, links and control characters are inert', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id });
    await f.feedback(mentee, w.manager.id, {
      text: '<script>alert(1)</script> https://evil.example/x.png \u0007 田中 €',
    });
    const res = await as(t, w.hr.token)
      .get(`/api/v1/mentees/${mentee.id}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const raw = (res.body as Buffer).toString('latin1');
    expect(raw).not.toMatch(/\/URI|\/Launch|\/JavaScript|\/XObject/);
    const { text } = pdfText(res.body as Buffer);
    expect(text).toContain('<script>alert(1)</script>');
  });

  it("lists the organization's departments for the filters, as they match, to HR only", async () => {
    // Typed another way: the same department as the filters see it, counted once.
    await f.mentee(w.orgA.id, { managerId: w.manager.id, department: ' platform' });
    await f.mentee(w.orgB.id, { managerId: w.managerB.id, department: 'Only-in-B' });
    await f.syncReadiness(w.orgA.id);
    await f.syncReadiness(w.orgB.id);
    const { body } = await as(t, w.hr.token).get('/api/v1/reports/departments').expect(200);
    const { rows: expected } = await t.db.pool.query<{ name: string; mentees: number }>(
      `SELECT lower(btrim(department)) AS name, count(*)::int AS mentees FROM mentees
        WHERE organization_id = $1 AND btrim(department) <> '' GROUP BY 1 ORDER BY 1`,
      [w.orgA.id],
    );
    const items = body.items as { name: string; mentees: number }[];
    expect(items.map((d) => ({ name: d.name.toLowerCase(), mentees: d.mentees }))).toEqual(expected);
    expect(items.filter((d) => d.name.toLowerCase() === 'platform')).toEqual([
      { name: 'Platform', mentees: expected.find((d) => d.name === 'platform')!.mentees },
    ]);
    expect(items.map((d) => d.name)).not.toContain('Only-in-B');
    // Each count is the rows the export gives for that department.
    for (const d of items)
      expect(await csv(w.hr.token, `?department=${encodeURIComponent(d.name)}`)).toHaveLength(d.mentees);
    const other = (await as(t, w.hrB.token).get('/api/v1/reports/departments').expect(200)).body;
    expect(other.items.map((d: { name: string }) => d.name)).toContain('Only-in-B');
    for (const token of [w.manager.token, w.mentor.token, w.target.user.token])
      await as(t, token).get('/api/v1/reports/departments').expect(403);
  });
});

describe('CSV streaming', () => {
  let t: TestApp;
  let f: Factory;
  let hr: { token: string };
  let orgId: string;
  let port: number;
  const SIZE = 4000;

  withTestApp((app) => (t = app));

  beforeAll(async () => {
    f = new Factory(t);
    orgId = (await f.organization()).id;
    hr = await f.user(orgId, ['hr_admin']);
    const manager = await f.user(orgId, ['manager']);
    await t.db.pool.query(
      `WITH u AS (
         INSERT INTO users (organization_id, email, name, roles, password_hash)
         SELECT $1, 'bulk-' || g || '@example.test', 'Bulk Person ' || g, ARRAY['mentee'], 'x' FROM generate_series(1, $3) g
         RETURNING id)
       INSERT INTO mentees (organization_id, user_id, manager_id, department) SELECT $1, id, $2, 'Bulk' FROM u`,
      [orgId, manager.id, SIZE],
    );
    await f.syncReadiness(orgId);
    await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
    port = (t.server.address() as AddressInfo).port;
  });

  function open(): Promise<{ res: http.IncomingMessage; req: http.ClientRequest }> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/reports/readiness.csv',
          headers: { authorization: `Bearer ${hr.token}` },
        },
        (res) => resolve({ res, req }),
      );
      req.on('error', reject);
    });
  }

  const exportLocks = async () =>
    (
      await t.db.pool.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      )
    ).rows[0].n as number;

  it('sends rows before the query has finished, and a reader who leaves stops it', async () => {
    const repository = t.app.get(ReportsRepository);
    const original = repository.openExport.bind(repository);
    let cursorEndedAt: number | undefined;
    const spy = jest.spyOn(repository, 'openExport').mockImplementation(async (...args) => {
      const cursor = await original(...args);
      cursor?.rows.on('end', () => (cursorEndedAt = Date.now()));
      return cursor;
    });
    try {
      const { res } = await open();
      expect(res.statusCode).toBe(200);
      let firstRowAt: number | undefined;
      let received = '';
      await new Promise<void>((resolve) => {
        res.on('data', (chunk: Buffer) => {
          received += chunk.toString();
          if (firstRowAt === undefined && received.split('\n').length > 2) firstRowAt = Date.now();
        });
        res.on('end', () => resolve());
      });
      const lines = received.trim().split('\n');
      expect(lines).toHaveLength(SIZE + 1);
      expect(firstRowAt).toBeDefined();
      expect(cursorEndedAt).toBeDefined();
      expect(firstRowAt!).toBeLessThanOrEqual(cursorEndedAt!);

      // Now leave after the first rows: the export's connection and its slot are released.
      cursorEndedAt = undefined;
      const partial = await open();
      await new Promise<void>((resolve) => partial.res.once('data', () => resolve()));
      partial.res.destroy();
      await waitFor(async () => (await exportLocks()) === 0);
      expect(cursorEndedAt).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('allows two concurrent exports per organization; a third gets 429', async () => {
    // Two exports holding their slots, as two slow readers on any API instance would.
    const repository = t.app.get(ReportsRepository);
    const db = t.app.get(Database);
    const first = await repository.openExport(await db.openTenantSession(orgId), {});
    const second = await repository.openExport(await db.openTenantSession(orgId), {});
    expect(first && second).toBeTruthy();
    const third = await as(t, hr.token).get('/api/v1/reports/readiness.csv');
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    first!.rows.destroy();
    await first!.finish(true);
    await as(t, hr.token).get('/api/v1/reports/readiness.csv?department=none').expect(200);
    second!.rows.destroy();
    await second!.finish(true);
    await waitFor(async () => (await exportLocks()) === 0);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
