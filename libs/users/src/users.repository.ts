import { Injectable } from '@nestjs/common';
import type { Role } from '@leadpath/access';
import { sql } from 'kysely';
import { cursorAt, type CursorPosition, Database, newerThan, qb, run, type Sql } from '@leadpath/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** An account found by its address, with the name of its organization. */
export interface LoginAccountRow extends UserRow {
  organization_name: string;
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

/** Users (`users as u`) with their keyset cursor; roles hold only the role list's values (CHECK constraint). */
function selectUsers() {
  return qb
    .selectFrom('users as u')
    .selectAll('u')
    .select(cursorAt('u.created_at').as('cursor_at'))
    .$narrowType<{ roles: Role[] }>();
}

const hasRole = (role: Role) => sql<boolean>`${role} = ANY(u.roles)`;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('users repository called without an organization id');
}

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  async insert(
    db: Sql,
    organizationId: string,
    user: { email: string; name: string; roles: Role[]; passwordHash: string },
  ): Promise<UserRow> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .insertInto('users')
        .values({
          organization_id: organizationId,
          email: user.email,
          name: user.name,
          roles: user.roles,
          password_hash: user.passwordHash,
        })
        .returningAll()
        .returning(cursorAt('created_at').as('cursor_at'))
        .$narrowType<{ roles: Role[] }>(),
    );
    return row;
  }

  async findById(organizationId: string, id: string, db: Sql = this.db): Promise<UserRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(db, selectUsers().where('u.organization_id', '=', organizationId).where('u.id', '=', id));
    return row;
  }

  /**
   * Sign-in and password reset name an address, not an organization, and an address is unique
   * only per organization: every account holding it (of `organizationId` only, when given), with
   * its organization's name, in a fixed order. Cross-organization: a system operation's read.
   */
  async findAccountsByEmail(email: string, organizationId?: string): Promise<LoginAccountRow[]> {
    return run(
      this.db,
      selectUsers()
        .innerJoin('organizations as o', 'o.id', 'u.organization_id')
        .select('o.name as organization_name')
        .where('u.email', '=', email)
        .$if(organizationId !== undefined, (q) => q.where('u.organization_id', '=', organizationId!))
        .orderBy('o.name')
        .orderBy('u.organization_id'),
    );
  }

  /**
   * The token check's read, for `db.systemRead('auth.token', …)`: the user's id is a literal, the
   * query builder's escaping of a value the caller has already checked is a UUID.
   */
  authStateQuery(userId: string) {
    if (!UUID.test(userId)) throw new Error('authStateQuery takes a UUID');
    return qb
      .selectFrom('users as u')
      .leftJoin('mentees as m', 'm.user_id', 'u.id')
      .select(['u.id', 'u.organization_id', 'u.roles', 'u.active', 'u.token_version', 'm.id as mentee_id'])
      .where(sql<boolean>`u.id = ${sql.lit(userId)}::uuid`)
      .$narrowType<{ roles: Role[] }>()
      .$castTo<AuthStateRow>();
  }

  async list(
    organizationId: string,
    filter: { role?: Role; active?: boolean },
    limit: number,
    after?: CursorPosition,
  ): Promise<UserRow[]> {
    requireOrganization(organizationId);
    const query = selectUsers()
      .where('u.organization_id', '=', organizationId)
      .$if(filter.role !== undefined, (q) => q.where(hasRole(filter.role!)))
      .$if(filter.active !== undefined, (q) => q.where('u.active', '=', filter.active!))
      .$if(after !== undefined, (q) => q.where(newerThan('u.created_at', 'u.id', after!)))
      .orderBy('u.created_at')
      .orderBy('u.id')
      .limit(limit + 1);
    return run(this.db, query);
  }

  /** Locks the row for a read-modify-write inside a transaction. */
  async lock(db: Sql, organizationId: string, id: string): Promise<UserRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      selectUsers().where('u.organization_id', '=', organizationId).where('u.id', '=', id).forUpdate(),
    );
    return row;
  }

  /**
   * A change of email, password, active or roles also spends the account's open set-password
   * links, in the same statement (the trigger `users_account_change_spends_links`).
   */
  async update(db: Sql, organizationId: string, id: string, patch: UserPatch, revokeTokens: boolean): Promise<UserRow> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .updateTable('users')
        .set({ updated_at: sql`now()` })
        .$if(patch.email !== undefined, (q) => q.set({ email: patch.email! }))
        .$if(patch.name !== undefined, (q) => q.set({ name: patch.name! }))
        .$if(patch.roles !== undefined, (q) => q.set({ roles: patch.roles! }))
        .$if(patch.active !== undefined, (q) => q.set({ active: patch.active! }))
        .$if(patch.passwordHash !== undefined, (q) => q.set({ password_hash: patch.passwordHash! }))
        .$if(revokeTokens, (q) => q.set((eb) => ({ token_version: eb('token_version', '+', 1) })))
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .returningAll()
        .returning(cursorAt('created_at').as('cursor_at'))
        .$narrowType<{ roles: Role[] }>(),
    );
    return row;
  }

  /** Active users of the organization holding `role`, among `ids`. */
  async withRole(organizationId: string, ids: string[], role: Role, db: Sql = this.db): Promise<Set<string>> {
    requireOrganization(organizationId);
    if (ids.length === 0) return new Set();
    const rows = await run(
      db,
      qb
        .selectFrom('users as u')
        .select('u.id')
        .where('u.organization_id', '=', organizationId)
        .where('u.id', 'in', ids)
        .where('u.active', '=', true)
        .where(hasRole(role)),
    );
    return new Set(rows.map((r) => r.id));
  }
}
