import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { AuditService } from '@leadpath/audit';
import { oneLine } from '@leadpath/framework';
import { compileReadiness, ReadModelService, type ReadinessRow } from '@leadpath/readiness';
import type { Factory, TestUser, World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

interface Named {
  key: string;
  name?: string;
  title?: string;
  phase?: string;
}
interface Preview {
  id: string;
  format: string;
  competencies: {
    added: Named[];
    renamed: { key: string; from: string; to: string }[];
    retired: Named[];
    unchanged: Named[];
    changed: Named[];
  };
  milestoneTemplates: { added: Named[]; changed: Named[]; retired: Named[]; unchanged: Named[] };
  levelPhases: Record<string, string> | null;
  errors: { path: string; message: string }[];
  appliedAt: string | null;
}
interface Framework {
  competencies: { id: string; key: string; name: string; description: string; retired: boolean }[];
  milestoneTemplates: {
    id: string;
    key: string;
    phase: string;
    title: string;
    description: string;
    required: boolean;
    retired: boolean;
  }[];
}

const keys = (items: Named[]) => items.map((i) => i.key);

describe('framework import and export', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  /** The raw text of an export, as a file saved from the browser would hold it. */
  const exportText = async (hr: TestUser, query = '', accept?: string) => {
    let req = request(t.server).get(`/api/v1/framework/export${query}`).set('authorization', `Bearer ${hr.token}`);
    if (accept) req = req.set('accept', accept);
    const res = await req
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (text += chunk));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    return { text: res.body as string, type: String(res.headers['content-type']) };
  };
  const preview = async (hr: TestUser, body: object, status = 201) =>
    (await as(t, hr.token).post('/api/v1/framework/import', body).expect(status)).body as Preview;
  const apply = async (hr: TestUser, id: string, status = 200) =>
    (await as(t, hr.token).post(`/api/v1/framework/import/${id}/apply`).expect(status)).body as Preview;
  const framework = async (hr: TestUser, includeRetired = false) =>
    (
      await as(t, hr.token)
        .get(`/api/v1/framework${includeRetired ? '?includeRetired=true' : ''}`)
        .expect(200)
    ).body as Framework;

  it('exports the active framework as a versioned JSON document by default', async () => {
    const { hr, orgId } = await f.team();
    const id = await f.competencyId(orgId, 'budgeting');
    await as(t, hr.token).patch(`/api/v1/framework/competencies/${id}`, { retired: true }).expect(200);
    const { text, type } = await exportText(hr);
    expect(type).toMatch(/^application\/json/);
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'leadpath-framework', version: 1 });
    expect(doc.competencies.map((c: Named) => c.key)).toEqual([
      'communication',
      'emotional_intelligence',
      'delegation',
      'strategic_thinking',
      'hiring',
      'giving_feedback',
      'managing_up',
    ]);
    expect(doc.milestoneTemplates.length).toBeGreaterThan(10);
    expect(Object.keys(doc.milestoneTemplates[0])).toEqual([
      'key',
      'phase',
      'title',
      'description',
      'required',
      'position',
    ]);
    const events = await t.db.pool.query(
      "SELECT 1 FROM audit_events WHERE organization_id = $1 AND action = 'framework.export'",
      [orgId],
    );
    expect(events.rowCount).toBe(1);
  });

  it('exports YAML with ?format=yaml or Accept: application/yaml, holding the same document', async () => {
    const { hr } = await f.team();
    const json = JSON.parse((await exportText(hr)).text);
    const byQuery = await exportText(hr, '?format=yaml');
    const byAccept = await exportText(hr, '', 'application/yaml');
    expect(byQuery.type).toMatch(/^application\/yaml/);
    expect(byAccept.text).toBe(byQuery.text);
    expect(parseYaml(byQuery.text)).toEqual(json);
  });

  it('round trip: export → import → export gives the same bytes, also into another organization', async () => {
    const a = await f.team();
    const b = await f.team();
    // A framework of its own: a renamed competency, a retired one, a new milestone.
    await as(t, a.hr.token)
      .patch(`/api/v1/framework/competencies/${await f.competencyId(a.orgId, 'hiring')}`, {
        name: 'Hiring well 🧭',
        position: 0,
      })
      .expect(200);
    await as(t, a.hr.token)
      .patch(`/api/v1/framework/competencies/${await f.competencyId(a.orgId, 'budgeting')}`, { retired: true })
      .expect(200);
    await as(t, a.hr.token)
      .post('/api/v1/framework/milestones', {
        key: 'run_a_game_day',
        phase: 'growing_scope',
        title: 'Run a game day',
        required: false,
      })
      .expect(201);
    const first = (await exportText(a.hr)).text;

    const same = await preview(a.hr, { content: first });
    expect(same.format).toBe('leadpath');
    expect(same.competencies.added).toEqual([]);
    expect(same.competencies.retired).toEqual([]);
    expect(same.milestoneTemplates.changed).toEqual([]);
    await apply(a.hr, same.id);
    expect((await exportText(a.hr)).text).toBe(first);

    const other = await preview(b.hr, { content: first });
    expect(other.competencies.renamed).toEqual([{ key: 'hiring', from: 'Hiring', to: 'Hiring well 🧭' }]);
    expect(keys(other.competencies.retired)).toEqual(['budgeting']);
    expect(keys(other.milestoneTemplates.added)).toEqual(['run_a_game_day']);
    await apply(b.hr, other.id);
    expect((await exportText(b.hr)).text).toBe(first);
  });

  it('round trip in YAML: a YAML export imports and exports to the same YAML', async () => {
    const { hr } = await f.team();
    const ladder = await preview(hr, { content: fixture('emoji-ladder.md') });
    await apply(hr, ladder.id);
    const yaml = (await exportText(hr, '?format=yaml')).text;
    const again = await preview(hr, { content: yaml, format: 'leadpath' });
    expect(again.errors).toEqual([]);
    expect(again.competencies.unchanged).toHaveLength(2);
    await apply(hr, again.id);
    expect((await exportText(hr, '?format=yaml')).text).toBe(yaml);
  });

  it('previews a progression file: topics become competencies, criteria templates of the mapped phase', async () => {
    const { hr } = await f.team();
    const p = await preview(hr, { content: fixture('lighthouse-ladder.md') });
    expect(p.format).toBe('progression');
    expect(p.errors).toEqual([]);
    expect(p.levelPhases).toEqual({
      '1': 'build_credibility',
      '2': 'lead_without_title',
      '3': 'first_management_role',
      '4': 'growing_scope',
    });
    expect(p.competencies.added).toEqual([
      { key: 'craft', name: 'Craft' },
      { key: 'teamwork', name: 'Teamwork' },
    ]);
    expect(keys(p.competencies.retired)).toContain('communication');
    expect(p.milestoneTemplates.added).toHaveLength(9);
    expect(p.milestoneTemplates.added[0]).toEqual({
      key: 'craft_l1_1',
      phase: 'build_credibility',
      title: 'Ships small changes with tests and a clear description',
    });
    // Nothing changes before the apply.
    expect((await framework(hr)).competencies.map((c) => c.key)).toContain('communication');
    const applied = await apply(hr, p.id);
    expect(applied.appliedAt).not.toBeNull();
    const after = await framework(hr);
    expect(after.competencies.map((c) => c.key)).toEqual(['craft', 'teamwork']);
    expect(after.milestoneTemplates.filter((m) => m.phase === 'growing_scope').map((m) => m.key)).toEqual([
      'craft_l4_1',
      'teamwork_l4_1',
    ]);
  });

  it('maps levels to the phases HR chooses, and names a bad mapping', async () => {
    const { hr } = await f.team();
    const p = await preview(hr, {
      content: fixture('lighthouse-ladder.md'),
      levelPhases: { '1': 'lead_without_title', '2': 'lead_without_title', '3': 'lead_without_title' },
    });
    expect(p.levelPhases).toMatchObject({ '1': 'lead_without_title', '4': 'growing_scope' });
    expect(p.milestoneTemplates.added.filter((m) => m.phase === 'lead_without_title')).toHaveLength(7);
    const outside = await as(t, hr.token)
      .post('/api/v1/framework/import', {
        content: fixture('lighthouse-ladder.md'),
        levelPhases: { '9': 'growing_scope' },
      })
      .expect(400);
    expect(outside.body.fields).toEqual([{ field: 'levelPhases.9', messages: ['levels run from 1 to 4'] }]);
    const phase = await as(t, hr.token)
      .post('/api/v1/framework/import', { content: fixture('lighthouse-ladder.md'), levelPhases: { '2': 'ceo' } })
      .expect(400);
    expect(phase.body.fields[0].field).toBe('levelPhases.2');
  });

  it('keeps emoji, joined emoji included, in names and criteria', async () => {
    const { hr } = await f.team();
    const p = await preview(hr, { content: fixture('emoji-ladder.md') });
    expect(p.errors).toEqual([]);
    expect(p.competencies.added).toEqual([
      { key: 'delivery', name: '🚀 Delivery' },
      { key: 'topic_2', name: '🌱 Growth' },
    ]);
    await apply(hr, p.id);
    const titles = (await framework(hr)).milestoneTemplates.map((m) => m.title);
    expect(titles).toContain('Leads a launch across three teams 👩‍💻🧑‍🔧');
    expect(titles).toContain('Ships a change end to end 🎉');
  });

  it('keeps a criterion of 2,000+ characters whole: a shortened title, the full text as description', async () => {
    const { hr } = await f.team();
    const content = fixture('long-criteria-ladder.md');
    const criterion = (parseYaml(content.split('---\n')[1]) as { topics: { content: { criteria: string[] }[] }[] })
      .topics[0].content[0].criteria[0];
    expect(criterion.length).toBeGreaterThan(2000);
    const p = await preview(hr, { content });
    expect(p.errors).toEqual([]);
    const title = p.milestoneTemplates.added[0].title!;
    expect(title.length).toBeLessThanOrEqual(200);
    expect(title.endsWith('…')).toBe(true);
    await apply(hr, p.id);
    const stored = (await framework(hr)).milestoneTemplates.find((m) => m.key === 'reliability_l1_1')!;
    expect(stored.description).toBe(criterion);
  });

  it('reads CRLF line ends as the same file', async () => {
    const { hr } = await f.team();
    const crlf = fixture('crlf-ladder.md');
    expect(crlf).toContain('\r\n');
    const p = await preview(hr, { content: crlf });
    const lf = await preview(hr, { content: crlf.replace(/\r\n/g, '\n') });
    expect(p.errors).toEqual([]);
    expect(p.milestoneTemplates.added).toEqual(lf.milestoneTemplates.added);
    expect(p.milestoneTemplates.added.map((m) => m.title)).toEqual([
      'Keeps the on-call runbook current',
      'Runs an incident review without blame',
    ]);
  });

  it('turns example criteria into optional templates that list their examples', async () => {
    const { hr } = await f.team();
    const p = await preview(hr, { content: fixture('example-criteria-ladder.md') });
    expect(p.errors).toEqual([]);
    expect(keys(p.milestoneTemplates.added)).toEqual([
      'communication_l1_1',
      'communication_l1_x1',
      'communication_l2_x1',
    ]);
    await apply(hr, p.id);
    const templates = (await framework(hr)).milestoneTemplates;
    const example = templates.find((m) => m.key === 'communication_l1_x1')!;
    expect(example).toMatchObject({ title: "Writes a weekly note on the project's state", required: false });
    expect(example.description).toBe(
      'Examples:\n- Posts the note every Friday in the team channel\n- Names the risks and who owns each',
    );
    expect(templates.find((m) => m.key === 'communication_l1_1')!.required).toBe(true);
    // The topic named a stored competency: its description stays.
    expect((await framework(hr)).competencies[0].description.length).toBeGreaterThan(20);
  });

  it('refuses a file it cannot read with 400 naming where', async () => {
    const { hr } = await f.team();
    const cases: [object, string][] = [
      [{ content: fixture('invalid-front-matter.md') }, 'front matter'],
      [{ content: '---\nlevels: two\ntopics: []\n---\n' }, 'front matter.levels'],
      [{ content: '---\nlevels: 2\ntopics: {}\n---\n' }, 'front matter.topics'],
      [{ content: '# Just a heading\n\nNo front matter here.', format: 'progression' }, 'front matter'],
      [{ content: '{"format": "leadpath-framework", "version": 1,' }, 'content'],
      [
        { content: '{"format": "leadpath-framework", "version": 7, "competencies": [], "milestoneTemplates": []}' },
        'version',
      ],
      [
        { content: 'format: leadpath-framework\nversion: 1\ncompetencies: nope\nmilestoneTemplates: []\n' },
        'competencies',
      ],
      [{ content: 'hello: world\n' }, 'content'],
      [{ content: '' }, 'content'],
    ];
    for (const [body, field] of cases) {
      const res = await as(t, hr.token).post('/api/v1/framework/import', body).expect(400);
      expect({ body, field: res.body.fields?.[0]?.field }).toEqual({ body, field });
    }
    const count = await t.db.pool.query('SELECT 1 FROM framework_imports WHERE created_by = $1', [hr.id]);
    expect(count.rowCount).toBe(0);
  });

  it('lists levels outside 1..N as errors with their path, and will not apply such a preview', async () => {
    const { hr } = await f.team();
    const p = await preview(hr, { content: fixture('out-of-range-levels.md') });
    expect(p.errors).toEqual([
      { path: 'topics[0].content[1].level', message: "must be a whole number from 1 to 2 (the file's levels)" },
      { path: 'topics[0].content[2].level', message: "must be a whole number from 1 to 2 (the file's levels)" },
    ]);
    expect(keys(p.milestoneTemplates.added)).toEqual(['craft_l1_1']);
    const before = await framework(hr, true);
    const refused = await as(t, hr.token).post(`/api/v1/framework/import/${p.id}/apply`).expect(409);
    expect(refused.body.message).toMatch(/errors/);
    expect(await framework(hr, true)).toEqual(before);
  });

  it('names a duplicate topic, compared by the key its name makes', async () => {
    const { hr } = await f.team();
    const p = await preview(hr, { content: fixture('duplicate-topics.md') });
    expect(p.errors).toEqual([{ path: 'topics[1].name', message: 'duplicate topic name Craft (also topics[0])' }]);
    expect(keys(p.competencies.added)).toEqual(['craft']);
  });

  it('checks every item of a Leadpath document and names the bad ones', async () => {
    const { hr } = await f.team();
    const doc = JSON.parse((await exportText(hr)).text);
    doc.competencies[0].key = 'Not A Key';
    doc.competencies[1].category = 'mystery';
    doc.milestoneTemplates[0].phase = 'phase_five';
    doc.milestoneTemplates[2].key = doc.milestoneTemplates[1].key;
    doc.milestoneTemplates[3].required = 'yes';
    const p = await preview(hr, { content: toYaml(doc) });
    expect(p.errors.map((e) => e.path)).toEqual([
      'competencies[0].key',
      'competencies[1].category',
      'milestoneTemplates[0].phase',
      'milestoneTemplates[2].key',
      'milestoneTemplates[3].required',
    ]);
  });

  it('detects renames by key, and changes of title or phase', async () => {
    const { hr } = await f.team();
    const doc = JSON.parse((await exportText(hr)).text);
    doc.competencies.find((c: Named) => c.key === 'delegation').name = 'Delegating outcomes';
    doc.competencies.find((c: Named) => c.key === 'hiring').description = 'Hires people better than us';
    const mentor = doc.milestoneTemplates.find((m: Named) => m.key === 'mentor_junior');
    mentor.title = 'Mentor two junior colleagues';
    mentor.phase = 'first_management_role';
    const p = await preview(hr, { content: JSON.stringify(doc) });
    expect(p.competencies.renamed).toEqual([{ key: 'delegation', from: 'Delegation', to: 'Delegating outcomes' }]);
    expect(p.competencies.changed).toEqual([{ key: 'hiring', name: 'Hiring' }]);
    expect(p.milestoneTemplates.changed).toEqual([
      { key: 'mentor_junior', phase: 'first_management_role', title: 'Mentor two junior colleagues' },
    ]);
    expect(p.competencies.retired).toEqual([]);
    await apply(hr, p.id);
    const after = await framework(hr);
    expect(after.competencies.find((c) => c.key === 'delegation')!.name).toBe('Delegating outcomes');
    expect(after.milestoneTemplates.find((m) => m.key === 'mentor_junior')!.phase).toBe('first_management_role');
  });

  it('retires what the file leaves out, keeps recorded milestones, and leaves readiness equal to its definition', async () => {
    const { hr, orgId, mentee } = await f.team();
    const templateId = await f.milestone(mentee, 'verified');
    const p = await preview(hr, { content: fixture('lighthouse-ladder.md') });
    expect(p.milestoneTemplates.retired.map((m) => m.key)).toContain(
      (await t.db.pool.query('SELECT key FROM milestone_templates WHERE id = $1', [templateId])).rows[0].key,
    );
    await apply(hr, p.id);
    const all = await framework(hr, true);
    expect(all.milestoneTemplates.find((m) => m.id === templateId)).toMatchObject({ retired: true });
    expect(all.competencies.find((c) => c.key === 'communication')).toMatchObject({ retired: true });
    const recorded = await t.db.pool.query('SELECT status, verified_at FROM mentee_milestones WHERE template_id = $1', [
      templateId,
    ]);
    expect(recorded.rows).toEqual([{ status: 'completed', verified_at: expect.any(Date) }]);
    const events = await t.db.pool.query(
      "SELECT object_id FROM audit_events WHERE organization_id = $1 AND action = 'framework.import_apply'",
      [orgId],
    );
    expect(events.rows).toEqual([{ object_id: p.id }]);

    await t.app.get(ReadModelService).drain();
    const stored = (
      await t.db.pool.query('SELECT score, level, verified, required FROM mentee_readiness WHERE mentee_id = $1', [
        mentee.id,
      ])
    ).rows[0];
    const q = compileReadiness({ organizationId: orgId, filter: { menteeIds: [mentee.id] } });
    const [fresh] = (await t.db.pool.query<ReadinessRow>(q.sql, q.parameters)).rows;
    expect(stored).toEqual({
      score: fresh.score,
      level: fresh.level,
      verified: Number(fresh.verified),
      required: Number(fresh.required),
    });
    // The mentee is in lead_without_title: the ladder's level 2 criteria are now what counts.
    expect(stored.required).toBe(2);
    expect(stored.verified).toBe(0);
  });

  it('applies all or nothing: a failure part way leaves the framework as it was', async () => {
    const { hr } = await f.team();
    const p = await preview(hr, { content: fixture('lighthouse-ladder.md') });
    const before = await framework(hr, true);
    const spy = jest
      .spyOn(t.app.get(AuditService), 'record')
      .mockRejectedValueOnce(new Error('injected fault after the framework writes'));
    try {
      const res = await as(t, hr.token).post(`/api/v1/framework/import/${p.id}/apply`);
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(await framework(hr, true)).toEqual(before);
    const applied = await apply(hr, p.id);
    expect(applied.appliedAt).not.toBeNull();
  });

  it('refuses a second apply, and an apply after the framework changed, with 409', async () => {
    const { hr, orgId } = await f.team();
    const first = await preview(hr, { content: fixture('lighthouse-ladder.md') });
    const second = await preview(hr, { content: fixture('crlf-ladder.md') });
    await apply(hr, first.id);
    const again = await as(t, hr.token).post(`/api/v1/framework/import/${first.id}/apply`).expect(409);
    expect(again.body.message).toMatch(/applied already/);
    const stale = await as(t, hr.token).post(`/api/v1/framework/import/${second.id}/apply`).expect(409);
    expect(stale.body.message).toMatch(/changed since this preview/);

    const third = await preview(hr, { content: fixture('crlf-ladder.md') });
    await as(t, hr.token)
      .patch(`/api/v1/framework/competencies/${await f.competencyId(orgId, 'craft')}`, { name: 'Craftsmanship' })
      .expect(200);
    await as(t, hr.token).post(`/api/v1/framework/import/${third.id}/apply`).expect(409);
  });

  it("another organization's preview is not found; only HR may preview, apply or export", async () => {
    const p = await preview(w.hr, { content: fixture('lighthouse-ladder.md') });
    await as(t, w.hrB.token).post(`/api/v1/framework/import/${p.id}/apply`).expect(404);
    await as(t, w.manager.token).post(`/api/v1/framework/import/${p.id}/apply`).expect(403);
    await as(t, w.manager.token)
      .post('/api/v1/framework/import', { content: fixture('lighthouse-ladder.md') })
      .expect(403);
    await as(t, w.target.user.token).get('/api/v1/framework/export').expect(403);
    await as(t, w.hr.token).post('/api/v1/framework/import/00000000-0000-4000-8000-000000000000/apply').expect(404);
    const row = await t.db.pool.query('SELECT applied_at FROM framework_imports WHERE id = $1', [p.id]);
    expect(row.rows).toEqual([{ applied_at: null }]);
  });

  describe('any valid progression file', () => {
    const word = fc.stringMatching(/^[A-Za-z][a-z]{1,9}$/);
    const text = fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 120 }),
        fc.constantFrom('Ships it 🚀', 'Leads 👩‍💻 work', 'Grows people 🌱🌳'),
        fc
          .tuple(fc.string({ minLength: 2001, maxLength: 2600 }), fc.constantFrom('', ' 🚀'))
          .map(([long, emoji]) => long + emoji),
      )
      .filter((s) => oneLine(s) !== '');
    const ladder = fc.integer({ min: 1, max: 8 }).chain((levels) =>
      fc.record({
        levels: fc.constant(levels),
        topics: fc.uniqueArray(
          fc.record({
            name: word,
            title: text,
            content: fc.array(
              fc.record({
                level: fc.integer({ min: 1, max: levels }),
                criteria: fc.array(text, { maxLength: 3 }),
                exampleCriteria: fc.array(fc.record({ criteria: text, examples: fc.array(text, { maxLength: 2 }) }), {
                  maxLength: 1,
                }),
              }),
              { maxLength: 3 },
            ),
          }),
          { minLength: 1, maxLength: 5, selector: (topic) => topic.name.toLowerCase() },
        ),
      }),
    );

    it('previews without error, applies, and exports → imports → exports the same', async () => {
      const { hr } = await f.team();
      await fc.assert(
        fc.asyncProperty(ladder, fc.boolean(), async (data, crlf) => {
          let content = `---\n${toYaml(data, { lineWidth: 0 })}---\n\nA generated ladder.\n`;
          if (crlf) content = content.replace(/\n/g, '\r\n');
          const p = await preview(hr, { content });
          expect(p.errors).toEqual([]);
          expect(
            keys(p.competencies.added).length +
              p.competencies.unchanged.length +
              p.competencies.renamed.length +
              p.competencies.changed.length,
          ).toBe(data.topics.length);
          await apply(hr, p.id);
          const first = (await exportText(hr)).text;
          const again = await preview(hr, { content: first });
          expect(again.errors).toEqual([]);
          await apply(hr, again.id);
          expect((await exportText(hr)).text).toBe(first);
        }),
        { numRuns: Number(process.env.FRAMEWORK_IMPORT_RUNS ?? 10) },
      );
    }, 600_000);
  });
});
