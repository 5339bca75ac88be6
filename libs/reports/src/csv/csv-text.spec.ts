import { Readable } from 'node:stream';
import { stringify as stringifySync } from 'csv-stringify/sync';
import fc from 'fast-check';
import { csvLine, csvStream, type CsvCell } from './csv-text';

// Text that exercises every rule: quotes, commas, both line ends, formula starts, non-ASCII.
const tricky = fc
  .array(fc.constantFrom('a', 'Z', ' ', '"', ',', '\r', '\n', "'", '=', 'é', '日', '-', '0'), { maxLength: 12 })
  .map((chars) => chars.join(''));
const cell: fc.Arbitrary<CsvCell> = fc.oneof(
  tricky,
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(''),
  fc.constant(null),
);

describe('CSV text', () => {
  it('writes exactly what csv-stringify writes for any row', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        expect(csvLine(cells)).toBe(stringifySync([cells]));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it('quotes only fields that need it and doubles quotes', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', 0, null, ''])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\r",0,,\n',
    );
  });

  async function collect(stream: Readable): Promise<string[]> {
    const chunks: string[] = [];
    for await (const chunk of stream) chunks.push(String(chunk));
    return chunks;
  }

  it('streams the header and every row as csv-stringify would', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `Person "${i}", team` }));
    const chunks = await collect(
      // In batches of 250, as the export's cursor yields them.
      Readable.from(Array.from({ length: 8 }, (_, b) => rows.slice(b * 250, (b + 1) * 250))).pipe(
        csvStream(['ID', 'Name'], (r: { id: number; name: string }) => [r.id, r.name]),
      ),
    );
    const expected = stringifySync(
      rows.map((r) => [r.id, r.name]),
      { header: true, columns: ['ID', 'Name'] },
    );
    expect(chunks.join('')).toBe(expected);
  });

  it('lets the first batch leave at once, then gathers rows into chunks of about 16 kB', async () => {
    const stream = csvStream(['ID'], (r: number) => [r]);
    stream.write([1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(String(stream.read())).toBe('ID\n1\n');
    for (let i = 2; i <= 100; i++) stream.write([i]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.read()).toBeNull(); // about 400 bytes: held back
    stream.write(Array.from({ length: 4900 }, (_, i) => i + 101));
    await new Promise((resolve) => setImmediate(resolve));
    const chunk = String(stream.read());
    expect(chunk.length).toBeGreaterThanOrEqual(16 * 1024);
    stream.end();
    const rest = (await collect(stream)).join('');
    expect(chunk + rest).toBe(Array.from({ length: 4999 }, (_, i) => `${i + 2}\n`).join(''));
  });

  it('sends the header alone when there are no rows', async () => {
    expect(await collect(Readable.from([]).pipe(csvStream(['A', 'B'], () => [])))).toEqual(['A,B\n']);
  });

  it('fails the stream when a row cannot be formatted', async () => {
    const failing = Readable.from([[{}]]).pipe(
      csvStream(['A'], () => {
        throw new Error('bad row');
      }),
    );
    await expect(collect(failing)).rejects.toThrow('bad row');
  });
});
