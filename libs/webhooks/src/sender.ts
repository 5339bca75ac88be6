import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { isAllowListed, isBlockedAddress, type DestinationRules } from './destination';

export interface SendResult {
  /** The receiver's status code; null when no answer came. */
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
  /** At most this many characters of the answer are kept. */
  excerpt: string | null;
}

export const EXCERPT_CHARS = 200;

/**
 * Resolves as the connection is made and refuses a blocked address then, so a name that
 * changed to an internal address after the check is not followed (DNS rebinding). The socket
 * connects only to an address this returned, judged by the same isBlockedAddress as registration.
 */
export function guardedLookup(allowed: boolean, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowed && addresses.some((a) => isBlockedAddress(a.address))) {
        return callback(new Error('the host resolves to an internal address'), '', 0);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * POSTs one webhook. Redirects are not followed (a 3xx is a failure), the whole exchange is
 * bounded by `timeoutMs`, and only a short excerpt of the answer is read.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; rules: DestinationRules },
): Promise<SendResult> {
  const started = performance.now();
  const target = new URL(url);
  const allowed = isAllowListed(url, options.rules);
  // Node connects to an IP literal without calling lookup, so the literal is judged here.
  const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!allowed && isIP(literal) && isBlockedAddress(literal)) {
    return Promise.resolve({
      statusCode: null,
      ok: false,
      error: 'the host is an internal address',
      excerpt: null,
      durationMs: 0,
    });
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Leadpath-Webhooks/1',
    },
    lookup: guardedLookup(allowed),
    timeout: options.timeoutMs,
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, durationMs: Math.round(performance.now() - started) });
    };
    const req = send(target, requestOptions, (res) => {
      const statusCode = res.statusCode ?? null;
      let excerpt = '';
      res.setEncoding('utf8');
      const done = () => {
        const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
        const error = ok
          ? null
          : statusCode !== null && statusCode >= 300 && statusCode < 400
            ? `answered ${statusCode}; redirects are not followed`
            : `answered ${statusCode}`;
        finish({ statusCode, ok, error, excerpt: excerpt === '' ? null : excerpt.slice(0, EXCERPT_CHARS) });
        res.destroy();
      };
      res.on('data', (chunk: string) => {
        excerpt += chunk;
        if (excerpt.length >= EXCERPT_CHARS) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    const deadline = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) =>
      finish({ statusCode: null, ok: false, error: error.message.slice(0, 500), excerpt: null }),
    );
    req.end(body);
  });
}
