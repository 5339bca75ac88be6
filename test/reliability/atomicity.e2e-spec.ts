import { AuditService } from '@leadpath/audit';
import { tableChecksum } from '../support/checksum';
import { ANSWERS, type Factory, type World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('atomicity of a write and its audit event', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  /** Makes the next audit write fail, as a crash between the change and its event would. */
  const failNextAudit = () =>
    jest
      .spyOn(t.app.get(AuditService), 'record')
      .mockRejectedValueOnce(new Error('injected fault between write and audit'));

  /** Each case: fixtures first (they are rows too), then the request that must leave no trace. */
  type Send = (w: World, fixture: string) => { then: Promise<{ status: number }>['then'] };
  const writes: [string, (w: World, f: Factory) => Promise<string>, Send][] = [
    [
      'create a user',
      async () => '',
      (w) =>
        as(t, w.hr.token).post('/api/v1/users', {
          email: 'fault@example.test',
          name: 'F',
          roles: ['mentee'],
          password: 'a long enough passphrase',
        }),
    ],
    [
      'update a mentee',
      async () => '',
      (w) =>
        as(t, w.manager.token).patch(`/api/v1/mentees/${w.target.id}`, {
          phase: 'growing_scope',
          department: 'Faulty',
        }),
    ],
    [
      'log feedback',
      async () => '',
      (w) =>
        as(t, w.manager.token)
          .post(`/api/v1/mentees/${w.target.id}/feedback`, {
            occurredOn: '2026-11-01',
            visibility: 'shared',
            ratings: [{ competency: 'hiring', rating: 2 }],
          })
          .set('idempotency-key', 'fault-key'),
    ],
    [
      'edit feedback',
      async () => '',
      (w) => as(t, w.manager.token).patch(`/api/v1/feedback/${w.sharedFeedback}`, { gaps: 'faulty edit' }),
    ],
    [
      'verify a milestone',
      (w, f) => f.milestone(w.target, 'completed'),
      (w, template) => as(t, w.manager.token).post(`/api/v1/mentees/${w.target.id}/milestones/${template}/verify`),
    ],
    [
      'create a goal',
      async () => '',
      (w) =>
        as(t, w.target.user.token).post(`/api/v1/mentees/${w.target.id}/goals`, {
          title: 'Faulty goal',
          competency: 'hiring',
        }),
    ],
    [
      'check in on a goal',
      async () => '',
      (w) => as(t, w.target.user.token).post(`/api/v1/goals/${w.goal}/check-ins`, { progress: 50 }),
    ],
    [
      'file an assessment',
      async () => '',
      (w) =>
        as(t, w.target.user.token).post(`/api/v1/mentees/${w.target.id}/assessments`, {
          kind: 'self',
          answers: ANSWERS,
        }),
    ],
    [
      'change settings',
      async () => '',
      (w) => as(t, w.hr.token).patch('/api/v1/framework/settings', { staleFeedbackDays: 7 }),
    ],
  ];

  it.each(writes)(
    'a fault while auditing "%s" leaves neither the change nor the event',
    async (_name, prepare, send) => {
      const fixture = await prepare(w, f);
      const before = await tableChecksum(t.db.pool);
      const events = async () =>
        (await t.db.pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n as number;
      const eventsBefore = await events();
      const spy = failNextAudit();
      try {
        const res = await send(w, fixture);
        expect(res.status).toBe(500);
      } finally {
        spy.mockRestore();
      }
      expect(await tableChecksum(t.db.pool)).toBe(before);
      expect(await events()).toBe(eventsBefore);
    },
  );
});
