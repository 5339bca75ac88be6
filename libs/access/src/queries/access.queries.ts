import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { AccessRepository } from '../access.repository';
import type { Actor } from '../actor';

const actor: Actor = {
  userId: P.user,
  organizationId: P.organization,
  roles: ['manager'],
  menteeId: null,
  requestId: null,
};

export const queries: QuerySnapshots = () => {
  const access = new AccessRepository();
  const ids = [P.id, P.mentee];
  return {
    'access.repository': {
      "relations('mentee', manager, [id, mentee])": () => access.relations('mentee', actor, ids),
      "relations('goal', manager, [id, mentee])": () => access.relations('goal', actor, ids),
      "relations('feedback', manager, [id, mentee])": () => access.relations('feedback', actor, ids),
      "relations('assignment', manager, [id, mentee])": () => access.relations('assignment', actor, ids),
      'existingUsers(manager, [user, otherUser])': () => access.existingUsers(actor, [P.user, P.otherUser]),
    },
  };
};
