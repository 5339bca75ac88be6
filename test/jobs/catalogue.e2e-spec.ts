import { NestFactory } from '@nestjs/core';
import { JOBS, JobsService, declaredJobHandlers } from '@leadpath/jobs';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

describe('the job catalogue', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('the API and the worker process find the same handlers: one for each catalogued job', async () => {
    const config = api.app.get<AppConfig>(APP_CONFIG);
    // As `npm run worker` boots it (apps/api/src/worker.ts), on the API's database.
    const worker = await NestFactory.createApplicationContext(
      AppModule.register({ config, databaseUrl: api.db.url, jwtSecret: TEST_JWT_SECRET }, { runWorkers: true }),
      { logger: false },
    );
    try {
      const inApi = api.app.get(JobsService).handlers();
      const inWorker = worker.get(JobsService).handlers();
      expect(inWorker).toEqual(inApi);
      expect(inApi.map((h) => h.name)).toEqual(Object.keys(JOBS));
      // Every marked method was found, none twice: what the code declares is what runs.
      expect([...inApi].sort(byName)).toEqual([...declaredJobHandlers()].sort(byName));
    } finally {
      await worker.close();
    }
  });

  it('creates each catalogued queue with its retry policy', async () => {
    const { rows } = await api.db.pool.query<{ name: string; retry_limit: number; retry_delay: number }>(
      // pg-boss keeps queues of its own, named __pgboss__…
      `SELECT name, retry_limit, retry_delay FROM pgboss.queue WHERE NOT starts_with(name, '__pgboss__') ORDER BY name COLLATE "C"`,
    );
    const { retryLimit, retryDelaySeconds } = api.app.get<AppConfig>(APP_CONFIG).jobs;
    expect(rows).toEqual(
      Object.keys(JOBS)
        .sort()
        .map((name) => ({ name, retry_limit: retryLimit, retry_delay: retryDelaySeconds })),
    );
  });
});

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
