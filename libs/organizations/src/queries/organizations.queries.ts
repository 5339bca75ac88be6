import { type QuerySnapshots } from '@leadpath/platform/database';
import { OrganizationsRepository } from '../organizations.repository';

export const queries: QuerySnapshots = () => ({
  'organizations.repository': {
    "insert('Acme')": () => new OrganizationsRepository().insert('Acme'),
  },
});
