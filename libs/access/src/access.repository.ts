import { Injectable } from '@nestjs/common';
import { Database } from '@leadpath/platform';
import type { Actor } from './actor';

/** How the caller stands to one object; for goals and feedback, via the mentee they belong to. */
export interface ObjectRelations {
  id: string;
  mentee_id: string;
  is_self: boolean;
  is_manager: boolean;
  is_mentor: boolean;
  is_author: boolean;
  is_private: boolean;
}

const RELATIONS = `m.user_id = $2 AS is_self, m.manager_id = $2 AS is_manager,
                   m.mentor_id IS NOT DISTINCT FROM $2 AS is_mentor`;

/** The one place that turns object ids into relations: one set-based query per call. */
const SOURCES = {
  mentee: `SELECT m.id, m.id AS mentee_id, ${RELATIONS}, false AS is_author, false AS is_private
             FROM mentees m WHERE m.organization_id = $1 AND m.id = ANY($3::uuid[])`,
  goal: `SELECT o.id, m.id AS mentee_id, ${RELATIONS}, false AS is_author, false AS is_private
           FROM goals o JOIN mentees m ON m.id = o.mentee_id
          WHERE o.organization_id = $1 AND o.id = ANY($3::uuid[])`,
  feedback: `SELECT o.id, m.id AS mentee_id, ${RELATIONS}, o.author_id = $2 AS is_author,
                    o.visibility = 'private' AS is_private
               FROM feedback o JOIN mentees m ON m.id = o.mentee_id
              WHERE o.organization_id = $1 AND o.id = ANY($3::uuid[])`,
  assignment: `SELECT o.id, m.id AS mentee_id, ${RELATIONS}, false AS is_author, false AS is_private
                 FROM assignments o JOIN mentees m ON m.id = o.mentee_id
                WHERE o.organization_id = $1 AND o.id = ANY($3::uuid[])`,
} as const;

export type RelatedKind = keyof typeof SOURCES;

@Injectable()
export class AccessRepository {
  constructor(private readonly db: Database) {}

  relations(kind: RelatedKind, actor: Actor, ids: string[]): Promise<ObjectRelations[]> {
    if (!actor.organizationId) throw new Error('access check without an organization id');
    return this.db.query<ObjectRelations>(SOURCES[kind], [actor.organizationId, actor.userId, ids]);
  }

  existingUsers(actor: Actor, ids: string[]): Promise<{ id: string }[]> {
    if (!actor.organizationId) throw new Error('access check without an organization id');
    return this.db.query<{ id: string }>('SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])', [
      actor.organizationId,
      ids,
    ]);
  }
}
