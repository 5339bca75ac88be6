import type { ClientBase, Pool } from 'pg';
import { fromDist } from './dist';

/**
 * With row-level security in the schema, the API runs each authenticated request in one
 * transaction as its tenant role, with the caller's organization set for that transaction; the
 * policies then add an organization predicate to every table a query reads. That changes what
 * PostgreSQL does (and the plans it picks), so the baseline and the COPY reference must open the
 * same kind of transaction to do the same work. Without it in the schema, this returns undefined
 * and both run their statements directly, as the API then does too.
 */
export async function tenantTransaction(
  sql: Pool | ClientBase,
): Promise<((organizationId: string) => string) | undefined> {
  const role = await tenantRole(sql);
  if (!role) return undefined;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  // One round trip, as the API sends it; the id is inlined, so it must be a UUID.
  return (organizationId: string) => {
    if (!uuid.test(organizationId)) throw new Error('tenant transaction without a valid organization id');
    return `BEGIN; SET LOCAL ROLE ${role}; SELECT set_config('app.organization_id', '${organizationId}', true)`;
  };
}

/** The role tenant work runs as, when the schema has row-level security; else undefined. */
export async function tenantRole(sql: Pool | ClientBase): Promise<string | undefined> {
  const { APP_ROLE: role } = fromDist<{ APP_ROLE?: string }>('libs/platform/src/database/database.service');
  if (!role || !/^[a-z_][a-z0-9_]*$/.test(role)) return undefined;
  const { rows } = await sql.query<{ enabled: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
        AND EXISTS (SELECT 1 FROM pg_class WHERE oid = 'feedback'::regclass AND relrowsecurity) AS enabled`,
    [role],
  );
  return rows[0]?.enabled ? role : undefined;
}
