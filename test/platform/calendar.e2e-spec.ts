import { parse } from 'csv-parse/sync';
import { addDays, Clock, utcDay } from '@leadpath/platform/time';
import { ReadModelService } from '@leadpath/readiness';
import { Factory, buildWorld, type World } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * One calendar (UTC) for every endpoint that shows a date-dependent state. A goal due on day D is
 * not overdue at D 23:59 UTC and is overdue at D+1 00:00 UTC — in the goal list, the goal itself,
 * the progress page, the readiness gaps, the read model behind the export, and the stale flag of
 * the mentee list — with the application's clock frozen on each side of midnight.
 */
describe('one calendar: the midnight case', () => {
  let t: TestApp;
  let w: World;
  let clock: Clock;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(new Factory(t));
    clock = t.app.get(Clock);
  });

  afterAll(async () => {
    clock.set(undefined);
    await t.close();
  });

  async function overdueEverywhere(goalId: string): Promise<Record<string, boolean>> {
    const manager = as(t, w.manager.token);
    const hr = as(t, w.hr.token);
    const list = await manager.get(`/api/v1/mentees/${w.target.id}/goals`).expect(200);
    const one = await manager.get(`/api/v1/goals/${goalId}`).expect(200);
    const progress = await manager.get(`/api/v1/mentees/${w.target.id}/progress`).expect(200);
    const readiness = await manager.get(`/api/v1/mentees/${w.target.id}/readiness`).expect(200);
    // The read model is recomputed by the background job once a row's value expires (at midnight).
    await t.app.get(ReadModelService).drain();
    const csv = await hr.get('/api/v1/reports/readiness.csv').expect(200);
    const rows = parse<Record<string, string>>(csv.text, { columns: true });
    const target = rows.find((r) => r['Mentee ID'] === w.target.id);
    if (!target) throw new Error('the target mentee is missing from the export');
    return {
      list: list.body.items.find((g: { id: string }) => g.id === goalId).overdue,
      goal: one.body.overdue,
      progress: progress.body.goals.find((g: { id: string }) => g.id === goalId).overdue,
      readiness: readiness.body.gaps.some(
        (g: { goalId?: string; type: string }) => g.type === 'goal' && g.goalId === goalId,
      ),
      export: Number(target['Overdue goals']) > 0,
    };
  }

  it('a goal due today is not overdue at 23:59 UTC and is at 00:00 the next day, in every endpoint', async () => {
    const due = addDays(utcDay(), 3);
    const created = await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/goals`, {
        title: 'Run the planning session alone',
        competency: 'communication',
        targetDate: due,
      })
      .expect(201);
    const goalId: string = created.body.id;

    clock.set(new Date(`${due}T23:59:00.000Z`));
    expect(await overdueEverywhere(goalId)).toEqual({
      list: false,
      goal: false,
      progress: false,
      readiness: false,
      export: false,
    });

    clock.set(new Date(`${addDays(due, 1)}T00:00:00.000Z`));
    expect(await overdueEverywhere(goalId)).toEqual({
      list: true,
      goal: true,
      progress: true,
      readiness: true,
      export: true,
    });
  });

  it('the stale flag turns at midnight too, in the mentee list and in readiness', async () => {
    // buildWorld logged shared feedback for the target today; stale after the organization's 30 days.
    clock.set(undefined);
    const hr = as(t, w.hr.token);
    const readiness = await as(t, w.manager.token).get(`/api/v1/mentees/${w.target.id}/readiness`).expect(200);
    const lastShared: string = readiness.body.lastSharedFeedbackOn;
    expect(lastShared).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const staleFrom = addDays(lastShared, 31);

    const staleNow = async () => {
      const list = await hr.get('/api/v1/mentees?limit=100').expect(200);
      const item = list.body.items.find((m: { id: string }) => m.id === w.target.id);
      const gaps = (await as(t, w.manager.token).get(`/api/v1/mentees/${w.target.id}/readiness`).expect(200)).body.gaps;
      return {
        list: item.readiness.stale as boolean,
        readiness: gaps.some((g: { type: string }) => g.type === 'feedback'),
      };
    };

    clock.set(new Date(`${addDays(staleFrom, -1)}T23:59:00.000Z`));
    expect(await staleNow()).toEqual({ list: false, readiness: false });
    clock.set(new Date(`${staleFrom}T00:00:00.000Z`));
    expect(await staleNow()).toEqual({ list: true, readiness: true });
  });
});
