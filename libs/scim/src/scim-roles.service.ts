import { Injectable } from '@nestjs/common';
import { ROLES, rolesFromGroups, type Role } from '@leadpath/access';
import { AuditService, type AuditActor } from '@leadpath/audit';
import { UsersRepository } from '@leadpath/users';
import { ScimRepository } from './scim.repository';

/**
 * A SCIM-managed person's roles follow their groups: every role HR's map gives at all is held
 * exactly when one of their groups gives it; a role the map never gives stays as HR set it (so
 * mapping only `manager` never takes an HR admin's role away).
 */
@Injectable()
export class ScimRoles {
  constructor(
    private readonly repository: ScimRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * `formerlyMapped`: roles the map gave before a change of the map, which groups gave and so
   * are taken back when no group gives them any more.
   */
  async recompute(actor: AuditActor, userIds: string[], formerlyMapped: readonly Role[] = []): Promise<void> {
    if (userIds.length === 0) return;
    const sources = await this.repository.roleSources(actor.organizationId, [...new Set(userIds)]);
    const { users } = sources;
    const mapped = [...sources.mapped, ...formerlyMapped];
    for (const user of users) {
      const next = rolesFromGroups(user.roles, mapped, user.given);
      if (next.join() === ROLES.filter((r) => user.roles.includes(r)).join()) continue;
      // A role change ends the person's tokens, as an HR edit does.
      await this.users.update(actor.organizationId, user.id, { roles: next }, true);
      await this.audit.record(actor, { action: 'user.roles_from_groups', objectType: 'user', objectId: user.id });
    }
  }
}
