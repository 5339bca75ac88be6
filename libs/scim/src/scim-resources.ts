import { canonicalEmail, ONE_LINE } from '@leadpath/platform/http';
import { ScimError } from './scim-error';
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, keyOf, splitSchema, type Resource } from './scim-filter';
import type { ScimGroupRow, ScimIdentity, ScimUserRow } from './scim.repository';

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

const isObject = (v: unknown): v is Resource => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value read from a resource without regard to the case of its name. */
function get(object: Resource, name: string): unknown {
  const key = keyOf(object, name);
  return key === undefined ? undefined : object[key];
}

/** Printable text on one line, at most `max` characters, or null when absent or empty. */
function text(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw ScimError.invalidValue(`${field} must be a string`);
  const out = String(value).trim();
  if (out === '') return null;
  if (out.length > max) throw ScimError.invalidValue(`${field} must be at most ${max} characters`);
  if (!ONE_LINE.test(out)) throw ScimError.invalidValue(`${field} must be one line of printable text`);
  return out;
}

/** A boolean as clients send it: true/false, or Entra ID's "True"/"False" strings. */
export function readBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw ScimError.invalidValue(`${field} must be a boolean`);
}

/** At most this many addresses are kept; more is not a person's mail but a mistake. */
const MAX_EMAILS = 20;
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readEmails(value: unknown): ScimEmail[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_EMAILS) throw ScimError.invalidValue(`emails: at most ${MAX_EMAILS} addresses`);
  const out: ScimEmail[] = [];
  list.forEach((item, i) => {
    const entry: Resource = isObject(item) ? item : { value: item as unknown };
    const address = text(get(entry, 'value'), `emails[${i}].value`, 254);
    if (address === null) return;
    const type = text(get(entry, 'type'), `emails[${i}].type`, 40);
    const display = text(get(entry, 'display'), `emails[${i}].display`, 254);
    const primary = readBoolean(get(entry, 'primary'), `emails[${i}].primary`);
    out.push({
      value: address,
      ...(type ? { type } : {}),
      ...(primary !== undefined ? { primary } : {}),
      ...(display ? { display } : {}),
    });
  });
  return out;
}

/** What a POST or PUT (or a PATCH's result) says about a person; unknown attributes are ignored. */
export interface ScimEmail {
  value: string;
  type?: string;
  primary?: boolean;
  display?: string;
}

export interface UserInput extends ScimIdentity {
  emails: ScimEmail[];
  active: boolean;
}

export function readUser(body: unknown): UserInput {
  if (!isObject(body)) throw ScimError.invalidSyntax('The body must be a User object');
  const userName = text(get(body, 'userName'), 'userName', 300);
  if (userName === null) throw ScimError.invalidValue('userName is required');
  const name = get(body, 'name');
  const nameObject = isObject(name) ? name : {};
  const extension = get(body, ENTERPRISE_USER);
  const enterprise = isObject(extension) ? extension : {};
  const manager = get(enterprise, 'manager');
  const managerRef = text(isObject(manager) ? get(manager, 'value') : manager, 'manager.value', 300);
  return {
    userName,
    externalId: text(get(body, 'externalId'), 'externalId', 300),
    displayName:
      text(get(body, 'displayName'), 'displayName', 300) ?? text(get(nameObject, 'formatted'), 'name.formatted', 300),
    givenName: text(get(nameObject, 'givenName'), 'name.givenName', 200),
    familyName: text(get(nameObject, 'familyName'), 'name.familyName', 200),
    title: text(get(body, 'title'), 'title', 200),
    emails: readEmails(get(body, 'emails')),
    department: text(get(enterprise, 'department'), 'department', 200),
    managerRef,
    active: readBoolean(get(body, 'active'), 'active') ?? true,
  };
}

/** The person's name as Leadpath shows it: the display name, else given and family name, else the userName. */
export function personName(input: UserInput): string {
  const joined = [input.givenName, input.familyName].filter(Boolean).join(' ');
  return (input.displayName ?? (joined || input.userName)).slice(0, 200);
}

/**
 * The address Leadpath mails: the primary address, else the first `work` one, else the first,
 * when it is an address at all (canonical form). SCIM addresses need not be unique or
 * deliverable, so this is only a candidate.
 */
export function mailAddress(input: UserInput): string | undefined {
  const emails = input.emails;
  const pick =
    emails.find((e) => e.primary === true) ?? emails.find((e) => e.type?.toLowerCase() === 'work') ?? emails[0];
  if (!pick) return undefined;
  const address = canonicalEmail(pick.value);
  return ADDRESS.test(address) && address.length <= 254 ? address : undefined;
}

export interface GroupInput {
  displayName: string;
  externalId: string | null;
  members: string[] | undefined;
}

export function readGroup(body: unknown): GroupInput {
  if (!isObject(body)) throw ScimError.invalidSyntax('The body must be a Group object');
  const displayName = text(get(body, 'displayName'), 'displayName', 300);
  if (displayName === null) throw ScimError.invalidValue('displayName is required');
  const raw = get(body, 'members');
  let members: string[] | undefined;
  if (raw !== undefined && raw !== null) {
    if (!Array.isArray(raw)) throw ScimError.invalidValue('members must be an array');
    if (raw.length > 100000) throw ScimError.invalidValue('members: too many');
    members = raw.map((m, i) => {
      const value = text(isObject(m) ? get(m, 'value') : m, `members[${i}].value`, 100);
      if (value === null) throw ScimError.invalidValue(`members[${i}].value is required`);
      return value;
    });
  }
  return { displayName, externalId: text(get(body, 'externalId'), 'externalId', 300), members };
}

const iso = (d: Date) => d.toISOString();

export function toUserResource(
  row: ScimUserRow,
  groups: { id: string; display_name: string }[],
  base: string,
): Resource {
  const emails = Array.isArray(row.emails) ? (row.emails as unknown[]) : [];
  const name: Resource = {};
  if (row.given_name) name.givenName = row.given_name;
  if (row.family_name) name.familyName = row.family_name;
  const formatted = [row.given_name, row.family_name].filter(Boolean).join(' ');
  if (formatted) name.formatted = formatted;
  const enterprise: Resource = {};
  if (row.department) enterprise.department = row.department;
  if (row.manager_ref) {
    enterprise.manager = {
      value: row.manager_id ?? row.manager_ref,
      ...(row.manager_id ? { $ref: `${base}/Users/${row.manager_id}` } : {}),
    };
  }
  return {
    schemas: Object.keys(enterprise).length > 0 ? [CORE_USER, ENTERPRISE_USER] : [CORE_USER],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    userName: row.user_name,
    ...(Object.keys(name).length > 0 ? { name } : {}),
    displayName: row.display_name ?? row.name,
    ...(row.title ? { title: row.title } : {}),
    active: row.active && row.deleted_at === null,
    emails,
    groups: groups.map((g) => ({ value: g.id, display: g.display_name, $ref: `${base}/Groups/${g.id}` })),
    ...(Object.keys(enterprise).length > 0 ? { [ENTERPRISE_USER]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      created: iso(row.created_at),
      lastModified: iso(row.updated_at),
      location: `${base}/Users/${row.id}`,
    },
  };
}

export function toGroupResource(
  row: ScimGroupRow,
  members: { user_id: string; name: string }[],
  base: string,
): Resource {
  return {
    schemas: [CORE_GROUP],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    displayName: row.display_name,
    members: members.map((m) => ({ value: m.user_id, display: m.name, $ref: `${base}/Users/${m.user_id}` })),
    meta: {
      resourceType: 'Group',
      created: iso(row.created_at),
      lastModified: iso(row.updated_at),
      location: `${base}/Groups/${row.id}`,
    },
  };
}

/** Attributes a resource always carries, whatever `attributes` or `excludedAttributes` say. */
const ALWAYS = new Set(['schemas', 'id']);

function readList(value: unknown): string[] {
  if (typeof value !== 'string' || value.trim() === '') return [];
  return value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** A parsed `attributes` entry: where it points (the extension or the core) and the path below. */
function target(name: string): { extension: boolean; parts: string[] } {
  const { schema, attribute } = splitSchema(name);
  if (schema === undefined && name.toLowerCase() === ENTERPRISE_USER.toLowerCase())
    return { extension: true, parts: [] };
  return { extension: schema === ENTERPRISE_USER, parts: attribute.split('.').map((p) => p.toLowerCase()) };
}

/**
 * Narrows a resource to `attributes`, or drops `excludedAttributes` (RFC 7644 §3.4.2.5); names
 * without regard to case, sub-attributes by `name.sub`, the extension's by its URN prefix.
 */
export function project(resource: Resource, attributes: unknown, excluded: unknown): Resource {
  const wanted = readList(attributes).map(target);
  const dropped = readList(excluded).map(target);
  if (wanted.length === 0 && dropped.length === 0) return resource;
  const out: Resource = {};
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    const isExtension = lower === ENTERPRISE_USER.toLowerCase();
    if (ALWAYS.has(lower)) {
      out[key] = value;
      continue;
    }
    const rules = (list: { extension: boolean; parts: string[] }[]) =>
      isExtension ? list.filter((w) => w.extension) : list.filter((w) => !w.extension && w.parts[0] === lower);
    if (wanted.length > 0) {
      const hits = rules(wanted);
      if (hits.length === 0) continue;
      const whole = hits.some((h) => (isExtension ? h.parts.length === 0 : h.parts.length === 1));
      out[key] = whole
        ? value
        : pick(
            value,
            hits.map((h) => (isExtension ? h.parts[0] : h.parts[1])),
            true,
          );
    } else {
      const hits = rules(dropped);
      const whole = hits.some((h) => (isExtension ? h.parts.length === 0 : h.parts.length === 1));
      if (whole) continue;
      out[key] =
        hits.length === 0
          ? value
          : pick(
              value,
              hits.map((h) => (isExtension ? h.parts[0] : h.parts[1])),
              false,
            );
    }
  }
  return out;
}

function pick(value: unknown, subs: string[], keep: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => pick(v, subs, keep));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => subs.includes(k.toLowerCase()) === keep));
}

/** `startIndex` and `count` as RFC 7644 §3.4.2.4 reads them: 1-based, out-of-range values clamped. */
export function paging(query: Resource, maxResults: number): { startIndex: number; count: number } {
  const int = (v: unknown, fallback: number) => {
    if (v === undefined || v === null || v === '') return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw ScimError.invalidValue('startIndex and count must be integers');
    return Math.trunc(n);
  };
  const startIndex = Math.max(1, int(get(query, 'startIndex'), 1));
  const count = Math.min(maxResults, Math.max(0, int(get(query, 'count'), maxResults)));
  return { startIndex, count };
}

export function listResponse(resources: Resource[], total: number, startIndex: number): Resource {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export { get as readAttribute };
