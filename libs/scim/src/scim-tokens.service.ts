import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, ROLES, type Actor, type Role } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { ONE_LINE } from '@leadpath/platform/http';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import type { CreatedScimTokenResponse, CreateScimTokenDto, GroupRoles, ScimTokenPage } from './dto/scim-token.dto';
import { ScimRoles } from './scim-roles.service';
import { ScimRepository } from './scim.repository';

/** The hash a token is kept and found by. */
export const hashScimToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const MAX_GROUPS = 500;

/** HR's side of provisioning: the tokens identity providers hold, and the group → role map. */
@Injectable()
export class ScimTokensService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repository: ScimRepository,
    private readonly roles: ScimRoles,
  ) {}

  async create(actor: Actor, dto: CreateScimTokenDto): Promise<CreatedScimTokenResponse> {
    await this.access.require(actor, Permission.ScimManage);
    // 256 random bits; the prefix lets secret scanners recognise a leaked token.
    const token = `scim_${randomBytes(32).toString('base64url')}`;
    const row = await this.repository.insertToken(actor.organizationId, dto.name, hashScimToken(token), actor.userId);
    await this.audit.record(actor, { action: 'scim_token.create', objectType: 'scim_token', objectId: row.id });
    return { id: row.id, name: row.name, token, createdAt: row.created_at.toISOString() };
  }

  async list(actor: Actor): Promise<ScimTokenPage> {
    await this.access.require(actor, Permission.ScimManage);
    const rows = await this.repository.listTokens(actor.organizationId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        createdBy: r.created_by,
        createdAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at?.toISOString() ?? null,
      })),
      nextCursor: null,
    };
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.access.require(actor, Permission.ScimManage);
    if (!(await this.repository.revokeToken(actor.organizationId, id))) throw DomainError.notFound('SCIM token');
    await this.audit.record(actor, { action: 'scim_token.revoke', objectType: 'scim_token', objectId: id });
  }

  async groupRoles(actor: Actor): Promise<GroupRoles> {
    await this.access.require(actor, Permission.ScimManage);
    const rows = await this.repository.groupRoles(actor.organizationId);
    return Object.fromEntries(rows.map((r) => [r.group_name, r.role as Role]));
  }

  /** Replaces the map, and the roles of every SCIM-managed person follow it at once. */
  async replaceGroupRoles(actor: Actor, body: unknown): Promise<GroupRoles> {
    await this.access.require(actor, Permission.ScimManage);
    const map = readGroupRoles(body);
    const before = await this.repository.groupRoles(actor.organizationId);
    await this.repository.replaceGroupRoles(actor.organizationId, map);
    await this.audit.record(actor, {
      action: 'scim.group_roles',
      objectType: 'organization',
      objectId: actor.organizationId,
    });
    await this.roles.recompute(
      actor,
      await this.repository.allScimUserIds(actor.organizationId),
      before.map((r) => r.role as Role),
    );
    return Object.fromEntries(map.map((m) => [m.groupName, m.role]));
  }
}

function readGroupRoles(body: unknown): { groupName: string; role: Role }[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.invalid('body', 'must be an object of group name → role');
  }
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length > MAX_GROUPS) throw DomainError.invalid('body', `must map at most ${MAX_GROUPS} groups`);
  const problems: { field: string; messages: string[] }[] = [];
  const seen = new Set<string>();
  const out: { groupName: string; role: Role }[] = [];
  for (const [name, role] of entries) {
    const groupName = name.trim();
    const field = name.slice(0, 300);
    if (groupName === '' || groupName.length > 300 || !ONE_LINE.test(groupName)) {
      problems.push({ field, messages: ['a group name must be one line of 1 to 300 printable characters'] });
    } else if (seen.has(groupName.toLowerCase())) {
      problems.push({ field, messages: ['this group is named twice (names compare without case)'] });
    }
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      problems.push({ field, messages: [`the role must be one of ${ROLES.join(', ')}`] });
    }
    seen.add(groupName.toLowerCase());
    out.push({ groupName, role: role as Role });
  }
  if (problems.length > 0) {
    throw new DomainError(ErrorCode.Validation, `Invalid input: ${problems.map((p) => p.field).join(', ')}`, problems);
  }
  return out;
}
