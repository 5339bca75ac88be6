import { Client } from 'pg';
import { requestJson } from './http';
import { tokenFor, type Actors } from './scenarios';
import type { Server } from './servers';
import { fmt, median, seconds } from './stats';

/** Rows of the measured file: an organization moving in at once. */
export const IMPORT_ROWS = 10_000;
const MANAGERS = 500;
const PHASES = ['build_credibility', 'lead_without_title', 'first_management_role', 'growing_scope'];

export interface ImportRound {
  previewMs: number;
  applyMs: number;
  /** The same users and mentees inserted by two statements in one transaction, rolled back. */
  floorMs: number;
}

/**
 * A people file of IMPORT_ROWS rows, every address new: the mentees first, their managers after
 * them (so every manager is one the file defines later), a department and a phase each.
 */
export function peopleCsv(tag: string): string {
  const lines = ['email;name;roles;department;manager_email;mentor_email;phase'];
  const manager = (i: number) => `manager-${i}-${tag}@import.bench.test`;
  for (let i = 0; i < IMPORT_ROWS - MANAGERS; i++) {
    lines.push(
      `mentee-${i}-${tag}@import.bench.test;Mentee ${i};mentee;Dept ${i % 40};${manager(i % MANAGERS)};` +
        `${manager((i + 1) % MANAGERS)};${PHASES[i % PHASES.length]}`,
    );
  }
  for (let i = 0; i < MANAGERS; i++) lines.push(`${manager(i)};Manager ${i};manager;;;;`);
  return `${lines.join('\n')}\n`;
}

/**
 * HR previews and applies a 10,000-row file through the API, one file per round, each with new
 * addresses so every round creates everyone; the floor writes the same rows with two INSERTs.
 */
export async function measurePeopleImport(
  leadpath: Server,
  databaseUrl: string,
  actors: Actors,
  secret: string,
  rounds: number,
  log: (line: string) => void,
): Promise<ImportRound[]> {
  const hr = `Bearer ${tokenFor(secret, actors.organizationId, actors.hrAdminId)}`;
  const results: ImportRound[] = [];
  for (let round = 1; round <= rounds; round++) {
    const tag = `r${round}${Date.now().toString(36)}`;
    const csv = peopleCsv(tag);
    let started = performance.now();
    const preview = await requestJson(`${leadpath.url}/api/v1/imports/people`, {
      method: 'POST',
      headers: { authorization: hr, 'content-type': 'text/csv' },
      body: csv,
    });
    const previewMs = performance.now() - started;
    const body = preview.body as { id?: string; creates?: number; errors?: unknown[] };
    if (preview.status !== 201 || body.creates !== IMPORT_ROWS || body.errors?.length) {
      throw new Error(`the preview answered ${preview.status}: ${JSON.stringify(preview.body).slice(0, 200)}`);
    }
    started = performance.now();
    const applied = await requestJson(`${leadpath.url}/api/v1/imports/${body.id}/apply`, {
      method: 'POST',
      headers: { authorization: hr, 'content-type': 'application/json' },
      body: JSON.stringify({ invite: false }),
    });
    const applyMs = performance.now() - started;
    if (applied.status !== 200) {
      throw new Error(`apply answered ${applied.status}: ${JSON.stringify(applied.body).slice(0, 200)}`);
    }
    const floorMs = await floor(databaseUrl, actors.organizationId, `f${tag}`);
    results.push({ previewMs, applyMs, floorMs });
    log(
      `  round ${round}: preview ${seconds(previewMs)}, apply ${seconds(applyMs)}, ` +
        `together ${seconds(previewMs + applyMs)}; floor ${fmt(floorMs)} ms`,
    );
  }
  return results;
}

/** The physical floor: the users and mentees of the file in two set-based INSERTs, rolled back. */
async function floor(databaseUrl: string, organizationId: string, tag: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO users (organization_id, email, name, roles, password_hash)
       SELECT $1, 'p' || i || '-' || $2 || '@floor.bench.test', 'Person ' || i,
              CASE WHEN i <= $3 THEN ARRAY['manager'] ELSE ARRAY['mentee'] END::varchar[], 'x'
         FROM generate_series(1, $4) i`,
      [organizationId, tag, MANAGERS, IMPORT_ROWS],
    );
    await client.query(
      `WITH people AS (
         SELECT id, row_number() OVER (ORDER BY email) AS n, roles FROM users
          WHERE organization_id = $1 AND email LIKE '%-' || $2 || '@floor.bench.test')
       INSERT INTO mentees (organization_id, user_id, manager_id, phase, department)
       SELECT $1, p.id, (SELECT id FROM people WHERE 'manager' = ANY(roles) ORDER BY n LIMIT 1), 'build_credibility', 'Dept'
         FROM people p WHERE 'mentee' = ANY(p.roles)`,
      [organizationId, tag],
    );
    const ms = performance.now() - started;
    await client.query('ROLLBACK');
    return ms;
  } finally {
    await client.end();
  }
}

export const importMedians = (rounds: ImportRound[]) => ({
  previewMs: median(rounds.map((r) => r.previewMs)),
  applyMs: median(rounds.map((r) => r.applyMs)),
  totalMs: median(rounds.map((r) => r.previewMs + r.applyMs)),
  floorMs: median(rounds.map((r) => r.floorMs)),
});
