import { isEmail } from 'class-validator';
import { ROLES, type Role } from '@leadpath/access';
import { PHASES, type Phase } from '@leadpath/platform/domain';
import { canonicalEmail, ONE_LINE } from '@leadpath/platform/http';
import type { CsvRow, PeopleColumn } from './people-csv';

/** A person of the organization as the planner compares a row with them. */
export interface ExistingPerson {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  mentee: {
    id: string;
    managerId: string;
    mentorId: string | null;
    department: string | null;
    phase: Phase;
  } | null;
}

/** The organization as it is: everyone by address, and by id. */
export interface OrganizationPeople {
  byEmail: Map<string, ExistingPerson>;
  byId: Map<string, ExistingPerson>;
}

export type RowAction = 'create' | 'update' | 'unchanged';

export interface PlannedMentee {
  action: RowAction;
  managerEmail: string;
  mentorEmail: string | null;
  department: string | null;
  phase: Phase;
}

/** What applying a row does. `userId` is the existing account's, null for a new one. */
export interface PlannedRow {
  row: number;
  email: string;
  action: RowAction;
  userId: string | null;
  name: string;
  roles: Role[];
  /** Whether the account's name or roles change (the mentee record is counted apart). */
  userChanged: boolean;
  mentee: PlannedMentee | null;
}

export interface RowError {
  row: number;
  /** The column at fault; null when the row as a whole is (more cells than the header has). */
  column: PeopleColumn | null;
  message: string;
}

export interface PeoplePlan {
  rows: PlannedRow[];
  errors: RowError[];
  creates: number;
  updates: number;
  unchanged: number;
}

/** Roles in one cell: separated by `|`, `;`, `,` or spaces, in any case. */
export const ROLE_SEPARATORS = /[|;,\s]+/;

const DEFAULT_PHASE: Phase = 'build_credibility';
const MAX_NAME = 200;
const MAX_DEPARTMENT = 100;
const MAX_EMAIL = 254;
/** A long loop of managers is cut short in its message (the response's limit). */
const MAX_MESSAGE = 300;

/** The first pass's reading of a row, before references to other people are resolved. */
interface Draft {
  row: number;
  email: string;
  existing: ExistingPerson | undefined;
  name: string;
  roles: Role[];
  mentee: Omit<PlannedMentee, 'action'> | null;
}

const validEmail = (email: string) => email.length <= MAX_EMAIL && isEmail(email);

function phaseOf(cell: string): Phase | undefined {
  const code = cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (PHASES as readonly string[]).includes(code) ? (code as Phase) : undefined;
}

/**
 * Plans a people file against the organization: every row becomes a create, an update or
 * nothing, or an error naming its row and column. The rules are the users' and mentees' own
 * (an address is a person; a mentee has an active line manager other than themselves, and a
 * mentor other than both; nobody removes their own HR admin role, enrols themselves or moves
 * their own phase, manager or mentor), stated here for a whole file at once: a manager may be
 * someone the file itself adds, on any row, and no chain of line managers may loop.
 *
 * Pure: the same file against the same organization always gives the same plan, which is how
 * apply knows that nothing changed since the preview.
 */
export function planPeople(rows: CsvRow[], people: OrganizationPeople, actorEmail: string): PeoplePlan {
  const errors: RowError[] = [];
  const fail = (row: number, column: PeopleColumn | null, message: string) => {
    errors.push({
      row,
      column,
      message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message,
    });
    return undefined;
  };
  const firstRowOf = new Map<string, number>();
  const drafts = new Map<string, Draft>();
  const failedEmails = new Map<string, number>();

  for (const csvRow of rows) {
    const draft = readRow(csvRow, people, actorEmail, firstRowOf, fail);
    const email = csvRow.values.email ? canonicalEmail(csvRow.values.email) : '';
    if (draft) drafts.set(draft.email, draft);
    else if (email && !failedEmails.has(email) && !drafts.has(email)) failedEmails.set(email, csvRow.row);
  }

  // Second pass: managers and mentors, who may be defined on any row of the file.
  const resolved: Draft[] = [];
  for (const draft of drafts.values()) {
    if (!draft.mentee) {
      resolved.push(draft);
      continue;
    }
    const refuse = (column: 'manager_email' | 'mentor_email', message: string): false => {
      fail(draft.row, column, message);
      return false;
    };
    const check = (email: string, column: 'manager_email' | 'mentor_email'): boolean => {
      const inFile = drafts.get(email);
      const failedRow = failedEmails.get(email);
      if (email === draft.email) return refuse(column, `${column} must be someone other than the person`);
      if (inFile) {
        if (inFile.roles.includes('manager')) return true;
        return refuse(column, `${column} names row ${inFile.row}, whose roles do not include manager`);
      }
      if (failedRow !== undefined) return refuse(column, `${column} names row ${failedRow}, which has errors`);
      const existing = people.byEmail.get(email);
      if (!existing) return refuse(column, `${column} names nobody in this organization or in the file`);
      if (!existing.active) return refuse(column, `${column} names a deactivated account`);
      if (!existing.roles.includes('manager')) {
        return refuse(column, `${column} must name a manager (a person whose roles include manager)`);
      }
      return true;
    };
    let ok = check(draft.mentee.managerEmail, 'manager_email');
    if (draft.mentee.mentorEmail) {
      if (draft.mentee.mentorEmail === draft.mentee.managerEmail) {
        ok = refuse('mentor_email', 'mentor_email must be someone other than the line manager');
      } else {
        ok = check(draft.mentee.mentorEmail, 'mentor_email') && ok;
      }
    }
    if (ok) resolved.push(draft);
  }

  const cyclic = findCycles(resolved, people);
  const planned: PlannedRow[] = [];
  for (const draft of resolved) {
    const cycle = cyclic.get(draft.email);
    if (cycle) {
      fail(draft.row, 'manager_email', `manager_email would make the line managers loop: ${cycle.join(' → ')}`);
      continue;
    }
    planned.push(classify(draft, people));
  }
  planned.sort((a, b) => a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
  const count = (action: RowAction) => planned.filter((p) => p.action === action).length;
  return { rows: planned, errors, creates: count('create'), updates: count('update'), unchanged: count('unchanged') };
}

function readRow(
  { row, values, extraCells }: CsvRow,
  people: OrganizationPeople,
  actorEmail: string,
  firstRowOf: Map<string, number>,
  fail: (row: number, column: PeopleColumn | null, message: string) => undefined,
): Draft | undefined {
  if (extraCells) return fail(row, null, 'the row has more cells than the header has columns');
  if (!values.email) return fail(row, 'email', 'email is required');
  const email = canonicalEmail(values.email);
  if (!validEmail(email)) return fail(row, 'email', 'email must be an e-mail address');
  const first = firstRowOf.get(email);
  if (first !== undefined)
    return fail(row, 'email', `email appears more than once in the file (first on row ${first})`);
  firstRowOf.set(email, row);
  const existing = people.byEmail.get(email);
  if (existing && !existing.active) {
    return fail(row, 'email', 'email belongs to a deactivated account: reactivate it on the People page first');
  }
  let ok = true;

  let name = values.name ?? existing?.name ?? '';
  if (!name) ok = !!fail(row, 'name', 'name is required for a new person');
  else if (name.length > MAX_NAME) ok = !!fail(row, 'name', `name must be at most ${MAX_NAME} characters`);
  else if (!ONE_LINE.test(name)) ok = !!fail(row, 'name', 'name must be one line of printable text');
  name = name.trim();

  let roles: Role[] = ROLES.filter((r) => existing?.roles.includes(r));
  if (values.roles) {
    const named = values.roles
      .split(ROLE_SEPARATORS)
      .filter(Boolean)
      .map((r) => r.toLowerCase());
    const unknown = named.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length > 0) {
      ok = !!fail(
        row,
        'roles',
        `roles has an unknown role "${unknown[0].slice(0, 40)}"; roles are ${ROLES.join(', ')}`,
      );
    }
    // Kept in the order the users' own list has them, so the same roles always compare equal.
    roles = ROLES.filter((r) => named.includes(r));
  }
  if (ok && roles.length === 0) ok = !!fail(row, 'roles', `roles is required for a new person: ${ROLES.join(', ')}`);
  const self = email === actorEmail;
  if (ok && self && !roles.includes('hr_admin')) ok = !!fail(row, 'roles', 'You cannot remove your own HR admin role');

  const menteeColumns = ['department', 'manager_email', 'mentor_email', 'phase'] as const;
  if (!roles.includes('mentee')) {
    for (const column of menteeColumns) {
      if (values[column] !== undefined) {
        ok = !!fail(row, column, `${column} applies only to people whose roles include mentee`);
      }
    }
    return ok ? { row, email, existing, name, roles, mentee: null } : undefined;
  }

  const current = existing?.mentee ?? null;
  const emailOf = (id: string | null | undefined) => (id ? (people.byId.get(id)?.email ?? null) : null);
  let phase: Phase = current?.phase ?? DEFAULT_PHASE;
  if (values.phase !== undefined) {
    const parsed = phaseOf(values.phase);
    if (parsed) phase = parsed;
    else ok = !!fail(row, 'phase', `phase must be one of ${PHASES.join(', ')}`);
  }
  let department = current?.department ?? null;
  if (values.department !== undefined) {
    department = values.department;
    if (department.length > MAX_DEPARTMENT) {
      ok = !!fail(row, 'department', `department must be at most ${MAX_DEPARTMENT} characters`);
    } else if (!ONE_LINE.test(department)) {
      ok = !!fail(row, 'department', 'department must be one line of printable text');
    }
  }
  const reference = (column: 'manager_email' | 'mentor_email', kept: string | null): string | null => {
    const cell = values[column];
    if (cell === undefined) return kept;
    const address = canonicalEmail(cell);
    if (!validEmail(address)) {
      ok = !!fail(row, column, `${column} must be an e-mail address`);
      return null;
    }
    return address;
  };
  const managerEmail = reference('manager_email', emailOf(current?.managerId));
  const mentorEmail = reference('mentor_email', emailOf(current?.mentorId));
  if (ok && !managerEmail) {
    ok = !!fail(row, 'manager_email', 'manager_email is required: a mentee needs a line manager');
  }
  if (ok && self) {
    if (!current) {
      ok = !!fail(row, 'roles', 'You may not enrol yourself as a mentee');
    } else {
      const moved = [
        phase !== current.phase && 'phase',
        managerEmail !== emailOf(current.managerId) && 'manager_email',
        mentorEmail !== emailOf(current.mentorId) && 'mentor_email',
      ].filter((c): c is 'phase' | 'manager_email' | 'mentor_email' => !!c);
      for (const column of moved) ok = !!fail(row, column, `You may not change your own ${column}`);
    }
  }
  if (!ok) return undefined;
  return { row, email, existing, name, roles, mentee: { managerEmail: managerEmail!, mentorEmail, department, phase } };
}

/**
 * The rows whose line-manager chain comes back to them, each with the loop as addresses. The
 * chain follows the file where it names a manager and the organization everywhere else.
 */
function findCycles(drafts: Draft[], people: OrganizationPeople): Map<string, string[]> {
  const managerOf = new Map<string, string>();
  for (const person of people.byId.values()) {
    const manager = person.mentee ? people.byId.get(person.mentee.managerId) : undefined;
    if (manager) managerOf.set(person.email, manager.email);
  }
  for (const draft of drafts) {
    if (draft.mentee) managerOf.set(draft.email, draft.mentee.managerEmail);
  }
  const inFile = new Set(drafts.map((d) => d.email));
  const walkOf = new Map<string, number>();
  const cyclic = new Map<string, string[]>();
  let walk = 0;
  for (const start of inFile) {
    if (walkOf.has(start)) continue;
    walk++;
    const path: string[] = [];
    let at: string | undefined = start;
    while (at !== undefined && !walkOf.has(at)) {
      walkOf.set(at, walk);
      path.push(at);
      at = managerOf.get(at);
    }
    if (at !== undefined && walkOf.get(at) === walk) {
      const loop = path.slice(path.indexOf(at));
      for (const email of loop) if (inFile.has(email)) cyclic.set(email, [...loop, at]);
    }
  }
  return cyclic;
}

function classify(draft: Draft, people: OrganizationPeople): PlannedRow {
  const { existing } = draft;
  const userChanged =
    !!existing && (existing.name !== draft.name || [...existing.roles].sort().join() !== draft.roles.join());
  let mentee: PlannedMentee | null = null;
  if (draft.mentee) {
    const current = existing?.mentee;
    const emailOf = (id: string | null | undefined) => (id ? (people.byId.get(id)?.email ?? null) : null);
    const same =
      !!current &&
      emailOf(current.managerId) === draft.mentee.managerEmail &&
      emailOf(current.mentorId) === draft.mentee.mentorEmail &&
      current.department === draft.mentee.department &&
      current.phase === draft.mentee.phase;
    mentee = { action: !current ? 'create' : same ? 'unchanged' : 'update', ...draft.mentee };
  }
  const action: RowAction = !existing
    ? 'create'
    : userChanged || (mentee !== null && mentee.action !== 'unchanged')
      ? 'update'
      : 'unchanged';
  return {
    row: draft.row,
    email: draft.email,
    action,
    userId: existing?.id ?? null,
    name: draft.name,
    roles: draft.roles,
    userChanged,
    mentee,
  };
}
