import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { MailRepository } from '../mail.repository';

export const queries: QuerySnapshots = () => {
  const mail = new MailRepository();
  return {
    'mail.repository': {
      "insert({ organization, recipient, 'feedback_shared', subject })": () =>
        mail.insert({
          organizationId: P.organization,
          recipientId: P.user,
          kind: 'feedback_shared',
          subjectId: P.id,
        }),
      'lockForSending(id)': () => mail.lockForSending(P.id),
      "settle(id, 'failed', error)": () => mail.settle(P.id, 'failed', 'connection refused'),
      'list(organization, {}, 50)': () => mail.list(P.organization, {}, 50),
      "list(organization, { status: 'failed' }, 50, after cursor)": () =>
        mail.list(P.organization, { status: 'failed' }, 50, P.cursor),
    },
  };
};
