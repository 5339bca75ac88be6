import { Injectable } from '@nestjs/common';
import { qb, run, type Sql } from '@leadpath/platform';

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: Date;
}

@Injectable()
export class OrganizationsRepository {
  async insert(db: Sql, name: string): Promise<OrganizationRow> {
    const [row] = await run(db, qb.insertInto('organizations').values({ name }).returningAll());
    return row;
  }
}
