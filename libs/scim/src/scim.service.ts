import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService, type AuditActor } from '@leadpath/audit';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { isUniqueViolation, ReadinessInputs } from '@leadpath/platform/database';
import { PasswordService, UsersRepository } from '@leadpath/users';
import { ScimError } from './scim-error';
import { matches, parseFilter, simpleEquality, type Filter, type Resource } from './scim-filter';
import { applyPatch, readPatch } from './scim-patch';
import {
  listResponse,
  mailAddress,
  paging,
  personName,
  project,
  readAttribute,
  readGroup,
  readUser,
  toGroupResource,
  toUserResource,
  type UserInput,
} from './scim-resources';
import { ScimRoles } from './scim-roles.service';
import { ScimRepository, type ScimUserRow } from './scim.repository';

/** The most resources one list answer holds (ServiceProviderConfig's `filter.maxResults`). */
export const MAX_RESULTS = 200;

/** Who acts in a SCIM request: a provisioning token of one organization. */
export interface ScimCaller extends AuditActor {
  /** The token's id, recorded as the audit actor (the trail shows the token's name). */
  userId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An address no mail can reach (RFC 2606): held by an account whose SCIM addresses give no usable one. */
const placeholderEmail = (id: string) => `${id}@scim.invalid`;

@Injectable()
export class ScimService {
  /** One password hash nobody knows, shared by SCIM-made accounts: they sign in through SSO. */
  private unusablePassword?: Promise<string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ScimRepository,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly readiness: ReadinessInputs,
    private readonly roles: ScimRoles,
  ) {}

  /** The SCIM base URL, as identity providers are told to use it. */
  get base(): string {
    return `${this.config.publicUrl}/scim/v2`;
  }

  // ---- users ----

  async getUser(caller: ScimCaller, id: string, query: Resource): Promise<Resource> {
    const row = await this.visibleUser(caller, id);
    return project(
      await this.userResource(caller, row),
      readAttribute(query, 'attributes'),
      readAttribute(query, 'excludedAttributes'),
    );
  }

  async listUsers(caller: ScimCaller, query: Resource): Promise<Resource> {
    const { startIndex, count } = paging(query, MAX_RESULTS);
    const filterText = readAttribute(query, 'filter');
    const filter = typeof filterText === 'string' && filterText.trim() !== '' ? parseFilter(filterText) : undefined;
    const attributes = readAttribute(query, 'attributes');
    const excluded = readAttribute(query, 'excludedAttributes');
    if (!filter) {
      // A provider's full import pages through everyone: the database pages too.
      const total = await this.repository.countUsers(caller.organizationId);
      const rows =
        count === 0
          ? []
          : await this.repository.listUsers(caller.organizationId, undefined, { offset: startIndex - 1, limit: count });
      const resources = await this.userResources(caller, rows);
      return listResponse(
        resources.map((r) => project(r, attributes, excluded)),
        total,
        startIndex,
      );
    }
    const only = simpleEquality(filter, ['userName', 'externalId', 'id']);
    const rows =
      only?.attribute === 'id' && !UUID.test(only.value)
        ? []
        : await this.repository.listUsers(caller.organizationId, only as Parameters<ScimRepository['listUsers']>[1]);
    const resources = await this.userResources(caller, rows);
    const matching = only ? resources : resources.filter((r) => matches(r, filter));
    const page = matching.slice(startIndex - 1, startIndex - 1 + count);
    return listResponse(
      page.map((r) => project(r, attributes, excluded)),
      matching.length,
      startIndex,
    );
  }

  /**
   * POST: a new person, or — when the userName belongs to someone deactivated or deleted — the
   * same person back (their history stays theirs). An active holder of the userName is a 409.
   */
  async createUser(caller: ScimCaller, body: unknown): Promise<Resource> {
    const input = readUser(body);
    await this.repository.lockPeople(caller.organizationId);
    const existing = await this.repository.findByUserName(caller.organizationId, input.userName);
    if (existing) {
      if (existing.active && existing.deleted_at === null) {
        throw ScimError.uniqueness(`userName ${input.userName} is already taken`);
      }
      return this.saveUser(caller, existing, { ...input, active: input.active });
    }
    const id = await this.createAccount(caller, input);
    await this.afterIdentityChange(caller, id, true);
    await this.audit.record(caller, { action: 'user.create', objectType: 'user', objectId: id });
    return this.userResource(caller, await this.visibleUser(caller, id));
  }

  async replaceUser(caller: ScimCaller, id: string, body: unknown): Promise<Resource> {
    const input = readUser(body);
    const current = await this.visibleUser(caller, id);
    return this.saveUser(caller, current, input);
  }

  async patchUser(caller: ScimCaller, id: string, body: unknown): Promise<Resource> {
    const operations = readPatch(body);
    const current = await this.visibleUser(caller, id);
    const patched = applyPatch(await this.userResource(caller, current), operations);
    return this.saveUser(caller, current, readUser(patched));
  }

  /** DELETE deactivates (sessions end, history stays) and hides the person from SCIM until a POST brings them back. */
  async deleteUser(caller: ScimCaller, id: string): Promise<void> {
    await this.repository.lockPeople(caller.organizationId);
    const current = await this.visibleUser(caller, id);
    if (current.active) await this.users.update(caller.organizationId, id, { active: false }, true);
    await this.repository.markDeleted(caller.organizationId, id);
    await this.afterIdentityChange(caller, id, true);
    await this.audit.record(caller, { action: 'user.deactivate', objectType: 'user', objectId: id });
  }

  private async visibleUser(caller: ScimCaller, id: string): Promise<ScimUserRow> {
    const row = UUID.test(id) ? await this.repository.findUser(caller.organizationId, id) : undefined;
    if (!row) throw ScimError.notFound('User', id);
    return row;
  }

  private async createAccount(caller: ScimCaller, input: UserInput): Promise<string> {
    const org = caller.organizationId;
    const address = mailAddress(input);
    const holder = address ? await this.repository.emailHolder(org, address) : undefined;
    try {
      if (holder && !holder.scim_user_id) {
        // An account HR made by hand for the same address: the identity provider takes it over,
        // so the person keeps one account and their history.
        await this.repository.upsertIdentity(org, holder.id, input);
        const current = await this.repository.findUser(org, holder.id);
        if (current && current.active !== input.active) {
          await this.users.update(org, holder.id, { active: input.active }, true);
        }
        return holder.id;
      }
      const id = randomUUID();
      this.unusablePassword ??= this.passwords.hash(randomBytes(32).toString('hex'));
      await this.repository.insertAccount(org, {
        id,
        email: address && !holder ? address : placeholderEmail(id),
        name: personName(input),
        passwordHash: await this.unusablePassword,
        active: input.active,
      });
      await this.repository.upsertIdentity(org, id, input);
      return id;
    } catch (error) {
      if (isUniqueViolation(error)) throw ScimError.uniqueness(`userName ${input.userName} is already taken`);
      throw error;
    }
  }

  /** Stores a person's full new state (PUT, a PATCH's result, a POST that brings them back). */
  private async saveUser(caller: ScimCaller, current: ScimUserRow, input: UserInput): Promise<Resource> {
    const org = caller.organizationId;
    const address = mailAddress(input);
    let email: string | undefined;
    if (address && address !== current.email) {
      const holder = await this.repository.emailHolder(org, address);
      if (!holder) email = address;
    }
    const name = personName(input);
    const wasActive = current.active && current.deleted_at === null;
    const activeChanged = input.active !== current.active;
    const same = (a: string | null, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
    // Only a change of what manager references match on (or of the reference itself) links;
    // the lock comes before any row is written (see lockPeople). A title or an address does not.
    const links =
      current.deleted_at !== null ||
      !same(current.user_name, input.userName) ||
      current.external_id !== input.externalId ||
      current.manager_ref !== input.managerRef;
    if (links) await this.repository.lockPeople(org);
    try {
      await this.repository.upsertIdentity(org, current.id, input);
      await this.users.update(org, current.id, { name, email, active: input.active }, activeChanged);
    } catch (error) {
      if (isUniqueViolation(error)) throw ScimError.uniqueness(`userName ${input.userName} is already taken`);
      throw error;
    }
    if (name !== current.name) await this.readiness.userChanged(org, current.id);
    if (links || current.department !== input.department) await this.afterIdentityChange(caller, current.id, links);
    const nowActive = input.active;
    const action = wasActive === nowActive ? 'user.update' : nowActive ? 'user.reactivate' : 'user.deactivate';
    await this.audit.record(caller, { action, objectType: 'user', objectId: current.id });
    return this.userResource(caller, await this.visibleUser(caller, current.id));
  }

  /** Links manager references both ways (when `link`) and carries department and manager into mentee enrolments. */
  private async afterIdentityChange(caller: ScimCaller, userId: string, link: boolean): Promise<void> {
    const changed = link ? await this.repository.linkManagers(caller.organizationId, userId) : [];
    const mentees = await this.repository.syncMentees(caller.organizationId, [...new Set([userId, ...changed])]);
    if (mentees.length > 0) await this.readiness.menteesChanged(caller.organizationId, mentees);
  }

  private async userResource(caller: ScimCaller, row: ScimUserRow): Promise<Resource> {
    return (await this.userResources(caller, [row]))[0];
  }

  private async userResources(caller: ScimCaller, rows: ScimUserRow[]): Promise<Resource[]> {
    const groups = await this.repository.groupsOf(
      caller.organizationId,
      rows.map((r) => r.id),
    );
    const byUser = new Map<string, { id: string; display_name: string }[]>();
    for (const g of groups) byUser.set(g.user_id, [...(byUser.get(g.user_id) ?? []), g]);
    return rows.map((r) => toUserResource(r, byUser.get(r.id) ?? [], this.base));
  }

  // ---- groups ----

  async getGroup(caller: ScimCaller, id: string, query: Resource): Promise<Resource> {
    const resource = await this.groupResource(caller, id);
    return project(resource, readAttribute(query, 'attributes'), readAttribute(query, 'excludedAttributes'));
  }

  async listGroups(caller: ScimCaller, query: Resource): Promise<Resource> {
    const { startIndex, count } = paging(query, MAX_RESULTS);
    const filterText = readAttribute(query, 'filter');
    const filter: Filter | undefined =
      typeof filterText === 'string' && filterText.trim() !== '' ? parseFilter(filterText) : undefined;
    const only = filter ? simpleEquality(filter, ['displayName', 'externalId', 'id']) : undefined;
    const rows =
      only?.attribute === 'id' && !UUID.test(only.value)
        ? []
        : await this.repository.listGroups(caller.organizationId, only as Parameters<ScimRepository['listGroups']>[1]);
    const members = await this.repository.members(
      caller.organizationId,
      rows.map((r) => r.id),
    );
    const byGroup = new Map<string, { user_id: string; name: string }[]>();
    for (const m of members) byGroup.set(m.group_id, [...(byGroup.get(m.group_id) ?? []), m]);
    const resources = rows.map((r) => toGroupResource(r, byGroup.get(r.id) ?? [], this.base));
    const matching = filter && !only ? resources.filter((r) => matches(r, filter)) : resources;
    const page = matching.slice(startIndex - 1, startIndex - 1 + count);
    const attributes = readAttribute(query, 'attributes');
    const excluded = readAttribute(query, 'excludedAttributes');
    return listResponse(
      page.map((r) => project(r, attributes, excluded)),
      matching.length,
      startIndex,
    );
  }

  async createGroup(caller: ScimCaller, body: unknown): Promise<Resource> {
    const input = readGroup(body);
    const members = await this.checkMembers(caller, input.members ?? []);
    let id: string;
    try {
      id = (await this.repository.insertGroup(caller.organizationId, input)).id;
    } catch (error) {
      if (isUniqueViolation(error)) throw ScimError.uniqueness(`a group named ${input.displayName} exists`);
      throw error;
    }
    const { joined } = await this.repository.setMembers(caller.organizationId, id, members);
    await this.audit.record(caller, { action: 'scim_group.create', objectType: 'scim_group', objectId: id });
    await this.roles.recompute(caller, joined);
    return this.groupResource(caller, id);
  }

  async replaceGroup(caller: ScimCaller, id: string, body: unknown): Promise<Resource> {
    await this.groupResource(caller, id);
    return this.saveGroup(caller, id, body);
  }

  async patchGroup(caller: ScimCaller, id: string, body: unknown): Promise<Resource> {
    const operations = readPatch(body);
    const current = await this.groupResource(caller, id);
    return this.saveGroup(caller, id, applyPatch(current, operations));
  }

  async deleteGroup(caller: ScimCaller, id: string): Promise<void> {
    const current = await this.groupResource(caller, id);
    const former = (current.members as { value: string }[]).map((m) => m.value);
    await this.repository.deleteGroup(caller.organizationId, id);
    await this.audit.record(caller, { action: 'scim_group.delete', objectType: 'scim_group', objectId: id });
    await this.roles.recompute(caller, former);
  }

  private async saveGroup(caller: ScimCaller, id: string, body: unknown): Promise<Resource> {
    const input = readGroup(body);
    const before = await this.repository.findGroup(caller.organizationId, id);
    const members = await this.checkMembers(caller, input.members ?? []);
    try {
      await this.repository.updateGroup(caller.organizationId, id, input);
    } catch (error) {
      if (isUniqueViolation(error)) throw ScimError.uniqueness(`a group named ${input.displayName} exists`);
      throw error;
    }
    const { joined, left } = await this.repository.setMembers(caller.organizationId, id, members);
    await this.audit.record(caller, { action: 'scim_group.update', objectType: 'scim_group', objectId: id });
    // A renamed group may now fall under another mapping: all its members are looked at again.
    const renamed = before !== undefined && before.display_name.toLowerCase() !== input.displayName.toLowerCase();
    await this.roles.recompute(caller, renamed ? [...members, ...left] : [...joined, ...left]);
    return this.groupResource(caller, id);
  }

  /** Member references must name SCIM-managed people of this organization. */
  private async checkMembers(caller: ScimCaller, values: string[]): Promise<string[]> {
    const unique = [...new Set(values)];
    const bad = unique.find((v) => !UUID.test(v));
    if (bad !== undefined) throw ScimError.invalidValue(`member ${bad.slice(0, 100)} is not a User id`);
    const found = await this.repository.existingUsers(caller.organizationId, unique);
    const missing = unique.find((v) => !found.has(v.toLowerCase()));
    if (missing !== undefined) throw ScimError.invalidValue(`member ${missing} is not a User of this organization`);
    return unique.map((v) => v.toLowerCase());
  }

  private async groupResource(caller: ScimCaller, id: string): Promise<Resource> {
    const row = UUID.test(id) ? await this.repository.findGroup(caller.organizationId, id) : undefined;
    if (!row) throw ScimError.notFound('Group', id);
    const members = await this.repository.members(caller.organizationId, [id]);
    return toGroupResource(row, members, this.base);
  }
}
