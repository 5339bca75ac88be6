import { labelOf, LEVEL_LABEL, PHASE_LABEL } from '@leadpath/framework';
import type { WebhookFormat } from './entities/webhook-endpoint.entity';

/** The Standard Webhooks body every delivery stores: what happened, when, and to whom. */
interface StandardPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * One sentence a channel member understands, in the interface's words. Like the Standard body it
 * never carries feedback text or ratings: a channel is a wider audience than an integration.
 */
export function sentenceFor(payload: StandardPayload): string {
  const { data } = payload;
  const who = text(data.menteeName) || 'A mentee';
  switch (payload.type) {
    case 'feedback.created':
      return `${who} has a new one-on-one entry${data.occurredOn ? ` (${text(data.occurredOn)})` : ''}.`;
    case 'milestone.verified':
      return `${who}: the milestone “${text(data.key)}” was verified.`;
    case 'milestone.revoked':
      return `${who}: the milestone “${text(data.key)}” was revoked.`;
    case 'goal.confirmed':
      return `${who}: a goal was confirmed as achieved.`;
    case 'mentee.phase_changed':
      return `${who} moved from ${labelOf(PHASE_LABEL, text(data.from))} to ${labelOf(PHASE_LABEL, text(data.to))}.`;
    case 'readiness.level_changed':
      return `${who}'s readiness moved from ${labelOf(LEVEL_LABEL, text(data.from))} to ${labelOf(LEVEL_LABEL, text(data.to))}.`;
    case 'webhook.test':
      return 'Leadpath can post to this channel: this is a test message.';
    default:
      return `Leadpath: ${payload.type}.`;
  }
}

/** Slack's mrkdwn treats &, < and > as control characters. */
const slackEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The body sent to an endpoint of the given format, from the stored Standard payload: `standard`
 * sends it as it is; `slack` and `teams` send an incoming-webhook message (Slack's `text`, a Teams
 * Workflows adaptive card) with a link to the mentee's page when the event is about one.
 */
export function bodyFor(format: WebhookFormat, storedPayload: string, publicUrl: string): string {
  if (format === 'standard') return storedPayload;
  const payload = JSON.parse(storedPayload) as StandardPayload;
  const sentence = sentenceFor(payload);
  const menteeId = text(payload.data.menteeId);
  const link = menteeId ? `${publicUrl}/mentees/${encodeURIComponent(menteeId)}` : null;
  if (format === 'slack') {
    return JSON.stringify({
      text: link ? `${slackEscape(sentence)} <${link}|Open in Leadpath>` : slackEscape(sentence),
    });
  }
  return JSON.stringify({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [{ type: 'TextBlock', text: sentence, wrap: true }],
          ...(link ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in Leadpath', url: link }] } : {}),
        },
      },
    ],
  });
}
