import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Outside production the signing key is generated once and kept beside the data. */
export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

/**
 * The 32-byte key that encrypts stored secrets: SHA-256 of SECRETS_KEY when it is set, else of a
 * key generated once and kept beside the data (like the signing key). Losing it loses the secrets
 * it encrypted (they are entered again), nothing else.
 */
export function resolveSecretsKey(configured: string | undefined, dataDir: string): Buffer {
  const material = configured ?? generatedOnce(join(dataDir, 'secrets-key'));
  return createHash('sha256').update(material, 'utf8').digest();
}

function generatedOnce(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o755 });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another instance wrote it first: theirs is the key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return secret;
}
