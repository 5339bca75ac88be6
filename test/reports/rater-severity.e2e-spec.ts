import fc from 'fast-check';
import { JobsService } from '@leadpath/jobs';
import { RATER_SEVERITY_JOB } from '@leadpath/reports';
import { fitRaterSeverity, type Rating } from '@leadpath/statistics';
import { type Factory, type TestMentee, type World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import { tableChecksum } from '../support/checksum';
import type { TestApp } from '../support/test-app';

const daysAgo = (n: number) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

interface Item {
  raterId: string;
  raterName: string;
  severity: number | null;
  standardError: number | null;
  z: number | null;
  flagged: boolean;
  ratings: number;
  group: number;
  reason: string | null;
}

describe('rater severity and small groups', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  let jobs: JobsService;
  const ratings: Rating[] = [];
  const platform: TestMentee[] = [];

  withWorld((s) => ({ t, f, w } = s));

  beforeAll(async () => {
    jobs = t.app.get(JobsService);
    // Six mentees of the manager in Platform, each rated on two competencies by the manager and by
    // the mentor: the manager about one point more generous, with some variation.
    const base = [2, 3, 3, 4, 2, 3];
    for (let i = 0; i < base.length; i++) {
      const mentee = await f.mentee(w.orgA.id, {
        managerId: w.manager.id,
        mentorId: w.mentor.id,
        department: 'Platform',
      });
      platform.push(mentee);
      const byManager = { communication: base[i] + 1, delegation: base[i] + (i % 2) };
      const byMentor = { communication: base[i], delegation: base[i] - (i % 3 === 0 ? 1 : 0) + 0 };
      await f.feedback(mentee, w.manager.id, { occurredOn: daysAgo(5), ratings: byManager });
      await f.feedback(mentee, w.mentor.id, { occurredOn: daysAgo(4), ratings: byMentor, authorRole: 'mentor' });
      for (const [itemId, value] of Object.entries(byManager)) {
        ratings.push({ raterId: w.manager.id, subjectId: mentee.id, itemId: `competency:${itemId}`, value });
      }
      for (const [itemId, value] of Object.entries(byMentor)) {
        ratings.push({ raterId: w.mentor.id, subjectId: mentee.id, itemId: `competency:${itemId}`, value });
      }
    }
    // A private note never counts; the other manager alone rates the stranger: a group of one.
    await f.feedback(platform[0], w.mentor.id, { visibility: 'private', ratings: { hiring: 1 }, authorRole: 'mentor' });
    await f.feedback(w.stranger, w.otherManager.id, { occurredOn: daysAgo(3), ratings: { communication: 2 } });
    ratings.push({
      raterId: w.otherManager.id,
      subjectId: w.stranger.id,
      itemId: 'competency:communication',
      value: 2,
    });
    // The world's one shared entry (by the manager, about the target) has no ratings.
  });

  it('answers at once, queues the fit in the background, then shows it', async () => {
    const first = (await as(t, w.hr.token).get('/api/v1/reports/rater-severity').expect(200)).body;
    expect(first).toMatchObject({ items: [], groups: [], computedAt: null, pending: true, ratings: 0 });
    expect(await jobs.runDue(RATER_SEVERITY_JOB)).toBe(1);

    const report = (await as(t, w.hr.token).get('/api/v1/reports/rater-severity').expect(200)).body;
    expect(report.pending).toBe(false);
    expect(report.computedAt).not.toBeNull();
    expect(report.ratings).toBe(ratings.length);
    const expected = fitRaterSeverity(ratings);
    const items = report.items as Item[];
    expect(items).toHaveLength(3);
    for (const r of expected.raters) {
      const item = items.find((i) => i.raterId === r.raterId)!;
      expect(item.ratings).toBe(r.ratings);
      if (r.severity === null) expect(item.severity).toBeNull();
      else {
        expect(item.severity).toBeCloseTo(r.severity, 9);
        expect(item.standardError).toBeCloseTo(r.standardError!, 9);
        expect(item.flagged).toBe(r.flagged);
      }
    }
    const manager = items.find((i) => i.raterId === w.manager.id)!;
    const mentor = items.find((i) => i.raterId === w.mentor.id)!;
    const { rows: names } = await t.db.pool.query('SELECT name FROM users WHERE id = $1', [w.manager.id]);
    expect(manager.raterName).toBe(names[0].name);
    expect(manager.severity!).toBeGreaterThan(mentor.severity!);
    expect(manager.group).toBe(mentor.group);
    // The other manager's severity cannot be estimated: named, with the reason, in a group of its own.
    const alone = items.find((i) => i.raterId === w.otherManager.id)!;
    expect(alone).toMatchObject({
      severity: null,
      standardError: null,
      z: null,
      flagged: false,
      reason: 'single_rater_group',
    });
    expect(report.groups).toHaveLength(2);
    expect(report.groups.find((g: { id: number }) => g.id === alone.group)).toMatchObject({
      raters: [w.otherManager.id],
      identifiable: false,
    });
    expect(report.groups.find((g: { id: number }) => g.id === manager.group)).toMatchObject({ identifiable: true });
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'report.rater_severity'`,
      [w.orgA.id],
    );
    expect(rows[0].n).toBe(2);
  });

  it('recomputes on request without waiting for it', async () => {
    const before = (await as(t, w.hr.token).get('/api/v1/reports/rater-severity').expect(200)).body;
    const asked = (await as(t, w.hr.token).post('/api/v1/reports/rater-severity/recompute', {}).expect(202)).body;
    expect(Date.parse(asked.requestedAt)).not.toBeNaN();
    const queued = (await as(t, w.hr.token).get('/api/v1/reports/rater-severity').expect(200)).body;
    expect(queued).toMatchObject({ pending: true, computedAt: before.computedAt, items: before.items });
    await f.feedback(platform[1], w.otherManager.id, { occurredOn: daysAgo(1), ratings: { communication: 1 } });
    expect(await jobs.runDue(RATER_SEVERITY_JOB)).toBe(1);
    const after = (await as(t, w.hr.token).get('/api/v1/reports/rater-severity').expect(200)).body;
    expect(after.pending).toBe(false);
    // The other manager now shares a rated person with the others: one group, every rater estimated.
    expect(after.groups).toHaveLength(1);
    expect(after.items.every((i: Item) => i.severity !== null)).toBe(true);
    for (const token of [w.manager.token, w.mentor.token, w.target.user.token]) {
      await as(t, token).get('/api/v1/reports/rater-severity').expect(403);
      await as(t, token).post('/api/v1/reports/rater-severity/recompute', {}).expect(403);
    }
  });

  it('shows a department cell of k people with its calibrated mean beside the raw one, and hides smaller ones', async () => {
    // Security's one rated mentee needs a complement in its competency's column: Data's five
    // (smaller than Platform's six) is the cheapest.
    const lead = await f.user(w.orgA.id, ['manager']);
    for (let i = 0; i < 5; i++) {
      const mentee = await f.mentee(w.orgA.id, { managerId: lead.id, department: 'Data' });
      await f.feedback(mentee, lead.id, { occurredOn: daysAgo(2), ratings: { communication: 3, delegation: 4 } });
    }
    const summary = (await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200)).body;
    type Cell = {
      department: string | null;
      competency: string;
      mean: number | null;
      ratedMentees: number | null;
      suppressed: boolean;
      calibratedMean: number | null;
    };
    const cells = summary.heatmapByDepartment as Cell[];
    const communication = cells.find((c) => c.department === 'Platform' && c.competency === 'Communication')!;
    expect(communication.suppressed).toBe(false);
    expect(communication.ratedMentees).toBe(6);
    expect(communication.mean).not.toBeNull();
    expect(communication.calibratedMean).not.toBeNull();
    // Security has one rated mentee: hidden.
    const security = cells.find((c) => c.department === 'Security' && c.competency === 'Communication')!;
    expect(security).toMatchObject({ suppressed: true, mean: null, ratedMentees: null, calibratedMean: null });
    expect(cells.find((c) => c.department === 'Data' && c.competency === 'Communication')).toMatchObject({
      suppressed: true,
    });
    // No department or competency line is left with exactly one hidden cell.
    for (const key of ['department', 'competency'] as const) {
      const groups = new Map<string, Cell[]>();
      for (const c of cells) groups.set(String(c[key]), [...(groups.get(String(c[key])) ?? []), c]);
      for (const line of groups.values()) expect(line.filter((c) => c.suppressed).length).not.toBe(1);
    }
  });

  it('lets HR set k (never below 3) and calibrated means, audited', async () => {
    const before = await tableChecksum(t.db.pool);
    for (const body of [{ minGroupSize: 2 }, { minGroupSize: 'five' }, { useCalibratedMeans: 'yes' }]) {
      const res = await as(t, w.hr.token).patch('/api/v1/framework/settings', body).expect(400);
      expect(res.body.fields.map((x: { field: string }) => x.field)).toEqual([Object.keys(body)[0]]);
    }
    expect(await tableChecksum(t.db.pool)).toBe(before);
    await as(t, w.manager.token).patch('/api/v1/framework/settings', { minGroupSize: 3 }).expect(403);
    const ok = await as(t, w.hr.token)
      .patch('/api/v1/framework/settings', { minGroupSize: 7, useCalibratedMeans: true })
      .expect(200);
    expect(ok.body).toMatchObject({ minGroupSize: 7, useCalibratedMeans: true });
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'settings.update'`,
      [w.orgA.id],
    );
    expect(rows[0].n).toBe(1);
    // Six people are now fewer than k = 7: the Platform cells hide too.
    const summary = (await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200)).body;
    const platformCells = summary.heatmapByDepartment.filter(
      (c: { department: string; competency: string }) =>
        c.department === 'Platform' && ['Communication', 'Delegation'].includes(c.competency),
    );
    expect(platformCells).toHaveLength(2);
    expect(platformCells.every((c: { suppressed: boolean }) => c.suppressed)).toBe(true);
    await as(t, w.hr.token)
      .patch('/api/v1/framework/settings', { minGroupSize: 5, useCalibratedMeans: false })
      .expect(200);
  });

  it('never leaves a hidden department cell recoverable, over random organizations', async () => {
    // Random teams of rated mentees in random departments; after each, every line of the heatmap
    // (a department across competencies, a competency across departments) hides none or several.
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            department: fc.constantFrom('North', 'South', 'East'),
            ratings: fc.subarray(['communication', 'delegation', 'hiring'], { minLength: 1 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (people) => {
          for (const p of people) {
            const mentee = await f.mentee(w.orgA.id, { managerId: w.otherManager.id, department: p.department });
            await f.feedback(mentee, w.otherManager.id, {
              occurredOn: daysAgo(2),
              ratings: Object.fromEntries(p.ratings.map((r) => [r, 3])),
            });
          }
          const summary = (await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200)).body;
          const cells = summary.heatmapByDepartment as Array<{
            department: string | null;
            competency: string;
            ratedMentees: number | null;
            suppressed: boolean;
          }>;
          for (const c of cells) if (!c.suppressed) expect(c.ratedMentees === 0 || c.ratedMentees! >= 5).toBe(true);
          for (const key of ['department', 'competency'] as const) {
            const lines = new Map<string, number>();
            for (const c of cells) if (c.suppressed) lines.set(String(c[key]), (lines.get(String(c[key])) ?? 0) + 1);
            for (const hidden of lines.values()) expect(hidden).toBeGreaterThanOrEqual(2);
          }
        },
      ),
      { numRuns: 6, seed: 28 },
    );
  });
});
