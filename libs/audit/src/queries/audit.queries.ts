import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { AuditRepository } from '../audit.repository';

export const queries: QuerySnapshots = () => {
  const audit = new AuditRepository();
  return {
    'audit.repository': {
      'insertLoginFailure(email, request id) — every organization': () =>
        audit.insertLoginFailure('ada@example.com', 'request-1'),
      'insertLoginFailure(email, request id, organization)': () =>
        audit.insertLoginFailure('ada@example.com', 'request-1', P.organization),
      "insert([two rows: 'mentee.create' success, a denial])": () =>
        audit.insert([
          {
            organizationId: P.organization,
            actorId: P.user,
            action: 'mentee.create',
            objectType: 'mentee',
            objectId: P.mentee,
            outcome: 'success',
            requestId: 'request-1',
            changes: { name: { from: 'Ada', to: 'Ada Lovelace' } },
          },
          {
            organizationId: P.organization,
            actorId: P.otherUser,
            action: 'mentee.create',
            objectType: 'mentee',
            objectId: null,
            outcome: 'denied',
            requestId: null,
            changes: null,
          },
        ]),
      "insertUnlessRecent('report.summary', 60 s)": () =>
        audit.insertUnlessRecent(
          {
            organizationId: P.organization,
            actorId: P.user,
            action: 'report.summary',
            objectType: 'organization',
            objectId: P.organization,
            outcome: 'success',
            requestId: 'request-1',
            changes: null,
          },
          60,
        ),
      'list(organization, { kind: reads }, 50)': () => audit.list(P.organization, { kind: 'reads' }, 50),
      'list(organization, {}, 50)': () => audit.list(P.organization, {}, 50),
      'list(organization, every filter, 50, after cursor)': () =>
        audit.list(
          P.organization,
          {
            actorId: P.user,
            objectType: 'mentee',
            objectId: P.mentee,
            action: 'mentee.create',
            from: '2026-01-01',
            to: P.day,
          },
          50,
          P.cursor,
        ),
    },
  };
};
