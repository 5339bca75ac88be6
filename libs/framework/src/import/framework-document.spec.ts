import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import {
  oneLine,
  defaultLevelPhases,
  diffFramework,
  documentAsJson,
  documentAsYaml,
  frontMatter,
  keyOf,
  readImport,
  shorten,
  toDocument,
  type UnreadableFramework,
} from './framework-document';

/** A printable text, emoji and 2,000+ characters included, as a ladder's criteria may be. */
export const criterionText = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 120 }),
    fc.constantFrom('Ships it 🚀', 'Leads 👩‍💻 work', 'Grows people 🌱🌳'),
    fc
      .tuple(fc.string({ minLength: 2001, maxLength: 2600 }), fc.constantFrom('', ' 🚀', ' 👩‍💻 🌱'))
      .map(([text, emoji]) => text + emoji),
  )
  // A criterion says something: text that is only blanks or invisible characters is not one.
  .filter((s) => oneLine(s) !== '');

/** Any valid progression-framework front matter. */
export const progressionLadder = fc.integer({ min: 1, max: 8 }).chain((levels) =>
  fc.record({
    levels: fc.constant(levels),
    topics: fc.uniqueArray(
      fc.record({
        name: fc.stringMatching(/^[A-Za-z][a-z]{1,9}$/),
        title: criterionText,
        content: fc.array(
          fc.record({
            level: fc.integer({ min: 1, max: levels }),
            criteria: fc.array(criterionText, { maxLength: 3 }),
            exampleCriteria: fc.array(
              fc.record({ criteria: criterionText, examples: fc.array(criterionText, { maxLength: 2 }) }),
              { maxLength: 1 },
            ),
          }),
          { maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 5, selector: (topic) => topic.name.toLowerCase() },
    ),
  }),
);

describe('framework documents', () => {
  it('spreads levels evenly over the four phases', () => {
    expect(defaultLevelPhases(1)).toEqual({ '1': 'build_credibility' });
    expect(Object.values(defaultLevelPhases(8))).toEqual([
      'build_credibility',
      'build_credibility',
      'lead_without_title',
      'lead_without_title',
      'first_management_role',
      'first_management_role',
      'growing_scope',
      'growing_scope',
    ]);
    expect(Object.values(defaultLevelPhases(3))).toEqual([
      'build_credibility',
      'lead_without_title',
      'first_management_role',
    ]);
  });

  it('finds front matter only between two --- lines', () => {
    expect(frontMatter('---\nlevels: 1\n---\nbody')).toBe('levels: 1');
    expect(frontMatter('---\n---\n')).toBe('');
    expect(frontMatter('---\ntitle: a---b\n')).toBeNull();
    expect(frontMatter('# heading\n---\n')).toBeNull();
  });

  it('keys topics in lower_snake_case, by place when the name has no letters', () => {
    expect(keyOf('Technical Skills', 'topic_1')).toBe('technical_skills');
    expect(keyOf('Café & Crème', 'topic_1')).toBe('cafe_creme');
    expect(keyOf('360 feedback', 'topic_1')).toBe('topic_360_feedback');
    expect(keyOf('🌱', 'topic_4')).toBe('topic_4');
  });

  it('shortens on whole code points', () => {
    const long = '🚀'.repeat(150);
    const short = shorten(long, 200);
    expect(short.length).toBeLessThanOrEqual(200);
    expect(short.endsWith('🚀…')).toBe(true);
  });

  it('refuses unreadable files with the path of the problem', () => {
    const path = (content: string) => {
      try {
        readImport(content);
      } catch (error) {
        return (error as UnreadableFramework).path;
      }
      return 'read';
    };
    expect(path('---\nlevels: [\n---\n')).toBe('front matter');
    expect(path('---\nlevels: 0\ntopics: [{name: a}]\n---\n')).toBe('front matter.levels');
    expect(path('{"format": "leadpath-framework", "version": 1, "competencies": {}}')).toBe('competencies');
    // Hostile YAML: an alias bomb and nesting deeper than any ladder.
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      );
    expect(path(bomb.join('\n'))).toBe('content');
    expect(path(`${'['.repeat(50000)}${']'.repeat(50000)}`)).toBe('content');
  });

  it('reads any valid progression file without error, CRLF or not', () => {
    fc.assert(
      fc.property(progressionLadder, fc.boolean(), (data, crlf) => {
        let content = `---\n${toYaml(data, { lineWidth: 0 })}---\n\nA generated ladder.\n`;
        if (crlf) content = content.replace(/\n/g, '\r\n');
        const read = readImport(content);
        expect(read.errors).toEqual([]);
        expect(read.plan.competencies).toHaveLength(data.topics.length);
      }),
      { numRuns: Number(process.env.FRAMEWORK_DOCUMENT_RUNS ?? 100) },
    );
  });

  it('reads its own export back to the same plan, in JSON and in YAML', () => {
    fc.assert(
      fc.property(progressionLadder, (data) => {
        const { plan } = readImport(`---\n${toYaml(data)}---\n`);
        const doc = toDocument(plan);
        for (const text of [documentAsJson(doc), documentAsYaml(doc)]) {
          const again = readImport(text);
          expect(again.errors).toEqual([]);
          expect(again.plan).toEqual(plan);
          expect(
            diffFramework(again.plan, { competencies: [], milestoneTemplates: [] }).competencies.added,
          ).toHaveLength(plan.competencies.length);
        }
      }),
      { numRuns: Number(process.env.FRAMEWORK_DOCUMENT_RUNS ?? 100) },
    );
  });
});
