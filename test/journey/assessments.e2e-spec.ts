import { ANSWERS, type World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('assessments', () => {
  let t: TestApp;
  let w: World;
  withWorld((s) => ({ t, w } = s));

  const path = () => `/api/v1/mentees/${w.target.id}/assessments`;

  it('scores a self-assessment and shows the per-sign gap to the manager view', async () => {
    const self = await as(t, w.target.user.token).post(path(), { kind: 'self', answers: ANSWERS }).expect(201);
    // mean(fit) = (4+4+3+3+4)/5 = 3.6; mean(stay) = (3+2+3+1)/4 = 2.25; fit = 1.35 → management
    expect(self.body).toMatchObject({ kind: 'self', fit: 1.35, suggestion: 'management', gap: null });
    const managerAnswers = { ...ANSWERS, mentors_others: 2, loves_craft: 5 };
    const manager = await as(t, w.manager.token).post(path(), { kind: 'manager', answers: managerAnswers }).expect(201);
    // mean(fit) = 3.2; mean(stay) = 2.75; fit = 0.45 → undecided
    expect(manager.body).toMatchObject({ fit: 0.45, suggestion: 'undecided' });
    expect(manager.body.gap).toMatchObject({ otherAssessmentId: self.body.id, otherKind: 'self', fit: -0.9 });
    expect(manager.body.gap.perSign).toMatchObject({ mentors_others: -2, loves_craft: 2, systems_thinking: 0 });
    const list = await as(t, w.target.user.token).get(path()).expect(200);
    expect(list.body.items.map((a: { kind: string }) => a.kind)).toEqual(['manager', 'self']);
    expect(list.body.items[1].gap).toMatchObject({ otherAssessmentId: manager.body.id, fit: 0.9 });
  });

  it('a mentee cannot file a manager assessment, nor a manager a self one', async () => {
    await as(t, w.target.user.token).post(path(), { kind: 'manager', answers: ANSWERS }).expect(403);
    await as(t, w.manager.token).post(path(), { kind: 'self', answers: ANSWERS }).expect(403);
    await as(t, w.mentor.token).post(path(), { kind: 'manager', answers: ANSWERS }).expect(403);
  });

  it('needs all nine signs, each 1–5, and nothing else', async () => {
    const { money_or_title: _omit, ...eight } = ANSWERS;
    const missing = await as(t, w.target.user.token).post(path(), { kind: 'self', answers: eight }).expect(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['answers.money_or_title']);
    const range = await as(t, w.target.user.token)
      .post(path(), { kind: 'self', answers: { ...ANSWERS, loves_craft: 6 } })
      .expect(400);
    expect(range.body.fields.map((f: { field: string }) => f.field)).toEqual(['answers.loves_craft']);
    const extra = await as(t, w.target.user.token)
      .post(path(), { kind: 'self', answers: { ...ANSWERS, likes_golf: 5 } })
      .expect(400);
    expect(extra.body.fields.map((f: { field: string }) => f.field)).toEqual(['answers.likes_golf']);
    await as(t, w.target.user.token)
      .post(path(), { kind: 'self', answers: [1, 2, 3] })
      .expect(400);
  });
});
