import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import { qb, type DB } from '@leadpath/platform/database';

export type OrganizationRow = Selectable<DB['organizations']>;

@Injectable()
export class OrganizationsRepository {
  async insert(name: string): Promise<OrganizationRow> {
    return qb.insertInto('organizations').values({ name }).returningAll().executeTakeFirstOrThrow();
  }
}
