import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { simpleParser } from 'mailparser';

/** The messages the API wrote to its mail folder (no SMTP_URL), addressed to `to`, oldest first. */
async function mailsTo(to: string): Promise<{ subject: string; text: string }[]> {
  const dataDir = process.env.LEADPATH_E2E_DATA_DIR;
  if (!dataDir) throw new Error('LEADPATH_E2E_DATA_DIR is not set: run the tests through playwright.config.ts');
  const folder = join(dataDir, 'mail');
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  const out: { subject: string; text: string }[] = [];
  for (const file of files.sort()) {
    const parsed = await simpleParser(readFileSync(join(folder, file)));
    const recipients = ([] as { value: { address?: string }[] }[]).concat(parsed.to ?? []);
    if (recipients.some((r) => r.value.some((v) => v.address === to))) {
      out.push({ subject: parsed.subject ?? '', text: parsed.text ?? '' });
    }
  }
  return out;
}

/**
 * Waits (bounded) for the `count`-th message to `to` — the workers in the API send it within a
 * few polls — and returns the path and fragment of its link to `page` (`/page#token=…`, or
 * `/page/<token>` for a feedback link), to open on the test's server.
 */
export async function linkInMail(to: string, page: string, count = 1): Promise<string> {
  let mails: { subject: string; text: string }[] = [];
  await expect
    .poll(
      async () => {
        mails = await mailsTo(to);
        return mails.length;
      },
      { timeout: 60_000, message: `a message to ${to}` },
    )
    .toBeGreaterThanOrEqual(count);
  const match = new RegExp(`https?://[^\\s/]+(/${page}(?:#token=|/)[A-Za-z0-9_.-]{43,})`).exec(mails[count - 1].text);
  expect(match, `a ${page} link in "${mails[count - 1].subject}"`).not.toBeNull();
  return match![1];
}
