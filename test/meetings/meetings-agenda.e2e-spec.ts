import { Clock } from '@leadpath/platform/time';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

interface AgendaItem {
  id: string;
  text: string;
  private: boolean;
  done: boolean;
  position: number;
  carriedOverFrom: string | null;
  suggestionKey: string | null;
  author: { id: string };
}
interface ActionItem {
  id: string;
  text: string;
  done: boolean;
  carriedOverFrom: string | null;
  owner: { id: string };
  milestoneId: string | null;
}
interface Detail {
  id: string;
  content: boolean;
  agenda: AgendaItem[] | null;
  actions: ActionItem[] | null;
  openActions: ActionItem[] | null;
  lastTime: { meetingId: string; nextSteps: string | null } | null;
  outcomes: { feedbackId: string; nextSteps: string | null }[] | null;
  series: { agendaItems: number; agendaItemsByMentee: number; menteeShare: number | null; recurrence: string | null };
}

/** Weekly on Tuesdays at 10:00 Berlin from 2026-02-03: the ids of the first four meetings. */
const WEEKS = ['20260203T090000Z', '20260210T090000Z', '20260217T090000Z', '20260224T090000Z'];

describe('meeting agendas, actions and outcomes', () => {
  let t: TestApp;
  let f: Factory;
  let clock: Clock;
  let hr: TestUser;
  let manager: TestUser;
  let mentee: TestMentee;
  let orgId: string;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    clock = t.app.get(Clock);
    clock.set(new Date('2026-02-01T08:00:00.000Z'));
    ({ orgId, hr, manager, mentee } = await f.team());
    const res = await as(t, manager.token)
      .post(`/api/v1/mentees/${mentee.id}/meetings`, {
        startsAt: '2026-02-03T10:00',
        durationMinutes: 30,
        timeZone: 'Europe/Berlin',
        recurrence: 'FREQ=WEEKLY',
      })
      .expect(201);
    const seriesId = (res.body as { seriesId: string }).seriesId;
    ids = WEEKS.map((w) => `${seriesId}_${w}`);
  });

  afterAll(async () => {
    clock.set(undefined);
    await t.close();
  });

  const detail = async (token: string, id: string): Promise<Detail> =>
    (await as(t, token).get(`/api/v1/meetings/${id}`).expect(200)).body as Detail;
  const add = (token: string, id: string, body: object) =>
    as(t, token).post(`/api/v1/meetings/${id}/agenda-items`, body);

  it('keeps a private point to its author, reorders and ticks off, and carries unticked points over', async () => {
    const a = (await add(manager.token, ids[0], { text: 'Team growth' }).expect(201)).body as AgendaItem;
    const b = (await add(mentee.user.token, ids[0], { text: 'My promotion case' }).expect(201)).body as AgendaItem;
    const c = (await add(manager.token, ids[0], { text: 'Note to self', private: true }).expect(201))
      .body as AgendaItem;
    await add(manager.token, ids[0], { text: '' }).expect(400);

    const mine = await detail(manager.token, ids[0]);
    expect(mine.agenda!.map((i) => i.text)).toEqual(['Team growth', 'My promotion case', 'Note to self']);
    const theirs = await detail(mentee.user.token, ids[0]);
    expect(theirs.agenda!.map((i) => i.text)).toEqual(['Team growth', 'My promotion case']);
    // The mentee cannot touch the private point: it does not exist for them.
    await as(t, mentee.user.token).patch(`/api/v1/meetings/${ids[0]}/agenda-items/${c.id}`, { done: true }).expect(404);
    // Nor reword someone else's point.
    await as(t, mentee.user.token)
      .patch(`/api/v1/meetings/${ids[0]}/agenda-items/${a.id}`, { text: 'Mine now' })
      .expect(403);

    // The mentee moves their point first.
    await as(t, mentee.user.token)
      .patch(`/api/v1/meetings/${ids[0]}/agenda-items/${b.id}`, { position: 0 })
      .expect(200);
    expect((await detail(manager.token, ids[0])).agenda!.map((i) => i.text)).toEqual([
      'My promotion case',
      'Team growth',
      'Note to self',
    ]);
    // Ticked off in the first meeting; the other two stay open.
    await as(t, manager.token).patch(`/api/v1/meetings/${ids[0]}/agenda-items/${b.id}`, { done: true }).expect(200);

    // The first meeting is over: its open points show on the next, marked as carried over.
    clock.set(new Date('2026-02-05T08:00:00.000Z'));
    const next = await detail(manager.token, ids[1]);
    expect(next.agenda!.map((i) => [i.text, i.carriedOverFrom])).toEqual([
      ['Team growth', '2026-02-03'],
      ['Note to self', '2026-02-03'],
    ]);
    expect((await detail(mentee.user.token, ids[1])).agenda!.map((i) => i.text)).toEqual(['Team growth']);
    // Not yet on the meeting after next (the next one is the current one).
    expect((await detail(manager.token, ids[2])).agenda).toEqual([]);
    // Ticked off in the second meeting: it stays there as done, and goes no further.
    await as(t, manager.token).patch(`/api/v1/meetings/${ids[1]}/agenda-items/${a.id}`, { done: true }).expect(200);
    clock.set(new Date('2026-02-12T08:00:00.000Z'));
    const third = await detail(manager.token, ids[2]);
    expect(third.agenda!.map((i) => i.text)).toEqual(['Note to self']);
    const second = await detail(manager.token, ids[1]);
    expect(second.agenda!.find((i) => i.id === a.id)).toMatchObject({ done: true, carriedOverFrom: '2026-02-03' });
    // Back in the first meeting, the point shows as it was added, not done there.
    expect((await detail(manager.token, ids[0])).agenda!.find((i) => i.id === a.id)).toMatchObject({
      done: false,
      carriedOverFrom: null,
    });

    // The author removes their point; nobody else can.
    await as(t, mentee.user.token).delete(`/api/v1/meetings/${ids[0]}/agenda-items/${a.id}`).expect(403);
    await as(t, manager.token).delete(`/api/v1/meetings/${ids[2]}/agenda-items/${c.id}`).expect(204);
    expect((await detail(manager.token, ids[2])).agenda).toEqual([]);
  });

  it('shows each series’ share of points the mentee added, and HR only the dates', async () => {
    const d = await detail(manager.token, ids[0]);
    expect(d.series).toMatchObject({
      agendaItems: 2,
      agendaItemsByMentee: 1,
      menteeShare: 0.5,
      recurrence: 'FREQ=WEEKLY',
    });
    const seen = await detail(hr.token, ids[0]);
    expect(seen).toMatchObject({
      content: false,
      agenda: null,
      actions: null,
      openActions: null,
      outcomes: null,
      lastTime: null,
    });
    expect(seen.series.menteeShare).toBe(0.5);
    expect(JSON.stringify(seen)).not.toContain('promotion');
    await add(hr.token, ids[0], { text: 'HR point' }).expect(403);
    await as(t, hr.token).get(`/api/v1/meetings/${ids[0]}/suggestions`).expect(403);
    const list = await as(t, hr.token)
      .get(`/api/v1/mentees/${mentee.id}/meetings?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z`)
      .expect(200);
    expect((list.body as { items: { id: string }[] }).items.map((o) => o.id)).toEqual(ids);
  });

  it('suggests points from readiness gaps, adds one in one call, and does not suggest it again', async () => {
    await f.milestone(mentee, 'completed');
    const goalId = await f.goal(mentee, manager.id);
    await f.pool.query(`UPDATE goals SET target_date = '2026-01-15' WHERE id = $1`, [goalId]);
    const before = (await as(t, mentee.user.token).get(`/api/v1/meetings/${ids[2]}/suggestions`).expect(200)).body as {
      items: { key: string; kind: string; text: string }[];
    };
    const kinds = before.items.map((s) => s.kind);
    expect(kinds).toContain('milestone_unverified');
    expect(kinds).toContain('goal_overdue');
    const overdue = before.items.find((s) => s.key === `goal_overdue:${goalId}`)!;
    expect(overdue).toBeDefined();
    const added = (await add(mentee.user.token, ids[2], { text: overdue.text, suggestionKey: overdue.key }).expect(201))
      .body as AgendaItem;
    expect(added.suggestionKey).toBe(overdue.key);
    const after = (await as(t, manager.token).get(`/api/v1/meetings/${ids[2]}/suggestions`).expect(200)).body as {
      items: { key: string }[];
    };
    expect(after.items.map((s) => s.key)).not.toContain(overdue.key);
    expect(after.items).toHaveLength(before.items.length - 1);
    // Added once: a second time is refused, naming the field.
    const again = await add(manager.token, ids[2], { text: 'again', suggestionKey: overdue.key }).expect(400);
    expect(JSON.stringify(again.body)).toContain('suggestionKey');
  });

  it('agrees actions for either participant, carries open ones forward, and closes one as milestone evidence', async () => {
    const stranger = await f.user(orgId, ['manager']);
    const bad = await as(t, manager.token)
      .post(`/api/v1/meetings/${ids[2]}/action-items`, { text: 'Nope', ownerId: stranger.id })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('ownerId');
    const mine = (
      await as(t, manager.token)
        .post(`/api/v1/meetings/${ids[2]}/action-items`, {
          text: 'Write the postmortem',
          ownerId: mentee.userId,
          dueOn: '2026-02-20',
        })
        .expect(201)
    ).body as ActionItem;
    const theirs = (
      await as(t, mentee.user.token)
        .post(`/api/v1/meetings/${ids[2]}/action-items`, { text: 'Find a sponsor', ownerId: manager.id })
        .expect(201)
    ).body as ActionItem;
    expect(mine.owner.id).toBe(mentee.userId);

    clock.set(new Date('2026-02-19T08:00:00.000Z'));
    const next = await detail(mentee.user.token, ids[3]);
    expect(next.openActions!.map((a) => [a.text, a.carriedOverFrom])).toEqual([
      ['Write the postmortem', '2026-02-17'],
      ['Find a sponsor', '2026-02-17'],
    ]);
    expect(next.actions).toEqual([]);

    const templateId = await f.templateId(orgId, (await firstTemplateKey(f, orgId))!);
    await as(t, mentee.user.token)
      .patch(`/api/v1/meetings/${ids[3]}/action-items/${mine.id}`, { milestoneId: templateId })
      .expect(400);
    const closed = (
      await as(t, mentee.user.token)
        .patch(`/api/v1/meetings/${ids[3]}/action-items/${mine.id}`, { done: true, milestoneId: templateId })
        .expect(200)
    ).body as ActionItem;
    expect(closed).toMatchObject({ done: true, milestoneId: templateId });
    const milestones = await as(t, mentee.user.token).get(`/api/v1/mentees/${mentee.id}/milestones`).expect(200);
    const evidence = (
      milestones.body as { items: { templateId: string; evidence: { text: string } | null }[] }
    ).items.find((m) => m.templateId === templateId)!.evidence;
    expect(evidence?.text).toContain('Write the postmortem');
    // Closed: no longer carried to later meetings; the other is.
    clock.set(new Date('2026-02-26T08:00:00.000Z'));
    const later = await detail(manager.token, `${ids[0].split('_')[0]}_20260303T090000Z`);
    expect(later.openActions!.map((a) => a.id)).toEqual([theirs.id]);
    // Reopened, it is open again.
    await as(t, manager.token).patch(`/api/v1/meetings/${ids[3]}/action-items/${mine.id}`, { done: false }).expect(200);
  });

  it('logs the outcome as a feedback entry linked to the meeting, refuses an empty one, and shows last time’s next steps', async () => {
    const empty = await as(t, manager.token)
      .post(`/api/v1/meetings/${ids[2]}/outcome`, { visibility: 'shared', ratings: [] })
      .expect(400);
    expect(JSON.stringify(empty.body)).toContain('nextSteps');
    await as(t, mentee.user.token)
      .post(`/api/v1/meetings/${ids[2]}/outcome`, { visibility: 'shared', ratings: [], nextSteps: 'x' })
      .expect(403);
    const entry = await as(t, manager.token)
      .post(`/api/v1/meetings/${ids[2]}/outcome`, {
        visibility: 'shared',
        ratings: [{ competency: 'communication', rating: 4 }],
        nextSteps: 'Present the roadmap at the all-hands',
      })
      .expect(201);
    expect(entry.body).toMatchObject({ meetingId: ids[2], occurredOn: '2026-02-17', visibility: 'shared' });
    const feedback = await as(t, mentee.user.token)
      .get(`/api/v1/feedback/${(entry.body as { id: string }).id}`)
      .expect(200);
    expect(feedback.body).toMatchObject({ meetingId: ids[2] });
    const here = await detail(mentee.user.token, ids[2]);
    expect(here.outcomes!.map((o) => o.nextSteps)).toEqual(['Present the roadmap at the all-hands']);
    const next = await detail(mentee.user.token, ids[3]);
    expect(next.lastTime).toMatchObject({ meetingId: ids[2], nextSteps: 'Present the roadmap at the all-hands' });
  });
});

async function firstTemplateKey(f: Factory, orgId: string): Promise<string | undefined> {
  const { rows } = await f.pool.query<{ key: string }>(
    `SELECT key FROM milestone_templates WHERE organization_id = $1 AND retired_at IS NULL AND phase = 'lead_without_title'
      AND id NOT IN (SELECT template_id FROM mentee_milestones) ORDER BY position LIMIT 1`,
    [orgId],
  );
  return rows[0]?.key;
}
