import { compareSnapshots, renderSnapshots } from './snapshots';

describe('query snapshots', () => {
  it('are what the code compiles now (run `npm run queries` and commit the .sql files)', async () => {
    const problems = compareSnapshots(await renderSnapshots());
    if (problems.length > 0) {
      throw new Error(
        `The query snapshots differ from the code: run \`npm run queries\` and review the SQL diff.\n  ${problems.join('\n  ')}`,
      );
    }
  });
});
