import { bodyFor, sentenceFor } from './channel-message';

const payload = (type: string, data: Record<string, unknown>) =>
  JSON.stringify({ type, timestamp: '2026-12-07T10:00:00.000Z', data });

describe('channel messages', () => {
  it('sends the stored Standard payload unchanged to a standard endpoint', () => {
    const stored = payload('goal.confirmed', { menteeId: 'm1', menteeName: 'Ana' });
    expect(bodyFor('standard', stored, 'https://lp.example.com')).toBe(stored);
  });

  it('says each event in the interface words, never its codes', () => {
    const say = (type: string, data: Record<string, unknown>) =>
      sentenceFor({ type, timestamp: '', data: { menteeName: 'Ana', ...data } });
    expect(say('readiness.level_changed', { from: 'nearly_ready', to: 'ready' })).toBe(
      "Ana's readiness moved from Nearly ready to Ready.",
    );
    expect(say('mentee.phase_changed', { from: 'lead_without_title', to: 'first_management_role' })).toBe(
      'Ana moved from Lead without the title to First management role.',
    );
    expect(say('milestone.verified', { key: 'runs_incident_review' })).toContain('was verified');
    expect(say('milestone.revoked', { key: 'runs_incident_review' })).toContain('was revoked');
    expect(say('goal.confirmed', {})).toBe('Ana: a goal was confirmed as achieved.');
    expect(say('feedback.created', { occurredOn: '2026-12-01' })).toBe('Ana has a new one-on-one entry (2026-12-01).');
    expect(sentenceFor({ type: 'webhook.test', timestamp: '', data: {} })).toMatch(/test message/);
  });

  it('escapes Slack control characters in names and links to the mentee', () => {
    const body = JSON.parse(
      bodyFor('slack', payload('goal.confirmed', { menteeId: 'm 1', menteeName: 'A<b>&c' }), 'https://lp.example.com'),
    ) as { text: string };
    expect(body.text).toBe(
      'A&lt;b&gt;&amp;c: a goal was confirmed as achieved. <https://lp.example.com/mentees/m%201|Open in Leadpath>',
    );
  });

  it('posts a Teams adaptive card, without a link when the event names no mentee', () => {
    const body = JSON.parse(bodyFor('teams', payload('webhook.test', { endpointId: 'e1' }), 'https://x')) as {
      attachments: { content: { body: { text: string }[]; actions?: unknown } }[];
    };
    expect(body.attachments[0].content.body[0].text).toMatch(/test message/);
    expect(body.attachments[0].content).not.toHaveProperty('actions');
  });
});
