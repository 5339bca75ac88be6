import { Injectable } from '@nestjs/common';
import type { Role } from '@leadpath/access';
import { sql, type InferResult } from 'kysely';
import { cursorAt, newerThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UserPatch {
  email?: string;
  name?: string;
  roles?: Role[];
  active?: boolean;
  passwordHash?: string;
  breakGlass?: boolean;
}

/** Users (`users as u`) with their keyset cursor; roles hold only the role list's values (CHECK constraint). */
function selectUsers() {
  return qb
    .selectFrom('users as u')
    .selectAll('u')
    .select(cursorAt('u.created_at').as('cursor_at'))
    .$narrowType<{ roles: Role[] }>();
}

export type UserRow = InferResult<ReturnType<typeof selectUsers>>[number];

/**
 * Every account holding an address, with the name of its organization and whether that
 * organization requires single sign-on (then only a break-glass account may use a password).
 */
function selectAccounts(email: string) {
  return selectUsers()
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select('o.name as organization_name')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('sso_configs as s')
            .select('s.organization_id')
            .whereRef('s.organization_id', '=', 'u.organization_id')
            .where('s.require_sso', '=', true),
        )
        .as('sso_required'),
    )
    .where('u.email', '=', email);
}

/** An account found by its address, with the name of its organization. */
export type LoginAccountRow = InferResult<ReturnType<typeof selectAccounts>>[number];

/** What the guard needs on every request, in one indexed lookup (see `authStateQuery`). */
export type AuthStateRow = InferResult<ReturnType<UsersRepository['authStateQuery']>>[number];

/**
 * A name or an address containing the words typed, case-insensitively (addresses are stored
 * case-folded); `%`, `_` and `\` match themselves. Within one organization, so the scan is of
 * that organization's rows only (the `(organization_id, created_at, id)` index).
 */
function matches(text: string) {
  const pattern = `%${text
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`(lower(u.name) LIKE ${pattern} OR u.email LIKE ${pattern})`;
}

const hasRole = (role: Role) => sql<boolean>`${role} = ANY(u.roles)`;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('users repository called without an organization id');
}

@Injectable()
export class UsersRepository {
  async insert(
    organizationId: string,
    user: { email: string; name: string; roles: Role[]; passwordHash: string },
  ): Promise<UserRow> {
    requireOrganization(organizationId);
    return qb
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
      .$narrowType<{ roles: Role[] }>()
      .executeTakeFirstOrThrow();
  }

  async findById(organizationId: string, id: string): Promise<UserRow | undefined> {
    requireOrganization(organizationId);
    return selectUsers().where('u.organization_id', '=', organizationId).where('u.id', '=', id).executeTakeFirst();
  }

  /**
   * Sign-in and password reset name an address, not an organization, and an address is unique
   * only per organization: every account holding it (of `organizationId` only, when given), with
   * its organization's name, in a fixed order. Cross-organization: a system operation's read.
   */
  async findAccountsByEmail(email: string, organizationId?: string): Promise<LoginAccountRow[]> {
    return selectAccounts(email)
      .$if(organizationId !== undefined, (q) => q.where('u.organization_id', '=', organizationId!))
      .orderBy('o.name')
      .orderBy('u.organization_id')
      .execute();
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
      .$narrowType<{ roles: Role[] }>();
  }

  async list(
    organizationId: string,
    filter: { role?: Role; active?: boolean; q?: string },
    limit: number,
    after?: CursorPosition,
  ): Promise<UserRow[]> {
    requireOrganization(organizationId);
    const query = selectUsers()
      .where('u.organization_id', '=', organizationId)
      .$if(filter.role !== undefined, (q) => q.where(hasRole(filter.role!)))
      .$if(filter.active !== undefined, (q) => q.where('u.active', '=', filter.active!))
      .$if(filter.q !== undefined, (q) => q.where(matches(filter.q!)))
      .$if(after !== undefined, (q) => q.where(newerThan('u.created_at', 'u.id', after!)))
      .orderBy('u.created_at')
      .orderBy('u.id')
      .limit(limit + 1);
    return query.execute();
  }

  /** Locks the row for a read-modify-write inside a transaction. */
  async lock(organizationId: string, id: string): Promise<UserRow | undefined> {
    requireOrganization(organizationId);
    return selectUsers()
      .where('u.organization_id', '=', organizationId)
      .where('u.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  /**
   * A change of email, password, active or roles also spends the account's open set-password
   * links, in the same statement (the trigger `users_account_change_spends_links`).
   */
  async update(organizationId: string, id: string, patch: UserPatch, revokeTokens: boolean): Promise<UserRow> {
    requireOrganization(organizationId);
    return (
      qb
        .updateTable('users')
        .set({ updated_at: sql`now()` })
        .$if(patch.email !== undefined, (q) => q.set({ email: patch.email! }))
        .$if(patch.name !== undefined, (q) => q.set({ name: patch.name! }))
        .$if(patch.roles !== undefined, (q) => q.set({ roles: patch.roles! }))
        .$if(patch.active !== undefined, (q) => q.set({ active: patch.active! }))
        // A chosen password ends the invitation: the person is active from now on.
        .$if(patch.passwordHash !== undefined, (q) => q.set({ password_hash: patch.passwordHash!, invited_at: null }))
        .$if(patch.breakGlass !== undefined, (q) => q.set({ break_glass: patch.breakGlass! }))
        .$if(revokeTokens, (q) => q.set((eb) => ({ token_version: eb('token_version', '+', 1) })))
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .returningAll()
        .returning(cursorAt('created_at').as('cursor_at'))
        .$narrowType<{ roles: Role[] }>()
        .executeTakeFirstOrThrow()
    );
  }

  /** Active users of the organization holding `role`, among `ids`. */
  async withRole(organizationId: string, ids: string[], role: Role): Promise<Set<string>> {
    requireOrganization(organizationId);
    if (ids.length === 0) return new Set();
    const rows = await qb
      .selectFrom('users as u')
      .select('u.id')
      .where('u.organization_id', '=', organizationId)
      .where('u.id', 'in', ids)
      .where('u.active', '=', true)
      .where(hasRole(role))
      .execute();
    return new Set(rows.map((r) => r.id));
  }
}
