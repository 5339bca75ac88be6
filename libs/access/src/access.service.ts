import { Inject, Injectable } from '@nestjs/common';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DomainError } from '@leadpath/platform/domain';
import { hasRole, type Actor } from './actor';
import { AccessRepository, type ObjectRelations } from './access.repository';
import { DENIAL_RECORDER, type DenialRecorder } from './denial-recorder';
import { POLICY, RELATION_ROLE, rolesAllow, type Permission, type Relation } from './permissions';

/** How the caller stands to one object `require` let through. */
export interface ObjectAccess {
  /** The mentee the object is or belongs to. */
  menteeId: string;
  /** The caller's relations to it (by the roles they hold). */
  relations: Relation[];
  /** The object is the caller's own mentee record, or belongs to it, whatever roles they hold. */
  own: boolean;
}

const NOT_FOUND_NAME = {
  user: 'User',
  mentee: 'Mentee',
  goal: 'Goal',
  feedback: 'Feedback',
  assignment: 'Assignment',
  meeting: 'Meeting',
} as const;

/**
 * The one access policy. Every service method opens with `require(actor, permission, ids)`:
 * an object the caller may not see answers 404 exactly as a missing one does; a visible object
 * whose function the caller's relation lacks answers 403. Each denial is audited.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly repository: AccessRepository,
    @Inject(DENIAL_RECORDER) private readonly denials: DenialRecorder,
  ) {}

  /**
   * Checks the permission for every id in one query. Returns, per id, how the caller stands to
   * it (the mentee it belongs to, the caller's relations, whether it is their own) from that same
   * query, so a write needs no second look-up.
   */
  require(
    actor: Actor,
    permission: Permission,
    ids: string | readonly string[] = [],
  ): Promise<Map<string, ObjectAccess>> {
    return this.check(actor, permission, ids);
  }

  /** `require` for one mentee, answering how the caller stands to it (which author role, which fields). */
  async requireMentee(actor: Actor, permission: Permission, menteeId: string): Promise<Relation[]> {
    return (await this.check(actor, permission, menteeId)).get(menteeId)?.relations ?? [];
  }

  private async check(
    actor: Actor,
    permission: Permission,
    ids: string | readonly string[],
  ): Promise<Map<string, ObjectAccess>> {
    const rule = POLICY[permission];
    const wanted = [...new Set(typeof ids === 'string' ? [ids] : ids)];
    const owners = new Map<string, ObjectAccess>();
    if (!rolesAllow(actor.roles, permission)) {
      await this.deny(actor, permission, rule.object, wanted[0] ?? null);
      throw DomainError.forbidden();
    }
    switch (rule.object) {
      case 'none':
        return owners;
      case 'user': {
        const found = new Set((await this.repository.existingUsers(actor, wanted)).map((r) => r.id));
        const missing = wanted.find((id) => !found.has(id));
        if (missing !== undefined) {
          await this.deny(actor, permission, 'user', missing);
          throw DomainError.notFound('User');
        }
        return owners;
      }
      case 'mentee':
      case 'goal':
      case 'feedback':
      case 'assignment':
      case 'meeting': {
        const kind = rule.object;
        const rows = new Map((await this.repository.relations(kind, actor, wanted)).map((r) => [r.id, r]));
        let forbidden: string | undefined;
        for (const id of wanted) {
          const row = rows.get(id);
          const relations = relationsOf(actor, row);
          if (!row || relations.length === 0) {
            await this.deny(actor, permission, kind, id);
            throw DomainError.notFound(NOT_FOUND_NAME[kind]);
          }
          if (!relations.some((r) => rule.allow.includes(r)) || (rule.notSelf && row.is_self)) forbidden ??= id;
          owners.set(id, { menteeId: row.mentee_id, relations, own: row.is_self });
        }
        if (forbidden !== undefined) {
          await this.deny(actor, permission, kind, forbidden);
          throw DomainError.forbidden();
        }
        return owners;
      }
    }
  }

  /**
   * List visibility over mentees aliased `m`: HR sees every mentee of the organization, a manager
   * those they manage or mentor, a mentee themselves. A predicate for a Kysely `where`, with the
   * caller's id as a bound value.
   */
  menteeVisible(actor: Actor): RawBuilder<SqlBool> {
    if (hasRole(actor, 'hr_admin')) return sql<SqlBool>`TRUE`;
    const clauses: RawBuilder<SqlBool>[] = [];
    if (hasRole(actor, 'manager'))
      clauses.push(sql`m.manager_id = ${actor.userId}`, sql`m.mentor_id = ${actor.userId}`);
    if (hasRole(actor, 'mentee')) clauses.push(sql`m.user_id = ${actor.userId}`);
    return clauses.length ? sql<SqlBool>`(${sql.join(clauses, sql` OR `)})` : sql<SqlBool>`FALSE`;
  }

  /**
   * Over mentees aliased `m`: those on which the caller is the one expected to exercise
   * `permission` now, by the policy's relations for it: as line manager, mentor or the mentee
   * themselves, each while they hold the relation's role. HR may act on every mentee but is waited
   * for only where nobody else can: a mentee whose line manager is no longer active. A sign-off
   * (`notSelf`) never waits on the mentee it concerns. What the inbox and the digest list.
   */
  waitingOn(actor: Actor, permission: Permission): RawBuilder<SqlBool> {
    const rule = POLICY[permission];
    const me = actor.userId;
    const clauses: RawBuilder<SqlBool>[] = [];
    for (const relation of rule.allow) {
      if (relation === 'author' || !hasRole(actor, RELATION_ROLE[relation])) continue;
      if (relation === 'manager') clauses.push(sql`m.manager_id = ${me}`);
      if (relation === 'mentor') clauses.push(sql`m.mentor_id = ${me}`);
      if (relation === 'self' && !rule.notSelf) clauses.push(sql`m.user_id = ${me}`);
      if (relation === 'hr')
        clauses.push(sql`NOT EXISTS (SELECT 1 FROM users lm WHERE lm.id = m.manager_id AND lm.active)`);
    }
    if (!clauses.length) return sql<SqlBool>`FALSE`;
    const any = sql<SqlBool>`(${sql.join(clauses, sql` OR `)})`;
    return rule.notSelf ? sql<SqlBool>`(${any} AND m.user_id <> ${me})` : any;
  }

  /**
   * List visibility over feedback aliased `f`: shared entries, plus the caller's own private ones
   * while they still manage or mentor the mentee. Combine with the mentee check.
   */
  feedbackVisible(actor: Actor): RawBuilder<SqlBool> {
    if (!hasRole(actor, RELATION_ROLE.manager)) return sql<SqlBool>`f.visibility = 'shared'`;
    const me = actor.userId;
    return sql<SqlBool>`(f.visibility = 'shared' OR (f.author_id = ${me} AND EXISTS (SELECT 1 FROM mentees fm
              WHERE fm.id = f.mentee_id AND (fm.manager_id = ${me} OR fm.mentor_id = ${me}))))`;
  }

  /**
   * A refusal the service decides after the object check (a sign-off on one's own data, a field
   * the caller may not set): audited like any denial; returns the 403 to throw.
   */
  async forbid(
    actor: Actor,
    permission: Permission,
    objectType: string,
    objectId: string,
    message?: string,
  ): Promise<DomainError> {
    await this.deny(actor, permission, objectType, objectId);
    return DomainError.forbidden(message);
  }

  private deny(actor: Actor, permission: Permission, objectType: string, objectId: string | null): Promise<void> {
    return this.denials.recordDenied(actor, { action: permission, objectType, objectId });
  }
}

/**
 * Private feedback is its author's alone: to anyone else it does not exist. Authorship is a right
 * only while the author still manages or mentors the mentee; a former author is a stranger.
 */
function relationsOf(actor: Actor, row: ObjectRelations | undefined): Relation[] {
  if (!row) return [];
  const relations: Relation[] = [];
  if (hasRole(actor, RELATION_ROLE.hr)) relations.push('hr');
  if (row.is_manager && hasRole(actor, RELATION_ROLE.manager)) relations.push('manager');
  if (row.is_mentor && hasRole(actor, RELATION_ROLE.mentor)) relations.push('mentor');
  if (row.is_self && hasRole(actor, RELATION_ROLE.self)) relations.push('self');
  const author = row.is_author && (relations.includes('manager') || relations.includes('mentor'));
  if (row.is_private && !author) return [];
  if (author) relations.push('author');
  return relations;
}
