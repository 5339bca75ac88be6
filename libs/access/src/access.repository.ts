import { Injectable } from '@nestjs/common';
import { Database } from '@leadpath/platform';
import type { Actor } from './actor';

export interface MenteeRelations {
  id: string;
  is_self: boolean;
  is_manager: boolean;
  is_mentor: boolean;
}

/** Set-based answers to "how does this caller stand to these objects?", one query each. */
@Injectable()
export class AccessRepository {
  constructor(private readonly db: Database) {}

  menteeRelations(actor: Actor, ids: string[]): Promise<MenteeRelations[]> {
    return this.db.query<MenteeRelations>(
      `SELECT m.id,
              m.user_id = $2 AS is_self,
              m.manager_id = $2 AS is_manager,
              m.mentor_id IS NOT DISTINCT FROM $2 AS is_mentor
         FROM mentees m
        WHERE m.organization_id = $1 AND m.id = ANY($3::uuid[])`,
      [actor.organizationId, actor.userId, ids],
    );
  }

  existingUsers(actor: Actor, ids: string[]): Promise<{ id: string }[]> {
    return this.db.query<{ id: string }>('SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])', [
      actor.organizationId,
      ids,
    ]);
  }
}
