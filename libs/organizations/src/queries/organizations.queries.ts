import { type QuerySnapshots } from '@leadpath/platform';
import { OrganizationsRepository } from '../organizations.repository';

export const queries: QuerySnapshots = (db) => ({
  'organizations.repository': {
    "insert('Acme')": () => new OrganizationsRepository().insert(db, 'Acme'),
  },
});
