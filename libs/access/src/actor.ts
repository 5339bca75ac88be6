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
