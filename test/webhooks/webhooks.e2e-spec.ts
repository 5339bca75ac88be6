import { createHmac, timingSafeEqual } from 'node:crypto';
import { JobsService } from '@leadpath/jobs';
import { Clock } from '@leadpath/platform/time';
import { ReadModelService } from '@leadpath/readiness';
import { WEBHOOK_DELIVER_JOB, WebhookDeliveryService } from '@leadpath/webhooks';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { withTestApp } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * Standard Webhooks verification (https://www.standardwebhooks.com), written from the
 * specification and independent of the server's code: the secret is `whsec_` + base64 key; the
 * signed content is `id.timestamp.body`; the header lists space-separated `v1,<base64 HMAC-SHA256>`
 * signatures, any of which may match; the timestamp must be within five minutes of now.
 */
function verify(secret: string, message: ReceivedWebhook, now: Date): boolean {
  const id = message.headers['webhook-id'];
  const timestamp = message.headers['webhook-timestamp'];
  const header = message.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof header !== 'string') return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${message.body}`).digest();
  return header.split(' ').some((candidate) => {
    const [version, signature] = candidate.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const HOUR = 3600 * 1000;
const PRIVATE_TEXT = 'PRIVATE-NOTE-never-leaves-the-author';
const SHARED_TEXT = 'SHARED-TEXT-stays-in-leadpath';

describe('webhooks', () => {
  let receiver: WebhookReceiver;
  let t: TestApp;
  let f: Factory;
  let jobs: JobsService;
  let delivery: WebhookDeliveryService;
  let clock: Clock;
  let orgId: string;
  let hr: TestUser;
  let manager: TestUser;
  let mentee: TestMentee;

  const runDeliveries = () => jobs.runDue(WEBHOOK_DELIVER_JOB);
  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const register = (path: string, events: string[], token = hr.token) =>
    as(t, token).post('/api/v1/webhooks', { url: `${receiver.url}${path}`, events, description: `Receiver ${path}` });
  const log = async (id: string) =>
    (await as(t, hr.token).get(`/api/v1/webhooks/${id}/deliveries`).expect(200)).body as {
      items: {
        id: string;
        eventType: string;
        status: string;
        attempts: number;
        nextAttemptAt: string | null;
        log: { attempt: number; statusCode: number | null; error: string | null; responseExcerpt: string | null }[];
      }[];
    };
  const logFeedback = (visibility: 'shared' | 'private', text: string) =>
    as(t, manager.token)
      .post(`/api/v1/mentees/${mentee.id}/feedback`, {
        occurredOn: clock.now().toISOString().slice(0, 10),
        visibility,
        strengths: text,
        gaps: text,
        nextSteps: text,
        needToSee: text,
        ratings: [{ competency: 'delegation', rating: 4 }],
      })
      .expect(201);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp({ WEBHOOK_ALLOWED_HOSTS: `example.invalid, ${receiver.host}` });
    f = new Factory(t);
    ({ orgId, hr, manager, mentee } = await f.team('Acme'));
    jobs = t.app.get(JobsService);
    delivery = t.app.get(WebhookDeliveryService);
    clock = t.app.get(Clock);
  });

  afterEach(() => clock.set(undefined));

  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('refuses loopback, private, link-local and metadata addresses unless allow-listed, with 400 naming url', async () => {
    const other = receiver.url.replace(/:\d+$/, ':1');
    for (const url of [
      `${other}/hook`,
      'http://127.0.0.1/hook',
      'http://localhost:8080/hook',
      'http://10.1.2.3/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/hook',
      'http://[fd00:ec2::254]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      // IPv6 spellings of loopback and special ranges (IPv4-compatible, -translated, NAT64, 6to4).
      'http://[::7f00:1]/hook',
      'http://[::ffff:0:7f00:1]/hook',
      'http://[64:ff9b:1::7f00:1]/hook',
      'http://[64:ff9b::a9fe:a9fe]/hook',
      'http://[2002:7f00:1::]/hook',
      'http://[100::1]/hook',
      'http://[2001:db8::1]/hook',
      'http://192.0.2.10/hook',
      'ftp://hooks.example.com/',
      'https://user:pass@hooks.example.com/',
      'not a url',
    ]) {
      const res = await as(t, hr.token).post('/api/v1/webhooks', { url, events: ['feedback.created'] });
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.fields.map((x: { field: string }) => x.field)).toEqual(['url']);
    }
    const unknown = await as(t, hr.token).post('/api/v1/webhooks', {
      url: `${receiver.url}/hook`,
      events: ['feedback.private_text'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields.map((x: { field: string }) => x.field)).toEqual(['events']);
    // Nothing was registered, and a refused change leaves the endpoint as it was.
    expect((await as(t, hr.token).get('/api/v1/webhooks').expect(200)).body.items).toEqual([]);
    const ok = (await register('/shape', ['goal.confirmed']).expect(201)).body as { id: string; url: string };
    const refused = await as(t, hr.token).patch(`/api/v1/webhooks/${ok.id}`, { url: 'http://10.0.0.1/' });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((x: { field: string }) => x.field)).toEqual(['url']);
    expect((await as(t, hr.token).get(`/api/v1/webhooks/${ok.id}`).expect(200)).body.url).toBe(ok.url);
    await as(t, hr.token).delete(`/api/v1/webhooks/${ok.id}`).expect(204);
    await as(t, hr.token).get(`/api/v1/webhooks/${ok.id}`).expect(404);
  });

  it('delivers signed events that verify, retries failures with backoff by the clock, and logs every attempt', async () => {
    const created = (
      await register('/all', [
        'feedback.created',
        'milestone.verified',
        'milestone.revoked',
        'goal.confirmed',
        'mentee.phase_changed',
        'readiness.level_changed',
      ]).expect(201)
    ).body as { id: string; secret: string; enabled: boolean };
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.enabled).toBe(true);
    // The secret is shown once.
    expect((await as(t, hr.token).get(`/api/v1/webhooks/${created.id}`).expect(200)).body).not.toHaveProperty('secret');

    const t0 = new Date();
    clock.set(t0);
    // The receiver fails twice, then accepts.
    receiver.answer('/all', 500, 500);
    const templateId = await f.milestone(mentee, 'completed');
    await as(t, manager.token).post(`/api/v1/mentees/${mentee.id}/milestones/${templateId}/verify`).expect(200);
    expect(await runDeliveries()).toBe(1);

    const first = (await log(created.id)).items[0];
    expect(first).toMatchObject({ eventType: 'milestone.verified', status: 'retrying', attempts: 1 });
    expect(first.nextAttemptAt).toBe(new Date(t0.getTime() + 30000).toISOString());
    expect(first.log).toEqual([expect.objectContaining({ attempt: 1, statusCode: 500, error: 'answered 500' })]);
    // Only a short excerpt of the answer is kept.
    expect(first.log[0].responseExcerpt!.length).toBeLessThanOrEqual(200);

    // Not due yet: nothing is sent.
    expect(await delivery.sweep()).toBe(0);
    clock.set(new Date(t0.getTime() + 30000));
    expect(await delivery.sweep()).toBe(1);
    expect(await runDeliveries()).toBe(1);
    // The second delay doubles.
    expect((await log(created.id)).items[0].nextAttemptAt).toBe(new Date(t0.getTime() + 90000).toISOString());
    clock.set(new Date(t0.getTime() + 90000));
    expect(await delivery.sweep()).toBe(1);
    expect(await runDeliveries()).toBe(1);

    const done = (await log(created.id)).items[0];
    expect(done).toMatchObject({ status: 'succeeded', attempts: 3, nextAttemptAt: null });
    expect(done.log.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    const sent = at('/all');
    expect(sent.map((r) => r.status)).toEqual([500, 500, 200]);
    // One message, three attempts: the same webhook-id each time, each signed and verifying.
    expect(new Set(sent.map((r) => r.headers['webhook-id']))).toEqual(new Set([done.id]));
    // Another key: the secret with its first character changed (to one it is not, whatever it was).
    const wrong = created.secret.replace(/^whsec_(.)/, (_: string, c: string) => `whsec_${c === 'A' ? 'B' : 'A'}`);
    expect(wrong).not.toBe(created.secret);
    for (const message of sent) {
      expect(verify(created.secret, message, clock.now())).toBe(true);
      expect(verify(wrong, message, clock.now())).toBe(false);
    }
    const body = JSON.parse(sent[2].body) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(body).toEqual({
      type: 'milestone.verified',
      timestamp: t0.toISOString(),
      data: expect.objectContaining({ menteeId: mentee.id, templateId, verifiedBy: manager.id }),
    });
    expect(typeof body.data.menteeName).toBe('string');

    // The other events, each in the transaction of its write.
    await as(t, hr.token)
      .post(`/api/v1/mentees/${mentee.id}/milestones/${templateId}/revoke`, { reason: 'Wrong project' })
      .expect(200);
    await as(t, hr.token)
      .patch(`/api/v1/mentees/${mentee.id}`, { phase: 'first_management_role', phaseNote: 'Promoted' })
      .expect(200);
    // Goals alone make the score: confirming one moves the level from not_yet to ready.
    await as(t, hr.token)
      .patch('/api/v1/framework/settings', { weights: { milestones: 0, competencies: 0, goals: 1 } })
      .expect(200);
    await t.app.get(ReadModelService).drain();
    const goalId = await f.goal(mentee, mentee.userId, { status: 'achieved' });
    await f.syncReadiness(orgId);
    await as(t, manager.token).post(`/api/v1/goals/${goalId}/confirm`).expect(200);
    await logFeedback('shared', SHARED_TEXT);
    await logFeedback('private', PRIVATE_TEXT);
    await runDeliveries();

    const types = at('/all')
      .slice(3)
      .map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types.sort()).toEqual(
      [
        'milestone.revoked',
        'mentee.phase_changed',
        'goal.confirmed',
        'readiness.level_changed',
        'feedback.created',
      ].sort(),
    );
    const events = at('/all').map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(events.find((e) => e.type === 'readiness.level_changed')!.data).toMatchObject({
      menteeId: mentee.id,
      from: 'not_yet',
      to: 'ready',
      score: 100,
    });
    expect(events.find((e) => e.type === 'mentee.phase_changed')!.data).toMatchObject({
      from: 'lead_without_title',
      to: 'first_management_role',
    });
    expect(events.find((e) => e.type === 'feedback.created')!.data).toMatchObject({
      visibility: 'shared',
      ratings: [{ competency: 'delegation', rating: 4 }],
    });
    for (const message of at('/all')) expect(verify(created.secret, message, clock.now())).toBe(true);
  });

  it("posts Slack and Teams channel messages in the interface's words, with a link, signed like the rest", async () => {
    const slack = (await register('/slack', ['mentee.phase_changed']).expect(201)).body as {
      id: string;
      secret: string;
    };
    expect((await as(t, hr.token).get(`/api/v1/webhooks/${slack.id}`).expect(200)).body).toMatchObject({
      format: 'standard',
    });
    // The format is chosen at registration or changed later; anything else is refused naming it.
    await as(t, hr.token)
      .patch(`/api/v1/webhooks/${slack.id}`, { format: 'discord' })
      .expect(400, /format/);
    await as(t, hr.token)
      .patch(`/api/v1/webhooks/${slack.id}`, { format: 'slack' })
      .expect(200, /"format":"slack"/);
    const teams = (
      await as(t, hr.token)
        .post('/api/v1/webhooks', { url: `${receiver.url}/teams`, events: ['mentee.phase_changed'], format: 'teams' })
        .expect(201)
    ).body as { id: string; format: string };
    expect(teams.format).toBe('teams');

    await as(t, hr.token).patch(`/api/v1/mentees/${mentee.id}`, { phase: 'lead_without_title' }).expect(200);
    await runDeliveries();
    const [toSlack] = at('/slack');
    const [toTeams] = at('/teams');
    const [{ name }] = (
      await t.db.pool.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [mentee.userId])
    ).rows;
    const link = `/mentees/${mentee.id}`;
    // Slack: one mrkdwn text with the phases' names, not their codes, and a link to the mentee.
    const slackBody = JSON.parse(toSlack.body) as { text: string };
    expect(Object.keys(slackBody)).toEqual(['text']);
    expect(slackBody.text).toContain(`${name} moved from`);
    expect(slackBody.text).toContain('to Lead without the title.');
    expect(slackBody.text).not.toMatch(/lead_without_title|first_management_role/);
    expect(slackBody.text).toMatch(new RegExp(`<https?://[^|>]+${link}\\|Open in Leadpath>$`));
    expect(verify(slack.secret, toSlack, clock.now())).toBe(true);
    // Teams: a Workflows message holding one adaptive card with the same sentence and the link.
    const teamsBody = JSON.parse(toTeams.body) as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; body: { text: string }[]; actions: { url: string }[] };
      }[];
    };
    expect(teamsBody.type).toBe('message');
    expect(teamsBody.attachments).toHaveLength(1);
    const card = teamsBody.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.body[0].text).toContain('to Lead without the title.');
    expect(card.content.actions[0].url).toMatch(new RegExp(`${link}$`));
    // The delivery log keeps the Standard payload, whatever the endpoint received.
    const [logged] = (await log(slack.id)).items;
    expect(logged).toMatchObject({ eventType: 'mentee.phase_changed', status: 'succeeded' });
  });

  it('never carries feedback text: no payload, sent or stored, holds it', async () => {
    // Whatever the earlier tests sent: private notes send nothing, shared entries send no text.
    await register('/privacy', ['feedback.created']).expect(201);
    await logFeedback('private', PRIVATE_TEXT);
    await logFeedback('shared', SHARED_TEXT);
    await runDeliveries();
    expect(at('/privacy')).toHaveLength(1);
    for (const message of receiver.received) {
      expect(message.body).not.toContain(PRIVATE_TEXT);
      expect(message.body).not.toContain(SHARED_TEXT);
    }
    const stored = await t.db.pool.query<{ payload: string }>('SELECT payload FROM webhook_deliveries');
    expect(stored.rows.length).toBeGreaterThan(0);
    for (const row of stored.rows) {
      expect(row.payload).not.toContain(PRIVATE_TEXT);
      expect(row.payload).not.toContain(SHARED_TEXT);
      expect(Object.keys((JSON.parse(row.payload) as { data: object }).data)).not.toEqual(
        expect.arrayContaining(['strengths']),
      );
    }
  });

  it('rotates the secret: both sign during the grace period, then only the new one', async () => {
    const created = (await register('/rotate', ['goal.confirmed']).expect(201)).body as { id: string; secret: string };
    const t0 = new Date();
    clock.set(t0);
    const rotated = (await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/secret`).expect(200)).body as {
      secret: string;
      previousSecretExpiresAt: string;
    };
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.previousSecretExpiresAt).toBe(new Date(t0.getTime() + 24 * HOUR).toISOString());
    await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/test`).expect(202);
    await runDeliveries();
    const during = at('/rotate')[0];
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(rotated.secret, during, clock.now())).toBe(true);
    expect(verify(created.secret, during, clock.now())).toBe(true);
    expect(JSON.parse(during.body)).toMatchObject({ type: 'webhook.test', data: { endpointId: created.id } });

    clock.set(new Date(t0.getTime() + 25 * HOUR));
    await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/test`).expect(202);
    await runDeliveries();
    const after = at('/rotate')[1];
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verify(rotated.secret, after, clock.now())).toBe(true);
    expect(verify(created.secret, after, clock.now())).toBe(false);
  });

  it('ends the previous secret at once with graceHours 0 (and any older one still in its grace); refuses other values', async () => {
    const created = (await register('/leaked', ['goal.confirmed']).expect(201)).body as { id: string; secret: string };
    const t0 = new Date();
    clock.set(t0);
    const first = (await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/secret`, { graceHours: 2 }).expect(200))
      .body as { secret: string; previousSecretExpiresAt: string };
    expect(first.previousSecretExpiresAt).toBe(new Date(t0.getTime() + 2 * HOUR).toISOString());
    const second = (await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/secret`, { graceHours: 0 }).expect(200))
      .body as { secret: string; previousSecretExpiresAt: string };
    expect(second.previousSecretExpiresAt).toBe(t0.toISOString());
    expect(
      (await as(t, hr.token).get(`/api/v1/webhooks/${created.id}`).expect(200)).body.previousSecretExpiresAt,
    ).toBeNull();
    await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/test`).expect(202);
    await runDeliveries();
    const sent = at('/leaked')[0];
    expect(String(sent.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verify(second.secret, sent, clock.now())).toBe(true);
    expect(verify(first.secret, sent, clock.now())).toBe(false);
    expect(verify(created.secret, sent, clock.now())).toBe(false);
    for (const graceHours of [-1, 25, 1.5, '2', null]) {
      const res = await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/secret`, { graceHours });
      expect({ graceHours, status: res.status }).toEqual({ graceHours, status: 400 });
      expect(res.body.fields.map((x: { field: string }) => x.field)).toEqual(['graceHours']);
    }
    const unknown = await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/secret`, { grace: 0 });
    expect(unknown.status).toBe(400);
    await as(t, hr.token).delete(`/api/v1/webhooks/${created.id}`).expect(204);
  });

  it('checks the address again at delivery: one that turned internal is not contacted', async () => {
    const created = (await register('/moved', ['goal.confirmed']).expect(201)).body as { id: string };
    // As if its name now resolved to an internal address.
    await t.db.pool.query(`UPDATE webhook_endpoints SET url = 'http://10.0.0.7/hook' WHERE id = $1`, [created.id]);
    await as(t, hr.token).post(`/api/v1/webhooks/${created.id}/test`).expect(202);
    await runDeliveries();
    const [entry] = (await log(created.id)).items;
    expect(entry.status).toBe('retrying');
    expect(entry.log[0]).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/^not sent: the URL points to an internal address/),
    });
    // Removed with its log, so the retry it owes does not stay due.
    await as(t, hr.token).delete(`/api/v1/webhooks/${created.id}`).expect(204);
  });

  it('disables an endpoint after a day of failures, audited, and sends it nothing more', async () => {
    receiver.always('/down', 503);
    const created = (await register('/down', ['mentee.phase_changed']).expect(201)).body as { id: string };
    const t0 = new Date();
    clock.set(t0);
    await as(t, hr.token).patch(`/api/v1/mentees/${mentee.id}`, { phase: 'growing_scope' }).expect(200);
    await runDeliveries();
    let endpoint = (await as(t, hr.token).get(`/api/v1/webhooks/${created.id}`).expect(200)).body;
    expect(endpoint).toMatchObject({ enabled: true, failingSince: t0.toISOString() });

    // Retries keep failing; short of a day the endpoint stays on.
    clock.set(new Date(t0.getTime() + 23 * HOUR));
    expect(await delivery.sweep()).toBe(1);
    await runDeliveries();
    expect((await as(t, hr.token).get(`/api/v1/webhooks/${created.id}`).expect(200)).body.enabled).toBe(true);

    clock.set(new Date(t0.getTime() + 24 * HOUR + 1000));
    expect(await delivery.sweep()).toBe(1);
    await runDeliveries();
    endpoint = (await as(t, hr.token).get(`/api/v1/webhooks/${created.id}`).expect(200)).body;
    expect(endpoint).toMatchObject({
      enabled: false,
      disabledAt: clock.now().toISOString(),
      disabledReason: 'every delivery failed for 24 hours',
    });
    const [entry] = (await log(created.id)).items;
    expect(entry).toMatchObject({ status: 'failed', attempts: 3 });
    expect(entry.log.map((a) => a.statusCode)).toEqual([503, 503, 503]);
    const audit = await as(t, hr.token).get(`/api/v1/audit-events?action=webhook.disabled&objectId=${created.id}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'webhook.disabled', actorId: null })]);

    // Disabled: new events are not even owed to it.
    const before = at('/down').length;
    await as(t, hr.token).patch(`/api/v1/mentees/${mentee.id}`, { phase: 'first_management_role' }).expect(200);
    await runDeliveries();
    expect(at('/down')).toHaveLength(before);
    // HR turns it on again (the address is checked again); its failures start over.
    receiver.always('/down', undefined);
    const again = await as(t, hr.token).patch(`/api/v1/webhooks/${created.id}`, { enabled: true }).expect(200);
    expect(again.body).toMatchObject({ enabled: true, failingSince: null, disabledAt: null });
  });

  it('a rolled-back write owes no delivery', async () => {
    const created = (await register('/rollback', ['mentee.phase_changed']).expect(201)).body as { id: string };
    // A refused change (the mentee may not move their own phase) rolls back whole.
    await as(t, mentee.user.token).patch(`/api/v1/mentees/${mentee.id}`, { phase: 'growing_scope' }).expect(403);
    await runDeliveries();
    expect((await log(created.id)).items).toEqual([]);
  });

  it('only HR of the organization sees its endpoints', async () => {
    const created = (await register('/mine', ['goal.confirmed']).expect(201)).body as { id: string };
    await register('/mine', ['goal.confirmed'], manager.token).expect(403);
    const otherOrg = (await f.organization('Other')).id;
    const otherHr = await f.user(otherOrg, ['hr_admin']);
    await as(t, otherHr.token).get(`/api/v1/webhooks/${created.id}`).expect(404);
    await as(t, otherHr.token).post(`/api/v1/webhooks/${created.id}/secret`).expect(404);
    expect((await as(t, otherHr.token).get('/api/v1/webhooks').expect(200)).body.items).toEqual([]);
  });
});

describe('webhooks in production', () => {
  let t: TestApp;
  withTestApp((app) => (t = app), { NODE_ENV: 'production', LOG_LEVEL: 'silent', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });

  it('accepts only https:// endpoints', async () => {
    const f = new Factory(t);
    const orgId = (await f.organization('Prod')).id;
    const hr = await f.user(orgId, ['hr_admin']);
    for (const url of ['http://127.0.0.1/hook', 'http://hooks.example.com/']) {
      const res = await as(t, hr.token).post('/api/v1/webhooks', { url, events: ['goal.confirmed'] });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([{ field: 'url', messages: ['url must be an https:// URL'] }]);
    }
    await as(t, hr.token)
      .post('/api/v1/webhooks', { url: 'https://127.0.0.1/hook', events: ['goal.confirmed'] })
      .expect(201);
  });
});
