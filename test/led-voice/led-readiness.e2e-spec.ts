import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { Factory, TestMentee, World } from '../support/factories';
import { as } from '../support/http';
import { pdfText } from '../support/pdf-text';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

interface Competency {
  key: string;
  mean: number | null;
  managerMean: number | null;
  led: { mean: number | null; answers: number };
}

describe('the voices of those led as evidence: milestones, readiness, reports', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  const readiness = async (mentee: TestMentee) =>
    (await as(t, w.manager.token).get(`/api/v1/mentees/${mentee.id}/readiness`).expect(200)).body;
  const competency = (body: { competencies: Competency[] }, key: string) =>
    body.competencies.find((c) => c.key === key)!;

  /** A completed assignment of the mentee with these answers from the people led. */
  const ledAnswers = async (mentee: TestMentee, answers: Record<string, number>[], templateId?: string) => {
    const id = await f.assignment(mentee, w.manager.id, {
      status: 'active',
      competencies: ['communication', 'delegation'],
      milestoneTemplateId: templateId,
    });
    for (const ratings of answers) {
      const token = await f.feedbackLink(mentee.organizationId, id);
      await request(t.server)
        .post(`/api/v1/respond/${token}`)
        .send({ ratings: Object.entries(ratings).map(([k, rating]) => ({ competency: k, rating })) })
        .expect(204);
    }
    await as(t, w.manager.token).patch(`/api/v1/assignments/${id}`, { status: 'completed' }).expect(200);
    return id;
  };

  it('a phase-2 mentee without answers from people led has the gap; with them, readiness shows them beside the manager ratings and the score stays', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id, phase: 'lead_without_title' });
    await f.feedback(mentee, w.manager.id, { ratings: { communication: 4, delegation: 2 } });
    const before = await readiness(mentee);
    expect(before.gaps.map((g: { type: string }) => g.type)).toContain('led_feedback');

    // Two answers are below the threshold: nothing counts yet.
    await ledAnswers(mentee, [
      { communication: 2, delegation: 5 },
      { communication: 2, delegation: 5 },
    ]);
    expect((await readiness(mentee)).gaps.map((g: { type: string }) => g.type)).toContain('led_feedback');

    await ledAnswers(mentee, [
      { communication: 2, delegation: 5 },
      { communication: 3, delegation: 4 },
      { communication: 1, delegation: 3 },
    ]);
    const after = await readiness(mentee);
    expect(after.gaps.map((g: { type: string }) => g.type)).not.toContain('led_feedback');
    expect(competency(after, 'communication')).toMatchObject({ mean: 4, managerMean: 4, led: { mean: 2, answers: 3 } });
    expect(competency(after, 'delegation')).toMatchObject({ mean: 2, managerMean: 2, led: { mean: 4, answers: 3 } });
    // ledVoiceWeight is 0 by default: the score does not move.
    expect(after.score).toBe(before.score);

    const progress = await as(t, mentee.user.token).get(`/api/v1/mentees/${mentee.id}/progress`).expect(200);
    expect(JSON.stringify(progress.body)).toContain('"led":{"mean":4,"answers":3}');

    // A phase-1 mentee is not asked for it.
    const early = await f.mentee(w.orgA.id, { managerId: w.manager.id, phase: 'build_credibility' });
    expect((await readiness(early)).gaps.map((g: { type: string }) => g.type)).not.toContain('led_feedback');
  });

  it('ledVoiceWeight blends r = (1 − w) · manager mean + w · led mean, and either alone when the other is missing', async () => {
    const orgC = await f.organization('Gamma');
    const hr = await f.user(orgC.id, ['hr_admin']);
    const manager = await f.user(orgC.id, ['manager']);
    const mentee = await f.mentee(orgC.id, { managerId: manager.id, phase: 'lead_without_title' });
    await f.feedback(mentee, manager.id, { ratings: { communication: 5 } });
    const id = await f.assignment(mentee, manager.id, { competencies: ['communication', 'delegation'] });
    for (const [c, d] of [
      [3, 4],
      [3, 4],
      [3, 4],
    ]) {
      const token = await f.feedbackLink(orgC.id, id);
      await request(t.server)
        .post(`/api/v1/respond/${token}`)
        .send({
          ratings: [
            { competency: 'communication', rating: c },
            { competency: 'delegation', rating: d },
          ],
        })
        .expect(204);
    }
    await as(t, manager.token).patch(`/api/v1/assignments/${id}`, { status: 'completed' }).expect(200);
    const read = async () =>
      (await as(t, manager.token).get(`/api/v1/mentees/${mentee.id}/readiness`).expect(200)).body;

    const unweighted = await read();
    expect(competency(unweighted, 'communication').mean).toBe(5);
    expect(competency(unweighted, 'delegation').mean).toBeNull();

    await as(t, hr.token).patch('/api/v1/framework/settings', { ledVoiceWeight: 1.5 }).expect(400);
    await as(t, hr.token).patch('/api/v1/framework/settings', { ledVoiceWeight: 0.25 }).expect(200);
    const weighted = await read();
    // communication: 0.75 · 5 + 0.25 · 3 = 4.5; delegation: the led mean alone, 4
    expect(competency(weighted, 'communication').mean).toBe(4.5);
    expect(competency(weighted, 'delegation').mean).toBe(4);
    expect(weighted.components.competencies.rated).toBe(unweighted.components.competencies.rated + 1);
    expect(weighted.score).toBeGreaterThan(unweighted.score);
    const framework = await as(t, hr.token).get('/api/v1/framework').expect(200);
    expect(framework.body.settings).toMatchObject({ ledVoiceWeight: 0.25, ledFeedbackThreshold: 3 });
  });

  it('an assignment with results is evidence on the milestone it proves; the PDF has "The people I led"; the CSV counts them', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id, phase: 'lead_without_title' });
    const template = await f.templateId(w.orgA.id, 'lead_project_as_tech_lead');
    const id = await ledAnswers(
      mentee,
      [
        { communication: 4, delegation: 4 },
        { communication: 5, delegation: 3 },
        { communication: 4, delegation: 5 },
      ],
      template,
    );
    const milestones = await as(t, w.manager.token).get(`/api/v1/mentees/${mentee.id}/milestones`).expect(200);
    const proved = milestones.body.items.find((m: { templateId: string }) => m.templateId === template);
    expect(proved.assignments).toEqual([
      expect.objectContaining({ id, status: 'completed', answers: 3, threshold: 3, hasResults: true }),
    ]);
    const others = milestones.body.items.filter((m: { templateId: string }) => m.templateId !== template);
    expect(others.every((m: { assignments: unknown[] }) => m.assignments.length === 0)).toBe(true);

    const pdf = await as(t, w.manager.token)
      .get(`/api/v1/mentees/${mentee.id}/report.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const { text } = pdfText(pdf.body as Buffer);
    expect(text).toContain('The people I led');
    expect(text).toContain('the people led 4.3 (3 answers)');

    const csv = await as(t, w.hr.token).get('/api/v1/reports/readiness.csv').expect(200);
    const rows = parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ''), { columns: true });
    const row = rows.find((r) => r['Mentee ID'] === mentee.id)!;
    expect(row['Assignments with answers from people led']).toBe('1');
    expect(rows.find((r) => r['Mentee ID'] === w.target.id)!['Assignments with answers from people led']).toBe('0');
  });
});
