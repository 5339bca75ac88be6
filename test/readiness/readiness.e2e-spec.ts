import { Database } from '@leadpath/platform/database';
import type { Factory, World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

const daysAgo = (n: number) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

describe('readiness', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  it('equals a hand-computed value for a known history, and explains every gap', async () => {
    const mentee = await f.mentee(w.orgA.id, {
      managerId: w.manager.id,
      mentorId: w.mentor.id,
      phase: 'lead_without_title',
    });
    // Phase 2 has 8 required milestones; verify 6 of them → M = 6 / 8 = 0.75
    const keys = [
      'lead_project_as_tech_lead',
      'mentor_junior',
      'run_meetings_facilitate_decisions',
      'represent_team_cross_functional',
      'own_initiative_beyond_remit',
      'lead_project_end_to_end',
    ];
    for (const key of keys) {
      const templateId = await f.templateId(w.orgA.id, key);
      await t.db.pool.query(
        `INSERT INTO mentee_milestones (organization_id, mentee_id, template_id, status, recorded_by, verified_by, verified_at)
         VALUES ($1, $2, $3, 'completed', $4, $5, now() - interval '1 day')`,
        [w.orgA.id, mentee.id, templateId, mentee.userId, w.manager.id],
      );
    }
    // Completed but unverified: still a gap.
    await t.db.pool.query(
      `INSERT INTO mentee_milestones (organization_id, mentee_id, template_id, status, recorded_by)
       VALUES ($1, $2, $3, 'completed', $4)`,
      [w.orgA.id, mentee.id, await f.templateId(w.orgA.id, 'find_manager_mentor'), mentee.userId],
    );
    // The optional certification, verified, does not count.
    await t.db.pool.query(
      `INSERT INTO mentee_milestones (organization_id, mentee_id, template_id, status, recorded_by, verified_by, verified_at)
       VALUES ($1, $2, $3, 'completed', $4, $5, now())`,
      [w.orgA.id, mentee.id, await f.templateId(w.orgA.id, 'pmp_or_itil_certification'), mentee.userId, w.manager.id],
    );

    // Ratings (shared unless said): communication 5, 4, 4, then an older 1 that drops out → r = 13/3
    await f.feedback(mentee, w.manager.id, {
      occurredOn: daysAgo(3),
      ratings: { communication: 5, delegation: 2 },
      needToSee: 'Run the Q1 planning',
    });
    await f.feedback(mentee, w.mentor.id, {
      occurredOn: daysAgo(10),
      ratings: { communication: 4 },
      authorRole: 'mentor',
    });
    await f.feedback(mentee, w.manager.id, { occurredOn: daysAgo(20), ratings: { communication: 4, delegation: 4 } });
    await f.feedback(mentee, w.manager.id, { occurredOn: daysAgo(40), ratings: { communication: 1 } });
    // A private 5 for delegation and a 400-day-old 5 for hiring never count.
    await f.feedback(mentee, w.manager.id, {
      occurredOn: daysAgo(1),
      visibility: 'private',
      ratings: { delegation: 5 },
      needToSee: 'PRIVATE need',
    });
    await f.feedback(mentee, w.manager.id, { occurredOn: daysAgo(400), ratings: { hiring: 5 } });
    // delegation: 2 and 4 → r = 3.
    // Goals: 2 achieved, 1 open and overdue, 1 dropped → G = 2 / 3.
    await f.goal(mentee, w.manager.id, { status: 'achieved' });
    await f.goal(mentee, w.manager.id, { status: 'achieved' });
    const overdue = await f.goal(mentee, w.manager.id, { targetDate: daysAgo(5) });
    await f.goal(mentee, w.manager.id, { status: 'dropped', targetDate: daysAgo(5) });

    const res = await as(t, mentee.user.token).get(`/api/v1/mentees/${mentee.id}/readiness`).expect(200);
    // C = mean over 8 competencies of (r − 1)/4:
    //   communication (13/3 − 1)/4 = 10/12 = 0.8333…, delegation (3 − 1)/4 = 0.5, six unrated → 0
    //   C = (0.8333… + 0.5) / 8 = 0.1666…
    // score = round(100 × (0.4 × 0.75 + 0.4 × 0.1666… + 0.2 × 0.6666…)) = round(30 + 6.666… + 13.333…) = round(50) = 50
    expect(res.body).toMatchObject({
      phase: 'lead_without_title',
      nextPhase: 'first_management_role',
      score: 50,
      level: 'developing',
      components: {
        milestones: { value: 0.75, verified: 6, required: 8, weight: 0.4 },
        competencies: { value: 0.1667, rated: 2, total: 8, weight: 0.4 },
        goals: { value: 0.6667, achieved: 2, open: 1, pastDue: 1, weight: 0.2 },
      },
      needToSee: { text: 'Run the Q1 planning', occurredOn: daysAgo(3), authorName: expect.any(String) },
      lastSharedFeedbackOn: daysAgo(3),
      daysSinceSharedFeedback: 3,
    });
    const communication = res.body.competencies.find((c: { key: string }) => c.key === 'communication');
    expect(communication).toMatchObject({ mean: 4.3333, value: 0.8333 });
    expect(communication.ratings).toEqual([
      { rating: 5, occurredOn: daysAgo(3), authorRole: 'manager' },
      { rating: 4, occurredOn: daysAgo(10), authorRole: 'mentor' },
      { rating: 4, occurredOn: daysAgo(20), authorRole: 'manager' },
    ]);
    const gaps = res.body.gaps as {
      type: string;
      message: string;
      templateId?: string;
      competency?: string;
      goalId?: string;
    }[];
    expect(gaps.filter((g) => g.type === 'milestone').map((g) => g.message)).toEqual([
      'Milestone "Ask your manager for explicit feedback on your leadership potential" is not verified yet (not started).',
      'Milestone "Find a mentor who is a manager" is not verified yet (completed and awaiting verification).',
    ]);
    expect(gaps.filter((g) => g.type === 'competency').map((g) => g.competency)).toEqual([
      'emotional_intelligence',
      'strategic_thinking',
      'hiring',
      'giving_feedback',
      'managing_up',
      'budgeting',
    ]);
    expect(gaps.filter((g) => g.type === 'goal').map((g) => g.goalId)).toEqual([overdue]);
    expect(gaps.some((g) => g.type === 'feedback')).toBe(false);
    expect(JSON.stringify(res.body)).not.toContain('PRIVATE');
  });

  it('never lowers readiness when a goal is set: only open goals past their date count against G', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id });
    await f.goal(mentee, w.manager.id, { status: 'achieved' });
    const read = async () =>
      (await as(t, w.manager.token).get(`/api/v1/mentees/${mentee.id}/readiness`).expect(200)).body as {
        score: number;
        components: { goals: { value: number; open: number; pastDue: number } };
      };
    const before = await read();
    expect(before.components.goals).toMatchObject({ value: 1, open: 0, pastDue: 0 });
    // Through the API, as a manager would: one goal due next month, one without a date.
    for (const targetDate of [new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10), undefined]) {
      await as(t, w.manager.token)
        .post(`/api/v1/mentees/${mentee.id}/goals`)
        .send({ title: 'Run the planning', competency: 'communication', ...(targetDate ? { targetDate } : {}) })
        .expect(201);
    }
    const after = await read();
    expect(after.score).toBe(before.score);
    expect(after.components.goals).toMatchObject({ value: 1, open: 2, pastDue: 0 });
    // Once a goal is past its date it counts against: 1 / (1 + 1).
    await f.goal(mentee, w.manager.id, { targetDate: daysAgo(1) });
    expect((await read()).components.goals).toMatchObject({ value: 0.5, open: 3, pastDue: 1 });
  });

  it('applies the organization’s weights and stale-feedback days', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id, phase: 'growing_scope' });
    await f.feedback(mentee, w.manager.id, { occurredOn: daysAgo(20), ratings: { budgeting: 5 } });
    const before = await as(t, w.hr.token).get(`/api/v1/mentees/${mentee.id}/readiness`).expect(200);
    // M = 0/2, C = (1)/8 = 0.125, G = 0 → round(100 × 0.4 × 0.125) = 5; 20 days < 30: not stale
    expect(before.body.score).toBe(5);
    expect(before.body.gaps.some((g: { type: string }) => g.type === 'feedback')).toBe(false);
    await as(t, w.hr.token)
      .patch('/api/v1/framework/settings', {
        weights: { milestones: 0.2, competencies: 0.8, goals: 0 },
        staleFeedbackDays: 14,
      })
      .expect(200);
    const after = await as(t, w.hr.token).get(`/api/v1/mentees/${mentee.id}/readiness`).expect(200);
    // round(100 × 0.8 × 0.125) = 10; 20 days > 14: stale
    expect(after.body.score).toBe(10);
    const stale = after.body.gaps.find((g: { type: string }) => g.type === 'feedback');
    expect(stale.message).toBe(
      `No shared feedback in the last 14 days (the latest was on ${daysAgo(20)}, 20 days ago).`,
    );
    await as(t, w.hr.token)
      .patch('/api/v1/framework/settings', {
        weights: { milestones: 0.4, competencies: 0.4, goals: 0.2 },
        staleFeedbackDays: 30,
      })
      .expect(200);
  });

  it('a manager lists their stale mentees', async () => {
    const manager = await f.user(w.orgA.id, ['manager']);
    const fresh = await f.mentee(w.orgA.id, { managerId: manager.id });
    const quiet = await f.mentee(w.orgA.id, { managerId: manager.id });
    const never = await f.mentee(w.orgA.id, { managerId: manager.id });
    await f.feedback(fresh, manager.id, { occurredOn: daysAgo(2) });
    await f.feedback(quiet, manager.id, { occurredOn: daysAgo(45) });
    await f.feedback(quiet, manager.id, { occurredOn: daysAgo(1), visibility: 'private' });
    const res = await as(t, manager.token).get('/api/v1/mentees?stale=true').expect(200);
    expect(res.body.items.map((m: { id: string }) => m.id).sort()).toEqual([quiet.id, never.id].sort());
    const active = await as(t, manager.token).get('/api/v1/mentees?stale=false').expect(200);
    expect(active.body.items.map((m: { id: string }) => m.id)).toEqual([fresh.id]);
    await as(t, manager.token).get('/api/v1/mentees?stale=sometimes').expect(400);
  });

  it('counts the stale window from enrolment: a newly enrolled mentee is not stale at once', async () => {
    const manager = await f.user(w.orgA.id, ['manager']);
    const user = await f.user(w.orgA.id, ['mentee']);
    // Enrolled through the API today, with no feedback yet.
    const created = await as(t, w.hr.token)
      .post('/api/v1/mentees', { userId: user.id, managerId: manager.id })
      .expect(201);
    // Enrolled 31 days ago (outside the 30-day window), and 30 days ago (the window still holds that day).
    const overdue = await f.mentee(w.orgA.id, { managerId: manager.id, enrolledDaysAgo: 31 });
    const edge = await f.mentee(w.orgA.id, { managerId: manager.id, enrolledDaysAgo: 30 });
    const stale = await as(t, manager.token).get('/api/v1/mentees?stale=true').expect(200);
    expect(stale.body.items.map((m: { id: string }) => m.id)).toEqual([overdue.id]);
    const readiness = await as(t, manager.token).get(`/api/v1/mentees/${created.body.id}/readiness`).expect(200);
    expect(readiness.body.gaps.filter((g: { type: string }) => g.type === 'feedback')).toEqual([]);
    const summary = await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200);
    const listed = summary.body.staleMentees.map((m: { menteeId: string }) => m.menteeId);
    expect(listed).toContain(overdue.id);
    expect(listed).not.toContain(created.body.id);
    expect(listed).not.toContain(edge.id);
  });

  it('progress holds readiness, a 12-point trend, milestones, goals, recent shared feedback and assessments', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id });
    await f.feedback(mentee, w.manager.id, { occurredOn: daysAgo(100), ratings: { communication: 3 } });
    await f.feedback(mentee, w.manager.id, {
      occurredOn: daysAgo(2),
      ratings: { communication: 5 },
      text: 'Shared text',
    });
    await f.feedback(mentee, w.manager.id, {
      occurredOn: daysAgo(1),
      visibility: 'private',
      text: 'SECRET private text',
    });
    await f.goal(mentee, w.manager.id);
    const res = await as(t, mentee.user.token).get(`/api/v1/mentees/${mentee.id}/progress`).expect(200);
    expect(res.body.trend).toHaveLength(12);
    expect(res.body.trend[11].score).toBe(res.body.readiness.score);
    expect(res.body.trend[0].score).toBeLessThanOrEqual(res.body.readiness.score);
    expect(res.body.milestones.length).toBeGreaterThan(0);
    expect(res.body.goals).toHaveLength(1);
    expect(res.body.recentFeedback.map((x: { strengths: string }) => x.strengths)).toEqual([
      'Shared text',
      'Factory strengths',
    ]);
    expect(res.body.assessments).toEqual({ self: null, manager: null });
    expect(JSON.stringify(res.body)).not.toContain('SECRET');
  });

  it('the trend starts at enrolment: no points from before the mentee was on the path', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id, enrolledDaysAgo: 45 });
    const res = await as(t, w.manager.token).get(`/api/v1/mentees/${mentee.id}/progress`).expect(200);
    const enrolled = daysAgo(45);
    const trend = res.body.trend as { at: string }[];
    // Month ends within the last 45 days (one or two), then now.
    expect(trend.length).toBeGreaterThanOrEqual(2);
    expect(trend.length).toBeLessThanOrEqual(3);
    for (const point of trend) expect(point.at.slice(0, 10) >= enrolled).toBe(true);
  });

  it('progress runs a fixed number of queries, whatever the history size', async () => {
    const db = t.app.get(Database);
    const count = async (menteeId: string, token: string) => {
      const spy = jest.spyOn(db, 'query');
      try {
        await as(t, token).get(`/api/v1/mentees/${menteeId}/progress`).expect(200);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const small = await f.mentee(w.orgA.id, { managerId: w.manager.id });
    const large = await f.mentee(w.orgA.id, { managerId: w.manager.id });
    for (let i = 0; i < 60; i++) {
      await f.feedback(large, w.manager.id, {
        occurredOn: daysAgo(i * 5),
        ratings: { communication: 1 + (i % 5), delegation: 3 },
      });
    }
    for (let i = 0; i < 15; i++) await f.goal(large, w.manager.id, { status: i % 3 ? 'open' : 'achieved' });
    const queriesSmall = await count(small.id, small.user.token);
    const queriesLarge = await count(large.id, large.user.token);
    expect(queriesSmall).toBeLessThanOrEqual(5);
    expect(queriesLarge).toBe(queriesSmall);
  });

  it('is 404 to anyone who may not see the mentee', async () => {
    for (const token of [w.otherManager.token, w.stranger.user.token, w.hrB.token]) {
      await as(t, token).get(`/api/v1/mentees/${w.target.id}/readiness`).expect(404);
      await as(t, token).get(`/api/v1/mentees/${w.target.id}/progress`).expect(404);
    }
  });
});
