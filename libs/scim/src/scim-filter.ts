import { parse, type Filter } from 'scim2-parse-filter';
import { ScimError } from './scim-error';

/** The longest filter a client may send; real clients send one comparison or two. */
export const MAX_FILTER_LENGTH = 2000;

/** A JSON resource as the SCIM API shows it. */
export type Resource = Record<string, unknown>;

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Attributes whose values compare with case (RFC 7643: `caseExact: true`); every other string compares without. */
const CASE_EXACT = new Set(['id', 'externalid', 'meta.version', 'members.value', 'groups.value']);
/** Attributes that hold a date-time: compared as instants, not as text. */
const DATE_TIMES = new Set(['meta.created', 'meta.lastmodified']);

/** Parses a `filter` parameter with the maintained parser; a parse failure is the client's `invalidFilter`. */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) {
    throw ScimError.invalidFilter(`filter is longer than ${MAX_FILTER_LENGTH} characters`);
  }
  let filter: Filter;
  try {
    filter = parse(text);
  } catch {
    throw ScimError.invalidFilter(`filter cannot be parsed: ${text.slice(0, 200)}`);
  }
  checkOperators(filter);
  return filter;
}

function checkOperators(filter: Filter): void {
  switch (filter.op) {
    case 'and':
    case 'or':
      filter.filters.forEach(checkOperators);
      return;
    case 'not':
      checkOperators(filter.filter);
      return;
    case '[]':
      checkOperators(filter.valFilter);
      return;
    case 'pr':
      return;
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      if (typeof filter.compValue === 'boolean' || filter.compValue === null) {
        throw ScimError.invalidFilter(`${filter.op} does not compare with ${String(filter.compValue)}`);
      }
      return;
    case 'eq':
    case 'ne':
    case 'co':
    case 'sw':
    case 'ew':
      return;
    default:
      throw ScimError.invalidFilter(`unknown operator ${(filter as { op: string }).op}`);
  }
}

/** Splits `urn:…:User:manager.value` into the schema it names (or undefined) and the attribute path. */
export function splitSchema(path: string): { schema: string | undefined; attribute: string } {
  const lower = path.toLowerCase();
  for (const schema of [ENTERPRISE_USER, CORE_USER, CORE_GROUP]) {
    if (lower.startsWith(`${schema.toLowerCase()}:`)) {
      return { schema, attribute: path.slice(schema.length + 1) };
    }
  }
  return { schema: undefined, attribute: path };
}

/** The key of `object` named `name` without regard to case (RFC 7643 §2.1), if any. */
export function keyOf(object: Resource, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}

/** Every value at `path` under `value`, arrays flattened (a multi-valued attribute matches when any value does). */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (value === null || typeof value !== 'object') return [];
  const key = keyOf(value as Resource, path[0]);
  return key === undefined ? [] : valuesAt((value as Resource)[key], path.slice(1));
}

/** The values an attribute path names in a resource, with the (lower-case) name to compare it by. */
function resolve(resource: Resource, attrPath: string): { values: unknown[]; name: string } {
  const { schema, attribute } = splitSchema(attrPath);
  const parts = attribute.split('.');
  const name = parts.join('.').toLowerCase();
  if (schema === ENTERPRISE_USER) {
    const key = keyOf(resource, ENTERPRISE_USER);
    return { values: key ? valuesAt(resource[key], parts) : [], name: `enterprise:${name}` };
  }
  return { values: valuesAt(resource, parts), name };
}

type Scalar = string | number | boolean | null;

function compare(op: string, raw: unknown, against: Scalar, name: string): boolean {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return false;
  const value: string | number | boolean = raw;
  if (typeof against === 'boolean' || typeof value === 'boolean') {
    return op === 'eq' && String(value).toLowerCase() === String(against).toLowerCase();
  }
  if (DATE_TIMES.has(name) && typeof against === 'string') {
    const a = Date.parse(String(value));
    const b = Date.parse(against);
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    return ordered(op, a, b);
  }
  if (typeof value === 'number' && typeof against === 'number') return ordered(op, value, against);
  const exact = CASE_EXACT.has(name);
  const left = exact ? String(value) : String(value).toLowerCase();
  const right = exact ? String(against) : String(against).toLowerCase();
  switch (op) {
    case 'co':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
    default:
      return ordered(op, left, right);
  }
}

function ordered<T extends string | number>(op: string, a: T, b: T): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
}

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * Whether a resource matches a filter (RFC 7644 §3.4.2.2): attribute names without regard to
 * case, strings compared without case unless the attribute is case-exact, date-times as instants,
 * a multi-valued attribute matching when any of its values does. `ne` is "no value equals".
 */
export function matches(resource: Resource, filter: Filter): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((f) => matches(resource, f));
    case 'or':
      return filter.filters.some((f) => matches(resource, f));
    case 'not':
      return !matches(resource, filter.filter);
    case '[]': {
      const { values } = resolve(resource, filter.attrPath);
      return values.some((v) => v !== null && typeof v === 'object' && matches(v as Resource, filter.valFilter));
    }
    case 'pr':
      return resolve(resource, filter.attrPath).values.some(present);
    case 'ne': {
      const { values, name } = resolve(resource, filter.attrPath);
      if (filter.compValue === null) return values.some(present);
      return !values.some((v) => compare('eq', v, filter.compValue, name));
    }
    default: {
      const { values, name } = resolve(resource, filter.attrPath);
      if (filter.op === 'eq' && filter.compValue === null) return !values.some(present);
      return values.some((v) => compare(filter.op, v, filter.compValue, name));
    }
  }
}

/** When a filter is exactly `attribute eq "value"` on one of `attributes`: which, and the value. */
export function simpleEquality(filter: Filter, attributes: string[]): { attribute: string; value: string } | undefined {
  if (filter.op !== 'eq' || typeof filter.compValue !== 'string') return undefined;
  const { schema, attribute } = splitSchema(filter.attrPath);
  if (schema === ENTERPRISE_USER) return undefined;
  const found = attributes.find((a) => a.toLowerCase() === attribute.toLowerCase());
  return found ? { attribute: found, value: filter.compValue } : undefined;
}

export type { Filter };
