import type { MailStatus, WebhookDelivery, WebhookEvent, WebhookFormat } from './api';

/** Every event the API accepts, in words: typed by the API's list, so the build fails when it changes. */
export const EVENT_LABEL: Record<WebhookEvent, string> = {
  'feedback.created': 'Shared feedback logged',
  'milestone.verified': 'Milestone verified',
  'milestone.revoked': 'Milestone revoked',
  'goal.confirmed': 'Goal confirmed',
  'mentee.phase_changed': 'Mentee’s phase changed',
  'readiness.level_changed': 'Readiness level changed',
};

/** What an endpoint receives: typed by the API's list, so the build fails when it changes. */
export const FORMAT_LABEL: Record<WebhookFormat, { label: string; description: string }> = {
  standard: { label: 'Standard Webhooks (JSON)', description: 'Signed JSON for your own integration' },
  slack: { label: 'Slack channel', description: 'A message in the channel of a Slack incoming webhook' },
  teams: { label: 'Microsoft Teams channel', description: 'A card in the channel of a Teams Workflows webhook' },
};

export const MAIL_STATUS: Record<MailStatus, { label: string; color: string }> = {
  failed: { label: 'Failed', color: 'red.9' },
  retrying: { label: 'Retrying', color: 'orange.9' },
  pending: { label: 'Waiting', color: 'gray.7' },
  sent: { label: 'Sent', color: 'green.9' },
  skipped: { label: 'Skipped', color: 'gray.7' },
};

export const WEBHOOK_STATUS: Record<WebhookDelivery['status'], { label: string; color: string }> = {
  failed: { label: 'Failed', color: 'red.9' },
  retrying: { label: 'Retrying', color: 'orange.9' },
  pending: { label: 'Waiting', color: 'gray.7' },
  succeeded: { label: 'Delivered', color: 'green.9' },
};
