import yauzl from 'yauzl';
import type { ArchiveManifest } from '@leadpath/org-archive';

/** Every file of a zip, uncompressed, by name. */
export function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
          stream.on('error', reject);
        });
      });
      file.on('end', () => resolve(files));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

export function manifestOf(files: Map<string, Buffer>): ArchiveManifest {
  return JSON.parse(files.get('manifest.json')!.toString('utf8')) as ArchiveManifest;
}

/** One table's rows as parsed JSON objects, in the archive's order. */
export function rowsOf(files: Map<string, Buffer>, table: string): Record<string, unknown>[] {
  const text = files.get(`tables/${table}.ndjson`)?.toString('utf8') ?? '';
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
