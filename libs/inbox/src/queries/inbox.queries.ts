import { sql } from 'kysely';
import { AccessService, rolesAllow, type Actor } from '@leadpath/access';
import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { InboxRepository } from '../inbox.repository';
import { INBOX_SOURCES, type InboxSource } from '../sources';

const manager: Actor = {
  userId: P.user,
  organizationId: P.organization,
  roles: ['manager'],
  menteeId: null,
  requestId: null,
};
const mentee: Actor = { ...manager, roles: ['mentee'], menteeId: P.mentee };

export const queries: QuerySnapshots = () => {
  const inbox = new InboxRepository();
  // The scope predicates are built without a query: the service needs neither of its collaborators.
  const access = new AccessService({} as never, {} as never);
  const read = (actor: Actor, today = sql`leadpath_today()`) =>
    inbox.rows(
      INBOX_SOURCES.filter((s) => rolesAllow(actor.roles, s.permission)),
      (source: InboxSource) => ({
        organizationId: actor.organizationId,
        userId: actor.userId,
        waitingOn: access.waitingOn(actor, source.permission),
        today,
      }),
      50,
    );
  return {
    'inbox.repository': {
      'rows(a manager, today, 50 per kind)': () => read(manager),
      "rows(a manager, the digest's day, 50 per kind)": () => read(manager, sql`${P.day}::date`),
      'rows(a mentee, today, 50 per kind)': () => read(mentee),
      'person(user)': () => inbox.person(P.user),
    },
  };
};
