import { Injectable } from '@nestjs/common';
import { sql, type RawBuilder } from 'kysely';
import { qb } from '@leadpath/platform/database';
import { SECRET_COLUMNS, type SecretFill } from './archive-tables';
import { catalogueQuery, planArchive, type ArchivePlan, type ArchiveTable } from './catalogue';

/** Which rows of a table are the organization's: its own row, or the rows naming it. */
function ofOrganization(table: ArchiveTable, organizationId: string): RawBuilder<boolean> {
  if (table.name === 'organizations') return sql<boolean>`id = ${organizationId}::uuid`;
  if (!table.scoped) throw new Error(`${table.name} has no organization_id: its rows cannot be told apart`);
  return sql<boolean>`organization_id = ${organizationId}::uuid`;
}

/**
 * One table's rows as JSON lines, in primary-key order: the exported columns only, with
 * PostgreSQL's own rendering of every value (timestamps in UTC, numerics at their scale).
 */
export function tableRows(table: ArchiveTable, organizationId: string): { sql: string; parameters: unknown[] } {
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  const order = sql.join(table.primaryKey.map((c) => sql.ref(`r.${c}`)));
  const compiled = sql<{ line: string }>`
SELECT row_to_json(r)::text AS line
  FROM (SELECT ${columns} FROM ${sql.table(table.name)} WHERE ${ofOrganization(table, organizationId)}) AS r
 ORDER BY ${order}`.compile(qb);
  return { sql: compiled.sql, parameters: [...compiled.parameters] };
}

/** The value an import writes for a secret column it never receives. */
function fillOf(fill: SecretFill, unusablePassword: string): RawBuilder<unknown> {
  switch (fill) {
    case 'unusable-password':
      return sql`${unusablePassword}::text`;
    case 'empty':
      return sql`''`;
    case 'new-webhook-secret':
      return sql`'whsec_' || encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'base64')`;
    case 'random-hash':
      return sql`encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')`;
    case 'null':
      return sql`NULL`;
  }
}

@Injectable()
export class OrgArchiveRepository {
  /** The archive's tables as this instance's catalogue gives them (in the current unit of work). */
  async plan(): Promise<ArchivePlan> {
    return planArchive(
      await catalogueQuery()
        .execute(qb)
        .then((r) => r.rows),
    );
  }

  /**
   * For this transaction only: values render in UTC whatever the server's zone (two instances
   * write the same text), and an export reads a whole organization, so it gets the export timeout.
   */
  async prepareExport(statementTimeoutMs: number): Promise<void> {
    await sql`SELECT set_config('TimeZone', 'UTC', true),
                     set_config('statement_timeout', ${String(statementTimeoutMs)}, true)`.execute(qb);
  }

  async organizationName(organizationId: string): Promise<string> {
    const row = await qb
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', organizationId)
      .executeTakeFirstOrThrow();
    return row.name;
  }

  async organizationExists(organizationId: string): Promise<boolean> {
    const row = await qb.selectFrom('organizations').select('id').where('id', '=', organizationId).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Inserts a batch of a table's rows as the archive has them (JSON lines), keeping every id and
   * timestamp; the secret columns the archive lacks are filled as SECRET_COLUMNS says.
   */
  async insertRows(table: string, columns: string[], lines: string[], unusablePassword: string): Promise<void> {
    const secrets = Object.entries(SECRET_COLUMNS[table] ?? {});
    const targets = sql.join([...columns, ...secrets.map(([c]) => c)].map((c) => sql.ref(c)));
    const values = sql.join([
      ...columns.map((c) => sql.ref(`r.${c}`)),
      ...secrets.map(([, s]) => fillOf(s.fill, unusablePassword)),
    ]);
    await sql`
INSERT INTO ${sql.table(table)} (${targets})
SELECT ${values}
  FROM json_populate_recordset(NULL::${sql.table(table)}, ${`[${lines.join(',')}]`}::json) AS r`.execute(qb);
  }
}
