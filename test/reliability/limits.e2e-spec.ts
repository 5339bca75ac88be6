import { tableChecksum } from '../support/checksum';
import type { World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('limits', () => {
  let t: TestApp;
  let w: World;
  withWorld((s) => ({ t, w } = s));

  it('answers oversized bodies, long arrays, long strings and out-of-range pages with 400 or 413, changing nothing', async () => {
    const before = await tableChecksum(t.db.pool);
    const feedback = `/api/v1/mentees/${w.target.id}/feedback`;
    const entry = { occurredOn: '2026-11-01', visibility: 'shared', ratings: [] as unknown[] };
    const cases: [string, () => Promise<{ status: number }>, number[]][] = [
      [
        'a 10,000-item ratings array',
        () =>
          as(t, w.manager.token).post(feedback, {
            ...entry,
            ratings: Array(10000).fill({ competency: 'communication', rating: 3 }),
          }),
        [400, 413],
      ],
      [
        '51 ratings',
        () =>
          as(t, w.manager.token).post(feedback, {
            ...entry,
            ratings: Array.from({ length: 51 }, (_, i) => ({ competency: `c${i}x`, rating: 3 })),
          }),
        [400],
      ],
      [
        'a 4,001-character note',
        () => as(t, w.manager.token).post(feedback, { ...entry, strengths: 'x'.repeat(4001) }),
        [400],
      ],
      [
        'a 1 MB body',
        () => as(t, w.manager.token).post(feedback, { ...entry, strengths: 'x'.repeat(1024 * 1024) }),
        [413],
      ],
      [
        '11 evidence links',
        async () =>
          as(t, w.target.user.token).put(`/api/v1/mentees/${w.target.id}/milestones/${w.goal}`, {
            status: 'completed',
            evidence: { links: Array(11).fill('https://a.example.com') },
          }),
        [400],
      ],
      [
        'a 201-character name',
        () => as(t, w.hr.token).patch(`/api/v1/users/${w.sibling.userId}`, { name: 'n'.repeat(201) }),
        [400],
      ],
      [
        'deeply nested JSON',
        () =>
          as(t, w.hr.token).patch(`/api/v1/users/${w.sibling.userId}`, {
            name: JSON.parse('['.repeat(500) + ']'.repeat(500)) as unknown,
          }),
        [400],
      ],
      ['limit=0', () => as(t, w.hr.token).get('/api/v1/mentees?limit=0'), [400]],
      ['limit=201', () => as(t, w.hr.token).get('/api/v1/mentees?limit=201'), [400]],
      ['limit=1e9', () => as(t, w.hr.token).get('/api/v1/audit-events?limit=1000000000'), [400]],
      ['a 300-character cursor', () => as(t, w.hr.token).get(`/api/v1/users?cursor=${'a'.repeat(300)}`), [400]],
    ];
    for (const [name, send, allowed] of cases) {
      const res = await send();
      expect({ name, status: res.status, ok: allowed.includes(res.status) }).toEqual({
        name,
        status: res.status,
        ok: true,
      });
    }
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });
});
