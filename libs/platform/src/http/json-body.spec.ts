import fc from 'fast-check';
import { nestsDeeperThan } from './json-body';

/** The depth JSON.parse sees, for comparison. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as Record<string, unknown>);
  return 1 + (children.length ? Math.max(...children.map(depthOf)) : 0);
}

describe('nestsDeeperThan', () => {
  it('agrees with the parsed depth on any JSON, strings full of brackets, quotes and backslashes included', () => {
    const text = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', 'é') });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.dictionary(text, tie('value'), { maxKeys: 3 }),
    })).value;
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 6 }), (value, limit) => {
        const body = Buffer.from(JSON.stringify(value), 'utf8');
        expect(nestsDeeperThan(body, limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 2000 },
    );
  });

  it('stops at the first level too deep', () => {
    expect(nestsDeeperThan(Buffer.from('['.repeat(100000)), 32)).toBe(true);
    expect(nestsDeeperThan(Buffer.from(`${'['.repeat(32)}${']'.repeat(32)}`), 32)).toBe(false);
  });
});
