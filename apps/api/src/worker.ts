import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, QuietStartupLogger } from '@leadpath/platform';
import { resolveJwtSecret } from '@leadpath/platform/database';
import { AppModule } from './app.module';

/**
 * `npm run worker`: the job workers alone, without HTTP, for installations that run them apart
 * from the API (then start the API with JOBS_IN_PROCESS=false). It shares the API's database,
 * so it needs DATABASE_URL: the embedded server belongs to the API process.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL is required to run the workers on their own']);
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  const app = await NestFactory.createApplicationContext(
    AppModule.register({ config, databaseUrl: config.databaseUrl, jwtSecret }, { runWorkers: true }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${JSON.stringify({ level: 30, msg: `received ${signal}, finishing the jobs in hand` })}\n`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  process.stdout.write('Leadpath workers started\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Leadpath workers failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
