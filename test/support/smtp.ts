import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  /** For SMTP_URL. */
  url: string;
  /** Messages accepted (answered 250), in order. */
  received: ReceivedMail[];
  /** Resolves once `count` messages were accepted, or fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process. `beforeAccept` runs once the message's data has
 * arrived and before the server answers; a test can hold it there (to kill the sender mid-send)
 * or throw (to refuse the message with a 4xx).
 */
export async function startSmtp(
  options: { beforeAccept?: (index: number, mail: ReceivedMail) => Promise<void> } = {},
): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let seen = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const index = seen++;
        void (async () => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            raw,
            parsed: await simpleParser(raw),
          };
          try {
            await options.beforeAccept?.(index, mail);
          } catch (error) {
            const refusal = new Error(error instanceof Error ? error.message : 'refused') as Error & {
              responseCode: number;
            };
            refusal.responseCode = 451;
            callback(refusal);
            return;
          }
          received.push(mail);
          callback();
        })();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 60000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text part that points at `page`. */
export function linkIn(mail: ReceivedMail, page: string): URL {
  const match = new RegExp(`https?://\\S+/${page}#token=[A-Za-z0-9_-]+`).exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no ${page} link in:\n${mail.parsed.text}`);
  return new URL(match[0]);
}

export const tokenOf = (link: URL): string => new URLSearchParams(link.hash.slice(1)).get('token') ?? '';
