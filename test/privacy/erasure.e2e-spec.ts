import { randomUUID } from 'node:crypto';
import { Database } from '@leadpath/platform/database';
import { ERASED_NAME, reapplyErasureLog } from '@leadpath/privacy';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('erasure', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });

  afterAll(() => t.close());

  const q = async <T extends object = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await f.pool.query<T>(text, params)).rows;

  /** Every table of the schema, and how many of its rows hold `needle` anywhere (as text). */
  async function traces(needle: string): Promise<Record<string, number>> {
    const tables = await q<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
          AND left(table_name, 7) <> 'backup_'`,
    );
    const found: Record<string, number> = {};
    for (const { table_name } of tables) {
      const [{ n }] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name}" x WHERE strpos(lower(x::text), lower($1)) > 0`,
        [needle],
      );
      if (n > 0) found[table_name] = n;
    }
    return found;
  }

  interface World {
    orgId: string;
    hr: TestUser;
    manager: TestUser;
    mentee: TestMentee;
    other: TestMentee;
    name: string;
    email: string;
  }

  /**
   * An organization where the person to erase has a bit of everything: a mentee record with goals,
   * check-ins, feedback (shared and private), a milestone, an assessment, an assignment answered by
   * others; a session; mail; a place in someone else's feedback requests and in an import's plan.
   */
  async function world(): Promise<World> {
    const orgId = (await f.organization()).id;
    const hr = await f.user(orgId, ['hr_admin']);
    const manager = await f.user(orgId, ['manager']);
    const tag = randomUUID().slice(0, 8);
    const name = `Quillon Erasable ${tag}`;
    const email = `quillon-${tag}@example.test`;
    const user = await f.user(orgId, ['mentee'], { name, email });
    const mentee = await f.mentee(orgId, { managerId: manager.id, user });
    const other = await f.mentee(orgId, { managerId: manager.id, mentorId: user.id });
    const goal = await f.goal(mentee, mentee.userId);
    await q(
      `INSERT INTO goal_check_ins (organization_id, goal_id, progress, note, created_by) VALUES ($1, $2, 40, $3, $4)`,
      [orgId, goal, `Check-in by ${name}`, mentee.userId],
    );
    await f.feedback(mentee, manager.id, { visibility: 'shared', text: `${name} explains well` });
    await f.feedback(mentee, manager.id, { visibility: 'private', text: `Private about ${name}` });
    await f.milestone(mentee, 'completed');
    await q(
      `INSERT INTO assessments (organization_id, mentee_id, kind, author_id, answers, fit, suggestion)
       VALUES ($1, $2, 'self', $3, '{"loves_craft": 3}', 0.5, 'undecided')`,
      [orgId, mentee.id, mentee.userId],
    );
    const assignment = await f.assignment(mentee, mentee.userId);
    await f.feedbackLink(orgId, assignment, { email: `outside-${tag}@example.test` });
    await q(
      `INSERT INTO led_responses (organization_id, assignment_id, ratings, went_well, published) VALUES ($1, $2, '{"communication": 4}', 'Clear plans', true)`,
      [orgId, assignment],
    );
    // Asked about someone else's assignment.
    const theirs = await f.assignment(other, manager.id);
    await f.feedbackLink(orgId, theirs, { userId: mentee.userId, email });
    // Someone else's goal, checked in by the person (as the mentor): stays, as the other's data.
    const otherGoal = await f.goal(other, manager.id);
    await q(
      `INSERT INTO goal_check_ins (organization_id, goal_id, progress, note, created_by) VALUES ($1, $2, 10, 'Mentor note', $3)`,
      [orgId, otherGoal, mentee.userId],
    );
    await q(
      `INSERT INTO refresh_tokens (organization_id, user_id, family_id, token_hash, token_version, expires_at)
       VALUES ($1, $2, gen_random_uuid(), md5(random()::text), 0, now() + interval '1 day')`,
      [orgId, mentee.userId],
    );
    await q(
      `INSERT INTO mail_deliveries (organization_id, recipient_id, recipient_address, recipient_name, kind)
       VALUES ($1, $2, $3, $4, 'invitation')`,
      [orgId, mentee.userId, email, name],
    );
    await q(
      `INSERT INTO imports (organization_id, kind, plan, creates, updates, unchanged, error_count, created_by)
       VALUES ($1, 'people', $2, 1, 0, 0, 0, $3)`,
      [orgId, JSON.stringify({ rows: [{ row: 2, email, name, roles: ['mentee'] }] }), hr.id],
    );
    // One-on-ones: the person's own (deleted with their record) and another's, where they, as
    // the mentor, wrote a talking point and own an action (kept, under the erased name).
    const ownMeeting = await f.meeting(mentee, manager.id);
    await f.agendaItem(orgId, ownMeeting, mentee.userId);
    await f.actionItem(orgId, ownMeeting, mentee.userId);
    const theirMeeting = await f.meeting(other, mentee.userId);
    await f.agendaItem(orgId, theirMeeting, mentee.userId);
    await f.actionItem(orgId, theirMeeting, mentee.userId);
    // A talent review nominating the person: its packet is a frozen snapshot naming them.
    const [review] = await q<{ id: string }>(
      `INSERT INTO talent_reviews (organization_id, name, target_phase, closes_on, created_by)
       VALUES ($1, 'Spring round', 'first_management_role', '2099-12-31', $2) RETURNING id`,
      [orgId, hr.id],
    );
    const [nomination] = await q<{ id: string }>(
      `INSERT INTO talent_nominations (organization_id, mentee_id, review_id, nominated_by, "case", packet)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [orgId, mentee.id, review.id, manager.id, `${name} ran the guild`, JSON.stringify({ name, email })],
    );
    await q(
      `INSERT INTO talent_decisions (organization_id, nomination_id, decision, reason, evidence, rubric_version, decided_by)
       VALUES ($1, $2, 'not_yet', $3, '[]', 'v1', $4)`,
      [orgId, nomination.id, `${name} needs a year`, hr.id],
    );
    // Someone else's nomination whose packet names the person as their mentor.
    await q(
      `INSERT INTO talent_nominations (organization_id, mentee_id, review_id, nominated_by, "case", packet)
       VALUES ($1, $2, $3, $4, 'Led the migration', $5)`,
      [orgId, other.id, review.id, manager.id, JSON.stringify({ mentor: { name, email } })],
    );
    // An edit of their name and address in the trail, and a computed result naming them as a rater.
    await q(
      `INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, changes)
       VALUES ($1, $2, 'user.updated', 'user', $3, 'success', $4)`,
      [
        orgId,
        hr.id,
        mentee.userId,
        JSON.stringify({ name: { from: `${name} Sr`, to: name }, email: { from: null, to: email } }),
      ],
    );
    await q(`INSERT INTO rater_severity_results (organization_id, result, computed_at) VALUES ($1, $2, now())`, [
      orgId,
      JSON.stringify({ raters: [{ id: mentee.userId, name }] }),
    ]);
    return { orgId, hr, manager, mentee, other, name, email };
  }

  const erase = (hr: TestUser, userId: string, body: object = { reason: 'Their request of 3 March', confirm: true }) =>
    as(t, hr.token).post(`/api/v1/users/${userId}/erasure`, body);

  it('refuses without a reason or a confirmation, naming the field, and changes nothing', async () => {
    const w = await world();
    const before = await traces(w.name);
    const noReason = await erase(w.hr, w.mentee.userId, { confirm: true }).expect(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const unconfirmed = await erase(w.hr, w.mentee.userId, { reason: 'asked', confirm: false }).expect(400);
    expect(JSON.stringify(unconfirmed.body)).toContain('confirm');
    expect(await traces(w.name)).toEqual(before);
  });

  it('is HR’s alone: 403 for a manager, 404 across organizations, 409 for oneself', async () => {
    const w = await world();
    await erase(w.manager, w.mentee.userId).expect(403);
    const elsewhere = await f.user((await f.organization()).id, ['hr_admin']);
    await erase(elsewhere, w.mentee.userId).expect(404);
    await erase(w.hr, w.hr.id).expect(409);
    expect(await q(`SELECT name FROM users WHERE id = $1`, [w.mentee.userId])).toEqual([{ name: w.name }]);
  });

  it('leaves no trace of the person’s name or address anywhere, and closes the account', async () => {
    const w = await world();
    expect(Object.keys(await traces(w.name)).length).toBeGreaterThan(3);
    const auditBefore = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1`,
      [w.orgId],
    );

    const res = await erase(w.hr, w.mentee.userId).expect(200);
    expect(res.body).toMatchObject({ userId: w.mentee.userId, requestId: expect.any(String) });

    expect(await traces(w.name)).toEqual({});
    expect(await traces(w.email)).toEqual({});
    const [account] = await q(`SELECT name, email, roles, active, password_hash FROM users WHERE id = $1`, [
      w.mentee.userId,
    ]);
    expect(account).toEqual({
      name: ERASED_NAME,
      email: `erased+${w.mentee.userId}@invalid`,
      roles: [],
      active: false,
      password_hash: '!erased',
    });
    // Their record and everything about them is gone.
    for (const table of ['mentees', 'goals', 'feedback', 'mentee_milestones', 'assessments', 'assignments']) {
      const rows = await q(
        `SELECT 1 FROM ${table} WHERE organization_id = $1 AND ${table === 'mentees' ? 'id' : 'mentee_id'} = $2`,
        [w.orgId, w.mentee.id],
      );
      expect({ table, rows: rows.length }).toEqual({ table, rows: 0 });
    }
    // Someone else's data stays: their goal's check-in by the person, now by "Erased person".
    const [checkIn] = await q<{ name: string }>(
      `SELECT u.name FROM goal_check_ins c JOIN goals g ON g.id = c.goal_id JOIN users u ON u.id = c.created_by
        WHERE g.mentee_id = $1 AND c.note = 'Mentor note'`,
      [w.other.id],
    );
    expect(checkIn.name).toBe(ERASED_NAME);
    expect(await q(`SELECT mentor_id FROM mentees WHERE id = $1`, [w.other.id])).toEqual([{ mentor_id: null }]);
    // The request about someone else's assignment stays, without them.
    expect(
      await q(
        `SELECT name, email, respondent_user_id FROM feedback_requests fr JOIN assignments a ON a.id = fr.assignment_id
                WHERE a.mentee_id = $1`,
        [w.other.id],
      ),
    ).toEqual([{ name: ERASED_NAME, email: `erased+${w.mentee.userId}@invalid`, respondent_user_id: null }]);
    // Sessions revoked, access token refused.
    expect(
      await q(`SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`, [w.mentee.userId]),
    ).toEqual([]);
    await as(t, w.mentee.user.token).get('/api/v1/me').expect(401);
    // The trail keeps every event, and records the erasure; the events resolve to the erased account.
    const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1`, [
      w.orgId,
    ]);
    expect(n).toBeGreaterThan(auditBefore[0].n);
    const erased = await q<{ object_type: string; actor: string }>(
      `SELECT e.object_type, a.name AS actor FROM audit_events e JOIN users a ON a.id = e.actor_id
        WHERE e.organization_id = $1 AND e.action = 'subject.erase' ORDER BY e.object_type`,
      [w.orgId],
    );
    expect(erased.map((e) => e.object_type)).toEqual(['subject_request', 'user']);
    expect(await q(`SELECT kind, reason FROM subject_requests WHERE user_id = $1`, [w.mentee.userId])).toEqual([
      { kind: 'erasure', reason: 'Their request of 3 March' },
    ]);
    expect(await q(`SELECT user_id FROM erasure_log WHERE organization_id = $1`, [w.orgId])).toEqual([
      { user_id: w.mentee.userId },
    ]);
    // Once is enough.
    await erase(w.hr, w.mentee.userId).expect(409);
  });

  it('erasing a manager keeps what they wrote about others, under the erased name', async () => {
    const w = await world();
    const [manager] = await q<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [w.manager.id]);
    await erase(w.hr, w.manager.id).expect(200);
    expect(await traces(manager.name)).toEqual({});
    const authors = await q<{ name: string }>(
      `SELECT DISTINCT u.name FROM feedback fb JOIN users u ON u.id = fb.author_id WHERE fb.mentee_id = $1`,
      [w.mentee.id],
    );
    expect(authors).toEqual([{ name: ERASED_NAME }]);
    // The person they managed keeps their record and manager link (HR reassigns).
    expect(await q(`SELECT manager_id FROM mentees WHERE id = $1`, [w.mentee.id])).toEqual([
      { manager_id: w.manager.id },
    ]);
  });

  it('is erased again after a restore from a backup older than the erasure', async () => {
    const w = await world();
    // What an older backup holds: the person's rows as they were.
    const keep = [
      'users',
      'mentees',
      'goals',
      'goal_check_ins',
      'feedback',
      'feedback_ratings',
      'mentee_milestones',
      'assessments',
      'assignments',
      'feedback_requests',
      'led_responses',
      'mail_deliveries',
      'imports',
      'phase_changes',
      'mentee_readiness',
      'notification_preferences',
    ];
    for (const table of keep) {
      await q(
        `CREATE TABLE "backup_${table}" AS SELECT * FROM "${table}" WHERE organization_id = $1`.replace(
          '$1',
          `'${w.orgId}'`,
        ),
      );
    }
    await erase(w.hr, w.mentee.userId).expect(200);
    expect(await traces(w.name)).toEqual({});

    // The restore: the backup's rows back in place (audit_events and the erasure log are as after).
    await q(`UPDATE users u SET name = b.name, email = b.email, roles = b.roles, active = b.active,
                    password_hash = b.password_hash FROM backup_users b WHERE u.id = b.id`);
    for (const table of keep.filter((x) => x !== 'users')) {
      await q(`INSERT INTO "${table}" SELECT * FROM "backup_${table}" ON CONFLICT DO NOTHING`);
    }
    expect(Object.keys(await traces(w.name)).length).toBeGreaterThan(3);
    expect(await q(`SELECT 1 FROM mentees WHERE id = $1`, [w.mentee.id])).toHaveLength(1);

    const again = await reapplyErasureLog(t.app.get(Database));
    expect(again).toBeGreaterThanOrEqual(1);
    expect(await traces(w.name)).toEqual({});
    expect(await traces(w.email)).toEqual({});
    expect(await q(`SELECT 1 FROM mentees WHERE id = $1`, [w.mentee.id])).toHaveLength(0);
    expect(
      await q(`SELECT 1 FROM audit_events WHERE action = 'subject.erase_reapplied' AND object_id = $1`, [
        w.mentee.userId,
      ]),
    ).toHaveLength(1);
    // Twice changes nothing more.
    await reapplyErasureLog(t.app.get(Database));
    expect(
      await q(`SELECT 1 FROM audit_events WHERE action = 'subject.erase_reapplied' AND object_id = $1`, [
        w.mentee.userId,
      ]),
    ).toHaveLength(1);
  });
});
