import { rmSync } from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.LEADPATH_TEST_ADMIN_URL;
  const run = process.env.LEADPATH_TEST_RUN;
  if (adminUrl && run) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`lp_t_${run}_%`, `lp_tpl_${run}`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  await globalThis.__leadpathTestDatabase?.stop();
  if (globalThis.__leadpathTestDataDir) rmSync(globalThis.__leadpathTestDataDir, { recursive: true, force: true });
}
