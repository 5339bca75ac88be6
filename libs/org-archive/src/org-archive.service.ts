import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { Inject, Injectable } from '@nestjs/common';
import Cursor from 'pg-cursor';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { AuditService, type AuditActor } from '@leadpath/audit';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database, isUniqueViolation, type TenantSession } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { Clock } from '@leadpath/platform/time';
import { PasswordService } from '@leadpath/users';
import {
  ARCHIVE_ENTRY_TIME,
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  MANIFEST_FILE,
  schemaHead,
  tableFile,
  type ArchiveManifest,
  type ManifestTable,
} from './archive-format';
import { secretColumnsOf } from './archive-tables';
import type { ArchivePlan, ArchiveTable } from './catalogue';
import { OrgArchiveRepository, tableRows } from './org-archive.repository';

/** Rows read from a cursor, and inserted, at a time. */
const EXPORT_BATCH = 1000;
const IMPORT_BATCH = 500;
/** A manifest is small; a larger one is not an archive of ours. */
const MANIFEST_LIMIT = 4 * 1024 * 1024;

/** What an import did. */
export interface ImportedOrganization {
  organizationId: string;
  organizationName: string;
  schemaVersion: number;
  tables: { name: string; rows: number }[];
}

const invalidArchive = (message: string) => DomainError.invalid('archive', message);

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) =>
      error || !zip ? reject(invalidArchive(`not a zip archive: ${error?.message ?? 'unreadable'}`)) : resolve(zip),
    ),
  );
}

/** Every entry of a zip, by name (the central directory only: nothing is decompressed). */
function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(invalidArchive(`a damaged zip archive: ${error.message}`)));
    zip.readEntry();
  });
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) =>
      error || !stream
        ? reject(invalidArchive(`${entry.fileName}: ${error?.message ?? 'unreadable'}`))
        : resolve(stream),
    ),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The manifest's shape, checked before anything is trusted. */
function parseManifest(text: string): ArchiveManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidArchive('manifest.json is not JSON');
  }
  if (!isObject(value) || value.format !== ARCHIVE_FORMAT) throw invalidArchive('not a Leadpath organization archive');
  const { formatVersion, schemaVersion, organizationId, tables } = value;
  if (typeof formatVersion !== 'number' || typeof schemaVersion !== 'number' || typeof organizationId !== 'string') {
    throw invalidArchive('the manifest lacks its format version, schema version or organization');
  }
  if (!Array.isArray(tables) || !tables.every(isObject)) throw invalidArchive('the manifest lacks its tables');
  for (const t of tables) {
    const ok =
      typeof t.name === 'string' &&
      typeof t.file === 'string' &&
      typeof t.rows === 'number' &&
      typeof t.sha256 === 'string' &&
      Array.isArray(t.columns) &&
      t.columns.every((c) => typeof c === 'string');
    if (!ok) throw invalidArchive('a table of the manifest lacks its name, file, columns, rows or checksum');
  }
  return value as unknown as ArchiveManifest;
}

/** A PostgreSQL error the archive's data caused (bad values, broken references, another organization's rows). */
function isDataError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23') || code === '42501');
}

/**
 * An organization as one archive, and back: the export streams every exported table of the
 * organization from one snapshot into a zip of JSON lines with a manifest; the import recreates it
 * on another instance, with the same ids and timestamps, in one transaction.
 */
@Injectable()
export class OrgArchiveService {
  private unusablePassword: Promise<string> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly repository: OrgArchiveRepository,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly clock: Clock,
  ) {}

  /**
   * The organization's archive as a zip stream. Tables are read through a cursor, a batch at a
   * time, from one repeatable-read snapshot, and written as the reader takes them: memory stays
   * flat whatever the organization's size. The export is audited once it ends (its own event is
   * not in the archive it wrote).
   */
  async exportArchive(actor: AuditActor): Promise<Readable> {
    const organizationId = actor.organizationId;
    const session = await this.db.openTenantSession(organizationId, { snapshot: true });
    let plan: ArchivePlan;
    let organizationName: string;
    try {
      ({ plan, organizationName } = await this.db.inSession(session, async () => {
        await this.repository.prepareExport(this.config.exportStatementTimeoutMs);
        const found = await this.repository.plan();
        const name = await this.repository.organizationName(organizationId);
        this.db.afterwards(() =>
          this.audit.recordRead(actor, {
            action: 'organization.export',
            objectType: 'organization',
            objectId: organizationId,
          }),
        );
        return { plan: found, organizationName: name };
      }));
    } catch (error) {
      await session.end(false);
      throw error;
    }
    const zip = new ZipFile();
    const output = zip.outputStream as PassThrough;
    this.writeArchive(zip, output, session, plan, organizationName).then(
      () => session.end(true),
      async (error: unknown) => {
        if (!output.destroyed) output.destroy(error as Error);
        await session.end(false).catch(() => undefined);
      },
    );
    return output;
  }

  private async writeArchive(
    zip: ZipFile,
    output: PassThrough,
    session: TenantSession,
    plan: ArchivePlan,
    organizationName: string,
  ): Promise<void> {
    const head = schemaHead();
    const tables: ManifestTable[] = [];
    for (const table of plan.tables) {
      tables.push(await this.writeTable(zip, output, session, table));
    }
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      schemaVersion: head.version,
      schemaMigration: head.name,
      organizationId: session.organizationId,
      organizationName,
      exportedAt: this.clock.now().toISOString(),
      tables,
      excludedTables: plan.excluded,
      excludedColumns: Object.fromEntries(
        plan.tables.filter((t) => secretColumnsOf(t.name).length > 0).map((t) => [t.name, secretColumnsOf(t.name)]),
      ),
    };
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST_FILE, {
      mtime: ARCHIVE_ENTRY_TIME,
      mode: 0o100644,
    });
    zip.end();
  }

  private async writeTable(
    zip: ZipFile,
    output: PassThrough,
    session: TenantSession,
    table: ArchiveTable,
  ): Promise<ManifestTable> {
    const file = tableFile(table.name);
    const entry = new PassThrough();
    zip.addReadStream(entry, file, { mtime: ARCHIVE_ENTRY_TIME, mode: 0o100644 });
    const hash = createHash('sha256');
    let rows = 0;
    const query = tableRows(table, session.organizationId);
    const cursor = session.client.query(new Cursor<{ line: string }>(query.sql, query.parameters));
    for (;;) {
      const batch = await cursor.read(EXPORT_BATCH);
      if (output.destroyed) throw new Error('the reader went away');
      if (batch.length === 0) break;
      rows += batch.length;
      let chunk = '';
      for (const row of batch) chunk += `${row.line}\n`;
      const bytes = Buffer.from(chunk);
      hash.update(bytes);
      if (!entry.write(bytes)) await drained(entry, output);
    }
    await new Promise<void>((resolve, reject) => cursor.close((error) => (error ? reject(error) : resolve())));
    entry.end();
    return { name: table.name, file, columns: table.columns, rows, sha256: hash.digest('hex') };
  }

  /**
   * Recreates an archived organization on this instance, in one transaction: the organization
   * (as sign-up creates one), then every table parents first, each row with its own ids and
   * timestamps. 409 when the organization or any of its ids exists here already; 400 naming
   * `archive` when it is not an archive, is damaged, or comes from a newer schema. People get no
   * password: they set one through a reset link or sign in through single sign-on.
   */
  async importArchive(path: string, requestId: string | null = null): Promise<ImportedOrganization> {
    const zip = await openZip(path);
    try {
      const entries = await listEntries(zip);
      const manifestEntry = entries.get(MANIFEST_FILE);
      if (!manifestEntry) throw invalidArchive('the archive has no manifest.json');
      if (manifestEntry.uncompressedSize > MANIFEST_LIMIT) throw invalidArchive('manifest.json is too large');
      const manifest = parseManifest(await readAll(await entryStream(zip, manifestEntry)));
      if (manifest.formatVersion > ARCHIVE_FORMAT_VERSION) {
        throw invalidArchive(`archive format ${manifest.formatVersion} is newer than this instance reads`);
      }
      const head = schemaHead();
      if (manifest.schemaVersion > head.version) {
        throw invalidArchive(
          `the archive's schema (${manifest.schemaVersion}) is newer than this instance's (${head.version}): upgrade this instance first`,
        );
      }
      const organizationId = manifest.organizationId;
      const password = await (this.unusablePassword ??= this.passwords.hash(randomBytes(32).toString('hex')));
      return await this.db.system('organizations.create', async () => {
        const plan = await this.repository.plan();
        const byName = new Map(manifest.tables.map((t) => [t.name, t]));
        const known = new Map(plan.tables.map((t) => [t.name, t]));
        for (const t of manifest.tables) {
          const local = known.get(t.name);
          if (!local) throw invalidArchive(`table ${t.name} is not one this instance imports`);
          const extra = t.columns.filter((c) => !local.columns.includes(c));
          if (extra.length > 0)
            throw invalidArchive(`table ${t.name} has columns this instance lacks: ${extra.join(', ')}`);
          if (!entries.has(t.file)) throw invalidArchive(`the archive lacks ${t.file}`);
        }
        const organizations = byName.get('organizations');
        if (!organizations || organizations.rows !== 1)
          throw invalidArchive('the archive must hold its one organization');
        if (await this.repository.organizationExists(organizationId)) {
          throw DomainError.conflict('This organization exists on this instance already');
        }
        const imported: { name: string; rows: number }[] = [];
        const load = async (table: ArchiveTable) => {
          const entry = byName.get(table.name);
          if (!entry) return;
          imported.push({ name: table.name, rows: await this.loadTable(zip, entries, entry, password) });
        };
        const [first, ...rest] = plan.tables;
        if (first?.name !== 'organizations') throw new Error('the archive plan must begin with organizations');
        await load(first);
        const name = await this.repository.organizationName(organizationId).catch(() => undefined);
        if (name === undefined) throw invalidArchive('organizations.ndjson does not hold the manifest’s organization');
        await this.db.tenant(organizationId, async () => {
          for (const table of rest) await load(table);
          await this.audit.record(
            { organizationId, userId: null, requestId },
            { action: 'organization.import', objectType: 'organization', objectId: organizationId },
          );
        });
        return { organizationId, organizationName: name, schemaVersion: manifest.schemaVersion, tables: imported };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw DomainError.conflict('Some ids of the archive exist on this instance already');
      }
      throw error;
    } finally {
      zip.close();
    }
  }

  /** One table's lines, inserted a batch at a time, checked against the manifest's count and checksum. */
  private async loadTable(
    zip: yauzl.ZipFile,
    entries: Map<string, yauzl.Entry>,
    table: ManifestTable,
    password: string,
  ): Promise<number> {
    const stream = await entryStream(zip, entries.get(table.file)!);
    const hash = createHash('sha256');
    stream.on('data', (chunk: Buffer) => hash.update(chunk));
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    let batch: string[] = [];
    let rows = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      try {
        await this.repository.insertRows(table.name, table.columns, batch, password);
      } catch (error) {
        if (isDataError(error) && !isUniqueViolation(error)) {
          throw invalidArchive(`${table.file}: ${error.message}`);
        }
        throw error;
      }
      batch = [];
    };
    for await (const line of lines) {
      if (line === '') continue;
      rows += 1;
      batch.push(line);
      if (batch.length >= IMPORT_BATCH) await flush();
    }
    await flush();
    if (rows !== table.rows || hash.digest('hex') !== table.sha256) {
      throw invalidArchive(`${table.file} does not match its row count or checksum in the manifest`);
    }
    return rows;
  }
}

/**
 * Waits until the entry takes more, or the reader has gone (then nothing would ever drain it).
 * Each wait removes its listeners: nothing holds on to a batch once it is written.
 */
function drained(entry: PassThrough, output: PassThrough): Promise<void> {
  if (output.destroyed) return Promise.reject(new Error('the reader went away'));
  return new Promise((resolve, reject) => {
    const done = () => {
      entry.off('drain', done);
      output.off('close', gone);
      resolve();
    };
    const gone = () => {
      entry.off('drain', done);
      output.off('close', gone);
      reject(new Error('the reader went away'));
    };
    entry.once('drain', done);
    output.once('close', gone);
  });
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
