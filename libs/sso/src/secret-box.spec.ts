import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from './secret-box';

describe('secret box', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and each seal differs', () => {
    const a = sealSecret(key, 'client-secret', 'org-1');
    const b = sealSecret(key, 'client-secret', 'org-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('client-secret');
    expect(openSecret(key, a, 'org-1')).toBe('client-secret');
  });

  it('refuses another key, another organization and a changed text', () => {
    const sealed = sealSecret(key, 'client-secret', 'org-1');
    expect(() => openSecret(randomBytes(32), sealed, 'org-1')).toThrow();
    expect(() => openSecret(key, sealed, 'org-2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => openSecret(key, parts.join('.'), 'org-1')).toThrow();
    expect(() => openSecret(key, 'plain', 'org-1')).toThrow();
  });
});
