import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import { anyOf, qb } from '@leadpath/platform/database';
import type { Actor } from './actor';

/** How the user stands to the mentee `m`. */
const relationsTo = (userId: string) => [
  sql<boolean>`m.user_id = ${userId}`.as('is_self'),
  sql<boolean>`m.manager_id = ${userId}`.as('is_manager'),
  sql<boolean>`m.mentor_id IS NOT DISTINCT FROM ${userId}`.as('is_mentor'),
];

/** Objects that have no author and are never private. */
const unauthored = [sql<boolean>`false`.as('is_author'), sql<boolean>`false`.as('is_private')];

/** The one place that turns object ids into relations: one set-based query per call. */
const SOURCES = {
  mentee: (organizationId: string, userId: string, ids: string[]) =>
    qb
      .selectFrom('mentees as m')
      .select(['m.id', 'm.id as mentee_id', ...relationsTo(userId), ...unauthored])
      .where('m.organization_id', '=', organizationId)
      .where(anyOf('m.id', ids, 'uuid')),
  goal: (organizationId: string, userId: string, ids: string[]) =>
    qb
      .selectFrom('goals as o')
      .innerJoin('mentees as m', 'm.id', 'o.mentee_id')
      .select(['o.id', 'm.id as mentee_id', ...relationsTo(userId), ...unauthored])
      .where('o.organization_id', '=', organizationId)
      .where(anyOf('o.id', ids, 'uuid')),
  feedback: (organizationId: string, userId: string, ids: string[]) =>
    qb
      .selectFrom('feedback as o')
      .innerJoin('mentees as m', 'm.id', 'o.mentee_id')
      .select([
        'o.id',
        'm.id as mentee_id',
        ...relationsTo(userId),
        sql<boolean>`o.author_id = ${userId}`.as('is_author'),
        sql<boolean>`o.visibility = 'private'`.as('is_private'),
      ])
      .where('o.organization_id', '=', organizationId)
      .where(anyOf('o.id', ids, 'uuid')),
  assignment: (organizationId: string, userId: string, ids: string[]) =>
    qb
      .selectFrom('assignments as o')
      .innerJoin('mentees as m', 'm.id', 'o.mentee_id')
      .select(['o.id', 'm.id as mentee_id', ...relationsTo(userId), ...unauthored])
      .where('o.organization_id', '=', organizationId)
      .where(anyOf('o.id', ids, 'uuid')),
  // A meeting series: the line manager or mentor relation counts only for the one who holds it.
  meeting: (organizationId: string, userId: string, ids: string[]) =>
    qb
      .selectFrom('meeting_series as o')
      .innerJoin('mentees as m', 'm.id', 'o.mentee_id')
      .select([
        'o.id',
        'm.id as mentee_id',
        sql<boolean>`m.user_id = ${userId}`.as('is_self'),
        sql<boolean>`(m.manager_id = ${userId} AND o.holder_id = ${userId})`.as('is_manager'),
        sql<boolean>`(m.mentor_id IS NOT DISTINCT FROM ${userId} AND o.holder_id = ${userId})`.as('is_mentor'),
        ...unauthored,
      ])
      .where('o.organization_id', '=', organizationId)
      .where(anyOf('o.id', ids, 'uuid')),
} as const;

export type RelatedKind = keyof typeof SOURCES;

/** How the caller stands to one object; for goals and feedback, via the mentee they belong to. */
export type ObjectRelations = InferResult<ReturnType<(typeof SOURCES)[RelatedKind]>>[number];

@Injectable()
export class AccessRepository {
  relations(kind: RelatedKind, actor: Actor, ids: string[]): Promise<ObjectRelations[]> {
    if (!actor.organizationId) throw new Error('access check without an organization id');
    return SOURCES[kind](actor.organizationId, actor.userId, ids).execute();
  }

  existingUsers(actor: Actor, ids: string[]): Promise<{ id: string }[]> {
    if (!actor.organizationId) throw new Error('access check without an organization id');
    return qb
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', actor.organizationId)
      .where(anyOf('id', ids, 'uuid'))
      .execute();
  }
}
