import { Injectable } from '@nestjs/common';
import type { Role } from '@leadpath/access';
import { type CursorPosition, Database, type Sql } from '@leadpath/platform';

export interface UserRow {
  id: string;
  organization_id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: Role[];
  active: boolean;
  token_version: number;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
}

/** What the guard needs on every request, in one indexed lookup. */
export interface AuthStateRow {
  id: string;
  organization_id: string;
  roles: Role[];
  active: boolean;
  token_version: number;
  mentee_id: string | null;
}

export interface UserPatch {
  email?: string;
  name?: string;
  roles?: Role[];
  active?: boolean;
  passwordHash?: string;
}

const COLUMNS = `u.*, to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('users repository called without an organization id');
}

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  async insert(
    sql: Sql,
    organizationId: string,
    user: { email: string; name: string; roles: Role[]; passwordHash: string },
  ): Promise<UserRow> {
    requireOrganization(organizationId);
    const [row] = await sql.query<UserRow>(
      `INSERT INTO users AS u (organization_id, email, name, roles, password_hash)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [organizationId, user.email, user.name, user.roles, user.passwordHash],
    );
    return row;
  }

  async findById(organizationId: string, id: string, sql: Sql = this.db): Promise<UserRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<UserRow>(
      `SELECT ${COLUMNS} FROM users u WHERE u.organization_id = $1 AND u.id = $2`,
      [organizationId, id],
    );
    return row;
  }

  /** Login names no organization: e-mail addresses are unique across the installation. */
  async findByEmailForLogin(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM users u WHERE u.email = $1`, [email]);
    return row;
  }

  async authState(userId: string): Promise<AuthStateRow | undefined> {
    const [row] = await this.db.query<AuthStateRow>(
      `SELECT u.id, u.organization_id, u.roles, u.active, u.token_version, m.id AS mentee_id
         FROM users u LEFT JOIN mentees m ON m.user_id = u.id
        WHERE u.id = $1`,
      [userId],
    );
    return row;
  }

  async list(
    organizationId: string,
    filter: { role?: Role; active?: boolean },
    limit: number,
    after?: CursorPosition,
  ): Promise<UserRow[]> {
    requireOrganization(organizationId);
    const params: unknown[] = [organizationId];
    const where = ['u.organization_id = $1'];
    if (filter.role) {
      params.push(filter.role);
      where.push(`$${params.length} = ANY(u.roles)`);
    }
    if (filter.active !== undefined) {
      params.push(filter.active);
      where.push(`u.active = $${params.length}`);
    }
    if (after) {
      params.push(after.at, after.id);
      where.push(`(u.created_at, u.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    return this.db.query<UserRow>(
      `SELECT ${COLUMNS} FROM users u WHERE ${where.join(' AND ')}
        ORDER BY u.created_at, u.id LIMIT $${params.length}`,
      params,
    );
  }

  /** Locks the row for a read-modify-write inside a transaction. */
  async lock(sql: Sql, organizationId: string, id: string): Promise<UserRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<UserRow>(
      `SELECT ${COLUMNS} FROM users u WHERE u.organization_id = $1 AND u.id = $2 FOR UPDATE`,
      [organizationId, id],
    );
    return row;
  }

  async update(
    sql: Sql,
    organizationId: string,
    id: string,
    patch: UserPatch,
    revokeTokens: boolean,
  ): Promise<UserRow> {
    requireOrganization(organizationId);
    const [row] = await sql.query<UserRow>(
      `UPDATE users AS u SET
          email = COALESCE($3, email),
          name = COALESCE($4, name),
          roles = COALESCE($5, roles),
          active = COALESCE($6, active),
          password_hash = COALESCE($7, password_hash),
          token_version = token_version + CASE WHEN $8 THEN 1 ELSE 0 END,
          updated_at = now()
        WHERE u.organization_id = $1 AND u.id = $2
        RETURNING ${COLUMNS}`,
      [
        organizationId,
        id,
        patch.email ?? null,
        patch.name ?? null,
        patch.roles ?? null,
        patch.active ?? null,
        patch.passwordHash ?? null,
        revokeTokens,
      ],
    );
    return row;
  }

  /** Active users of the organization holding `role`, among `ids`. */
  async withRole(organizationId: string, ids: string[], role: Role, sql: Sql = this.db): Promise<Set<string>> {
    requireOrganization(organizationId);
    const rows = await sql.query<{ id: string }>(
      `SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND active AND $3 = ANY(roles)`,
      [organizationId, ids, role],
    );
    return new Set(rows.map((r) => r.id));
  }
}
