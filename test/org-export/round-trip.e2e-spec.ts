import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import yazl from 'yazl';
import { OrgArchiveService, schemaHead, SECRET_COLUMNS, EXCLUDED_TABLES } from '@leadpath/org-archive';
import { DomainError } from '@leadpath/platform/domain';
import { Factory, PASSWORD, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { manifestOf, rowsOf, unzip } from './archive-files';

/** A binary answer's bytes. */
function download(t: TestApp, token: string): Promise<{ status: number; type: string; body: Buffer }> {
  return request(t.server)
    .get('/api/v1/organization/export')
    .set('authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .then((r) => ({ status: r.status, type: String(r.headers['content-type']), body: r.body as Buffer }));
}

const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');

/** The built operator command on a database of its own; its exit code and what it printed. */
async function cli(databaseUrl: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    SECRETS_KEY: 'test-secrets-key-that-is-long-enough-0123456789',
    DEMO_DATA: 'false',
    NODE_ENV: 'test',
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** A zip of the given files (what a hand-edited archive looks like). */
function zipOf(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of files) zip.addBuffer(content, name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('an organization that can leave: export → import → export', () => {
  let source: TestApp;
  let target: TestApp;
  let f: Factory;
  let g: Factory;
  let dir: string;
  let orgId: string;
  let hr: TestUser;
  let first: Map<string, Buffer>;
  let firstZip: Buffer;

  const organizationCount = async (t: TestApp) =>
    Number((await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM organizations')).rows[0].n);

  beforeAll(async () => {
    // One instance at a time serves HTTP in this process (passport's strategies are global): the
    // source is built and exported before the target starts.
    source = await startTestApp();
    f = new Factory(source);
    dir = mkdtempSync(join(tmpdir(), 'leadpath-archive-'));

    // A rich organization: framework, people and their relations, the journey, feedback (shared,
    // private, rated), assignments with answers from the people led, settings, integrations.
    const team = await f.team('Moving Co');
    orgId = team.orgId;
    hr = team.hr;
    const { manager, mentee } = team;
    const mentor = await f.user(orgId, ['manager']);
    const second = await f.mentee(orgId, { managerId: manager.id, mentorId: mentor.id, department: 'Data' });
    await f.milestone(mentee, 'verified');
    await f.milestone(second, 'completed');
    await f.goal(mentee, manager.id, { status: 'achieved' });
    const open = await f.goal(second, manager.id, { targetDate: '2027-03-01' });
    await as(source, manager.token)
      .post(`/api/v1/goals/${open}/check-ins`, { progress: 40, note: 'Under way' })
      .expect(201);
    await f.feedback(mentee, manager.id, { ratings: { communication: 4, delegation: 3 } });
    await f.feedback(second, mentor.id, { authorRole: 'mentor', text: 'Mentor’s view — «ünïcode»' });
    await f.feedback(mentee, manager.id, { visibility: 'private', needToSee: 'A private note' });
    const assignment = await f.assignment(second, manager.id, { status: 'completed' });
    await f.feedbackLink(orgId, assignment);
    await f.pool.query(
      `INSERT INTO led_responses (organization_id, assignment_id, ratings, went_well, published)
       VALUES ($1, $2, '{"communication": 4}', 'Clear plans', true)`,
      [orgId, assignment],
    );
    await as(source, hr.token).patch(`/api/v1/mentees/${second.id}`, { phase: 'first_management_role' }).expect(200);
    await as(source, hr.token).patch('/api/v1/framework/settings', { staleFeedbackDays: 45 }).expect(200);
    await f.webhook(orgId);
    await f.ssoConfig(orgId);
    await f.scimToken(orgId);
    await f.peopleImport(orgId);
    // One-on-ones (a moved occurrence, a talking point, an action) and a talent review whose
    // decision was superseded (decisions refuse UPDATE: the import only inserts them).
    const meeting = await f.meeting(second, mentor.id);
    await f.agendaItem(orgId, meeting, mentor.id);
    await f.actionItem(orgId, meeting, second.userId);
    const q = (text: string, params: unknown[]) => f.pool.query<{ id: string }>(text, params);
    await q(
      `INSERT INTO meeting_exceptions (organization_id, series_id, original_start, cancelled)
       VALUES ($1, $2, '2026-03-10T09:30:00Z', true)`,
      [orgId, meeting.split('_')[0]],
    );
    const review = (
      await q(
        `INSERT INTO talent_reviews (organization_id, name, target_phase, closes_on, created_by)
         VALUES ($1, 'Spring round', 'first_management_role', '2027-04-30', $2) RETURNING id`,
        [orgId, hr.id],
      )
    ).rows[0].id;
    await q(`INSERT INTO talent_review_calibrators (organization_id, review_id, user_id) VALUES ($1, $2, $3)`, [
      orgId,
      review,
      mentor.id,
    ]);
    const nomination = (
      await q(
        `INSERT INTO talent_nominations (organization_id, mentee_id, review_id, nominated_by, "case", packet)
         VALUES ($1, $2, $3, $4, 'Ran the guild', '{"goals": 1}') RETURNING id`,
        [orgId, second.id, review, manager.id],
      )
    ).rows[0].id;
    await q(
      `INSERT INTO talent_nomination_requests (organization_id, mentee_id, review_id, note, status, nomination_id)
       VALUES ($1, $2, $3, 'Please', 'accepted', $4)`,
      [orgId, second.id, review, nomination],
    );
    const preRating = (
      await q(
        `INSERT INTO talent_pre_ratings (organization_id, review_id, nomination_id, calibrator_id, readiness)
         VALUES ($1, $2, $3, $4, 'ready_now') RETURNING id`,
        [orgId, review, nomination, mentor.id],
      )
    ).rows[0].id;
    await q(
      `INSERT INTO talent_pre_rating_competencies (organization_id, pre_rating_id, competency_key, rating)
       VALUES ($1, $2, 'communication', 4)`,
      [orgId, preRating],
    );
    const firstDecision = (
      await q(
        `INSERT INTO talent_decisions (organization_id, nomination_id, decision, reason, evidence, rubric_version, decided_by)
         VALUES ($1, $2, 'not_yet', 'Another round', '[]', 'v1', $3) RETURNING id`,
        [orgId, nomination, hr.id],
      )
    ).rows[0].id;
    await q(
      `INSERT INTO talent_decisions (organization_id, nomination_id, decision, reason, evidence, rubric_version, decided_by, supersedes_id)
       VALUES ($1, $2, 'promote', 'Ready', '[]', 'v1', $3, $4)`,
      [orgId, nomination, hr.id, firstDecision],
    );
    await q(
      `INSERT INTO subject_requests (organization_id, kind, user_id, requested_by, reason) VALUES ($1, 'export', $2, $3, 'Asked')`,
      [orgId, second.userId, hr.id],
    );
    // A browser session: a refresh token, which never travels.
    await request(source.server).post('/api/v1/auth/login').send({ email: hr.email, password: PASSWORD }).expect(200);
    // Another organization on the same instance, which must not travel with it.
    const other = await f.team('Staying Inc');
    await f.feedback(other.mentee, other.manager.id);

    const exported = await download(source, hr.token);
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('application/zip');
    firstZip = exported.body;
    first = await unzip(firstZip);
    target = await startTestApp();
    g = new Factory(target);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await source?.close();
    await target?.close();
  });

  it('holds a manifest with the schema version, and every table with its count and checksum', async () => {
    const manifest = manifestOf(first);
    expect(manifest.format).toBe('leadpath-organization-archive');
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.schemaVersion).toBe(schemaHead().version);
    expect(manifest.organizationId).toBe(orgId);
    expect(manifest.tables[0].name).toBe('organizations');
    for (const table of manifest.tables) {
      const file = first.get(table.file)!;
      expect(createHash('sha256').update(file).digest('hex')).toBe(table.sha256);
      expect(rowsOf(first, table.name)).toHaveLength(table.rows);
      const owner = table.name === 'organizations' ? 'id' : 'organization_id';
      for (const row of rowsOf(first, table.name)) expect(row[owner]).toBe(orgId);
    }
    // Each table's rows match the database's, counted straight in the source (the trail without
    // the export's own event, written once the archive was read).
    for (const table of [
      'users',
      'mentees',
      'goals',
      'goal_check_ins',
      'feedback',
      'feedback_ratings',
      'audit_events',
    ]) {
      const own = table === 'audit_events' ? ` AND action <> 'organization.export'` : '';
      const { rows } = await source.db.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${table} WHERE organization_id = $1${own}`,
        [orgId],
      );
      expect(manifest.tables.find((t) => t.name === table)?.rows).toBe(Number(rows[0].n));
      expect(Number(rows[0].n)).toBeGreaterThan(0);
    }
    // Parents come before the tables that reference them.
    const order = manifest.tables.map((t) => t.name);
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('mentees'));
    expect(order.indexOf('mentees')).toBeLessThan(order.indexOf('goals'));
    expect(order.indexOf('goals')).toBeLessThan(order.indexOf('goal_check_ins'));
    expect(order.indexOf('webhook_deliveries')).toBeLessThan(order.indexOf('webhook_attempts'));
    // The export itself is audited, after its snapshot.
    const { rows } = await source.db.pool.query(
      `SELECT actor_id FROM audit_events WHERE organization_id = $1 AND action = 'organization.export'`,
      [orgId],
    );
    expect(rows).toEqual([{ actor_id: hr.id }]);
  });

  it('carries no secret: no secret column, no excluded table, no secret value anywhere in it', async () => {
    const manifest = manifestOf(first);
    for (const table of Object.keys(EXCLUDED_TABLES)) {
      expect(first.has(`tables/${table}.ndjson`)).toBe(false);
    }
    for (const [table, columns] of Object.entries(SECRET_COLUMNS)) {
      expect(manifest.excludedColumns[table]).toEqual(Object.keys(columns));
      const listed = manifest.tables.find((t) => t.name === table)!;
      for (const row of rowsOf(first, table)) {
        for (const column of Object.keys(columns)) {
          expect(listed.columns).not.toContain(column);
          expect(row).not.toHaveProperty(column);
        }
      }
    }
    // Every secret value the source holds for the organization, looked for in every file's bytes.
    const secrets: string[] = [];
    const collect = async (text: string) => {
      const { rows } = await source.db.pool.query<{ v: string | null }>(text, [orgId]);
      for (const r of rows) if (r.v) secrets.push(r.v);
    };
    await collect('SELECT password_hash AS v FROM users WHERE organization_id = $1');
    await collect('SELECT client_secret_encrypted AS v FROM sso_configs WHERE organization_id = $1');
    await collect('SELECT secret AS v FROM webhook_endpoints WHERE organization_id = $1');
    await collect('SELECT token_hash AS v FROM feedback_requests WHERE organization_id = $1');
    await collect('SELECT token_hash AS v FROM scim_tokens WHERE organization_id = $1');
    await collect('SELECT token_hash AS v FROM refresh_tokens WHERE organization_id = $1');
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    const everything = Buffer.concat([...first.values()]).toString('utf8');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // …and nothing of the organization that stays.
    const { rows } = await source.db.pool.query<{ id: string }>(`SELECT id FROM organizations WHERE id <> $1`, [orgId]);
    for (const r of rows) expect(everything).not.toContain(r.id);
  });

  it('recreates the organization elsewhere and exports the same archive, ids and timestamps included', async () => {
    const file = join(dir, 'first.zip');
    writeFileSync(file, firstZip);
    const imported = await target.app.get(OrgArchiveService).importArchive(file);
    expect(imported.organizationId).toBe(orgId);
    expect(imported.organizationName).toBe('Moving Co');

    const version = (
      await target.db.pool.query<{ token_version: number }>('SELECT token_version FROM users WHERE id = $1', [hr.id])
    ).rows[0].token_version;
    const again = await download(target, g.token(hr.id, orgId, version));
    expect(again.status).toBe(200);
    const second = await unzip(again.body);

    const before = manifestOf(first);
    const after = manifestOf(second);
    expect(after.tables.map((t) => [t.name, t.columns])).toEqual(before.tables.map((t) => [t.name, t.columns]));
    for (const table of before.tables) {
      if (table.name === 'audit_events') continue;
      // Byte for byte: the same rows, the same values, in the same order.
      expect([table.name, second.get(table.file)!.toString('utf8')]).toEqual([
        table.name,
        first.get(table.file)!.toString('utf8'),
      ]);
      expect(after.tables.find((t) => t.name === table.name)?.sha256).toBe(table.sha256);
    }
    // The trail travels whole; the new instance adds one event: the import itself.
    const trailBefore = rowsOf(first, 'audit_events');
    const trailAfter = rowsOf(second, 'audit_events');
    const added = trailAfter.filter((e) => !trailBefore.some((b) => b.id === e.id));
    expect(trailAfter.filter((e) => trailBefore.some((b) => b.id === e.id))).toEqual(trailBefore);
    expect(added.map((e) => [e.action, e.actor_id])).toEqual([['organization.import', null]]);
  });

  it('gives people no password: the old one no longer signs in; secrets are new', async () => {
    const login = await request(target.server).post('/api/v1/auth/login').send({ email: hr.email, password: PASSWORD });
    expect(login.status).toBe(401);
    const secret = async (t: TestApp) =>
      (
        await t.db.pool.query<{ secret: string }>('SELECT secret FROM webhook_endpoints WHERE organization_id = $1', [
          orgId,
        ])
      ).rows[0].secret;
    expect(await secret(target)).toMatch(/^whsec_/);
    expect(await secret(target)).not.toBe(await secret(source));
    const sso = await target.db.pool.query(
      'SELECT client_secret_encrypted FROM sso_configs WHERE organization_id = $1',
      [orgId],
    );
    expect(sso.rows).toEqual([{ client_secret_encrypted: '' }]);
  });

  it('refuses an organization whose ids exist already (409), changing nothing', async () => {
    const file = join(dir, 'again.zip');
    writeFileSync(file, firstZip);
    const orgs = await organizationCount(target);
    const error = await refusal(target.app.get(OrgArchiveService).importArchive(file));
    expect(error.code).toBe('conflict');
    expect(await organizationCount(target)).toBe(orgs);
    // On the source too, where every id is taken.
    const onSource = await refusal(source.app.get(OrgArchiveService).importArchive(file));
    expect(onSource.code).toBe('conflict');
  });

  it('refuses an archive of a newer schema, a damaged one and a foreign file (400 naming archive)', async () => {
    // A third instance where the organization does not exist, so no refusal is the 409 of a taken id.
    const third = await startTestApp();
    try {
      const newer = new Map(first);
      newer.set(
        'manifest.json',
        Buffer.from(JSON.stringify({ ...manifestOf(first), schemaVersion: schemaHead().version + 1 })),
      );
      const tampered = new Map(first);
      const users = first.get('tables/users.ndjson')!.toString('utf8');
      tampered.set('tables/users.ndjson', Buffer.from(users.replace('Person', 'Persona')));
      const cases: [string, Buffer][] = [
        ['newer', await zipOf(newer)],
        ['tampered', await zipOf(tampered)],
        ['foreign', Buffer.from('not a zip at all')],
        ['no-manifest', await zipOf(new Map([['tables/users.ndjson', Buffer.from('{}\n')]]))],
      ];
      const orgs = await organizationCount(third);
      for (const [name, content] of cases) {
        const file = join(dir, `${name}.zip`);
        writeFileSync(file, content);
        const error = await refusal(third.app.get(OrgArchiveService).importArchive(file));
        expect([name, error.code, error.fields?.[0]?.field]).toEqual([name, 'validation_failed', 'archive']);
      }
      expect(await organizationCount(third)).toBe(orgs);
      // The intact archive then imports there.
      const file = join(dir, 'intact.zip');
      writeFileSync(file, await zipOf(first));
      await third.app.get(OrgArchiveService).importArchive(file);
      expect(await organizationCount(third)).toBe(orgs + 1);
    } finally {
      await third.close();
    }
  });

  it('moves through the operator commands too: org:import, then org:export gives the same tables', async () => {
    const db = await createTestDatabase();
    try {
      const file = join(dir, 'operator.zip');
      writeFileSync(file, firstZip);
      const imported = await cli(db.url, 'org:import', file);
      expect(imported).toEqual({ code: 0, out: expect.stringContaining(`Imported Moving Co (${orgId})`) as string });
      expect(imported.out).toContain('password');
      const again = await cli(db.url, 'org:import', file);
      expect(again.code).toBe(1);
      expect(again.out).toContain('exists on this instance already');

      const out = join(dir, 'operator-export.zip');
      expect((await cli(db.url, 'org:export', orgId, out)).code).toBe(0);
      const second = await unzip(readFileSync(out));
      for (const table of manifestOf(first).tables) {
        if (table.name === 'audit_events') continue;
        expect([table.name, second.get(table.file)?.toString('utf8')]).toEqual([
          table.name,
          first.get(table.file)!.toString('utf8'),
        ]);
      }
      // The import's event, and the export's (written once the archive was read), without a person.
      const { rows } = await db.pool.query(
        `SELECT action, actor_id FROM audit_events WHERE organization_id = $1 AND action LIKE 'organization.%'
          ORDER BY occurred_at`,
        [orgId],
      );
      expect(rows).toEqual([
        { action: 'organization.import', actor_id: null },
        { action: 'organization.export', actor_id: null },
      ]);
    } finally {
      await db.drop();
    }
  });
});
