import type { MigrationInterface } from 'typeorm';
import { PeopleAndAccess1795736941575 } from './1795736941575-people-and-access';
import { AuditAppendOnly1795736941600 } from './1795736941600-audit-append-only';

/** Every migration, in order. Listed explicitly so every build and test runner finds the same set. */
export const migrations: (new () => MigrationInterface)[] = [
  PeopleAndAccess1795736941575,
  AuditAppendOnly1795736941600,
];
