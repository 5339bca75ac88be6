import { randomUUID } from 'node:crypto';
import type { Role } from '@leadpath/access';
import { TokenService } from '@leadpath/auth';
import type { Phase, Track } from '@leadpath/mentees';
import { PasswordService } from '@leadpath/users';
import type { TestApp } from './test-app';

export const PASSWORD = 'factory-passphrase-2026';

export interface TestUser {
  id: string;
  organizationId: string;
  email: string;
  roles: Role[];
  token: string;
}

export interface TestMentee {
  id: string;
  userId: string;
  organizationId: string;
  user: TestUser;
}

let hashed: Promise<string> | undefined;
let counter = 0;

/** Builds rows straight in the database (one argon2 hash per process), and mints real tokens. */
export class Factory {
  constructor(private readonly t: TestApp) {}

  private get sql() {
    return this.t.db.pool;
  }

  async organization(name = `Org ${++counter}`): Promise<{ id: string }> {
    const { rows } = await this.sql.query<{ id: string }>('INSERT INTO organizations (name) VALUES ($1) RETURNING id', [
      name,
    ]);
    return rows[0];
  }

  async user(
    organizationId: string,
    roles: Role[],
    overrides: { email?: string; name?: string } = {},
  ): Promise<TestUser> {
    hashed ??= this.t.app.get(PasswordService).hash(PASSWORD);
    const email = overrides.email ?? `${roles[0]}-${++counter}-${randomUUID().slice(0, 8)}@example.test`;
    const { rows } = await this.sql.query<{ id: string; token_version: number }>(
      `INSERT INTO users (organization_id, email, name, roles, password_hash) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, token_version`,
      [organizationId, email, overrides.name ?? `Person ${counter}`, roles, await hashed],
    );
    const row = rows[0];
    return { id: row.id, organizationId, email, roles, token: this.token(row.id, organizationId, row.token_version) };
  }

  token(userId: string, organizationId: string, version = 0): string {
    return this.t.app.get(TokenService).sign({ sub: userId, org: organizationId, ver: version }).accessToken;
  }

  async mentee(
    organizationId: string,
    options: { managerId: string; mentorId?: string | null; phase?: Phase; track?: Track; department?: string | null },
  ): Promise<TestMentee> {
    const user = await this.user(organizationId, ['mentee']);
    const { rows } = await this.sql.query<{ id: string }>(
      `INSERT INTO mentees (organization_id, user_id, manager_id, mentor_id, phase, track, department)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        organizationId,
        user.id,
        options.managerId,
        options.mentorId ?? null,
        options.phase ?? 'lead_without_title',
        options.track ?? 'undecided',
        options.department ?? 'Platform',
      ],
    );
    const id = rows[0].id;
    await this.sql.query(
      `INSERT INTO phase_changes (organization_id, mentee_id, to_phase, changed_by) VALUES ($1, $2, $3, $4)`,
      [organizationId, id, options.phase ?? 'lead_without_title', options.managerId],
    );
    // The mentee's token must carry the same version as the row; it does (0), and menteeId is read per request.
    return { id, userId: user.id, organizationId, user };
  }
}

/**
 * Two organizations with every relation the access rules distinguish. In organization A:
 * `manager` manages `target` (and `sibling`), `mentor` mentors `target`, `otherManager` manages
 * `stranger`. Organization B has its own HR admin, manager and mentee.
 */
export async function buildWorld(f: Factory) {
  const orgA = await f.organization('Alpha');
  const orgB = await f.organization('Beta');
  const hr = await f.user(orgA.id, ['hr_admin']);
  const manager = await f.user(orgA.id, ['manager']);
  const mentor = await f.user(orgA.id, ['manager']);
  const otherManager = await f.user(orgA.id, ['manager']);
  const target = await f.mentee(orgA.id, { managerId: manager.id, mentorId: mentor.id });
  const sibling = await f.mentee(orgA.id, { managerId: manager.id });
  const stranger = await f.mentee(orgA.id, { managerId: otherManager.id, department: 'Security' });
  const hrB = await f.user(orgB.id, ['hr_admin']);
  const managerB = await f.user(orgB.id, ['manager']);
  const menteeB = await f.mentee(orgB.id, { managerId: managerB.id });
  return { orgA, orgB, hr, manager, mentor, otherManager, target, sibling, stranger, hrB, managerB, menteeB };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
