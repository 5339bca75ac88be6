import request from 'supertest';
import { tableChecksum } from '../support/checksum';
import type { World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('career framework', () => {
  let t: TestApp;
  let w: World;
  withWorld((s) => ({ t, w } = s));

  it('every new organization gets its own copy of the default framework', async () => {
    const signup = await request(t.server)
      .post('/api/v1/organizations')
      .send({
        name: 'Fresh',
        admin: { email: 'fresh-admin@example.test', name: 'Fresh Admin', password: 'a long fresh passphrase' },
      })
      .expect(201);
    const res = await as(t, signup.body.accessToken).get('/api/v1/framework').expect(200);
    expect(res.body.phases.map((p: { key: string }) => p.key)).toEqual([
      'build_credibility',
      'lead_without_title',
      'first_management_role',
      'growing_scope',
    ]);
    expect(res.body.competencies.map((c: { key: string }) => c.key)).toEqual([
      'communication',
      'emotional_intelligence',
      'delegation',
      'strategic_thinking',
      'hiring',
      'giving_feedback',
      'managing_up',
      'budgeting',
    ]);
    const phase2 = res.body.milestoneTemplates.filter((m: { phase: string }) => m.phase === 'lead_without_title');
    expect(phase2.filter((m: { required: boolean }) => m.required)).toHaveLength(8);
    expect(phase2.find((m: { key: string }) => m.key === 'pmp_or_itil_certification').required).toBe(false);
    expect(res.body.settings).toEqual({
      weights: { milestones: 0.4, competencies: 0.4, goals: 0.2 },
      staleFeedbackDays: 30,
      ledFeedbackThreshold: 3,
      ledVoiceWeight: 0,
      feedbackRequestsPerDay: 30,
      timeZone: 'UTC',
      minGroupSize: 5,
      useCalibratedMeans: false,
    });
    expect(res.body.competencies.every((c: { description: string }) => c.description.length > 20)).toBe(true);
  });

  it('HR adds, renames, re-orders and retires a competency; retired ones stay in history but cannot be rated', async () => {
    const created = await as(t, w.hr.token)
      .post('/api/v1/framework/competencies', { key: 'negotiation', name: 'Negotiation', category: 'underestimated' })
      .expect(201);
    expect(created.body).toMatchObject({ key: 'negotiation', retired: false, position: 9 });
    await as(t, w.hr.token).post('/api/v1/framework/competencies', { key: 'negotiation', name: 'Again' }).expect(409);
    const renamed = await as(t, w.hr.token)
      .patch(`/api/v1/framework/competencies/${created.body.id}`, { name: 'Negotiating', position: 0 })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Negotiating', position: 0, key: 'negotiation' });
    await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, {
        occurredOn: '2026-11-01',
        visibility: 'shared',
        ratings: [{ competency: 'negotiation', rating: 4 }],
      })
      .expect(201);
    await as(t, w.hr.token).patch(`/api/v1/framework/competencies/${created.body.id}`, { retired: true }).expect(200);
    const active = await as(t, w.manager.token).get('/api/v1/framework').expect(200);
    expect(active.body.competencies.map((c: { key: string }) => c.key)).not.toContain('negotiation');
    const all = await as(t, w.manager.token).get('/api/v1/framework?includeRetired=true').expect(200);
    expect(all.body.competencies.find((c: { key: string }) => c.key === 'negotiation')).toMatchObject({
      retired: true,
    });
    const refused = await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, {
        occurredOn: '2026-11-02',
        visibility: 'shared',
        ratings: [{ competency: 'negotiation', rating: 4 }],
      })
      .expect(400);
    expect(refused.body.fields[0].field).toBe('ratings.0.competency');
    await as(t, w.hr.token)
      .patch('/api/v1/framework/competencies/00000000-0000-4000-8000-000000000000', { name: 'X' })
      .expect(404);
    await as(t, w.hr.token)
      .patch(`/api/v1/framework/competencies/${created.body.id}`, { key: 'renamed_key' })
      .expect(400);
  });

  it('HR adds and retires milestone templates; edits in one organization never touch another', async () => {
    const created = await as(t, w.hr.token)
      .post('/api/v1/framework/milestones', {
        key: 'run_incident_review',
        phase: 'lead_without_title',
        title: 'Run an incident review',
      })
      .expect(201);
    expect(created.body).toMatchObject({ required: true, phase: 'lead_without_title' });
    await as(t, w.hr.token)
      .patch(`/api/v1/framework/milestones/${created.body.id}`, { required: false, title: 'Run a review' })
      .expect(200);
    const other = await as(t, w.hrB.token).get('/api/v1/framework').expect(200);
    expect(other.body.milestoneTemplates.map((m: { key: string }) => m.key)).not.toContain('run_incident_review');
    await as(t, w.hrB.token).patch(`/api/v1/framework/milestones/${created.body.id}`, { title: 'Hijack' }).expect(404);
    await as(t, w.hr.token).patch(`/api/v1/framework/milestones/${created.body.id}`, { retired: true }).expect(200);
    const list = await as(t, w.target.user.token).get(`/api/v1/mentees/${w.target.id}/milestones`).expect(200);
    expect(list.body.items.map((m: { key: string }) => m.key)).not.toContain('run_incident_review');
  });

  it('settings: weights must sum to 1 with at most three decimals; stale days 1–365; bad input changes nothing', async () => {
    const before = await tableChecksum(t.db.pool);
    for (const body of [
      { weights: { milestones: 0.5, competencies: 0.5, goals: 0.5 } },
      { weights: { milestones: 0.5, competencies: 0.5 } },
      { weights: { milestones: 0.3333, competencies: 0.3333, goals: 0.3334 } },
      { weights: { milestones: -0.2, competencies: 1, goals: 0.2 } },
      { staleFeedbackDays: 0 },
      { staleFeedbackDays: 'thirty' },
      { weights: 'heavy' },
    ]) {
      const res = await as(t, w.hr.token).patch('/api/v1/framework/settings', body).expect(400);
      expect(res.body.fields.length).toBeGreaterThan(0);
    }
    expect(await tableChecksum(t.db.pool)).toBe(before);
    const ok = await as(t, w.hr.token)
      .patch('/api/v1/framework/settings', {
        weights: { milestones: 0.5, competencies: 0.3, goals: 0.2 },
        staleFeedbackDays: 21,
      })
      .expect(200);
    expect(ok.body).toEqual({
      weights: { milestones: 0.5, competencies: 0.3, goals: 0.2 },
      staleFeedbackDays: 21,
      ledFeedbackThreshold: 3,
      ledVoiceWeight: 0,
      feedbackRequestsPerDay: 30,
      timeZone: 'UTC',
      minGroupSize: 5,
      useCalibratedMeans: false,
    });
    await as(t, w.manager.token).patch('/api/v1/framework/settings', { staleFeedbackDays: 10 }).expect(403);
  });
});
