export const ROLES = ['hr_admin', 'manager', 'mentee'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in caller, resolved from the token and the current user row on every request. */
export interface Actor {
  userId: string;
  organizationId: string;
  roles: Role[];
  /** Set when the caller is a mentee. */
  menteeId: string | null;
  requestId: string | null;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/**
 * A person's roles when an identity provider's groups decide some of them: every role HR's group
 * map gives at all (`mapped`) is held exactly when one of the person's groups gives it (`given`);
 * a role the map never gives stays as HR set it (so mapping only `manager` never takes an HR
 * admin's role away). SCIM group membership and a single sign-on groups claim both use it.
 */
export function rolesFromGroups(current: readonly Role[], mapped: readonly Role[], given: readonly Role[]): Role[] {
  return ROLES.filter((r) => (current.includes(r) && !mapped.includes(r)) || given.includes(r));
}
