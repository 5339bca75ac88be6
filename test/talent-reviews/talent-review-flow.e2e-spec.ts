import { Clock } from '@leadpath/platform/time';
import { tableChecksum } from '../support/checksum';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { pdfText } from '../support/pdf-text';
import { startTestApp, type TestApp } from '../support/test-app';

const NOW = new Date('2027-03-01T10:00:00.000Z');

describe('talent review flow', () => {
  let t: TestApp;
  let f: Factory;
  let clock: Clock;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    clock = t.app.get(Clock);
  });

  beforeEach(() => clock.set(NOW));

  afterAll(async () => {
    clock.set(undefined);
    await t.close();
  });

  /**
   * An organization with HR, a line manager with two mentees ready for a first management role
   * (one in another department), a mentee not yet there, and two calibrators who are managers.
   */
  async function organization() {
    const orgId = (await f.organization(`Talent ${++n}`)).id;
    const hr = await f.user(orgId, ['hr_admin']);
    const manager = await f.user(orgId, ['manager']);
    const cal1 = await f.user(orgId, ['manager']);
    const cal2 = await f.user(orgId, ['manager']);
    const ada = await f.mentee(orgId, { managerId: manager.id, department: 'Platform' });
    const bea = await f.mentee(orgId, { managerId: manager.id, department: 'Platform' });
    const early = await f.mentee(orgId, { managerId: manager.id, phase: 'build_credibility', department: 'Platform' });
    const elsewhere = await f.mentee(orgId, { managerId: manager.id, department: 'Security' });
    return { orgId, hr, manager, cal1, cal2, ada, bea, early, elsewhere };
  }
  type Org = Awaited<ReturnType<typeof organization>>;

  async function openCycle(o: Org, overrides: object = {}): Promise<string> {
    const res = await as(t, o.hr.token)
      .post('/api/v1/talent-reviews', {
        name: 'First management roles, spring 2027',
        targetPhase: 'first_management_role',
        department: 'Platform',
        closesOn: '2027-03-10',
        // The line manager calibrates too: never their own nominees.
        calibratorIds: [o.cal1.id, o.cal2.id, o.hr.id, o.manager.id],
        ...overrides,
      })
      .expect(201);
    return res.body.id as string;
  }

  async function nominate(o: Org, cycle: string, mentee: TestMentee, text = 'Ran the platform guild for a year.') {
    const res = await as(t, o.manager.token)
      .post(`/api/v1/talent-reviews/${cycle}/nominations`, { menteeId: mentee.id, case: text })
      .expect(201);
    return res.body as { id: string; packet: Record<string, unknown>; status: string };
  }

  const preRate = (who: TestUser, cycle: string, nomination: string, body: object) =>
    as(t, who.token).post(`/api/v1/talent-reviews/${cycle}/nominations/${nomination}/pre-ratings`, body);

  it('HR opens a cycle naming HR admins and managers as calibrators; anything else is refused by field', async () => {
    const o = await organization();
    const id = await openCycle(o);
    const cycle = await as(t, o.ada.user.token).get(`/api/v1/talent-reviews/${id}`).expect(200);
    expect(cycle.body).toMatchObject({
      targetPhase: 'first_management_role',
      department: 'Platform',
      closesOn: '2027-03-10',
      status: 'open',
      blind: true,
      calibrating: false,
    });
    expect(cycle.body.calibrators.map((c: { userId: string }) => c.userId).sort()).toEqual(
      [o.cal1.id, o.cal2.id, o.hr.id, o.manager.id].sort(),
    );

    const before = await tableChecksum(t.db.pool);
    const notCalibrator = await as(t, o.hr.token)
      .post('/api/v1/talent-reviews', {
        name: 'x',
        targetPhase: 'first_management_role',
        closesOn: '2027-03-10',
        calibratorIds: [o.ada.userId],
      })
      .expect(400);
    expect(JSON.stringify(notCalibrator.body)).toContain('calibratorIds');
    const past = await as(t, o.hr.token)
      .post('/api/v1/talent-reviews', {
        name: 'x',
        targetPhase: 'first_management_role',
        closesOn: '2027-02-28',
        calibratorIds: [o.cal1.id],
      })
      .expect(400);
    expect(JSON.stringify(past.body)).toContain('closesOn');
    await as(t, o.manager.token)
      .post('/api/v1/talent-reviews', {
        name: 'x',
        targetPhase: 'first_management_role',
        closesOn: '2027-03-10',
        calibratorIds: [o.cal1.id],
      })
      .expect(403);
    expect(await tableChecksum(t.db.pool)).toBe(before);

    const list = await as(t, o.manager.token).get('/api/v1/talent-reviews').expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(list.body.items[0].calibrating).toBe(true);
  });

  it('the line manager nominates a mentee of the department and of the phase before, once per cycle', async () => {
    const o = await organization();
    const cycle = await openCycle(o);
    const template = await f.milestone(o.ada, 'verified');
    await f.milestone(o.ada, 'in_progress');
    const nomination = await nominate(o, cycle, o.ada);
    expect(nomination.status).toBe('submitted');
    const packet = nomination.packet as {
      case: string;
      mentee: { id: string };
      readiness: { score: number; gaps: unknown[] };
      milestones: { templateId: string; verified: boolean }[];
    };
    expect(packet.case).toBe('Ran the platform guild for a year.');
    expect(packet.mentee.id).toBe(o.ada.id);
    expect(typeof packet.readiness.score).toBe('number');
    // Verified milestones only.
    expect(packet.milestones.map((m) => m.templateId)).toEqual([template]);

    const again = await as(t, o.manager.token)
      .post(`/api/v1/talent-reviews/${cycle}/nominations`, { menteeId: o.ada.id, case: 'again' })
      .expect(409);
    expect(again.body.message).toMatch(/nominated/);
    for (const mentee of [o.early, o.elsewhere]) {
      const refused = await as(t, o.manager.token)
        .post(`/api/v1/talent-reviews/${cycle}/nominations`, { menteeId: mentee.id, case: 'x' })
        .expect(400);
      expect(JSON.stringify(refused.body)).toContain('menteeId');
    }
    // Only the line manager nominates: HR and another manager may not.
    await as(t, o.hr.token)
      .post(`/api/v1/talent-reviews/${cycle}/nominations`, { menteeId: o.bea.id, case: 'x' })
      .expect(403);
    await as(t, o.cal1.token)
      .post(`/api/v1/talent-reviews/${cycle}/nominations`, { menteeId: o.bea.id, case: 'x' })
      .expect(404);

    await as(t, o.hr.token).post(`/api/v1/talent-reviews/${cycle}/close`).expect(200);
    await as(t, o.manager.token)
      .post(`/api/v1/talent-reviews/${cycle}/nominations`, { menteeId: o.bea.id, case: 'x' })
      .expect(409);
  });

  it('a mentee asks to be nominated; the manager declines with a reason or accepts with a case', async () => {
    const o = await organization();
    const cycle = await openCycle(o);
    const asked = await as(t, o.ada.user.token)
      .post(`/api/v1/talent-reviews/${cycle}/nomination-requests`, { note: 'I led the migration.' })
      .expect(201);
    expect(asked.body).toMatchObject({ status: 'pending', note: 'I led the migration.', menteeId: o.ada.id });
    await as(t, o.ada.user.token).post(`/api/v1/talent-reviews/${cycle}/nomination-requests`, {}).expect(409);
    await as(t, o.early.user.token).post(`/api/v1/talent-reviews/${cycle}/nomination-requests`, {}).expect(409);
    const bea = await as(t, o.bea.user.token).post(`/api/v1/talent-reviews/${cycle}/nomination-requests`).expect(201);

    // The manager's inbox: both requests; each mentee sees only their own.
    const inbox = await as(t, o.manager.token).get(`/api/v1/talent-reviews/${cycle}/nomination-requests`).expect(200);
    expect(inbox.body.items).toHaveLength(2);
    const own = await as(t, o.ada.user.token).get(`/api/v1/talent-reviews/${cycle}/nomination-requests`).expect(200);
    expect(own.body.items.map((r: { id: string }) => r.id)).toEqual([asked.body.id]);
    const stranger = await as(t, o.cal1.token).get(`/api/v1/talent-reviews/${cycle}/nomination-requests`).expect(200);
    expect(stranger.body.items).toEqual([]);

    // Another manager may not answer; the line manager may.
    await as(t, o.cal1.token)
      .post(`/api/v1/talent-reviews/${cycle}/nomination-requests/${bea.body.id}/decline`, { reason: 'no' })
      .expect(404);
    await as(t, o.bea.user.token)
      .post(`/api/v1/talent-reviews/${cycle}/nomination-requests/${bea.body.id}/decline`, { reason: 'no' })
      .expect(403);
    const declined = await as(t, o.manager.token)
      .post(`/api/v1/talent-reviews/${cycle}/nomination-requests/${bea.body.id}/decline`, {
        reason: 'Lead the on-call rotation first.',
      })
      .expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', reason: 'Lead the on-call rotation first.' });
    const accepted = await as(t, o.manager.token)
      .post(`/api/v1/talent-reviews/${cycle}/nomination-requests/${asked.body.id}/accept`, {
        case: 'Led the migration end to end.',
      })
      .expect(200);
    expect(accepted.body.packet.case).toBe('Led the migration end to end.');
    await as(t, o.manager.token)
      .post(`/api/v1/talent-reviews/${cycle}/nomination-requests/${asked.body.id}/decline`, { reason: 'x' })
      .expect(409);

    const beaSees = await as(t, o.bea.user.token)
      .get(`/api/v1/talent-reviews/${cycle}/nomination-requests`)
      .expect(200);
    expect(beaSees.body.items[0]).toMatchObject({ status: 'declined', reason: 'Lead the on-call rotation first.' });
    const adaSees = await as(t, o.ada.user.token)
      .get(`/api/v1/talent-reviews/${cycle}/nomination-requests`)
      .expect(200);
    expect(adaSees.body.items[0]).toMatchObject({ status: 'accepted', nominationId: accepted.body.id });

    // The nominee sees their nomination's status, never the packet or the case.
    const mine = await as(t, o.ada.user.token)
      .get(`/api/v1/talent-reviews/${cycle}/nominations/${accepted.body.id}`)
      .expect(200);
    expect(mine.body).toMatchObject({ status: 'submitted', packet: null, case: null, spread: null, decision: null });
  });

  it('pre-ratings are blind until the phase ends, then everyone entitled sees the spread, most disagreement first', async () => {
    const o = await organization();
    const cycle = await openCycle(o);
    const ada = await nominate(o, cycle, o.ada);
    const bea = await nominate(o, cycle, o.bea);
    const base = `/api/v1/talent-reviews/${cycle}/nominations`;

    // Ada: the calibrators agree; Bea: they disagree.
    await preRate(o.cal1, cycle, ada.id, { readiness: 'ready_now' }).expect(200);
    await preRate(o.cal2, cycle, ada.id, { readiness: 'ready_now' }).expect(200);
    await preRate(o.cal1, cycle, bea.id, {
      readiness: 'not_yet',
      competencies: [{ competency: 'communication', rating: 2 }],
    }).expect(200);
    const mine = await preRate(o.cal2, cycle, bea.id, { readiness: 'ready_in_6_12_months' }).expect(200);
    expect(mine.body).toMatchObject({ calibratorId: o.cal2.id, readiness: 'ready_in_6_12_months', competencies: [] });
    // Changeable while blind: one per calibrator and nomination.
    await preRate(o.cal2, cycle, bea.id, { readiness: 'ready_now' }).expect(200);
    const { rows } = await t.db.pool.query(
      'SELECT count(*)::int AS n FROM talent_pre_ratings WHERE nomination_id = $1',
      [bea.id],
    );
    expect(rows[0].n).toBe(2);

    // The line manager never calibrates their own nominee; neither does anyone not named.
    const refused = await preRate(o.manager, cycle, ada.id, { readiness: 'ready_now' }).expect(403);
    expect(refused.body.message).toMatch(/line manager/);
    const other = await f.user(o.orgId, ['manager']);
    await preRate(other, cycle, ada.id, { readiness: 'ready_now' }).expect(404);
    await preRate(o.cal1, cycle, ada.id, { readiness: 'maybe' }).expect(400);
    const badKey = await preRate(o.cal1, cycle, ada.id, {
      readiness: 'ready_now',
      competencies: [{ competency: 'juggling', rating: 3 }],
    }).expect(400);
    expect(JSON.stringify(badKey.body)).toContain('competencies');

    // Blind: a calibrator sees only their own answer; HR sees progress but no spread.
    const blind = await as(t, o.cal1.token).get(base).expect(200);
    expect(blind.body.items.map((i: { id: string }) => i.id)).toEqual([ada.id, bea.id]);
    for (const item of blind.body.items) {
      expect(item.spread).toBeNull();
      expect(item.myPreRating.calibratorId).toBe(o.cal1.id);
    }
    const hrBlind = await as(t, o.hr.token).get(base).expect(200);
    expect(hrBlind.body.items.map((i: { preRatings: number; spread: unknown }) => [i.preRatings, i.spread])).toEqual([
      [2, null],
      [2, null],
    ]);
    const managerList = await as(t, o.manager.token).get(base).expect(200);
    expect(managerList.body.items.every((i: { canPreRate: boolean }) => !i.canPreRate)).toBe(true);

    // After closesOn has passed the spread shows, the most disagreement first.
    clock.set(new Date('2027-03-11T00:00:01.000Z'));
    const open = await as(t, o.cal2.token).get(base).expect(200);
    expect(open.body.items.map((i: { id: string }) => i.id)).toEqual([bea.id, ada.id]);
    expect(open.body.items[0].spread).toMatchObject({ ratings: 2, notYet: 1, readyNow: 1, variance: 1 });
    expect(open.body.items[1].spread).toMatchObject({ ratings: 2, readyNow: 2, variance: 0 });
    expect(open.body.items[0].spread.individual.map((r: { calibratorId: string }) => r.calibratorId).sort()).toEqual(
      [o.cal1.id, o.cal2.id].sort(),
    );
    // The nominee and the line manager never see individual ratings.
    const nominee = await as(t, o.bea.user.token).get(`${base}/${bea.id}`).expect(200);
    expect(nominee.body.spread).toBeNull();
    expect(JSON.stringify(nominee.body)).not.toContain(o.cal1.id);
    const lineManager = await as(t, o.manager.token).get(`${base}/${bea.id}`).expect(200);
    expect(lineManager.body.spread).toBeNull();
    expect(lineManager.body.packet).not.toBeNull();
    // Pre-ratings have ended.
    await preRate(o.cal1, cycle, bea.id, { readiness: 'ready_now' }).expect(409);
  });

  it('HR can end the blind phase early; it ends once', async () => {
    const o = await organization();
    const cycle = await openCycle(o);
    const ada = await nominate(o, cycle, o.ada);
    await preRate(o.cal1, cycle, ada.id, { readiness: 'not_yet' }).expect(200);
    await as(t, o.cal1.token).post(`/api/v1/talent-reviews/${cycle}/pre-ratings/close`).expect(403);
    const closed = await as(t, o.hr.token).post(`/api/v1/talent-reviews/${cycle}/pre-ratings/close`).expect(200);
    expect(closed.body.blind).toBe(false);
    await as(t, o.hr.token).post(`/api/v1/talent-reviews/${cycle}/pre-ratings/close`).expect(409);
    const item = await as(t, o.cal2.token).get(`/api/v1/talent-reviews/${cycle}/nominations/${ada.id}`).expect(200);
    expect(item.body.spread).toMatchObject({ ratings: 1, notYet: 1, variance: 0 });
  });

  it('the packet is frozen at submission; later changes show as changed since submission', async () => {
    const o = await organization();
    const cycle = await openCycle(o);
    const ada = await nominate(o, cycle, o.ada);
    const path = `/api/v1/talent-reviews/${cycle}/nominations/${ada.id}`;
    const first = await as(t, o.hr.token).get(path).expect(200);
    expect(first.body.changedSinceSubmission).toEqual([]);

    await f.feedback(o.ada, o.manager.id, { ratings: { communication: 5 } });
    await f.goal(o.ada, o.manager.id);
    const later = await as(t, o.cal1.token).get(path).expect(200);
    expect(later.body.changedSinceSubmission).toEqual(expect.arrayContaining(['ratingTrend', 'goals']));
    expect(later.body.changedSinceSubmission).not.toContain('case');
    // What the committee saw stays as it was.
    expect(later.body.packet).toEqual(first.body.packet);
    expect(later.body.packet.ratingTrend).toEqual([]);
  });

  it('exports the packet as submitted as a PDF, to those who see packets only', async () => {
    const o = await organization();
    const cycle = await openCycle(o);
    await f.feedback(o.ada, o.manager.id, { ratings: { communication: 4 } });
    const ada = await nominate(o, cycle, o.ada, 'She ran the platform guild for a year.');
    const path = `/api/v1/talent-reviews/${cycle}/nominations/${ada.id}/packet.pdf`;
    const res = await as(t, o.cal1.token)
      .get(path)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    const { text } = pdfText(res.body as Buffer);
    expect(text).toContain('Talent review packet');
    expect(text).toContain('She ran the platform guild for a year.');
    expect(text).toContain('Rating trend per competency');
    expect(text).toMatch(/Communication: 4/);
    await as(t, o.ada.user.token).get(path).expect(403);
    const other = await f.user(o.orgId, ['manager']);
    await as(t, other.token).get(path).expect(404);
  });

  it('HR decides with evidence of the nominee; decisions are immutable and corrected by superseding', async () => {
    const o = await organization();
    const cycle = await openCycle(o);
    const ada = await nominate(o, cycle, o.ada);
    const milestone = await f.milestone(o.ada, 'verified');
    const feedback = await f.feedback(o.ada, o.manager.id, { ratings: { communication: 4 } });
    const othersGoal = await f.goal(o.bea, o.manager.id);
    const decide = (body: object) => as(t, o.hr.token).post(`/api/v1/talent-reviews/${cycle}/decisions`, body);

    const before = await tableChecksum(t.db.pool);
    const noEvidence = await decide({ nominationId: ada.id, decision: 'promote', reason: 'r', evidence: [] }).expect(
      400,
    );
    expect(JSON.stringify(noEvidence.body)).toContain('evidence');
    const foreign = await decide({
      nominationId: ada.id,
      decision: 'promote',
      reason: 'r',
      evidence: [{ kind: 'goal', id: othersGoal }],
    }).expect(400);
    expect(JSON.stringify(foreign.body)).toContain('evidence');
    const noNeeds = await decide({
      nominationId: ada.id,
      decision: 'not_yet',
      reason: 'r',
      evidence: [{ kind: 'milestone', id: milestone }],
    }).expect(400);
    expect(JSON.stringify(noNeeds.body)).toContain('needed');
    await as(t, o.manager.token)
      .post(`/api/v1/talent-reviews/${cycle}/decisions`, {
        nominationId: ada.id,
        decision: 'promote',
        reason: 'r',
        evidence: [{ kind: 'milestone', id: milestone }],
      })
      .expect(403);
    expect(await tableChecksum(t.db.pool)).toBe(before);

    const notYet = await decide({
      nominationId: ada.id,
      decision: 'not_yet',
      reason: 'Needs to delegate more.',
      evidence: [{ kind: 'feedback', id: feedback }],
      needed: [{ title: 'Delegate the release planning', competency: 'delegation' }],
    }).expect(201);
    expect(notYet.body).toMatchObject({ decision: 'not_yet', superseded: false, supersedes: null });
    expect(notYet.body.rubricVersion).toMatch(/\S/);
    const goalId = notYet.body.needed[0].goalId as string;
    const goal = await as(t, o.ada.user.token).get(`/api/v1/goals/${goalId}`).expect(200);
    expect(goal.body).toMatchObject({ title: 'Delegate the release planning', competency: 'delegation' });
    // The nominee sees the decision and what is needed.
    const seen = await as(t, o.ada.user.token).get(`/api/v1/talent-reviews/${cycle}/nominations/${ada.id}`).expect(200);
    expect(seen.body).toMatchObject({
      status: 'not_yet',
      decision: { id: notYet.body.id, reason: 'Needs to delegate more.' },
    });

    // A decision in force is corrected only by one that supersedes it.
    await decide({
      nominationId: ada.id,
      decision: 'promote',
      reason: 'r',
      evidence: [{ kind: 'milestone', id: milestone }],
    }).expect(409);
    await expect(
      t.db.pool.query(`UPDATE talent_decisions SET reason = 'rewritten' WHERE id = $1`, [notYet.body.id]),
    ).rejects.toThrow(/never changed/);

    const promote = await decide({
      nominationId: ada.id,
      decision: 'promote',
      reason: 'The delegation concern was a misreading of the release notes.',
      evidence: [
        { kind: 'milestone', id: milestone },
        { kind: 'feedback', id: feedback },
      ],
      grantManagerRole: true,
      supersedes: notYet.body.id,
    }).expect(201);
    expect(promote.body).toMatchObject({ decision: 'promote', supersedes: notYet.body.id, grantedManagerRole: true });
    await decide({
      nominationId: ada.id,
      decision: 'withdrawn',
      reason: 'r',
      evidence: [{ kind: 'milestone', id: milestone }],
      supersedes: notYet.body.id,
    }).expect(400);

    const mentee = await as(t, o.hr.token).get(`/api/v1/mentees/${o.ada.id}`).expect(200);
    expect(mentee.body.phase).toBe('first_management_role');
    const history = await as(t, o.hr.token).get(`/api/v1/mentees/${o.ada.id}/phase-history`).expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      fromPhase: 'lead_without_title',
      toPhase: 'first_management_role',
    });
    const roles = await t.db.pool.query('SELECT roles FROM users WHERE id = $1', [o.ada.userId]);
    expect(roles.rows[0].roles.sort()).toEqual(['manager', 'mentee']);

    const detail = await as(t, o.manager.token)
      .get(`/api/v1/talent-reviews/${cycle}/nominations/${ada.id}`)
      .expect(200);
    expect(detail.body.status).toBe('promote');
    expect(detail.body.decisions.map((d: { id: string; superseded: boolean }) => [d.id, d.superseded])).toEqual([
      [notYet.body.id, true],
      [promote.body.id, false],
    ]);
    const audit = await t.db.pool.query(
      `SELECT action FROM audit_events WHERE organization_id = $1 AND action LIKE 'talent_review.%' ORDER BY occurred_at`,
      [o.orgId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['talent_review.create', 'talent_review.nominate', 'talent_review.decide']),
    );
  });
});
