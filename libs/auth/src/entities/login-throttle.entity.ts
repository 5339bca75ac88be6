import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Login attempt counters, shared by every API instance. Keyed by account or client address,
 * so it carries no organization.
 */
@Entity('login_throttle')
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key: string;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'integer' })
  hits: number;
}
