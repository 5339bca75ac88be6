import { request } from 'node:http';

export interface JsonReply {
  status: number;
  body: unknown;
}

/** One request over loopback with a JSON answer (or the raw text when it is not JSON). */
export function requestJson(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<JsonReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within 60 s`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface Download {
  status: number;
  bytes: number;
  /** From sending the request to the first byte of the body. */
  firstByteMs: number;
  totalMs: number;
  complete: boolean;
}

/** Streams a response to nowhere, timing the first body byte and the end; fails when it stalls for `stallMs`. */
export function download(url: string, headers: Record<string, string>, stallMs: number): Promise<Download> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteAt: number | undefined;
    let bytes = 0;
    const req = request(url, { headers, timeout: stallMs }, (res) => {
      res.on('data', (chunk: Buffer) => {
        firstByteAt ??= performance.now();
        bytes += chunk.length;
      });
      const finish = (complete: boolean) => {
        const now = performance.now();
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          firstByteMs: (firstByteAt ?? now) - started,
          totalMs: now - started,
          complete,
        });
      };
      res.on('end', () => finish(res.complete));
      // A stream the server aborts half-way (an error after the headers) ends with 'aborted'/'close'.
      res.on('aborted', () => finish(false));
    });
    // The socket timeout is an idle timeout: it fires when nothing arrives for that long.
    req.on('timeout', () => req.destroy(new Error(`nothing arrived for ${stallMs / 1000} s (stalled)`)));
    req.on('error', reject);
    req.end();
  });
}
