import { formatSql, tokenize } from './format-sql';
import { compareSnapshots, recordSnapshots, renderSnapshots } from './snapshots';

describe('query snapshots', () => {
  let recorded: Awaited<ReturnType<typeof recordSnapshots>>;

  beforeAll(async () => {
    recorded = await recordSnapshots();
  });

  it('are what the code compiles now (run `npm run queries` and commit the .sql files)', async () => {
    const problems = compareSnapshots(await renderSnapshots(recorded));
    if (problems.length > 0) {
      throw new Error(
        `The query snapshots differ from the code: run \`npm run queries\` and review the SQL diff.\n  ${problems.join('\n  ')}`,
      );
    }
  });

  it('lay the SQL out without changing it: the same tokens, keywords aside from their case', () => {
    const words = (text: string) => tokenize(text).map((t) => (t.kind === 'word' ? t.text.toUpperCase() : t.text));
    for (const [path, calls] of recorded) {
      for (const { label, statements } of calls) {
        for (const { text } of statements) {
          expect({ path, label, tokens: words(formatSql(text)) }).toEqual({ path, label, tokens: words(text) });
        }
      }
    }
  });
});
