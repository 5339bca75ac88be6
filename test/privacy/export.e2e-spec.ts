import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { fromBuffer, type Entry } from 'yauzl';
import { EXPORT_SECTIONS } from '@leadpath/privacy';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const SCHEMA_DIR = join(__dirname, '../../docs/export-schema');

/** The archive's files by name, as text. */
function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, string>();
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('personal data export', () => {
  let t: TestApp;
  let f: Factory;
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    for (const file of readdirSync(SCHEMA_DIR).filter((n) => n.endsWith('.schema.json'))) {
      validators.set(file, ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object));
    }
  });

  afterAll(() => t.close());

  const q = async <T extends object = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await f.pool.query<T>(text, params)).rows;

  const download = async (token: string, path: string, status = 200) => {
    const res = await request(t.server)
      .get(path)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(status);
    return res;
  };

  const archive = async (token: string, path: string) => {
    const res = await download(token, path);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.zip"$/);
    return unzip(res.body as Buffer);
  };

  const json = <T = Record<string, unknown>>(files: Map<string, string>, name: string): T =>
    JSON.parse(files.get(name)!) as T;

  /** Every JSON file of the archive valid against its published schema; the manifest lists exactly the files. */
  function expectValid(files: Map<string, string>) {
    const manifest = json<{ files: { name: string; schema: string | null }[] }>(files, 'manifest.json');
    expect(validators.get('manifest.schema.json')!(manifest)).toBe(true);
    expect(manifest.files.map((m) => m.name).sort()).toEqual(
      [...files.keys()].filter((n) => n !== 'manifest.json').sort(),
    );
    for (const section of EXPORT_SECTIONS) {
      const validate = validators.get(`${section.name}.schema.json`);
      expect({ section: section.name, schema: validate !== undefined }).toEqual({
        section: section.name,
        schema: true,
      });
      const ok = validate!(json(files, `${section.name}.json`));
      expect({ section: section.name, errors: ok ? null : validate!.errors }).toEqual({
        section: section.name,
        errors: null,
      });
    }
  }

  interface World {
    orgId: string;
    hr: TestUser;
    manager: TestUser;
    mentee: TestMentee;
    respondent: TestUser;
  }

  async function world(): Promise<World> {
    const orgId = (await f.organization()).id;
    const hr = await f.user(orgId, ['hr_admin']);
    const manager = await f.user(orgId, ['manager'], { name: 'Mara Manager' });
    const mentee = await f.mentee(orgId, {
      managerId: manager.id,
      user: await f.user(orgId, ['mentee'], { name: 'Milo Mentee' }),
    });
    const respondent = await f.user(orgId, ['mentee'], { name: 'Rhea Responder' });
    const goal = await f.goal(mentee, mentee.userId);
    await q(
      `INSERT INTO goal_check_ins (organization_id, goal_id, progress, note, created_by) VALUES ($1, $2, 30, 'First steps', $3)`,
      [orgId, goal, mentee.userId],
    );
    await f.goal(mentee, manager.id, { status: 'achieved' });
    await f.feedback(mentee, manager.id, {
      visibility: 'shared',
      text: 'Shared praise',
      ratings: { communication: 4 },
    });
    await f.feedback(mentee, manager.id, { visibility: 'private', text: 'Private worry' });
    await f.milestone(mentee, 'verified');
    await q(
      `INSERT INTO assessments (organization_id, mentee_id, kind, author_id, answers, fit, suggestion)
       VALUES ($1, $2, 'self', $3, '{"loves_craft": 3}', 0.5, 'undecided')`,
      [orgId, mentee.id, mentee.userId],
    );
    const assignment = await f.assignment(mentee, mentee.userId);
    // Three answers, one of them Rhea's: published together, tied to nobody.
    await f.feedbackLink(orgId, assignment, { userId: respondent.id, email: respondent.email });
    await f.feedbackLink(orgId, assignment);
    await f.feedbackLink(orgId, assignment);
    await q(`UPDATE feedback_requests SET answered = true WHERE assignment_id = $1`, [assignment]);
    for (const [c, text] of [
      [4, 'Clear plans'],
      [5, 'Calm under pressure'],
      [3, 'Good at delegating'],
    ] as const) {
      await q(
        `INSERT INTO led_responses (organization_id, assignment_id, ratings, went_well, published) VALUES ($1, $2, $3, $4, true)`,
        [orgId, assignment, JSON.stringify({ communication: c, delegation: 4 }), text],
      );
    }
    return { orgId, hr, manager, mentee, respondent };
  }

  it('gives the person everything about them, each file valid against its schema, with CSV copies', async () => {
    const w = await world();
    const files = await archive(w.mentee.user.token, '/api/v1/me/export');
    expectValid(files);

    expect(json(files, 'profile.json')).toMatchObject({
      profile: { id: w.mentee.userId, name: 'Milo Mentee', roles: ['mentee'], active: true },
    });
    expect(json(files, 'mentee.json')).toMatchObject({ record: { id: w.mentee.id, managerName: 'Mara Manager' } });
    const goals = json<{ goals: unknown[]; checkIns: { note: string }[] }>(files, 'goals.json');
    expect(goals.goals).toHaveLength(2);
    expect(goals.checkIns.map((c) => c.note)).toEqual(['First steps']);
    expect(json<{ milestones: unknown[] }>(files, 'milestones.json').milestones).toHaveLength(1);
    expect(json<{ assessments: unknown[] }>(files, 'assessments.json').assessments).toHaveLength(1);
    // Feedback they may see: the shared entry only.
    const feedback = json<{ feedback: { strengths: string; ratings: object }[] }>(files, 'feedback.json').feedback;
    expect(feedback).toEqual([expect.objectContaining({ strengths: 'Shared praise', ratings: { communication: 4 } })]);
    expect([...files.values()].join('\n')).not.toContain('Private worry');
    // Assignments with aggregates.
    const [assignment] = json<{ assignments: { feedback: object }[] }>(files, 'assignments.json').assignments;
    expect(assignment.feedback).toEqual({
      requested: 3,
      answered: 3,
      published: 3,
      results: [
        { competencyKey: 'communication', mean: 4 },
        { competencyKey: 'delegation', mean: 4 },
      ],
    });
    // Audit events where they are actor or subject.
    const events = json<{ events: { action: string; asActor: boolean }[] }>(files, 'audit.json').events;
    expect(events).toContainEqual(expect.objectContaining({ action: 'subject.export', asActor: true }));

    // CSV copies: a header and one line per row of the JSON.
    const csvGoals = files
      .get('csv/goals.csv')!
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(csvGoals[0]).toBe(
      'id,title,description,competencyKey,status,targetDate,createdAt,createdBy,confirmedAt,confirmedBy',
    );
    expect(csvGoals).toHaveLength(3);
    expect(files.get('csv/feedback.csv')).toContain('Shared praise');
  });

  it('never names who answered anonymously, in the mentee’s export or the respondent’s', async () => {
    const w = await world();
    const mentee = [...(await archive(w.mentee.user.token, '/api/v1/me/export')).values()].join('\n');
    expect(mentee).not.toContain('Rhea');
    expect(mentee).not.toContain(w.respondent.email);
    expect(mentee).not.toContain(w.respondent.id);
    // Nor do the answers' texts come out with anyone's name: not even in the respondent's own export.
    const theirs = await archive(w.respondent.token, '/api/v1/me/export');
    expectValid(theirs);
    const text = [...theirs.values()].join('\n');
    expect(text).not.toContain('Clear plans');
    expect(text).not.toContain('Milo Mentee');
  });

  it('gives HR the private notes too, marked for review, only with a reason, audited with it', async () => {
    const w = await world();
    const path = `/api/v1/users/${w.mentee.userId}/export`;
    const refused = await download(w.hr.token, path, 400);
    expect(JSON.stringify(JSON.parse((refused.body as Buffer).toString('utf8')))).toContain('reason');
    expect(await q(`SELECT 1 FROM subject_requests WHERE user_id = $1`, [w.mentee.userId])).toEqual([]);

    const files = await archive(w.hr.token, `${path}?reason=${encodeURIComponent('Access request of 2 May')}`);
    expectValid(files);
    const feedback = json<{ feedback: { strengths: string; reviewBeforeRelease?: true }[] }>(
      files,
      'feedback.json',
    ).feedback;
    expect(feedback.map((x) => [x.strengths, x.reviewBeforeRelease ?? false]).sort()).toEqual([
      ['Private worry', true],
      ['Shared praise', false],
    ]);
    expect(json(files, 'manifest.json')).toMatchObject({ audience: 'hr', subjectId: w.mentee.userId });
    expect(
      await q(`SELECT kind, reason, requested_by FROM subject_requests WHERE user_id = $1`, [w.mentee.userId]),
    ).toEqual([{ kind: 'export', reason: 'Access request of 2 May', requested_by: w.hr.id }]);
    expect(
      await q(
        `SELECT object_type FROM audit_events WHERE actor_id = $1 AND action = 'subject.export' ORDER BY object_type`,
        [w.hr.id],
      ),
    ).toEqual([{ object_type: 'subject_request' }, { object_type: 'user' }]);
    // Not the manager's to ask.
    await download(w.manager.token, `${path}?reason=curious`, 403);
  });

  it('exports someone without a mentee record with empty sections, still valid', async () => {
    const w = await world();
    const files = await archive(w.manager.token, '/api/v1/me/export');
    expectValid(files);
    expect(json(files, 'mentee.json')).toEqual({ version: 1, record: null, phaseChanges: [] });
    expect(json(files, 'goals.json')).toEqual({ version: 1, goals: [], checkIns: [] });
  });
});
