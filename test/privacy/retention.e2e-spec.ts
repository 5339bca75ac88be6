import { ERASED_NAME, RetentionService } from '@leadpath/privacy';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('retention', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });

  afterAll(() => t.close());

  const q = async <T extends object = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await f.pool.query<T>(text, params)).rows;

  /** A person deactivated `months` months ago (null: still active). */
  async function person(orgId: string, months: number | null): Promise<TestUser> {
    const user = await f.user(orgId, ['mentee']);
    if (months !== null) {
      await q(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
      await q(`UPDATE users SET deactivated_at = now() - make_interval(months => $2) WHERE id = $1`, [user.id, months]);
    }
    return user;
  }

  it('records when an account is deactivated, whichever way, and forgets it on reactivation', async () => {
    const { orgId, hr } = await f.team();
    const user = await f.user(orgId, ['mentee']);
    await as(t, hr.token).patch(`/api/v1/users/${user.id}`, { active: false }).expect(200);
    const [off] = await q<{ deactivated_at: Date | null }>(`SELECT deactivated_at FROM users WHERE id = $1`, [user.id]);
    expect(off.deactivated_at).toBeInstanceOf(Date);
    await as(t, hr.token).patch(`/api/v1/users/${user.id}`, { active: true }).expect(200);
    expect(await q(`SELECT deactivated_at FROM users WHERE id = $1`, [user.id])).toEqual([{ deactivated_at: null }]);
  });

  it('is off by default, and HR sets it with a valid number of months, audited', async () => {
    const { orgId, hr, manager } = await f.team();
    expect((await as(t, hr.token).get('/api/v1/organization/retention/preview').expect(200)).body).toEqual({
      erasureAfterMonths: null,
      deactivatedBefore: null,
      people: [],
      total: 0,
    });
    for (const body of [{}, { erasureAfterMonths: 0 }, { erasureAfterMonths: 1.5 }, { erasureAfterMonths: 'six' }]) {
      const res = await as(t, hr.token).put('/api/v1/organization/retention', body).expect(400);
      expect(JSON.stringify(res.body)).toContain('erasureAfterMonths');
    }
    await as(t, manager.token).put('/api/v1/organization/retention', { erasureAfterMonths: 6 }).expect(403);
    await as(t, hr.token).put('/api/v1/organization/retention', { erasureAfterMonths: 6 }).expect(200);
    expect((await as(t, hr.token).get('/api/v1/organization/retention/preview').expect(200)).body).toMatchObject({
      erasureAfterMonths: 6,
    });
    const bad = await as(t, hr.token).get('/api/v1/organization/retention/preview?limit=0').expect(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
    expect(
      await q(`SELECT object_id FROM audit_events WHERE action = 'retention.update' AND actor_id = $1`, [hr.id]),
    ).toEqual([{ object_id: orgId }]);
  });

  it('previews, then erases, exactly the people deactivated longer than the rule; other organizations alone', async () => {
    const { orgId, hr } = await f.team();
    const gone = await person(orgId, 7);
    const recent = await person(orgId, 2);
    const still = await person(orgId, null);
    const other = await f.team();
    const elsewhere = await person(other.orgId, 30);

    // Nothing happens while the rule is off.
    expect(await t.app.get(RetentionService).apply()).toBe(0);

    await as(t, hr.token).put('/api/v1/organization/retention', { erasureAfterMonths: 6 }).expect(200);
    const preview = (await as(t, hr.token).get('/api/v1/organization/retention/preview').expect(200)).body as {
      people: { id: string }[];
      deactivatedBefore: string;
    };
    expect(preview.people.map((p) => p.id)).toEqual([gone.id]);
    expect(preview).toMatchObject({ total: 1 });
    expect(new Date(preview.deactivatedBefore).getTime()).toBeLessThan(Date.now());

    expect(await t.app.get(RetentionService).apply()).toBe(1);
    const names = await q<{ id: string; name: string }>(`SELECT id, name FROM users WHERE id = ANY($1) ORDER BY id`, [
      [gone.id, recent.id, still.id, elsewhere.id],
    ]);
    expect(names.filter((n) => n.name === ERASED_NAME).map((n) => n.id)).toEqual([gone.id]);
    expect(
      await q(`SELECT actor_id FROM audit_events WHERE action = 'retention.erase' AND object_id = $1`, [gone.id]),
    ).toEqual([{ actor_id: null }]);
    expect(await q(`SELECT kind, requested_by FROM subject_requests WHERE user_id = $1`, [gone.id])).toEqual([
      { kind: 'erasure', requested_by: null },
    ]);
    // Applied again: nobody new, and the preview is empty.
    expect(await t.app.get(RetentionService).apply()).toBe(0);
    expect((await as(t, hr.token).get('/api/v1/organization/retention/preview').expect(200)).body).toMatchObject({
      people: [],
    });
  });
});
