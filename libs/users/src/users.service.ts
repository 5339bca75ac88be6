import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor, type Role } from '@leadpath/access';
import { AuditService, diffFields } from '@leadpath/audit';
import { CredentialsService } from '@leadpath/credentials';
import { Database, isUniqueViolation, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import { decodeCursor, DEFAULT_LIMIT, toPage, type Page } from '@leadpath/platform/http';
import type { CreateUserDto, UpdateUserDto, UserQueryDto, UserResponse } from './dto/user.dto';
import { PasswordService } from './passwords/password.service';
import { UsersRepository, type UserRow } from './users.repository';

const EMAIL_TAKEN = 'This e-mail address is already in use';

/** Invitations HR may send one person in an hour (each is a mail to their inbox). */
export const INVITATIONS_PER_HOUR = 3;

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly readiness: ReadinessInputs,
    private readonly credentials: CredentialsService,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    await this.access.require(actor, Permission.UserCreate);
    // The request's unit of work is the transaction: the user, the invitation and its job
    // commit together or not at all.
    if (dto.password !== undefined) {
      const user = await this.insertUser(actor.organizationId, { ...dto, password: dto.password });
      await this.audit.record(actor, { action: 'user.create', objectType: 'user', objectId: user.id });
      return toUserResponse(user);
    }
    // No password yet: a random one nobody knows (so sign-in costs what it always costs), and an
    // invitation to choose one, mailed once the request commits.
    const user = await this.insertUser(actor.organizationId, {
      ...dto,
      password: randomBytes(32).toString('hex'),
    });
    await this.credentials.issue(actor.organizationId, user.id, 'invitation');
    await this.audit.record(actor, { action: 'user.invite', objectType: 'user', objectId: user.id });
    return toUserResponse(user);
  }

  /** Validates, hashes and inserts; shared with sign-up, which creates the first HR admin. */
  async insertUser(
    organizationId: string,
    dto: { email: string; name: string; roles: Role[]; password: string },
    passwordField = 'password',
  ): Promise<UserRow> {
    this.passwords.assertAcceptable(dto.password, passwordField, dto.email);
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      return await this.users.insert(organizationId, { ...dto, passwordHash });
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict(EMAIL_TAKEN);
      throw error;
    }
  }

  async list(actor: Actor, query: UserQueryDto): Promise<Page<UserResponse>> {
    await this.access.require(actor, Permission.UserList);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.users.list(
      actor.organizationId,
      { role: query.role, active: query.active, q: query.q?.trim() || undefined },
      limit,
      decodeCursor(query.cursor),
    );
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toUserResponse);
  }

  async get(actor: Actor, id: string): Promise<UserResponse> {
    await this.access.require(actor, Permission.UserRead, id);
    const row = await this.users.findById(actor.organizationId, id);
    if (!row) throw DomainError.notFound('User');
    return toUserResponse(row);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    await this.access.require(actor, Permission.UserUpdate, id);
    const current = await this.users.lock(actor.organizationId, id);
    if (!current) throw DomainError.notFound('User');
    if (dto.password !== undefined) {
      this.passwords.assertAcceptable(dto.password, 'password', dto.email ?? current.email);
    }
    if (id === actor.userId && (dto.active === false || (dto.roles && !dto.roles.includes('hr_admin')))) {
      throw DomainError.conflict('You cannot deactivate yourself or remove your own HR admin role');
    }
    const rolesChanged = dto.roles !== undefined && [...dto.roles].sort().join() !== [...current.roles].sort().join();
    const activeChanged = dto.active !== undefined && dto.active !== current.active;
    const emailChanged = dto.email !== undefined && dto.email !== current.email;
    // The change spends every open link of the account (a trigger on users, in this transaction:
    // migration AccountChangeSpendsLinks). An invitation sent to a mistyped address is then dead,
    // so the person at the corrected address gets a new one, unless HR sets the password now.
    const reinvite = emailChanged && dto.password === undefined && (await this.credentials.hasOpenInvitation(id));
    const passwordHash = dto.password === undefined ? undefined : await this.passwords.hash(dto.password);
    let updated: UserRow;
    try {
      updated = await this.users.update(
        actor.organizationId,
        id,
        {
          email: dto.email,
          name: dto.name,
          roles: dto.roles,
          active: dto.active,
          passwordHash,
          breakGlass: dto.breakGlass,
        },
        rolesChanged || activeChanged || passwordHash !== undefined,
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict(EMAIL_TAKEN);
      throw error;
    }
    // The read model carries a mentee's name, for the export's order.
    if (dto.name !== undefined && dto.name !== current.name) {
      await this.readiness.userChanged(actor.organizationId, id);
    }
    const action = activeChanged ? (dto.active ? 'user.reactivate' : 'user.deactivate') : 'user.update';
    // Before → after of what HR sees; a password is recorded as changed, never its value.
    const changes = diffFields(
      {
        name: current.name,
        email: current.email,
        roles: current.roles,
        active: current.active,
        breakGlass: current.break_glass,
      },
      { name: dto.name, email: dto.email, roles: dto.roles, active: dto.active, breakGlass: dto.breakGlass },
    );
    const withPassword =
      passwordHash === undefined ? changes : { ...changes, password: { from: 'hidden', to: 'changed' } };
    await this.audit.record(actor, { action, objectType: 'user', objectId: id, changes: withPassword });
    if (reinvite && updated.active) {
      await this.credentials.issue(actor.organizationId, id, 'invitation');
      await this.audit.record(actor, { action: 'user.invite', objectType: 'user', objectId: id });
    }
    return toUserResponse(updated);
  }

  /**
   * Sends the person a new invitation link (the earlier ones keep working until they expire or
   * one is used). Only for someone still invited: an active account resets its password instead.
   */
  async resendInvitation(actor: Actor, id: string): Promise<UserResponse> {
    await this.access.require(actor, Permission.UserUpdate, id);
    const current = await this.users.lock(actor.organizationId, id);
    if (!current) throw DomainError.notFound('User');
    if (!current.active) throw DomainError.conflict('This person is deactivated; reactivate them first');
    if (!current.invited_at) {
      throw DomainError.conflict('This person has already chosen a password; they can reset it from the sign-in page');
    }
    if ((await this.credentials.recentCount(id, 'invitation')) >= INVITATIONS_PER_HOUR) {
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `At most ${INVITATIONS_PER_HOUR} invitations an hour can be sent to one person; try again later`,
        undefined,
        { 'retry-after': '3600' },
      );
    }
    await this.credentials.issue(actor.organizationId, id, 'invitation');
    await this.audit.record(actor, { action: 'user.invite', objectType: 'user', objectId: id });
    const updated = await this.users.findById(actor.organizationId, id);
    return toUserResponse(updated!);
  }
}

export function toUserResponse(row: UserRow): UserResponse {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    active: row.active,
    status: !row.active ? 'deactivated' : row.invited_at ? 'invited' : 'active',
    invitedAt: row.active && row.invited_at ? row.invited_at.toISOString() : null,
    breakGlass: row.break_glass,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
