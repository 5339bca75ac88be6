import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { Role } from '@leadpath/access';
import { qb } from '@leadpath/platform/database';
import type { Phase } from '@leadpath/platform/domain';
import type { ImportStatus } from './entities/import.entity';

/** Rows per INSERT: a few thousand parameters, well under PostgreSQL's limit of 65,535. */
const CHUNK = 1000;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('imports repository called without an organization id');
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function imports() {
  return qb.selectFrom('imports').selectAll().$narrowType<{ status: ImportStatus }>();
}

export type ImportRow = InferResult<ReturnType<typeof imports>>[number];

/** Everyone of the organization with their mentee record, if any: what a plan compares a file with. */
function people(organizationId: string) {
  return qb
    .selectFrom('users as u')
    .leftJoin('mentees as m', 'm.user_id', 'u.id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.roles',
      'u.active',
      'm.id as mentee_id',
      'm.manager_id',
      'm.mentor_id',
      'm.department',
      'm.phase',
    ])
    .where('u.organization_id', '=', organizationId)
    .$narrowType<{ roles: Role[]; phase: Phase | null }>();
}

export type PersonRow = InferResult<ReturnType<typeof people>>[number];

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
}

export interface NewMentee {
  userId: string;
  managerId: string;
  mentorId: string | null;
  department: string | null;
  phase: Phase;
}

@Injectable()
export class ImportsRepository {
  async insert(
    organizationId: string,
    fields: {
      createdBy: string;
      plan: unknown;
      creates: number;
      updates: number;
      unchanged: number;
      errorCount: number;
    },
  ): Promise<ImportRow> {
    requireOrganization(organizationId);
    return qb
      .insertInto('imports')
      .values({
        organization_id: organizationId,
        kind: 'people',
        created_by: fields.createdBy,
        plan: JSON.stringify(fields.plan),
        creates: fields.creates,
        updates: fields.updates,
        unchanged: fields.unchanged,
        error_count: fields.errorCount,
      })
      .returningAll()
      .$narrowType<{ status: ImportStatus }>()
      .executeTakeFirstOrThrow();
  }

  async find(organizationId: string, id: string, options: { lock?: boolean } = {}): Promise<ImportRow | undefined> {
    requireOrganization(organizationId);
    return imports()
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .$if(options.lock === true, (q) => q.forUpdate())
      .executeTakeFirst();
  }

  async markApplied(organizationId: string, id: string, at: Date): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('imports')
      .set({ status: 'applied', applied_at: at })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  async people(organizationId: string): Promise<PersonRow[]> {
    requireOrganization(organizationId);
    return people(organizationId).execute();
  }

  /** New accounts, all with the same unusable password hash; their ids by address. */
  async insertUsers(organizationId: string, users: NewUser[], passwordHash: string): Promise<Map<string, string>> {
    requireOrganization(organizationId);
    const ids = new Map<string, string>();
    for (const chunk of chunks(users)) {
      const rows = await qb
        .insertInto('users')
        .values(
          chunk.map((u) => ({
            organization_id: organizationId,
            email: u.email,
            name: u.name,
            roles: u.roles,
            password_hash: passwordHash,
          })),
        )
        .returning(['id', 'email'])
        .execute();
      for (const row of rows) ids.set(row.email, row.id);
    }
    return ids;
  }

  /** New mentee records and their first phase change; the new mentees' ids. */
  async insertMentees(organizationId: string, mentees: NewMentee[], changedBy: string): Promise<string[]> {
    requireOrganization(organizationId);
    const ids: string[] = [];
    for (const chunk of chunks(mentees)) {
      const rows = await qb
        .insertInto('mentees')
        .values(
          chunk.map((m) => ({
            organization_id: organizationId,
            user_id: m.userId,
            manager_id: m.managerId,
            mentor_id: m.mentorId,
            department: m.department,
            phase: m.phase,
          })),
        )
        .returning(['id', 'phase'])
        .execute();
      await qb
        .insertInto('phase_changes')
        .values(
          rows.map((r) => ({
            organization_id: organizationId,
            mentee_id: r.id,
            from_phase: null,
            to_phase: r.phase,
            changed_by: changedBy,
            note: null,
            changed_at: sql<Date>`clock_timestamp()`,
          })),
        )
        .execute();
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }
}
