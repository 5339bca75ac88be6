import { Injectable } from '@nestjs/common';
import type { Sql } from '@leadpath/platform';

export interface OrganizationRow {
  id: string;
  name: string;
  created_at: Date;
}

@Injectable()
export class OrganizationsRepository {
  async insert(sql: Sql, name: string): Promise<OrganizationRow> {
    const [row] = await sql.query<OrganizationRow>('INSERT INTO organizations (name) VALUES ($1) RETURNING *', [name]);
    return row;
  }
}
