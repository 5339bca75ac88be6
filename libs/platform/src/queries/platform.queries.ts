import { IdempotencyService } from '../database/idempotency.service';
import { PLACEHOLDER as P, type QuerySnapshots } from '../database/query-snapshots';

export const queries: QuerySnapshots = () => ({
  'idempotency.service': {
    // With no rows the key counts as taken: the claim and the look-up of the first answer.
    "run({ organization, user }, 'key-1', request) — a repeated key": () =>
      new IdempotencyService().run({ organizationId: P.organization, userId: P.user }, 'key-1', {}, async () => ({})),
  },
});
