import * as argon2 from 'argon2';
import { ARGON2_OPTIONS, PasswordService, passwordProblem } from './password.service';

describe('passwords', () => {
  it('refuses short, common, monotonous and e-mail-derived passwords', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('Password123')).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/too few/);
    expect(passwordProblem('ada.lovelace-2026!', 'ada.lovelace@example.com')).toMatch(/e-mail/);
    expect(passwordProblem('correct horse battery staple')).toBeUndefined();
  });

  it('hashes with argon2id, m >= 19 MiB, t >= 2, and verifies', async () => {
    const service = new PasswordService();
    const hash = await service.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    const m = /[$,]m=(\d+)/.exec(hash)?.[1];
    const t = /[$,]t=(\d+)/.exec(hash)?.[1];
    expect(Number(m)).toBeGreaterThanOrEqual(19456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    expect(ARGON2_OPTIONS.type).toBe(argon2.argon2id);
    await expect(service.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(service.verify(hash, 'wrong horse battery staple')).resolves.toBe(false);
    await expect(service.verify(undefined, 'anything at all')).resolves.toBe(false);
  });
});
