import { AuditEventEntity } from '@leadpath/audit';
import { LoginThrottleEntity } from '@leadpath/auth';
import { MenteeEntity, PhaseChangeEntity } from '@leadpath/mentees';
import { OrganizationEntity } from '@leadpath/organizations';
import { UserEntity } from '@leadpath/users';

/** Every TypeORM entity of every feature, for schema comparison (migration:generate, drift test). */
export const entities = [
  OrganizationEntity,
  UserEntity,
  MenteeEntity,
  PhaseChangeEntity,
  AuditEventEntity,
  LoginThrottleEntity,
];
