import { Column, Entity } from 'typeorm';
import { CreatedAtColumn, IdColumn } from '@leadpath/platform/database';

@Entity('organizations')
export class OrganizationEntity {
  @IdColumn()
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreatedAtColumn()
  createdAt: Date;
}
