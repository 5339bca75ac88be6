import type { WebhookEventType } from '../domain';

/**
 * What happened, as integrations hear of it (webhooks): ids and names, never the text of
 * feedback. `menteeId` names the mentee the event is about; the publisher adds their name.
 */
export interface DomainEvent {
  type: WebhookEventType;
  menteeId: string;
  data: Record<string, string | number | boolean | null | { competency: string; rating: number }[]>;
}

/**
 * Where a write publishes its events, in the write's own transaction (a transactional outbox):
 * a rolled-back write publishes nothing. Declared here so the features that own the writes need
 * not depend on the webhooks library; that library provides the implementation.
 */
export abstract class DomainEvents {
  abstract publish(organizationId: string, ...events: DomainEvent[]): Promise<void>;
}
