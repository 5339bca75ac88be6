import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DemoSeeder } from '@leadpath/demo';
import { ConfigError, LifecycleService, loadConfig } from '@leadpath/platform';
import { analyzeTables, openDatabase, resolveJwtSecret, runMigrations } from '@leadpath/platform/database';
import { createHttpApp } from '@leadpath/platform/http';
import { AppModule } from './app.module';

/** Where `npm run build:web` puts the app: dist/web, beside this file's dist/apps/api/src. */
const WEB_ROOT = resolve(__dirname, '../../../web');

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: Awaited<ReturnType<typeof createHttpApp>> | undefined;
  let stopping = false;

  // Our own signal handling (not Nest's enableShutdownHooks, which re-raises the signal and so
  // exits 143): drain in-flight requests, close the pool, stop the embedded server, exit 0.
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // JSON for log collectors in production; one readable line for whoever pressed Ctrl-C.
    process.stdout.write(
      config.nodeEnv === 'production'
        ? `${JSON.stringify({ level: 30, msg: `received ${signal}, draining` })}\n`
        : `Leadpath: received ${signal}, draining\n`,
    );
    try {
      app?.get(LifecycleService).startDraining();
      // Readiness now answers 503; give the load balancer time to notice before closing the socket.
      if (config.shutdownDelayMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDelayMs));
      await app?.close();
    } finally {
      await database.stop();
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
    const applied = await runMigrations(database.url);
    app = await createHttpApp(AppModule.register({ config, databaseUrl: database.url, jwtSecret }), config, {
      webRoot: WEB_ROOT,
    });
    const demo = config.demoData ? await seedDemo(app) : undefined;
    // A freshly seeded demo has no planner statistics yet; without them its pages plan badly.
    if (demo) await analyzeTables(database.url);
    await app.listen({ port: config.port, host: config.host });
    const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
    const where = config.databaseUrl ? 'external PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`;
    const web = existsSync(join(WEB_ROOT, 'index.html'))
      ? `open http://localhost:${config.port} and sign in`
      : 'web app not built: npm run build:web';
    const lines = [
      `Leadpath listening on http://localhost:${config.port}  (web app /, API /api/v1, docs /docs; ${web})`,
      `Database: ${where}; migrations applied now: ${applied.length}; started in ${ms.toFixed(0)} ms`,
      ...(demo ?? []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (error) {
    await database.stop();
    throw error;
  }
}

async function seedDemo(app: Awaited<ReturnType<typeof createHttpApp>>): Promise<string[] | undefined> {
  return app.get(DemoSeeder).seedIfEmpty();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Leadpath failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
