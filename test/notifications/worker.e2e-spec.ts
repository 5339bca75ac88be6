import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { Database } from '@leadpath/platform/database';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { exitCode } from '../support/processes';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

const WORKER = resolve(__dirname, '../../dist/apps/api/src/worker.js');

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 90000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the worker process: crash, restart, retries and dead letters', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factory;
  let hr: TestUser;
  let orgId: string;
  let hold: { index: number; reached: () => void; release: Promise<void> } | undefined;
  const refuse = new Set<string>();
  const env = {
    // A short job timeout so that a job whose worker died is taken up again within seconds.
    JOB_TIMEOUT_SECONDS: '2',
    JOB_RETRY_DELAY_SECONDS: '1',
    JOB_RETRY_LIMIT: '2',
  };

  const startWorker = (): ChildProcess => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    Object.assign(childEnv, {
      NODE_ENV: 'test',
      DATABASE_URL: t.db.url,
      JWT_SECRET: TEST_JWT_SECRET,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '3',
    });
    return spawn(process.execPath, [WORKER], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  };

  const deliveries = async () =>
    (
      await t.db.pool.query<{ status: string; email: string }>(
        `SELECT d.status, u.email FROM mail_deliveries d JOIN users u ON u.id = d.recipient_id ORDER BY u.email`,
      )
    ).rows;

  beforeAll(async () => {
    smtp = await startSmtp({
      beforeAccept: async (index, mail) => {
        if (refuse.has(mail.to[0])) throw new Error('mailbox busy');
        if (hold && hold.index === index) {
          hold.reached();
          await hold.release;
          throw new Error('the sender went away');
        }
      },
    });
    t = await startTestApp({ ...env, SMTP_URL: smtp.url });
    f = new Factory(t);
    orgId = (await f.organization()).id;
    hr = await f.user(orgId, ['hr_admin']);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('killed mid-send and restarted, the worker delivers each message exactly once; a redelivered job sends nothing', async () => {
    let reached!: () => void;
    let release!: () => void;
    const heldReached = new Promise<void>((r) => (reached = r));
    hold = { index: 2, reached, release: new Promise<void>((r) => (release = r)) };

    for (let i = 0; i < 5; i++) {
      await as(t, hr.token)
        .post('/api/v1/users', { email: `crash-${i}@example.test`, name: `Crash ${i}`, roles: ['mentee'] })
        .expect(201);
    }
    const first = startWorker();
    await heldReached;
    // The third message is on the wire and not yet accepted: the worker dies now.
    first.kill('SIGKILL');
    await exitCode(first);
    release();
    expect(smtp.received).toHaveLength(2);

    const second = startWorker();
    try {
      await smtp.waitFor(5, 90000);
      await until('every delivery sent', async () => (await deliveries()).every((d) => d.status === 'sent'));
      const ids = smtp.received.map((m) => m.parsed.messageId);
      expect(new Set(ids).size).toBe(5);
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `crash-${i}@example.test`));

      // The queue may hand a job out again (a crash after sending, before completing): the
      // delivery id makes it a no-op. Forge such a second job for a delivery already sent.
      const { rows } = await t.db.pool.query<{ id: string }>(
        `SELECT d.id FROM mail_deliveries d JOIN users u ON u.id = d.recipient_id WHERE u.email = 'crash-0@example.test'`,
      );
      const db = t.app.get(Database);
      const jobs = t.app.get(JobsService);
      await db.tenant(orgId, () => jobs.enqueue(MAIL_JOB, { organizationId: orgId, deliveryId: rows[0].id }));
      await until('the forged job done', async () => {
        const r = await t.db.pool.query(`SELECT 1 FROM pgboss.job WHERE name = $1 AND state <> 'completed'`, [
          MAIL_JOB,
        ]);
        return r.rows.length === 0;
      });
      expect(smtp.received).toHaveLength(5);
    } finally {
      second.kill('SIGTERM');
      expect(await exitCode(second)).toBe(0);
    }
  });

  it('retries a refused message with backoff, then marks it failed with its last error, which HR sees', async () => {
    hold = undefined;
    refuse.add('refused@example.test');
    const created = await as(t, hr.token)
      .post('/api/v1/users', { email: 'refused@example.test', name: 'Refused', roles: ['mentee'] })
      .expect(201);
    const worker = startWorker();
    try {
      const failed = await until('the delivery failed', async () => {
        const res = await as(t, hr.token).get('/api/v1/mail-deliveries?status=failed').expect(200);
        return res.body.items.length > 0 ? res.body.items : undefined;
      });
      expect(failed).toEqual([
        expect.objectContaining({ recipientId: created.body.id, kind: 'invitation', status: 'failed', attempts: 3 }),
      ]);
      expect(failed[0].lastError).toContain('mailbox busy');
      const job = await t.db.pool.query<{ state: string; retry_count: number }>(
        `SELECT state, retry_count FROM pgboss.job WHERE id = $1`,
        [failed[0].id],
      );
      expect(job.rows[0]).toEqual({ state: 'failed', retry_count: 2 });
      expect(smtp.received.filter((m) => m.to[0] === 'refused@example.test')).toHaveLength(0);
    } finally {
      worker.kill('SIGTERM');
      await exitCode(worker);
    }
  });
});
