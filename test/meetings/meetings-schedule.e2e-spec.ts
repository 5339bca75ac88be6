import { Clock } from '@leadpath/platform/time';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

interface Occurrence {
  id: string;
  seriesId: string;
  startsAt: string;
  originalStartsAt: string;
  localStart: string;
  status: string;
  rescheduled: boolean;
  durationMinutes: number;
}

/** The UTC offset of `timeZone` at `iso`, in minutes east, read by Intl (not by the code under test). */
function offsetAt(iso: string, timeZone: string): number {
  const at = new Date(iso);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return (Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - at.getTime()) / 60000;
}

function wallTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

describe('scheduling one-on-ones', () => {
  let t: TestApp;
  let f: Factory;
  let clock: Clock;
  let hr: TestUser;
  let manager: TestUser;
  let mentor: TestUser;
  let mentee: TestMentee;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    clock = t.app.get(Clock);
    clock.set(new Date('2026-01-01T08:00:00.000Z'));
    ({ orgId, hr, manager, mentee } = await f.team());
    mentor = await f.user(orgId, ['manager']);
    await f.pool.query('UPDATE mentees SET mentor_id = $1 WHERE id = $2', [mentor.id, mentee.id]);
  });

  afterAll(async () => {
    clock.set(undefined);
    await t.close();
  });

  const schedule = (token: string, body: object, menteeId = mentee.id) =>
    as(t, token).post(`/api/v1/mentees/${menteeId}/meetings`, body);

  const window = async (token: string, from: string, to: string): Promise<Occurrence[]> => {
    const res = await as(t, token)
      .get(`/api/v1/meetings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
      .expect(200);
    return (res.body as { items: Occurrence[] }).items;
  };

  it.each([
    ['Europe/Berlin', '2026-01-06T09:30', 60, 120],
    ['America/New_York', '2026-01-06T09:30', -300, -240],
  ])(
    'keeps 52 weekly meetings in %s at 09:30 local across both daylight-saving switches',
    async (timeZone, startsAt, winter, summer) => {
      const created = await schedule(manager.token, {
        startsAt,
        durationMinutes: 30,
        timeZone,
        recurrence: 'FREQ=WEEKLY;COUNT=52',
      }).expect(201);
      const seriesId = (created.body as { seriesId: string }).seriesId;
      const items = (await window(manager.token, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).filter(
        (o) => o.seriesId === seriesId,
      );
      expect(items).toHaveLength(52);
      for (const o of items) {
        expect(wallTime(o.startsAt, timeZone)).toBe('09:30');
        expect(o.localStart.slice(11)).toBe('09:30');
        expect(o.id).toBe(`${seriesId}_${o.originalStartsAt.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')}`);
      }
      const offsets = items.map((o) => offsetAt(o.startsAt, timeZone));
      expect(offsets[0]).toBe(winter);
      expect(offsets).toContain(summer);
      expect(offsets[51]).toBe(winter);
      // Two switches: winter → summer → winter, each once.
      const changes = offsets.filter((o, i) => i > 0 && o !== offsets[i - 1]).length;
      expect(changes).toBe(2);
      // The UTC time moves by the hour the offset moves: 09:30 Berlin is 08:30Z in winter, 07:30Z in summer.
      const utc = new Set(items.map((o) => o.startsAt.slice(11, 16)));
      expect(utc.size).toBe(2);
    },
  );

  it('refuses a bad time zone, a bad rule, too frequent or too many meetings, naming the field, and writes nothing', async () => {
    const before = (await f.pool.query('SELECT count(*)::int AS n FROM meeting_series')).rows[0].n as number;
    const cases: [object, string][] = [
      [{ startsAt: '2026-02-03T10:00', durationMinutes: 30, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ startsAt: '2026-02-03T10:00', durationMinutes: 30, timeZone: '+02:00' }, 'timeZone'],
      [{ startsAt: '2026-02-03T10:00', durationMinutes: 30, timeZone: 'UTC', recurrence: 'FREQ=HOURLY' }, 'recurrence'],
      [
        { startsAt: '2026-02-03T10:00', durationMinutes: 30, timeZone: 'UTC', recurrence: 'FREQ=WEEKLY;COUNT=521' },
        'recurrence',
      ],
      [{ startsAt: '2026-02-03T10:00', durationMinutes: 30, timeZone: 'UTC', recurrence: 'WEEKLY' }, 'recurrence'],
      [
        { startsAt: '2026-02-03T10:00', durationMinutes: 30, timeZone: 'UTC', recurrence: 'FREQ=DAILY;BYHOUR=9,15' },
        'recurrence',
      ],
      [{ startsAt: 'tomorrow', durationMinutes: 30, timeZone: 'UTC' }, 'startsAt'],
      [{ startsAt: '2026-02-30T10:00', durationMinutes: 30, timeZone: 'UTC' }, 'startsAt'],
      [{ startsAt: '2026-02-03T10:00', durationMinutes: 1, timeZone: 'UTC' }, 'durationMinutes'],
    ];
    for (const [body, field] of cases) {
      const res = await schedule(manager.token, body).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    const after = (await f.pool.query('SELECT count(*)::int AS n FROM meeting_series')).rows[0].n as number;
    expect(after).toBe(before);
  });

  it('lets the line manager and the mentor schedule, not the mentee nor HR; a stranger gets 404', async () => {
    await schedule(mentor.token, {
      startsAt: '2026-03-02T15:00',
      durationMinutes: 45,
      timeZone: 'Europe/Berlin',
    }).expect(201);
    await schedule(mentee.user.token, { startsAt: '2026-03-02T15:00', durationMinutes: 45, timeZone: 'UTC' }).expect(
      403,
    );
    await schedule(hr.token, { startsAt: '2026-03-02T15:00', durationMinutes: 45, timeZone: 'UTC' }).expect(403);
    const other = await f.user(orgId, ['manager']);
    await schedule(other.token, { startsAt: '2026-03-02T15:00', durationMinutes: 45, timeZone: 'UTC' }).expect(404);
  });

  it('caps the window at 366 days and needs instants', async () => {
    await as(t, manager.token).get('/api/v1/meetings?from=2026-01-01T00:00:00Z&to=2027-01-03T00:00:00Z').expect(400);
    await as(t, manager.token).get('/api/v1/meetings?from=2026-01-01T00:00:00Z&to=2025-01-03T00:00:00Z').expect(400);
    await as(t, manager.token).get('/api/v1/meetings?from=2026-01-01&to=2026-02-01').expect(400);
  });

  it('reschedules or cancels one occurrence, and ends a series from an occurrence on', async () => {
    const created = await schedule(manager.token, {
      startsAt: '2026-04-07T11:00',
      durationMinutes: 30,
      timeZone: 'Europe/Berlin',
      recurrence: 'FREQ=WEEKLY;INTERVAL=2',
    }).expect(201);
    const seriesId = (created.body as { seriesId: string }).seriesId;
    const mine = async () =>
      (await window(mentee.user.token, '2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z')).filter(
        (o) => o.seriesId === seriesId,
      );
    const initial = await mine();
    expect(initial.map((o) => o.localStart)).toEqual([
      '2026-04-07T11:00',
      '2026-04-21T11:00',
      '2026-05-05T11:00',
      '2026-05-19T11:00',
    ]);
    const second = initial[1].id;
    const moved = await as(t, manager.token)
      .patch(`/api/v1/meetings/${second}`, { scope: 'occurrence', startsAt: '2026-04-22T14:00', durationMinutes: 60 })
      .expect(200);
    expect(moved.body).toMatchObject({
      id: second,
      localStart: '2026-04-22T14:00',
      durationMinutes: 60,
      rescheduled: true,
    });
    expect((moved.body as { series: { sequence: number } }).series.sequence).toBe(1);
    // The mentee cannot move it.
    await as(t, mentee.user.token)
      .patch(`/api/v1/meetings/${second}`, { scope: 'occurrence', startsAt: '2026-04-23T14:00' })
      .expect(403);
    await as(t, manager.token).delete(`/api/v1/meetings/${initial[2].id}?scope=occurrence`).expect(204);
    let now = await mine();
    expect(now.map((o) => [o.localStart, o.status])).toEqual([
      ['2026-04-07T11:00', 'scheduled'],
      ['2026-04-22T14:00', 'scheduled'],
      ['2026-05-05T11:00', 'cancelled'],
      ['2026-05-19T11:00', 'scheduled'],
    ]);
    await as(t, manager.token).delete(`/api/v1/meetings/${initial[3].id}?scope=series`).expect(204);
    now = await mine();
    expect(now).toHaveLength(3);
    await as(t, manager.token).get(`/api/v1/meetings/${initial[3].id}`).expect(404);
    await as(t, manager.token).delete(`/api/v1/meetings/${initial[0].id}?scope=sometimes`).expect(400);
    // An id that names no occurrence of the series is missing.
    await as(t, manager.token).get(`/api/v1/meetings/${seriesId}_20260408T090000Z`).expect(404);
    await as(t, manager.token).get(`/api/v1/meetings/not-a-meeting`).expect(404);
  });

  it('moves this and every later meeting to a new time as a new series of the same two people', async () => {
    const created = await schedule(manager.token, {
      startsAt: '2026-06-01T10:00',
      durationMinutes: 30,
      timeZone: 'America/New_York',
      recurrence: 'FREQ=WEEKLY;COUNT=6',
    }).expect(201);
    const seriesId = (created.body as { seriesId: string }).seriesId;
    const list = (await window(manager.token, '2026-06-01T00:00:00Z', '2026-08-01T00:00:00Z')).filter(
      (o) => o.seriesId === seriesId,
    );
    expect(list).toHaveLength(6);
    const res = await as(t, manager.token)
      .patch(`/api/v1/meetings/${list[3].id}`, { scope: 'series', startsAt: '2026-06-23T16:00' })
      .expect(200);
    const next = res.body as { seriesId: string; localStart: string; series: { recurrence: string } };
    expect(next.seriesId).not.toBe(seriesId);
    expect(next.localStart).toBe('2026-06-23T16:00');
    expect(next.series.recurrence).toBe('FREQ=WEEKLY;COUNT=6');
    const after = await window(manager.token, '2026-06-01T00:00:00Z', '2026-08-01T00:00:00Z');
    expect(after.filter((o) => o.seriesId === seriesId).map((o) => o.localStart)).toEqual([
      '2026-06-01T10:00',
      '2026-06-08T10:00',
      '2026-06-15T10:00',
    ]);
    expect(after.filter((o) => o.seriesId === next.seriesId)[0].localStart).toBe('2026-06-23T16:00');
  });
});
