import { PLACEHOLDER as P, type QuerySnapshots } from '@leadpath/platform/database';
import { WebhooksRepository, type EndpointFields } from '../webhooks.repository';

const fields: EndpointFields = {
  url: 'https://hooks.example.com/leadpath',
  description: null,
  events: ['readiness.level_changed'],
  format: 'standard',
};
const later = new Date('2026-01-15T12:05:00.000Z');

export const queries: QuerySnapshots = () => {
  const webhooks = new WebhooksRepository();
  return {
    'webhooks.repository': {
      'insertEndpoint(organization, fields, secret, by user)': () =>
        webhooks.insertEndpoint(P.organization, fields, 'whsec_placeholder', P.user),
      'count(organization)': () => webhooks.count(P.organization),
      'endpoint(id)': () => webhooks.endpoint(P.id),
      'endpoint(id, { lock: true })': () => webhooks.endpoint(P.id, { lock: true }),
      'listEndpoints(organization, 20, after cursor)': () => webhooks.listEndpoints(P.organization, 20, P.cursor),
      'updateEndpoint(id, { url, events, enabled }, at)': () =>
        webhooks.updateEndpoint(P.id, { url: fields.url, events: fields.events, enabled: false }, P.at),
      'deleteEndpoint(id)': () => webhooks.deleteEndpoint(P.id),
      'rotateSecret(id, secret, grace until, at)': () => webhooks.rotateSecret(P.id, 'whsec_placeholder', later, P.at),
      "subscribers(organization, 'readiness.level_changed')": () =>
        webhooks.subscribers(P.organization, 'readiness.level_changed'),
      'menteeName(mentee)': () => webhooks.menteeName(P.mentee),
      'insertDeliveries(organization, one delivery)': () =>
        webhooks.insertDeliveries(P.organization, [
          { endpointId: P.id, eventType: 'readiness.level_changed', payload: '{}' },
        ]),
      'lockForSending(id)': () => webhooks.lockForSending(P.id),
      'recordAttempt(a failed first attempt)': () =>
        webhooks.recordAttempt({
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
        webhooks.settleDelivery(P.id, { status: 'retrying', attempts: 1, nextAttemptAt: later, at: P.at }),
      'markEndpoint(id, ok, at)': () => webhooks.markEndpoint(P.id, true, P.at),
      'disableEndpoint(id, reason, at)': () => webhooks.disableEndpoint(P.id, 'failing for 3 days', P.at),
      'claimDue(organization, at, 50)': () => webhooks.claimDue(P.organization, P.at, 50),
      'organizationsDue(at)': () => webhooks.organizationsDue(P.at),
      'listDeliveries(endpoint, 20, after cursor)': () => webhooks.listDeliveries(P.id, 20, P.cursor),
      'attemptsOf([id])': () => webhooks.attemptsOf([P.id]),
    },
  };
};
