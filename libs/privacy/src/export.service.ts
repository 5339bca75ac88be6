import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { ZipFile } from 'yazl';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { Clock } from '@leadpath/platform/time';
import { ErasureRepository } from './erasure.repository';
import { EXPORT_SECTIONS, type ExportContext } from './export-sections';
import { ExportRepository } from './export.repository';

/** The version of the archive's layout; each JSON file carries it too. */
export const EXPORT_VERSION = 1;

/** A CSV cell: lists joined, objects as JSON, nothing as an empty cell. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => cell(v)).join('; ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * A person's data as a zip (GDPR Art. 15 and 20): one JSON file per section, each described by a
 * published JSON Schema (docs/export-schema), CSV copies of the tabular parts, and a manifest.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly exports: ExportRepository,
    private readonly requests: ErasureRepository,
    private readonly clock: Clock,
  ) {}

  async own(actor: Actor): Promise<Readable> {
    await this.access.require(actor, Permission.SubjectExportOwn);
    await this.audit.recordRead(actor, { action: 'subject.export', objectType: 'user', objectId: actor.userId });
    return this.archive({
      organizationId: actor.organizationId,
      userId: actor.userId,
      menteeId: actor.menteeId,
      audience: 'self',
    });
  }

  async forPerson(actor: Actor, userId: string, reason: string): Promise<Readable> {
    await this.access.require(actor, Permission.SubjectExport, userId);
    const subject = await this.requests.subject(actor.organizationId, userId);
    const requestId = await this.requests.recordRequest(actor.organizationId, {
      kind: 'export',
      userId,
      requestedBy: actor.userId,
      reason,
    });
    await this.audit.record(
      actor,
      { action: 'subject.export', objectType: 'user', objectId: userId },
      { action: 'subject.export', objectType: 'subject_request', objectId: requestId },
    );
    return this.archive({
      organizationId: actor.organizationId,
      userId,
      menteeId: subject?.menteeId ?? null,
      audience: 'hr',
    });
  }

  /** Reads every section (a person's data is bounded), then streams the zip. */
  private async archive(context: ExportContext): Promise<Readable> {
    const at = this.clock.now();
    const files: { name: string; body: Buffer }[] = [];
    const manifest: { name: string; schema: string | null; holds: string }[] = [];
    const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    for (const section of EXPORT_SECTIONS) {
      const out = await section.read(this.exports, context);
      files.push({ name: `${section.name}.json`, body: json(out.json) });
      manifest.push({ name: `${section.name}.json`, schema: `${section.name}.schema.json`, holds: section.holds });
      for (const t of out.csv) {
        const csv = stringify(
          t.rows.map((row) => Object.fromEntries(t.columns.map((c) => [c, cell(row[c])]))),
          { header: true, columns: t.columns, bom: true },
        );
        files.push({ name: `csv/${t.name}.csv`, body: Buffer.from(csv, 'utf8') });
        manifest.push({ name: `csv/${t.name}.csv`, schema: null, holds: `a copy of ${section.name}.json as CSV` });
      }
    }
    const zip = new ZipFile();
    zip.addBuffer(
      json({
        version: EXPORT_VERSION,
        exportedAt: at.toISOString(),
        subjectId: context.userId,
        audience: context.audience,
        files: manifest,
      }),
      'manifest.json',
      { mtime: at },
    );
    for (const f of files) zip.addBuffer(f.body, f.name, { mtime: at });
    zip.end();
    return zip.outputStream as Readable;
  }
}
