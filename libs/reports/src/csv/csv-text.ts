import { Transform, type TransformCallback } from 'node:stream';

/**
 * RFC 4180 text for the export, byte for byte what `csv-stringify` writes with its defaults
 * (`,` between fields, `\n` after every record, a field quoted only when it holds `"`, `,`, `\r`
 * or `\n`, quotes doubled). The export formats every cell of up to 100,000 rows, and measured
 * there `csv-stringify`'s per-field option handling cost as much as reading the rows themselves
 * (docs/BENCHMARKS.md); `csv-text.spec.ts` holds the two equal on arbitrary input.
 */
export type CsvCell = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(cells: readonly CsvCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvField(cells[i]);
  return `${line}\n`;
}

/** Bytes gathered before a chunk is pushed: fewer, larger socket writes than one per row. */
const CHUNK = 16 * 1024;

/**
 * Batches of rows in (arrays of objects, as a database cursor yields them), CSV text out: the
 * header first, then one line per row made by `record`, sent in chunks of about 16 kB so a large
 * export is not a hundred thousand small writes. The header leaves at once with the first batch
 * (or alone at the end, when there is none).
 */
export function csvStream<T>(header: readonly CsvCell[], record: (row: T) => readonly CsvCell[]): Transform {
  let pending = csvLine(header);
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(batch: readonly T[], _encoding, callback: TransformCallback) {
      try {
        for (const row of batch) {
          pending += csvLine(record(row));
          if (pending.length >= CHUNK) {
            this.push(pending);
            pending = '';
          }
        }
      } catch (error) {
        callback(error as Error);
        return;
      }
      if (first && pending.length > 0) {
        this.push(pending);
        pending = '';
      }
      first = false;
      callback();
    },
    flush(callback: TransformCallback) {
      callback(null, pending.length > 0 ? pending : undefined);
    },
  });
}
