import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack, type Pack } from 'tar-stream';

/** A `.tar.gz` being written, one entry after another. */
export class ArchiveWriter {
  private readonly tar: Pack = pack();
  private readonly done: Promise<void>;

  constructor(file: string) {
    this.done = pipeline(this.tar, createGzip({ level: 6 }), createWriteStream(file, { mode: 0o600 }));
    // A failed pipeline is reported by close(); this keeps it from being an unhandled rejection first.
    this.done.catch(() => undefined);
  }

  directory(name: string, mode = 0o700): Promise<void> {
    return new Promise((resolve, reject) =>
      this.tar.entry({ name: `${name}/`, type: 'directory', mode }, (e) => (e ? reject(e) : resolve())),
    );
  }

  buffer(name: string, content: Buffer | string, mode = 0o600): Promise<void> {
    return new Promise((resolve, reject) =>
      this.tar.entry({ name, mode }, Buffer.from(content), (e) => (e ? reject(e) : resolve())),
    );
  }

  /**
   * Copies a file as it is now: `size` bytes (its size when listed). A data file that the server
   * truncates while it is copied is padded with zeros; replaying the WAL repairs it, as it repairs
   * a page copied while being written. Returns false when the file vanished before it was opened.
   */
  async file(name: string, path: string, size: number, mode = 0o600): Promise<boolean> {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    try {
      let finished!: Promise<void>;
      const entry = await new Promise<EntrySink>((resolve) => {
        finished = new Promise<void>((ok, fail) => {
          resolve(this.tar.entry({ name, size, mode }, (e) => (e ? fail(e) : ok())));
        });
      });
      const chunk = Buffer.alloc(1 << 20);
      let written = 0;
      while (written < size) {
        const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - written), written);
        const part = bytesRead > 0 ? chunk.subarray(0, bytesRead) : Buffer.alloc(size - written);
        await write(entry, Buffer.from(part));
        written += part.length;
      }
      entry.end(undefined);
      await finished;
      return true;
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    this.tar.finalize();
    await this.done;
  }

  /** Stops writing after a failure; the caller removes the partial file. */
  abort(error: Error): void {
    this.tar.destroy(error);
  }
}

type EntrySink = ReturnType<Pack['entry']>;

function write(stream: EntrySink, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    stream.once('error', onError);
    const flushed = stream.write(chunk);
    const done = () => {
      stream.off('error', onError);
      resolve();
    };
    if (flushed) done();
    else stream.once('drain', done);
  });
}

/** Where an archive's entry goes under `root`, refusing a name that would leave it. */
function inside(root: string, name: string): string {
  const relative = normalize(name).replace(/^(\.\.(\/|\\|$))+/, '');
  if (relative.startsWith('/') || relative.split(sep).includes('..'))
    throw new Error(`unsafe entry ${name} in the archive`);
  return join(root, relative);
}

/**
 * Unpacks a `.tar.gz`: entries whose name starts with one of `prefixes` go below `root` (the prefix
 * removed, per the map), and the small files named in `read` are returned instead of written.
 */
export async function unpackArchive(
  file: string,
  targets: Record<string, string>,
  read: readonly string[] = [],
): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  const tar = extract();
  const feeding = pipeline(createReadStream(file), createGunzip(), tar);
  feeding.catch(() => undefined);
  for await (const entry of tar) {
    const { name, type, mode } = entry.header;
    if (read.includes(name)) {
      const parts: Buffer[] = [];
      for await (const part of entry) parts.push(part as Buffer);
      found.set(name, Buffer.concat(parts));
      continue;
    }
    const prefix = Object.keys(targets).find((p) => name === p || name.startsWith(`${p}/`));
    if (prefix === undefined) {
      entry.resume();
      continue;
    }
    const rest = name.slice(prefix.length).replace(/^\/+/, '');
    const target = rest === '' ? targets[prefix] : inside(targets[prefix], rest);
    if (type === 'directory') {
      await mkdir(target, { recursive: true, mode: mode ?? 0o700 });
      entry.resume();
    } else if (type === 'file') {
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await pipeline(entry, createWriteStream(target, { mode: mode ?? 0o600 }));
    } else {
      entry.resume();
    }
  }
  await feeding;
  return found;
}

/** Writes `content` to a new file only readable by its owner. */
export async function writePrivate(path: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, content, { mode: 0o600 });
}
