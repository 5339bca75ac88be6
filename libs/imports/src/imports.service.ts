import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService, type AuditEntry } from '@leadpath/audit';
import { CredentialsService } from '@leadpath/credentials';
import { MenteesRepository } from '@leadpath/mentees';
import { DomainEvents, isUniqueViolation, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { Clock } from '@leadpath/platform/time';
import { PasswordService, UsersRepository } from '@leadpath/users';
import {
  PREVIEW_ROWS,
  type AppliedImportResponse,
  type ApplyImportDto,
  type ImportPeopleDto,
  type PeopleImportResponse,
  type PlannedPersonResponse,
} from './dto/import.dto';
import { ImportsRepository, type ImportRow, type PersonRow } from './imports.repository';
import { parsePeopleCsv, type CsvRow } from './people-csv';
import { planPeople, type OrganizationPeople, type PeoplePlan, type PlannedRow } from './people-plan';

/** How long a preview may be applied: long enough to read it, short enough that it still describes the organization. */
export const PREVIEW_TTL_MS = 24 * 3600 * 1000;

const CHANGED = 'The organization changed since the preview, so it no longer holds: upload the file again';

/** What an import keeps: the file as read, and the plan the preview showed. */
interface StoredPlan {
  rows: CsvRow[];
  plan: PeoplePlan;
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly imports: ImportsRepository,
    private readonly users: UsersRepository,
    private readonly mentees: MenteesRepository,
    private readonly passwords: PasswordService,
    private readonly credentials: CredentialsService,
    private readonly readiness: ReadinessInputs,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async previewPeople(actor: Actor, dto: ImportPeopleDto): Promise<PeopleImportResponse> {
    await this.access.require(actor, Permission.PeopleImport);
    const { rows } = parsePeopleCsv(dto.csv);
    const plan = await this.plan(actor, rows);
    const stored: StoredPlan = { rows, plan };
    const row = await this.imports.insert(actor.organizationId, {
      createdBy: actor.userId,
      plan: stored,
      creates: plan.creates,
      updates: plan.updates,
      unchanged: plan.unchanged,
      errorCount: plan.errors.length,
    });
    await this.audit.record(actor, { action: 'import.preview', objectType: 'import', objectId: row.id });
    return toImportResponse(row, plan);
  }

  async get(actor: Actor, id: string): Promise<PeopleImportResponse> {
    await this.access.require(actor, Permission.PeopleImport);
    const row = await this.imports.find(actor.organizationId, id);
    if (!row) throw DomainError.notFound('Import');
    return toImportResponse(row, (row.plan as StoredPlan).plan);
  }

  /**
   * Carries out the preview in the request's one transaction: every row or none. The file is
   * planned again against the organization as it is now; if that plan differs from the one HR
   * saw (someone was added, deactivated or moved meanwhile), nothing is applied.
   */
  async apply(actor: Actor, id: string, dto: ApplyImportDto): Promise<AppliedImportResponse> {
    await this.access.require(actor, Permission.PeopleImport);
    const row = await this.imports.find(actor.organizationId, id, { lock: true });
    if (!row) throw DomainError.notFound('Import');
    if (row.status === 'applied') throw DomainError.conflict('This import has already been applied');
    const now = this.clock.now();
    if (row.status === 'expired' || now.getTime() - row.created_at.getTime() > PREVIEW_TTL_MS) {
      throw DomainError.conflict('This preview has expired: upload the file again');
    }
    const stored = row.plan as StoredPlan;
    if (stored.plan.errors.length > 0) {
      throw DomainError.conflict('This import has errors: correct the file and upload it again');
    }
    const { plan, people } = await this.planWithPeople(actor, stored.rows);
    if (canonicalJson(plan) !== canonicalJson(stored.plan)) {
      throw DomainError.conflict(CHANGED);
    }
    let invited: number;
    try {
      invited = await this.carryOut(actor, plan.rows, people, dto.invite === true);
    } catch (error) {
      // Another request added one of the file's addresses after this plan was made.
      if (isUniqueViolation(error)) throw DomainError.conflict(CHANGED);
      throw error;
    }
    await this.imports.markApplied(actor.organizationId, id, now);
    await this.audit.record(actor, { action: 'import.apply', objectType: 'import', objectId: id });
    return {
      id,
      status: 'applied',
      creates: plan.creates,
      updates: plan.updates,
      unchanged: plan.unchanged,
      invited,
      appliedAt: now.toISOString(),
    };
  }

  private async plan(actor: Actor, rows: CsvRow[]): Promise<PeoplePlan> {
    return (await this.planWithPeople(actor, rows)).plan;
  }

  private async planWithPeople(
    actor: Actor,
    rows: CsvRow[],
  ): Promise<{ plan: PeoplePlan; people: OrganizationPeople }> {
    const people = toPeople(await this.imports.people(actor.organizationId));
    const actorEmail = people.byId.get(actor.userId)?.email ?? '';
    return { plan: planPeople(rows, people, actorEmail), people };
  }

  /** Writes the plan; the number of invitations owed. */
  private async carryOut(
    actor: Actor,
    rows: PlannedRow[],
    people: OrganizationPeople,
    invite: boolean,
  ): Promise<number> {
    const org = actor.organizationId;
    const audit: AuditEntry[] = [];
    const created = rows.filter((r) => r.action === 'create');
    // Nobody knows this password, as with a user created without one: one hash serves every new
    // account (hashing is deliberately slow), and the invitation or a reset sets each their own.
    const unusable = await this.passwords.hash(randomBytes(32).toString('hex'));
    const newIds = await this.imports.insertUsers(
      org,
      created.map((r) => ({ email: r.email, name: r.name, roles: r.roles })),
      unusable,
    );
    const idOf = (email: string): string => {
      const id = newIds.get(email) ?? people.byEmail.get(email)?.id;
      if (!id) throw new Error(`import: no account for a planned address`);
      return id;
    };
    for (const r of created) audit.push({ action: 'user.create', objectType: 'user', objectId: idOf(r.email) });

    for (const r of rows) {
      if (r.action !== 'update' || !r.userChanged || !r.userId) continue;
      const current = people.byId.get(r.userId)!;
      const rolesChanged = [...current.roles].sort().join() !== r.roles.join();
      await this.users.update(org, r.userId, { name: r.name, roles: r.roles }, rolesChanged);
      if (current.name !== r.name && current.mentee) await this.readiness.userChanged(org, r.userId);
      audit.push({ action: 'user.update', objectType: 'user', objectId: r.userId });
    }

    const newMentees = rows.filter((r) => r.mentee?.action === 'create');
    const menteeIds = await this.imports.insertMentees(
      org,
      newMentees.map((r) => ({
        userId: idOf(r.email),
        managerId: idOf(r.mentee!.managerEmail),
        mentorId: r.mentee!.mentorEmail ? idOf(r.mentee!.mentorEmail) : null,
        department: r.mentee!.department,
        phase: r.mentee!.phase,
      })),
      actor.userId,
    );
    for (const id of menteeIds) audit.push({ action: 'mentee.create', objectType: 'mentee', objectId: id });

    const changedMentees: string[] = [];
    for (const r of rows) {
      if (r.mentee?.action !== 'update') continue;
      const current = await this.mentees.lock(org, people.byEmail.get(r.email)!.mentee!.id);
      if (!current) throw new Error('import: a planned mentee is gone');
      const m = r.mentee;
      await this.mentees.update(org, current.id, {
        managerId: idOf(m.managerEmail),
        mentorId: m.mentorEmail ? idOf(m.mentorEmail) : null,
        phase: m.phase,
        track: current.track,
        department: m.department,
        technicalFoundation: current.technical_foundation,
        careerStartDate: current.career_start_date,
      });
      changedMentees.push(current.id);
      audit.push({ action: 'mentee.update', objectType: 'mentee', objectId: current.id });
      if (m.phase !== current.phase) {
        await this.mentees.insertPhaseChange(org, {
          menteeId: current.id,
          from: current.phase,
          to: m.phase,
          changedBy: actor.userId,
          note: 'imported',
        });
        await this.events.publish(org, {
          type: 'mentee.phase_changed',
          menteeId: current.id,
          data: { from: current.phase, to: m.phase, changedBy: actor.userId },
        });
        audit.push({ action: 'mentee.phase_change', objectType: 'mentee', objectId: current.id });
      }
    }
    await this.readiness.menteesChanged(org, [...menteeIds, ...changedMentees]);

    if (invite) {
      // Owed in this transaction: the mail goes out once it commits, and never if it does not.
      for (const r of created) {
        await this.credentials.issue(org, idOf(r.email), 'invitation');
        audit.push({ action: 'user.invite', objectType: 'user', objectId: idOf(r.email) });
      }
    }
    await this.audit.record(actor, ...audit);
    return invite ? created.length : 0;
  }
}

/** JSON with every object's keys sorted: the stored plan comes back from jsonb in its own key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function toPeople(rows: PersonRow[]): OrganizationPeople {
  const byEmail = new Map<string, OrganizationPeople['byEmail'] extends Map<string, infer P> ? P : never>();
  const byId = new Map<string, OrganizationPeople['byEmail'] extends Map<string, infer P> ? P : never>();
  for (const r of rows) {
    const person = {
      id: r.id,
      email: r.email,
      name: r.name,
      roles: r.roles,
      active: r.active,
      mentee:
        r.mentee_id && r.manager_id && r.phase
          ? {
              id: r.mentee_id,
              managerId: r.manager_id,
              mentorId: r.mentor_id,
              department: r.department,
              phase: r.phase,
            }
          : null,
    };
    byEmail.set(r.email, person);
    byId.set(r.id, person);
  }
  return { byEmail, byId };
}

function toPlannedPerson(r: PlannedRow): PlannedPersonResponse {
  return {
    row: r.row,
    email: r.email,
    action: r.action,
    name: r.name,
    roles: r.roles,
    managerEmail: r.mentee?.managerEmail ?? null,
    mentorEmail: r.mentee?.mentorEmail ?? null,
    department: r.mentee?.department ?? null,
    phase: r.mentee?.phase ?? null,
  };
}

export function toImportResponse(row: ImportRow, plan: PeoplePlan): PeopleImportResponse {
  return {
    id: row.id,
    status: row.status,
    creates: row.creates,
    updates: row.updates,
    unchanged: row.unchanged,
    errors: plan.errors,
    rows: plan.rows.slice(0, PREVIEW_ROWS).map(toPlannedPerson),
    plannedRows: plan.rows.length,
    createdAt: row.created_at.toISOString(),
    appliedAt: row.applied_at?.toISOString() ?? null,
    expiresAt: new Date(row.created_at.getTime() + PREVIEW_TTL_MS).toISOString(),
  };
}
