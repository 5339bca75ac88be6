import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@leadpath/platform';
import { createHttpApp } from '@leadpath/platform/http';
import { AppModule } from '../../apps/api/src/app.module';
import { checkResponses } from './response-check';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  /** The Node server, for supertest. */
  server: ReturnType<NestFastifyApplication['getHttpServer']>;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The production HTTP application on a database of this test file's own. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { webRoot?: string } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: TEST_JWT_SECRET,
    DEMO_DATA: 'false',
    DB_POOL_SIZE: '5',
    // Suites send thousands of requests as one user from one address; the limits' own suite lowers these.
    RATE_LIMIT_PER_ADDRESS: '1000000000',
    RATE_LIMIT_PER_USER: '1000000000',
    // No background recompute unless a test asks for it: rows change only when a test says so
    // (tests call ReadModelService.drain()), so table checksums and pending flags are deterministic.
    READINESS_RECOMPUTE_INTERVAL_MS: '0',
    // Tests run jobs when they choose to (JobsService.runDue) or in a worker process of their own.
    JOBS_IN_PROCESS: 'false',
    // Webhook endpoints at this name are allowed without resolving it (see WEBHOOK_TEST_HOST).
    WEBHOOK_ALLOWED_HOSTS: 'hooks.example.test',
    // Stored secrets (SSO client secrets) are sealed with this, not a key file in the data folder.
    SECRETS_KEY: 'test-secrets-key-that-is-long-enough-0123456789',
    ...env,
  });
  const app = await createHttpApp(
    AppModule.register({ config, databaseUrl: db.url, jwtSecret: TEST_JWT_SECRET }),
    config,
    options,
  );
  const server = app.getHttpServer();
  checkResponses(server);
  return {
    app,
    server,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
