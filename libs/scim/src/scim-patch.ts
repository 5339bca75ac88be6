import { parse, type Filter } from 'scim2-parse-filter';
import { ScimError } from './scim-error';
import { ENTERPRISE_USER, keyOf, matches, splitSchema, type Resource } from './scim-filter';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}

/** More operations than any client sends in one request (Entra ID batches up to about 10). */
export const MAX_OPERATIONS = 1000;

/** Attributes that hold a list, so `add` appends to them rather than replacing them. */
const MULTI_VALUED = new Set([
  'emails',
  'phonenumbers',
  'addresses',
  'ims',
  'photos',
  'members',
  'roles',
  'entitlements',
  'x509certificates',
]);

/**
 * Reads a PatchOp request (RFC 7644 §3.5.2) as real clients send it: `Operations` in any case,
 * operation names in any case (Entra ID sends `Replace`), a path or none.
 */
export function readPatch(body: unknown): PatchOperation[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ScimError.invalidSyntax('The body must be a PatchOp object');
  }
  const request = body as Resource;
  const schemasKey = keyOf(request, 'schemas');
  if (schemasKey !== undefined) {
    const schemas = request[schemasKey];
    if (
      !Array.isArray(schemas) ||
      !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_SCHEMA.toLowerCase())
    ) {
      throw ScimError.invalidSyntax(`schemas must list ${PATCH_SCHEMA}`);
    }
  }
  const operationsKey = keyOf(request, 'Operations');
  const operations = operationsKey === undefined ? undefined : request[operationsKey];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimError.invalidSyntax('Operations must be a non-empty array');
  }
  if (operations.length > MAX_OPERATIONS) throw ScimError.invalidSyntax(`At most ${MAX_OPERATIONS} operations`);
  return operations.map((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw ScimError.invalidSyntax(`Operations[${i}] must be an object`);
    }
    const operation = raw as Resource;
    const opKey = keyOf(operation, 'op');
    const name = opKey === undefined ? undefined : operation[opKey];
    const op = typeof name === 'string' ? name.toLowerCase() : undefined;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw ScimError.invalidSyntax(`Operations[${i}].op must be add, replace or remove`);
    }
    const pathKey = keyOf(operation, 'path');
    const path = pathKey === undefined ? undefined : operation[pathKey];
    if (path !== undefined && path !== null && (typeof path !== 'string' || path.trim() === '')) {
      throw ScimError.invalidPath(`Operations[${i}].path must be a non-empty string`);
    }
    const valueKey = keyOf(operation, 'value');
    const value = valueKey === undefined ? undefined : operation[valueKey];
    if (op !== 'remove' && value === undefined)
      throw ScimError.invalidValue(`Operations[${i}].value is required for ${op}`);
    if (op === 'remove' && (path === undefined || path === null)) {
      throw new ScimError(400, 'noTarget', `Operations[${i}]: remove needs a path`);
    }
    return {
      op,
      ...(typeof path === 'string' ? { path: path.trim() } : {}),
      ...(value === undefined ? {} : { value }),
    };
  });
}

interface ParsedPath {
  /** The object the attribute lives in: the resource, or its enterprise extension. */
  extension: boolean;
  attribute: string;
  filter?: Filter;
  sub?: string;
}

const PATH = /^([A-Za-z$][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z$][\w$-]*))?$/s;

function parsePath(path: string): ParsedPath {
  const { schema, attribute: rest } = splitSchema(path);
  const match = PATH.exec(rest);
  if (!match) throw ScimError.invalidPath(`path cannot be parsed: ${path.slice(0, 200)}`);
  const [, attribute, filterText, sub] = match;
  let filter: Filter | undefined;
  if (filterText !== undefined) {
    try {
      filter = parse(filterText);
    } catch {
      throw ScimError.invalidPath(`the value filter in ${path.slice(0, 200)} cannot be parsed`);
    }
  }
  return { extension: schema === ENTERPRISE_USER, attribute, filter, sub };
}

const isObject = (v: unknown): v is Resource => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The key to write `name` under in `object`: the one already there in any case, else `name` as given. */
const keyFor = (object: Resource, name: string): string => keyOf(object, name) ?? name;

/** Merges `value`'s keys into `target` (keys matched without regard to case). */
function merge(target: Resource, value: Resource): Resource {
  const out = { ...target };
  for (const [k, v] of Object.entries(value)) out[keyFor(out, k)] = v;
  return out;
}

function sameMember(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b)) {
    const av = a[keyOf(a, 'value') ?? 'value'];
    const bv = b[keyOf(b, 'value') ?? 'value'];
    return av !== undefined && av === bv;
  }
  return a === b;
}

/** A new element for a filter of equalities (`type eq "work"`): what an `add` through it creates. */
function seedFrom(filter: Filter): Resource | undefined {
  if (filter.op === 'eq' && !filter.attrPath.includes('.')) return { [filter.attrPath]: filter.compValue };
  if (filter.op === 'and') {
    const parts = filter.filters.map(seedFrom);
    if (parts.every((p) => p !== undefined)) return Object.assign({}, ...parts) as Resource;
  }
  return undefined;
}

/** Applies one operation with a path to `target` (the resource or its extension object), in place. */
function applyAt(target: Resource, op: PatchOpName, path: ParsedPath, value: unknown): void {
  const key = keyFor(target, path.attribute);
  const multi = MULTI_VALUED.has(path.attribute.toLowerCase());
  const current = target[key];
  if (path.filter) {
    const filter = path.filter;
    const list = Array.isArray(current) ? [...(current as unknown[])] : [];
    const hits = list.map((item, i) => (isObject(item) && matches(item, filter) ? i : -1)).filter((i) => i >= 0);
    if (op === 'remove') {
      if (path.sub) {
        for (const i of hits) {
          const item = { ...(list[i] as Resource) };
          delete item[keyFor(item, path.sub)];
          list[i] = item;
        }
        target[key] = list;
      } else {
        target[key] = list.filter((_, i) => !hits.includes(i));
      }
      return;
    }
    if (hits.length === 0) {
      // Entra ID replaces `emails[type eq "work"].value` on a user with no work address yet: add it.
      const seed = seedFrom(filter);
      if (!seed) throw new ScimError(400, 'noTarget', `no value of ${path.attribute} matches the filter`);
      list.push(path.sub ? { ...seed, [path.sub]: value } : isObject(value) ? merge(seed, value) : seed);
      target[key] = list;
      return;
    }
    for (const i of hits) {
      const item = list[i] as Resource;
      if (path.sub) list[i] = { ...item, [keyFor(item, path.sub)]: value };
      else list[i] = isObject(value) ? merge(item, value) : value;
    }
    target[key] = list;
    return;
  }
  if (path.sub) {
    if (op === 'remove') {
      if (isObject(current)) {
        const copy = { ...current };
        delete copy[keyFor(copy, path.sub)];
        target[key] = copy;
      } else if (Array.isArray(current)) {
        target[key] = (current as unknown[]).map((item) => {
          if (!isObject(item)) return item;
          const copy = { ...item };
          delete copy[keyFor(copy, path.sub!)];
          return copy;
        });
      }
      return;
    }
    const parent = isObject(current) ? { ...current } : {};
    parent[keyFor(parent, path.sub)] = value;
    target[key] = parent;
    return;
  }
  if (op === 'remove') {
    // Entra ID removes members by value with `{ path: "members", value: [{ value }] }`.
    if (multi && value !== undefined && Array.isArray(current)) {
      const gone = Array.isArray(value) ? value : [value];
      target[key] = current.filter((item) => !gone.some((g) => sameMember(item, g)));
    } else {
      delete target[key];
    }
    return;
  }
  if (multi) {
    const incoming = Array.isArray(value) ? value : [value];
    if (op === 'replace') {
      target[key] = incoming;
    } else {
      const list = Array.isArray(current) ? [...(current as unknown[])] : [];
      for (const item of incoming) if (!list.some((x) => sameMember(x, item))) list.push(item);
      target[key] = list;
    }
    return;
  }
  target[key] = isObject(value) && isObject(current) ? merge(current, value) : value;
}

/**
 * Applies PatchOp operations to a copy of a resource and returns it: the caller then stores the
 * result as it would a PUT. An operation without a path takes an object of attributes, each
 * applied as if it were the path (Entra ID and Okta both send these); unknown attributes pass
 * through and are dropped when the result is read.
 */
export function applyPatch(resource: Resource, operations: PatchOperation[]): Resource {
  const out: Resource = structuredClone(resource);
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (!isObject(operation.value))
        throw ScimError.invalidValue(`${operation.op} without a path needs an object value`);
      for (const [name, value] of Object.entries(operation.value)) {
        if (name.toLowerCase() === ENTERPRISE_USER.toLowerCase() && isObject(value)) {
          for (const [sub, subValue] of Object.entries(value)) {
            applyOne(out, operation.op, `${ENTERPRISE_USER}:${sub}`, subValue);
          }
        } else {
          applyOne(out, operation.op, name, value);
        }
      }
    } else {
      applyOne(out, operation.op, operation.path, operation.value);
    }
  }
  return out;
}

function applyOne(resource: Resource, op: PatchOpName, pathText: string, value: unknown): void {
  const path = parsePath(pathText);
  if (path.extension) {
    const key = keyFor(resource, ENTERPRISE_USER);
    const current = resource[key];
    const extension: Resource = isObject(current) ? { ...current } : {};
    applyAt(extension, op, path, value);
    resource[key] = extension;
  } else {
    applyAt(resource, op, path, value);
  }
}
