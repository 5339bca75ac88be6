/** Where the committed OpenAPI document lives, relative to the repository root. */
export const OPENAPI_FILE = 'apps/api/openapi.json';

/** Object keys in code-point order at every level; arrays keep their order (it carries meaning). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * The committed form of the OpenAPI document: sorted keys, two-space indent, final newline,
 * so regenerating an unchanged API rewrites the same bytes and a diff shows only what changed.
 */
export function serializeOpenApi(document: unknown): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}
