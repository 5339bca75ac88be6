import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { Role } from '@leadpath/access';
import { anyOf, qb } from '@leadpath/platform/database';

const HEX64 = /^[0-9a-f]{64}$/;
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('scim repository called without an organization id');
}

/** A SCIM-managed person: the account and its SCIM identity. */
function selectScimUsers(organizationId: string) {
  return qb
    .selectFrom('scim_users as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.roles',
      'u.active',
      'u.created_at',
      's.updated_at',
      's.user_name',
      's.external_id',
      's.display_name',
      's.given_name',
      's.family_name',
      's.title',
      's.emails',
      's.department',
      's.manager_ref',
      's.manager_id',
      's.deleted_at',
    ])
    .where('s.organization_id', '=', organizationId)
    .$narrowType<{ roles: Role[] }>();
}

export type ScimUserRow = InferResult<ReturnType<typeof selectScimUsers>>[number];

function selectGroups(organizationId: string) {
  return qb
    .selectFrom('scim_groups as g')
    .select(['g.id', 'g.display_name', 'g.external_id', 'g.created_at', 'g.updated_at'])
    .where('g.organization_id', '=', organizationId);
}

export type ScimGroupRow = InferResult<ReturnType<typeof selectGroups>>[number];

/** What a SCIM write stores about a person, beside their account. */
export interface ScimIdentity {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  emails: unknown[];
  department: string | null;
  managerRef: string | null;
}

const identityColumns = (identity: ScimIdentity) => ({
  user_name: identity.userName,
  external_id: identity.externalId,
  display_name: identity.displayName,
  given_name: identity.givenName,
  family_name: identity.familyName,
  title: identity.title,
  emails: JSON.stringify(identity.emails),
  department: identity.department,
  manager_ref: identity.managerRef,
});

@Injectable()
export class ScimRepository {
  // ---- tokens ----

  async insertToken(organizationId: string, name: string, tokenHash: string, createdBy: string) {
    requireOrganization(organizationId);
    return qb
      .insertInto('scim_tokens')
      .values({ organization_id: organizationId, name, token_hash: tokenHash, created_by: createdBy })
      .returning(['id', 'name', 'created_at', 'last_used_at'])
      .executeTakeFirstOrThrow();
  }

  async listTokens(organizationId: string) {
    requireOrganization(organizationId);
    return qb
      .selectFrom('scim_tokens')
      .select(['id', 'name', 'created_by', 'created_at', 'last_used_at'])
      .where('organization_id', '=', organizationId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(200)
      .execute();
  }

  async revokeToken(organizationId: string, id: string): Promise<boolean> {
    requireOrganization(organizationId);
    const rows = await qb
      .updateTable('scim_tokens')
      .set({ revoked_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  /** The token lookup, for `db.systemRead('scim.token', …)`: the hash is a literal, checked to be hex first. */
  tokenByHashQuery(tokenHash: string) {
    if (!HEX64.test(tokenHash)) throw new Error('tokenByHashQuery takes a hex SHA-256');
    return qb
      .selectFrom('scim_tokens')
      .select(['id', 'organization_id', 'last_used_at'])
      .where(sql<boolean>`token_hash = ${sql.lit(tokenHash)}`)
      .where('revoked_at', 'is', null);
  }

  /** Notes the token's use at most once a minute, so a sync does not write a row per request. */
  async touchToken(organizationId: string, id: string): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('scim_tokens')
      .set({ last_used_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]),
      )
      .execute();
  }

  // ---- group → role map ----

  async groupRoles(organizationId: string) {
    requireOrganization(organizationId);
    return qb
      .selectFrom('scim_group_roles')
      .select(['group_name', 'role'])
      .where('organization_id', '=', organizationId)
      .orderBy('group_name')
      .execute();
  }

  async replaceGroupRoles(organizationId: string, map: { groupName: string; role: Role }[]): Promise<void> {
    requireOrganization(organizationId);
    await qb.deleteFrom('scim_group_roles').where('organization_id', '=', organizationId).execute();
    if (map.length === 0) return;
    await qb
      .insertInto('scim_group_roles')
      .values(map.map((m) => ({ organization_id: organizationId, group_name: m.groupName, role: m.role })))
      .execute();
  }

  // ---- users ----

  async findUser(organizationId: string, id: string): Promise<ScimUserRow | undefined> {
    requireOrganization(organizationId);
    return selectScimUsers(organizationId)
      .where('s.user_id', '=', id)
      .where('s.deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** The person holding a userName (without regard to case), deleted or deactivated included. */
  async findByUserName(organizationId: string, userName: string): Promise<ScimUserRow | undefined> {
    requireOrganization(organizationId);
    return selectScimUsers(organizationId)
      .where(sql<boolean>`lower(s.user_name) = lower(${userName})`)
      .executeTakeFirst();
  }

  /**
   * The active people SCIM sees, oldest first; `only` narrows to one attribute's value when the
   * filter is a plain equality the database can answer (userName, externalId, id).
   */
  async listUsers(
    organizationId: string,
    only?: { attribute: 'userName' | 'externalId' | 'id'; value: string },
    page?: { offset: number; limit: number },
  ): Promise<ScimUserRow[]> {
    requireOrganization(organizationId);
    return selectScimUsers(organizationId)
      .$if(page !== undefined, (q) => q.offset(page!.offset).limit(page!.limit))
      .where('s.deleted_at', 'is', null)
      .where('u.active', '=', true)
      .$if(only?.attribute === 'userName', (q) => q.where(sql<boolean>`lower(s.user_name) = lower(${only!.value})`))
      .$if(only?.attribute === 'externalId', (q) => q.where('s.external_id', '=', only!.value))
      .$if(only?.attribute === 'id', (q) => q.where(sql<boolean>`s.user_id::text = ${only!.value}`))
      .orderBy('u.created_at')
      .orderBy('u.id')
      .execute();
  }

  /** How many people SCIM lists (active, not deleted). */
  async countUsers(organizationId: string): Promise<number> {
    requireOrganization(organizationId);
    const row = await qb
      .selectFrom('scim_users as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('s.organization_id', '=', organizationId)
      .where('s.deleted_at', 'is', null)
      .where('u.active', '=', true)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Who holds an address in the organization, and whether an identity provider manages them. */
  async emailHolder(organizationId: string, email: string) {
    requireOrganization(organizationId);
    return qb
      .selectFrom('users as u')
      .leftJoin('scim_users as s', 's.user_id', 'u.id')
      .select(['u.id', 's.user_id as scim_user_id'])
      .where('u.organization_id', '=', organizationId)
      .where('u.email', '=', email)
      .executeTakeFirst();
  }

  async insertAccount(
    organizationId: string,
    account: { id: string; email: string; name: string; passwordHash: string; active: boolean },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .insertInto('users')
      .values({
        id: account.id,
        organization_id: organizationId,
        email: account.email,
        name: account.name,
        roles: [],
        password_hash: account.passwordHash,
        active: account.active,
      })
      .execute();
  }

  async upsertIdentity(organizationId: string, userId: string, identity: ScimIdentity): Promise<void> {
    requireOrganization(organizationId);
    const columns = identityColumns(identity);
    await qb
      .insertInto('scim_users')
      .values({ organization_id: organizationId, user_id: userId, ...columns })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...columns, deleted_at: null, updated_at: sql`now()` }))
      .execute();
  }

  async markDeleted(organizationId: string, userId: string): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('scim_users')
      .set({ deleted_at: sql`now()`, updated_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .execute();
  }

  async touchIdentity(organizationId: string, userId: string): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('scim_users')
      .set({ updated_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .execute();
  }

  /**
   * Serializes the organization's SCIM writes of people until commit. Two people written at
   * once, one the other's manager, would each miss the other's uncommitted row and both stay
   * pending; taken before any row is written, the lock also keeps the linking updates from
   * waiting on each other's rows. The second writer runs after the first committed, and each
   * statement of a READ COMMITTED transaction sees what committed before it.
   */
  async lockPeople(organizationId: string): Promise<void> {
    requireOrganization(organizationId);
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`scim.people:${organizationId}`}, 0))`.execute(qb);
  }

  /**
   * Links the manager references that name a person: theirs to whoever it names (by SCIM id,
   * externalId or userName, without regard to case), and everyone's pending reference that names
   * them to them; when they are deleted, whoever they managed waits again. Each probe is an
   * index lookup. Returns the people whose manager changed.
   */
  async linkManagers(organizationId: string, userId: string): Promise<string[]> {
    requireOrganization(organizationId);
    const me = await qb
      .selectFrom('scim_users')
      .select(['user_id', 'user_name', 'external_id', 'manager_ref', 'manager_id', 'deleted_at'])
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!me) return [];
    const changed: string[] = [];
    const ref = me.manager_ref;
    const target = ref
      ? await qb
          .selectFrom('scim_users')
          .select('user_id')
          .where('organization_id', '=', organizationId)
          .where('deleted_at', 'is', null)
          .where('user_id', '<>', userId)
          .where((eb) =>
            eb.or([
              ...(UUID_TEXT.test(ref) ? [eb('user_id', '=', ref.toLowerCase())] : []),
              eb(sql`lower(external_id)`, '=', sql`lower(${ref})`),
              eb(sql`lower(user_name)`, '=', sql`lower(${ref})`),
            ]),
          )
          .orderBy(sql`user_id::text = lower(${ref})`, 'desc')
          .limit(1)
          .executeTakeFirst()
      : undefined;
    const managerId = target?.user_id ?? null;
    if (managerId !== me.manager_id) {
      await qb
        .updateTable('scim_users')
        .set({ manager_id: managerId })
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .execute();
      changed.push(userId);
    }
    if (me.deleted_at !== null) {
      const orphaned = await qb
        .updateTable('scim_users')
        .set({ manager_id: null })
        .where('organization_id', '=', organizationId)
        .where('manager_id', '=', userId)
        .returning('user_id')
        .execute();
      return [...changed, ...orphaned.map((r) => r.user_id)];
    }
    const keys = [userId, me.external_id, me.user_name]
      .filter((k): k is string => k !== null)
      .map((k) => k.toLowerCase());
    const waiting = await qb
      .updateTable('scim_users')
      .set({ manager_id: userId })
      .where('organization_id', '=', organizationId)
      .where('manager_id', 'is', null)
      .where('user_id', '<>', userId)
      .where(sql<boolean>`lower(manager_ref) = ANY(${keys}::text[])`)
      .returning('user_id')
      .execute();
    return [...changed, ...waiting.map((r) => r.user_id)];
  }

  /**
   * Carries the SCIM department and line manager of `userIds` into their mentee enrolments: the
   * department always, the manager when they are an active manager (the rule HR's own edits
   * follow) and neither the mentee nor their mentor. Returns the mentees changed.
   */
  async syncMentees(organizationId: string, userIds: string[]): Promise<string[]> {
    requireOrganization(organizationId);
    if (userIds.length === 0) return [];
    const { rows } = await sql<{ id: string }>`
      UPDATE mentees me SET
             department = CASE WHEN s.department IS NULL THEN me.department ELSE s.department END,
             manager_id = CASE WHEN mgr.id IS NOT NULL AND mgr.active AND 'manager' = ANY(mgr.roles)
                                    AND mgr.id <> me.user_id AND mgr.id IS DISTINCT FROM me.mentor_id
                               THEN mgr.id ELSE me.manager_id END,
             updated_at = now()
        FROM scim_users s
        LEFT JOIN users mgr ON mgr.id = s.manager_id
       WHERE me.organization_id = ${organizationId} AND s.organization_id = ${organizationId}
         AND me.user_id = s.user_id AND ${anyOf('s.user_id', userIds, 'uuid')}
         AND ((s.department IS NOT NULL AND me.department IS DISTINCT FROM s.department)
              OR (mgr.id IS NOT NULL AND mgr.active AND 'manager' = ANY(mgr.roles) AND mgr.id <> me.user_id
                  AND mgr.id IS DISTINCT FROM me.mentor_id AND me.manager_id <> mgr.id))
      RETURNING me.id`.execute(qb);
    return rows.map((r) => r.id);
  }

  /** The groups of each of `userIds`. */
  async groupsOf(organizationId: string, userIds: string[]) {
    requireOrganization(organizationId);
    if (userIds.length === 0) return [];
    return qb
      .selectFrom('scim_group_members as m')
      .innerJoin('scim_groups as g', 'g.id', 'm.group_id')
      .select(['m.user_id', 'g.id', 'g.display_name'])
      .where('m.organization_id', '=', organizationId)
      .where(anyOf('m.user_id', userIds, 'uuid'))
      .orderBy('g.display_name')
      .execute();
  }

  /**
   * The roles each of `userIds` holds and the roles their groups give through HR's map; `mapped`
   * is every role the map gives at all (the roles groups govern).
   */
  async roleSources(organizationId: string, userIds: string[]) {
    requireOrganization(organizationId);
    if (userIds.length === 0) return { users: [], mapped: [] as Role[] };
    const users = await sql<{ id: string; roles: Role[]; given: Role[] }>`
      SELECT u.id, u.roles,
             coalesce(array_agg(DISTINCT r.role) FILTER (WHERE r.role IS NOT NULL), '{}')::varchar[] AS given
        FROM users u
        JOIN scim_users s ON s.user_id = u.id
        LEFT JOIN scim_group_members m ON m.user_id = u.id
        LEFT JOIN scim_groups g ON g.id = m.group_id
        LEFT JOIN scim_group_roles r ON r.organization_id = u.organization_id AND lower(r.group_name) = lower(g.display_name)
       WHERE u.organization_id = ${organizationId} AND ${anyOf('u.id', userIds, 'uuid')}
       GROUP BY u.id, u.roles`.execute(qb);
    const mapped = await qb
      .selectFrom('scim_group_roles')
      .select('role')
      .distinct()
      .where('organization_id', '=', organizationId)
      .execute();
    return { users: users.rows, mapped: mapped.map((r) => r.role as Role) };
  }

  /** Every SCIM-managed person in a group or a mapped group, for a change of the map. */
  async allScimUserIds(organizationId: string): Promise<string[]> {
    requireOrganization(organizationId);
    const rows = await qb
      .selectFrom('scim_users')
      .select('user_id')
      .where('organization_id', '=', organizationId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  // ---- groups ----

  async findGroup(organizationId: string, id: string): Promise<ScimGroupRow | undefined> {
    requireOrganization(organizationId);
    return selectGroups(organizationId).where('g.id', '=', id).executeTakeFirst();
  }

  async listGroups(
    organizationId: string,
    only?: { attribute: 'displayName' | 'externalId' | 'id'; value: string },
  ): Promise<ScimGroupRow[]> {
    requireOrganization(organizationId);
    return selectGroups(organizationId)
      .$if(only?.attribute === 'displayName', (q) =>
        q.where(sql<boolean>`lower(g.display_name) = lower(${only!.value})`),
      )
      .$if(only?.attribute === 'externalId', (q) => q.where('g.external_id', '=', only!.value))
      .$if(only?.attribute === 'id', (q) => q.where(sql<boolean>`g.id::text = ${only!.value}`))
      .orderBy('g.created_at')
      .orderBy('g.id')
      .execute();
  }

  async insertGroup(organizationId: string, group: { displayName: string; externalId: string | null }) {
    requireOrganization(organizationId);
    return qb
      .insertInto('scim_groups')
      .values({ organization_id: organizationId, display_name: group.displayName, external_id: group.externalId })
      .returning(['id', 'display_name', 'external_id', 'created_at', 'updated_at'])
      .executeTakeFirstOrThrow();
  }

  async updateGroup(organizationId: string, id: string, group: { displayName: string; externalId: string | null }) {
    requireOrganization(organizationId);
    await qb
      .updateTable('scim_groups')
      .set({ display_name: group.displayName, external_id: group.externalId, updated_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  async deleteGroup(organizationId: string, id: string): Promise<void> {
    requireOrganization(organizationId);
    await qb.deleteFrom('scim_groups').where('organization_id', '=', organizationId).where('id', '=', id).execute();
  }

  /** The members of each of `groupIds` (people SCIM sees: not deleted). */
  async members(organizationId: string, groupIds: string[]) {
    requireOrganization(organizationId);
    if (groupIds.length === 0) return [];
    return qb
      .selectFrom('scim_group_members as m')
      .innerJoin('scim_users as s', 's.user_id', 'm.user_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.group_id', 'm.user_id', 'u.name'])
      .where('m.organization_id', '=', organizationId)
      .where(anyOf('m.group_id', groupIds, 'uuid'))
      .where('s.deleted_at', 'is', null)
      .orderBy('u.name')
      .orderBy('m.user_id')
      .execute();
  }

  /** Which of `ids` are SCIM-managed people of the organization, not deleted. */
  async existingUsers(organizationId: string, ids: string[]): Promise<Set<string>> {
    requireOrganization(organizationId);
    if (ids.length === 0) return new Set();
    const rows = await qb
      .selectFrom('scim_users')
      .select('user_id')
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .where(sql<boolean>`user_id::text = ANY(${ids}::text[])`)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }

  /** Sets a group's members to exactly `userIds`; returns who joined and who left. */
  async setMembers(organizationId: string, groupId: string, userIds: string[]) {
    requireOrganization(organizationId);
    const left = await sql<{ user_id: string }>`
      DELETE FROM scim_group_members
       WHERE organization_id = ${organizationId} AND group_id = ${groupId}
         AND NOT (user_id = ANY(${userIds}::uuid[]))
      RETURNING user_id`.execute(qb);
    const joined = await sql<{ user_id: string }>`
      INSERT INTO scim_group_members (organization_id, group_id, user_id)
      SELECT ${organizationId}, ${groupId}, id FROM unnest(${userIds}::uuid[]) AS id
      ON CONFLICT DO NOTHING
      RETURNING user_id`.execute(qb);
    return { joined: joined.rows.map((r) => r.user_id), left: left.rows.map((r) => r.user_id) };
  }
}
