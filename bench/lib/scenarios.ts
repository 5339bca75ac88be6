import { randomUUID } from 'node:crypto';
import type { RequestData } from 'autocannon';
import { sign } from 'jsonwebtoken';
import type { ClientBase } from 'pg';
import type { Scenario } from './load';

const COMPETENCIES = [
  'communication',
  'emotional_intelligence',
  'delegation',
  'strategic_thinking',
  'hiring',
  'giving_feedback',
  'managing_up',
  'budgeting',
];

export interface Pair {
  menteeId: string;
  managerId: string;
}

export interface Actors {
  organizationId: string;
  hrAdminId: string;
  /** Random mentees with their line managers: the rotation of every load scenario. */
  pairs: Pair[];
  /** A mentee with a typical history (about 50 feedback entries), for the readiness scaling measure. */
  typical: Pair;
}

export async function actorsOf(client: ClientBase, organizationId: string, sample: number): Promise<Actors> {
  const [typical] = (
    await client.query<Pair>(
      `SELECT m.id AS "menteeId", m.manager_id AS "managerId"
         FROM mentees m
         JOIN (SELECT mentee_id, count(*) AS n FROM feedback WHERE organization_id = $1 GROUP BY mentee_id) f
           ON f.mentee_id = m.id
        WHERE m.organization_id = $1 ORDER BY abs(f.n - 50), m.id LIMIT 1`,
      [organizationId],
    )
  ).rows;
  // The typical mentee stays out of the load rotation, so that the writes leave its history alone.
  const pairs = (
    await client.query<Pair>(
      `SELECT id AS "menteeId", manager_id AS "managerId" FROM mentees
        WHERE organization_id = $1 AND id <> $2 ORDER BY random() LIMIT $3`,
      [organizationId, typical.menteeId, sample],
    )
  ).rows;
  const [hr] = (
    await client.query<{ id: string }>(
      `SELECT id FROM users WHERE organization_id = $1 AND 'hr_admin' = ANY(roles) ORDER BY email LIMIT 1`,
      [organizationId],
    )
  ).rows;
  return { organizationId, hrAdminId: hr.id, pairs, typical };
}

/** An access token exactly as the API issues them (HS256, 15 minutes). */
export function tokenFor(secret: string, organizationId: string, userId: string): string {
  return sign({ sub: userId, org: organizationId, ver: 0 }, secret, {
    algorithm: 'HS256',
    expiresIn: 900,
    jwtid: randomUUID(),
  });
}

/**
 * The measured requests, each a rotation over random mentees as their own line manager: reads
 * first, then the write (so that the reads see the generated history, not the benchmark's own).
 */
export function scenarios(actors: Actors, secret: string): Scenario[] {
  const perPair = (build: (p: Pair, i: number, headers: Record<string, string>) => RequestData) => () => {
    const tokens = new Map<string, Record<string, string>>();
    return actors.pairs.map((p, i) => {
      if (!tokens.has(p.managerId)) {
        tokens.set(p.managerId, { authorization: `Bearer ${tokenFor(secret, actors.organizationId, p.managerId)}` });
      }
      return build(p, i, tokens.get(p.managerId)!);
    });
  };
  const today = new Date().toISOString().slice(0, 10);
  return [
    {
      name: 'read: mentee list (manager, limit 20)',
      expectStatus: 200,
      volatile: [],
      requests: perPair((_, __, headers) => ({ method: 'GET', path: '/api/v1/mentees?limit=20', headers })),
    },
    {
      name: 'read: readiness of one mentee',
      expectStatus: 200,
      volatile: ['computedAt'],
      requests: perPair((p, _, headers) => ({
        method: 'GET',
        path: `/api/v1/mentees/${p.menteeId}/readiness`,
        headers,
      })),
    },
    {
      name: 'read: progress (readiness, 12-point trend, journey)',
      expectStatus: 200,
      // The trend's last point is "now": a few milliseconds apart between the two answers.
      volatile: ['computedAt', 'at'],
      requests: perPair((p, _, headers) => ({
        method: 'GET',
        path: `/api/v1/mentees/${p.menteeId}/progress`,
        headers,
      })),
    },
    {
      name: 'write: log feedback (manager)',
      expectStatus: 201,
      volatile: ['id', 'createdAt', 'updatedAt'],
      requests: perPair((p, i, headers) => ({
        method: 'POST',
        path: `/api/v1/mentees/${p.menteeId}/feedback`,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          occurredOn: today,
          visibility: 'shared',
          ratings: [
            { competency: COMPETENCIES[i % 8], rating: 1 + (i % 5) },
            { competency: COMPETENCIES[(i + 3) % 8], rating: 1 + ((i + 2) % 5) },
          ],
          strengths: 'Ran the incident review calmly and followed up on every action.',
        }),
      })),
    },
  ];
}
