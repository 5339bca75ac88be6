/**
 * SCIM provisioning under load, on loopback against the real HTTP application:
 *
 *   1. an initial sync of N people (10,000 by default) as an identity provider pushes it: one
 *      POST /scim/v2/Users per person, `concurrency` in flight, in an order where most people
 *      arrive before their manager (manager.value names the manager's externalId); then it checks
 *      that every manager reference is linked;
 *   2. a sustained load of `rate` SCIM requests per second for `seconds` (the mix a provider sends
 *      while in sync: a userName lookup, a PATCH, a GET by id), with p50 / p99 latency.
 *
 *   npm run bench:scim -- [--users 10000] [--concurrency 8] [--rate 25] [--seconds 60]
 *
 * PostgreSQL: the server DATABASE_URL names (a fresh database is created, then dropped), or an
 * embedded one in a temporary folder. Numbers from a shared machine are indicative; nothing here
 * is a test, and nothing asserts a time.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppModule } from '../apps/api/src/app.module';
import { loadConfig } from '@leadpath/platform';
import { runMigrations, startEmbeddedPostgres } from '@leadpath/platform/database';
import { createHttpApp } from '@leadpath/platform/http';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const USERS = arg('users', 10_000);
const CONCURRENCY = arg('concurrency', 8);
const RATE = arg('rate', 25);
const SECONDS = arg('seconds', 60);
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function database(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const admin = process.env.DATABASE_URL;
    const name = `leadpath_scim_${randomBytes(4).toString('hex')}`;
    const run = async (sql: string) => {
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await run(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return { url: url.toString(), stop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-scim-bench-'));
  const handle = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  return {
    url: handle.url,
    stop: async () => {
      await handle.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The people of a company: a tree where each person's manager is an earlier person (by index). */
function company(n: number): { externalId: string; userName: string; managerOf: number | null }[] {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `ext-${i}`,
    userName: `person.${i}@bench.example`,
    managerOf: i === 0 ? null : Math.floor((i - 1) / 8),
  }));
}

async function main(): Promise<void> {
  const db = await database();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DEMO_DATA: 'false',
    JOBS_IN_PROCESS: 'false',
    RATE_LIMIT_PER_ADDRESS: '1000000000',
  });
  await runMigrations(db.url);
  const app = await createHttpApp(
    AppModule.register({ config, databaseUrl: db.url, jwtSecret: config.jwtSecret! }),
    config,
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const origin = `http://127.0.0.1:${address.port}`;
  try {
    const signup = await fetch(`${origin}/api/v1/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'SCIM Bench',
        admin: { email: 'hr@bench.example', name: 'HR', password: 'a long bench passphrase' },
      }),
    });
    const { accessToken } = (await signup.json()) as { accessToken: string };
    const tokenAnswer = await fetch(`${origin}/api/v1/scim-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: 'bench' }),
    });
    const { token } = (await tokenAnswer.json()) as { token: string };
    const scim = (method: string, path: string, body?: unknown) =>
      fetch(`${origin}/scim/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    // 1. The initial sync, deepest people first: nearly everyone arrives before their manager.
    const people = company(USERS);
    const order = people.map((_, i) => i).reverse();
    const ids = new Array<string>(USERS);
    let next = 0;
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < order.length) {
          const i = order[next++];
          const p = people[i];
          const res = await scim('POST', '/Users', {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
            userName: p.userName,
            externalId: p.externalId,
            name: { givenName: 'Person', familyName: String(i) },
            emails: [{ value: p.userName, type: 'work', primary: true }],
            [ENTERPRISE]: {
              department: `Dept ${i % 40}`,
              ...(p.managerOf === null ? {} : { manager: { value: `ext-${p.managerOf}` } }),
            },
          });
          if (res.status !== 201) failures++;
          else ids[i] = ((await res.json()) as { id: string }).id;
        }
      }),
    );
    const syncSeconds = (performance.now() - started) / 1000;
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ pending: string; linked: string }>(
      `SELECT count(*) FILTER (WHERE manager_ref IS NOT NULL AND manager_id IS NULL) AS pending,
              count(*) FILTER (WHERE manager_id IS NOT NULL) AS linked FROM scim_users`,
    );
    await client.end();
    console.log(
      `initial sync: ${USERS} users in ${syncSeconds.toFixed(1)} s (${(USERS / syncSeconds).toFixed(0)} /s, ` +
        `${CONCURRENCY} in flight), ${failures} failed; managers linked ${rows[0].linked} of ${USERS - 1}, pending ${rows[0].pending}`,
    );

    // 2. Sustained load at a fixed rate: lookups, patches and reads, as a provider in sync sends them.
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const inFlight: Promise<void>[] = [];
    const total = RATE * SECONDS;
    const loadStart = performance.now();
    for (let k = 0; k < total; k++) {
      const due = loadStart + (k * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const i = (k * 7919) % USERS;
      const kind = k % 3;
      inFlight.push(
        (async () => {
          const t0 = performance.now();
          const res =
            kind === 0
              ? await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${people[i].userName}"`)}`)
              : kind === 1
                ? await scim('PATCH', `/Users/${ids[i]}`, {
                    schemas: [PATCH],
                    Operations: [{ op: 'Replace', path: 'title', value: `Title ${k}` }],
                  })
                : await scim('GET', `/Users/${ids[i]}`);
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        })(),
      );
    }
    await Promise.all(inFlight);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `sustained: ${total} requests in ${loadSeconds.toFixed(1)} s (${(total / loadSeconds).toFixed(1)} /s target ${RATE}), ` +
        `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  } finally {
    await app.close();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
