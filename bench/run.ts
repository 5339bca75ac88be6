/**
 * Leadpath against the physical ceiling of its own stack, measured in the same run.
 *
 *   npm run bench          size M (10k mentees, ~500k feedback entries)
 *   npm run bench:quick    size S (1k mentees, ~50k feedback entries), under three minutes
 *   options after `--`:    --size S|M|L  --duration <seconds per measured run>  --rounds <n>
 *                          --connections <n> (32 by default: the load of the throughput targets)
 *                          --org-wide-only: the data, the export, the organization-wide
 *                          requests (summary, lists, recompute) and the people import only, without the load scenarios,
 *                          the scaling measure and the start-up: checks those at a size quickly
 *
 * The machine is shared and noisy, so absolute numbers mean little; what holds is the ratio of
 * two servers measured back to back under the same conditions. Each load scenario therefore runs
 * against Leadpath and the baseline (bench/baseline/server.ts) alternately, A B A B A B, from a
 * separate load-generator process, and the medians are compared.
 *
 * PostgreSQL: the server DATABASE_URL names (a fresh database is created, then dropped), or else
 * an embedded one in a temporary folder. Everything the run starts is stopped, and everything it
 * creates removed, on success, failure and Ctrl-C alike. A measurement that fails is reported as
 * failed in the table and the run goes on with the next one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { generateOrganization, SIZES, vacuumAnalyze, type Size } from './generate';
import { parentPid } from './lib/cpu';
import { migrate, openServer } from './lib/database';
import { LoadGenerator, measureScenario, type Runs } from './lib/load';
import { measureExport, measureReadinessScaling, measureStartup } from './lib/measures';
import { measureOrgWide } from './lib/org-wide';
import { measureOrganizationArchive } from './lib/org-archive';
import { measurePeopleImport } from './lib/people-import';
import { Cleanup, stop } from './lib/processes';
import { formatReport, type Outcome, type ReportInput } from './lib/report';
import { actorsOf, scenarios } from './lib/scenarios';
import { API_ENTRY, startBaseline, startLeadpath } from './lib/servers';
import { fmt, seconds } from './lib/stats';
import { preloadDist } from './lib/dist';
import { floors, measureFloor, type FloorSample } from './lib/floor';
import { StatementStats } from './lib/statements';
import { tenantRole } from './lib/tenant';

interface Profile {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  rounds: number;
  /** Sequential readiness requests per organization for the scaling measure. */
  latencySamples: number;
  /** Cold + warm start pairs. */
  startRepeats: number;
  /** An API export that sends nothing for this long has failed. */
  exportStallSeconds: number;
  /** The whole run is abandoned (and cleaned up) after this long. */
  deadlineMinutes: number;
}

const PROFILES: Record<Size, Profile> = {
  S: {
    connections: 32,
    warmupSeconds: 2,
    durationSeconds: 3,
    rounds: 3,
    latencySamples: 100,
    startRepeats: 1,
    exportStallSeconds: 15,
    deadlineMinutes: 10,
  },
  M: {
    connections: 32,
    warmupSeconds: 3,
    durationSeconds: 10,
    rounds: 3,
    latencySamples: 200,
    startRepeats: 3,
    exportStallSeconds: 120,
    deadlineMinutes: 40,
  },
  // As M: the data takes about four minutes on an idle two-core machine, so the load scenarios
  // get the same three alternating rounds and the readiness ratios at L are medians too.
  L: {
    connections: 32,
    warmupSeconds: 3,
    durationSeconds: 10,
    rounds: 3,
    latencySamples: 100,
    startRepeats: 1,
    exportStallSeconds: 600,
    deadlineMinutes: 150,
  },
};

/** The reference organization of the readiness scaling measure. */
const REFERENCE_MENTEES = 1_000;

const log = (line: string) => process.stdout.write(`${line}\n`);

/** The last occurrence wins, so that `npm run bench -- --size L` overrides the script's own `--size M`. */
function option(argv: string[], name: string): string | undefined {
  const at = argv.lastIndexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
}

function settings(argv: string[]): { size: Size; profile: Profile; orgWideOnly: boolean } {
  const size = (option(argv, 'size') ?? 'S').toUpperCase();
  if (size !== 'S' && size !== 'M' && size !== 'L') throw new Error('--size must be S, M or L');
  const profile = { ...PROFILES[size] };
  const duration = Number(option(argv, 'duration'));
  const rounds = Number(option(argv, 'rounds'));
  if (duration > 0) profile.durationSeconds = Math.min(120, duration);
  if (rounds > 0) profile.rounds = Math.min(9, Math.floor(rounds));
  const connections = Number(option(argv, 'connections'));
  if (connections > 0) profile.connections = Math.min(256, Math.floor(connections));
  return { size, profile, orgWideOnly: argv.includes('--org-wide-only') };
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs one measurement; a failure is logged and becomes a row that says so. */
async function attempt<T>(what: string, fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await fn() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  ${what} FAILED: ${message}`);
    return { error: message };
  }
}

async function run(cleanup: Cleanup): Promise<void> {
  const { size, profile, orgWideOnly } = settings(process.argv.slice(2));
  if (!existsSync(API_ENTRY)) throw new Error('The API is not built: run `npm run build` first (npm run bench does)');
  // The build's modules the runner itself uses are loaded now, not an hour later at size L, when
  // a rebuild of the working copy could have replaced them half-way.
  preloadDist();
  const deadline = setTimeout(() => {
    process.stderr.write(`The benchmark exceeded ${profile.deadlineMinutes} minutes; stopping.\n`);
    void cleanup.run().finally(() => process.exit(1));
  }, profile.deadlineMinutes * 60_000);
  deadline.unref();
  const secret = randomBytes(32).toString('hex');
  const mentees = SIZES[size];
  const loadAverage = loadavg()[0];

  log(`Leadpath benchmark, size ${size} (${fmt(mentees)} mentees)`);
  const server = await openServer(cleanup, log);
  log(`database: ${server.description}`);
  // The reference organization gets a database of its own, as a separate installation would: a
  // query that scans a whole table then costs it what it costs a real 1k-mentee installation.
  const [mainUrl, referenceUrl] = [await server.createDatabase(), await server.createDatabase()];
  await Promise.all([migrate(mainUrl), migrate(referenceUrl)]);

  const client = new Client({ connectionString: mainUrl });
  await client.connect();
  cleanup.defer('close the runner connection', () => client.end());
  log(`generating the ${size} organization…`);
  const org = await generateOrganization(client, mentees, (name, ms) => log(`    ${name.padEnd(18)} ${seconds(ms)}`));
  log(`  built in ${seconds(org.buildMs)}: ${JSON.stringify(org.counts)}`);
  log(`  VACUUM ANALYZE ${seconds(await vacuumAnalyze(client))}`);
  const actors = await actorsOf(client, org.organizationId, 2000);
  const referenceActors = orgWideOnly
    ? undefined
    : await withClient(referenceUrl, async (c) => {
        const reference = await generateOrganization(c, REFERENCE_MENTEES);
        await vacuumAnalyze(c);
        log(`  the ${fmt(REFERENCE_MENTEES)}-mentee reference organization built in ${seconds(reference.buildMs)}`);
        return actorsOf(c, reference.organizationId, 10);
      });
  // The parent of the runner's own backend is the server: its processes' CPU time is the database's share.
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const postmasterPid = parentPid(backend);

  const leadpath = await startLeadpath(cleanup, mainUrl, secret);
  const baseline = await startBaseline(cleanup, mainUrl, secret);
  log(baseline.child.output().trim());
  // The export goes first: its memory growth is measured on a process whose heap the load
  // scenarios have not yet grown (a grown heap would absorb the export's garbage unseen).
  log('export: the readiness CSV of the whole organization, and COPY of the same query:');
  const exports = await attempt('export', () =>
    measureExport(
      leadpath,
      mainUrl,
      actors,
      secret,
      { rounds: profile.rounds, stallSeconds: profile.exportStallSeconds },
      log,
    ),
  );

  log(
    'organization archive: every table of the organization as one zip, with the API’s peak memory (before the load grows its heap):',
  );
  const archive = await attempt('organization archive', () =>
    measureOrganizationArchive(leadpath, actors, secret, { rounds: 1, stallSeconds: profile.exportStallSeconds }, log),
  );

  log('organization-wide: HR summary, stale list, manager list with readiness, recompute after a weight change:');
  const orgWide = await attempt('organization-wide', () =>
    measureOrgWide(leadpath, actors, secret, Math.min(30, profile.latencySamples), log),
  );

  log('people import: a 10,000-row file of new people, previewed then applied, against two INSERTs of the same rows:');
  const peopleImport = await attempt('people import', () =>
    measurePeopleImport(leadpath, mainUrl, actors, secret, profile.rounds, log),
  );

  const measured: ReportInput['scenarios'] = [];
  if (orgWideOnly || !referenceActors) {
    await cleanup.run();
    log(formatReport({ ...reportHeader(), scenarios: measured, exports, orgWide, peopleImport, archive }));
    return;
  }
  const load = new LoadGenerator(cleanup, profile.connections);
  const stats = await StatementStats.open(mainUrl, log);
  if (stats) cleanup.defer('close the statement statistics connection', () => stats.close());
  // The floor runs as the tenant role when the schema has row-level security, as the API does.
  const role = await tenantRole(client);
  const floorOf = floors(org.organizationId);
  for (const scenario of scenarios(actors, secret)) {
    log(`${scenario.name}:`);
    const outcome = await attempt<Runs>(scenario.name, () =>
      measureScenario(scenario, [leadpath, baseline], load, profile, postmasterPid, stats, log),
    );
    const floorQuery = floorOf[scenario.name];
    const floor = floorQuery
      ? await attempt<FloorSample[]>(`${scenario.name} floor`, async () => {
          const samples: FloorSample[] = [];
          for (let round = 1; round <= profile.rounds; round++) {
            const f = await measureFloor(
              mainUrl,
              org.organizationId,
              role,
              floorQuery,
              actors.pairs,
              { connections: profile.connections, seconds: profile.durationSeconds },
              postmasterPid,
              stats,
            );
            samples.push(f);
            log(
              `  round ${round} floor    ${fmt(f.rps).padStart(6)} statements/s  CPU per statement: db ${fmt(f.dbCpuMs, 2)} ms` +
                `  (plan ${fmt(f.planMs, 2)}, execute ${fmt(f.execMs, 2)} ms; WAL flushes ${fmt(f.flushes, 2)}, ` +
                `${fmt(f.commitMs, 2)} ms)`,
            );
          }
          return samples;
        })
      : undefined;
    measured.push({ name: scenario.name, outcome, floor: floor && { what: floorQuery.what, outcome: floor } });
  }
  log(`readiness of one mentee, ${fmt(mentees)} vs ${fmt(REFERENCE_MENTEES)} mentees, one request at a time:`);
  const readiness = await attempt('readiness scaling', async () => {
    await stop(baseline.child);
    const referenceApi = await startLeadpath(cleanup, referenceUrl, secret);
    const r = await measureReadinessScaling(
      leadpath,
      referenceApi,
      secret,
      referenceActors,
      actors,
      profile.latencySamples,
    );
    log(`  ${fmt(r.largeMs, 1)} ms vs ${fmt(r.smallMs, 1)} ms (medians)`);
    return r;
  });

  // Start-up is timed on a quiet machine: everything above is stopped first.
  await cleanup.run();
  log('start-up with the embedded PostgreSQL:');
  const startup = await attempt('start-up', () => measureStartup(cleanup, profile.startRepeats, secret, log));

  log(
    formatReport({
      ...reportHeader(),
      scenarios: measured,
      exports,
      readiness,
      orgWide,
      peopleImport,
      archive,
      startup,
    }),
  );

  function reportHeader() {
    return {
      size,
      mentees,
      referenceMentees: REFERENCE_MENTEES,
      counts: org.counts,
      database: server.description,
      connections: profile.connections,
      rounds: profile.rounds,
      durationSeconds: profile.durationSeconds,
      loadAverage,
    };
  }
}

const cleanup = new Cleanup();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping everything the benchmark started…\n`);
    void cleanup.run().finally(() => process.exit(130));
  });
}
run(cleanup)
  .then(() => cleanup.run())
  .then(
    () => process.exit(0),
    async (error: unknown) => {
      process.stderr.write(
        `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      await cleanup.run();
      process.exit(1);
    },
  );
