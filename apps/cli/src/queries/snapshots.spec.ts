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

  it('write a repeated statement once: a repeat, or one holding it whole, names where it stands', async () => {
    const long = `SELECT ${Array.from({ length: 14 }, (_, i) => `c${i}`).join(', ')} FROM t WHERE a = $1`;
    const rendered = await renderSnapshots(
      new Map([
        [
          'one.sql',
          [
            { label: 'first()', statements: [{ text: long, parameters: ['a'] }] },
            { label: 'again()', statements: [{ text: long, parameters: ['b'] }] },
            { label: 'wrapped()', statements: [{ text: `SELECT x.c0 FROM (${long}) x`, parameters: ['c'] }] },
          ],
        ],
        ['two.sql', [{ label: 'elsewhere()', statements: [{ text: long, parameters: ['d'] }] }]],
      ]),
    );
    const one = rendered.get('one.sql')!;
    expect(one.match(/WHERE a = \$1/g)).toHaveLength(1);
    expect(one).toContain("-- again()\n-- same statement as first()\n--   $1 = 'b'\n");
    expect(one).toContain(
      "-- wrapped()\n--   $1 = 'c'\nSELECT\n  x.c0\nFROM (\n    -- the statement of first()\n  ) x;",
    );
    expect(rendered.get('two.sql')).toContain("-- same statement as one.sql: first()\n--   $1 = 'd'\n");
    // A statement that differs is written out, so a changed query shows in its snapshot.
    const changed = await renderSnapshots(
      new Map([
        [
          'one.sql',
          [
            { label: 'first()', statements: [{ text: long, parameters: ['a'] }] },
            { label: 'again()', statements: [{ text: long.replace('a = $1', 'b = $1'), parameters: ['b'] }] },
          ],
        ],
      ]),
    );
    expect(changed.get('one.sql')!.match(/WHERE [ab] = \$1/g)).toHaveLength(2);
  });
});
