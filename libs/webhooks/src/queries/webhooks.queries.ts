import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform';
import { WebhooksRepository, type EndpointFields } from '../webhooks.repository';

const fields: EndpointFields = {
  url: 'https://hooks.example.com/leadpath',
  description: null,
  events: ['readiness.level_changed'],
};
const later = new Date('2026-01-15T12:05:00.000Z');

export const queries: QuerySnapshots = (db) => {
  const webhooks = new WebhooksRepository(db);
  return {
    'webhooks.repository': {
      'insertEndpoint(organization, fields, secret, by user)': () =>
        webhooks.insertEndpoint(db, P.organization, fields, 'whsec_placeholder', P.user),
      'count(organization)': () => webhooks.count(db, P.organization),
      'endpoint(id)': () => webhooks.endpoint(db, P.id),
      'endpoint(id, { lock: true })': () => webhooks.endpoint(db, P.id, { lock: true }),
      'listEndpoints(organization, 20, after cursor)': () => webhooks.listEndpoints(P.organization, 20, P.cursor),
      'updateEndpoint(id, { url, events, enabled }, at)': () =>
        webhooks.updateEndpoint(db, P.id, { url: fields.url, events: fields.events, enabled: false }, P.at),
      'deleteEndpoint(id)': () => webhooks.deleteEndpoint(db, P.id),
      'rotateSecret(id, secret, grace until, at)': () =>
        webhooks.rotateSecret(db, P.id, 'whsec_placeholder', later, P.at),
      "subscribers(organization, 'readiness.level_changed')": () =>
        webhooks.subscribers(db, P.organization, 'readiness.level_changed'),
      'menteeName(mentee)': () => webhooks.menteeName(db, P.mentee),
      'insertDeliveries(organization, one delivery)': () =>
        webhooks.insertDeliveries(db, P.organization, [
          { endpointId: P.id, eventType: 'readiness.level_changed', payload: '{}' },
        ]),
      'lockForSending(id)': () => webhooks.lockForSending(db, P.id),
      'recordAttempt(a failed first attempt)': () =>
        webhooks.recordAttempt(db, {
          organizationId: P.organization,
          deliveryId: P.id,
          attempt: 1,
          at: P.at,
          statusCode: 500,
          error: null,
          durationMs: 120,
          excerpt: 'Internal Server Error',
        }),
      "settleDelivery(id, { 'retrying', 1 attempt, next at })": () =>
        webhooks.settleDelivery(db, P.id, { status: 'retrying', attempts: 1, nextAttemptAt: later, at: P.at }),
      'markEndpoint(id, ok, at)': () => webhooks.markEndpoint(db, P.id, true, P.at),
      'disableEndpoint(id, reason, at)': () => webhooks.disableEndpoint(db, P.id, 'failing for 3 days', P.at),
      'claimDue(organization, at, 50)': () => webhooks.claimDue(db, P.organization, P.at, 50),
      'organizationsDue(at)': () => webhooks.organizationsDue(db, P.at),
      'listDeliveries(endpoint, 20, after cursor)': () => webhooks.listDeliveries(P.id, 20, P.cursor),
      'attemptsOf([id])': () => webhooks.attemptsOf([P.id]),
    },
  };
};
