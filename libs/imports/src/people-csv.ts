import { CsvError, parse } from 'csv-parse/sync';
import { DomainError } from '@leadpath/platform/domain';

/** The columns a people file may have; `email` is the key of a row. */
export const PEOPLE_COLUMNS = [
  'email',
  'name',
  'roles',
  'department',
  'manager_email',
  'mentor_email',
  'phase',
] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];

/** More rows than this are refused: a larger organization imports in several files. */
export const MAX_IMPORT_ROWS = 20_000;

/** One line of the file: `row` counts the header as row 1, as a spreadsheet numbers its rows. */
export interface CsvRow {
  row: number;
  values: Partial<Record<PeopleColumn, string>>;
  /** Cells beyond the header's columns: the row is refused. */
  extraCells?: true;
}

const BOM = '\uFEFF';

/**
 * The delimiter a spreadsheet used, read from the header line: the one of `;` and `,` it uses
 * more (spreadsheets in locales with a decimal comma write `;`). A header has neither only when
 * it has one column, and then either reads the same.
 */
export function detectDelimiter(text: string): ';' | ',' {
  const end = text.search(/\r?\n/);
  const header = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Reads a people file: UTF-8 with or without a byte-order mark, `,` or `;` between cells,
 * header names in any case and with spaces around them. A file that cannot be read as a table
 * (no header, an unknown or repeated column, an unclosed quote, too many rows) is refused whole
 * with a 400 naming `csv`; problems of single rows are the planner's, reported by row.
 */
export function parsePeopleCsv(input: string): { columns: PeopleColumn[]; rows: CsvRow[] } {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  if (text.trim() === '') throw DomainError.invalid('csv', 'csv must not be empty: the first line names the columns');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw DomainError.invalid('csv', `csv cannot be read${line ? ` at line ${line}` : ''}: ${error.message}`);
    }
    throw error;
  }
  const [header, ...body] = records;
  const columns: PeopleColumn[] = [];
  for (const raw of header.record) {
    const name = raw.trim().toLowerCase() as PeopleColumn;
    if (!PEOPLE_COLUMNS.includes(name)) {
      throw DomainError.invalid(
        'csv',
        `csv has an unknown column "${raw.slice(0, 50)}"; the columns are ${PEOPLE_COLUMNS.join(', ')}`,
      );
    }
    if (columns.includes(name)) throw DomainError.invalid('csv', `csv names the column "${name}" twice`);
    columns.push(name);
  }
  for (const required of ['email', 'name'] as const) {
    if (!columns.includes(required)) throw DomainError.invalid('csv', `csv needs a column "${required}"`);
  }
  if (body.length > MAX_IMPORT_ROWS) {
    throw DomainError.invalid('csv', `csv has ${body.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`);
  }
  const rows = body.map(({ record, info }): CsvRow => {
    const values: CsvRow['values'] = {};
    columns.forEach((column, i) => {
      const cell = record[i] ?? '';
      if (cell !== '') values[column] = cell;
    });
    return { row: info.lines, values, ...(record.length > columns.length ? { extraCells: true as const } : {}) };
  });
  return { columns, rows };
}
