import { computeReadiness, levelOf, roundScore, type ReferenceInput } from './reference';

const at = new Date('2026-11-26T12:00:00Z');
const base: ReferenceInput = {
  at,
  currentPhase: 'lead_without_title',
  phaseChanges: [],
  weights: { m: 0.4, c: 0.4, g: 0.2 },
  staleDays: 30,
  enrolledAt: new Date('2025-01-06T09:00:00Z'),
  templates: [],
  milestones: [],
  competencies: [],
  feedback: [],
  ledWeight: 0,
  ledThreshold: 3,
  assignments: [],
  goals: [],
};

describe('readiness reference formula', () => {
  it('matches a hand computation', () => {
    const templates = ['t1', 't2', 't3', 't4'].map((id) => ({
      id,
      phase: 'lead_without_title',
      required: true,
      retiredAt: null,
    }));
    const result = computeReadiness({
      ...base,
      templates: [...templates, { id: 'opt', phase: 'lead_without_title', required: false, retiredAt: null }],
      // 3 of 4 required verified (the optional one does not count): M = 0.75
      milestones: [
        { templateId: 't1', verifiedAt: new Date('2026-10-01T00:00:00Z') },
        { templateId: 't2', verifiedAt: new Date('2026-10-02T00:00:00Z') },
        { templateId: 't3', verifiedAt: new Date('2026-10-03T00:00:00Z') },
        { templateId: 'opt', verifiedAt: new Date('2026-10-03T00:00:00Z') },
      ],
      competencies: [
        { key: 'communication', retiredAt: null },
        { key: 'delegation', retiredAt: null },
      ],
      feedback: [
        // communication: the three most recent are 5, 4, 3 (the 1 from the oldest entry drops out) → r = 4 → 0.75
        { id: 'f1', occurredOn: '2026-11-20', createdAt: at, visibility: 'shared', ratings: { communication: 5 } },
        {
          id: 'f2',
          occurredOn: '2026-11-10',
          createdAt: at,
          visibility: 'shared',
          ratings: { communication: 4, delegation: 2 },
        },
        { id: 'f3', occurredOn: '2026-10-10', createdAt: at, visibility: 'shared', ratings: { communication: 3 } },
        { id: 'f4', occurredOn: '2026-09-10', createdAt: at, visibility: 'shared', ratings: { communication: 1 } },
        // private ratings never count; delegation r = 2 → 0.25
        { id: 'f5', occurredOn: '2026-11-25', createdAt: at, visibility: 'private', ratings: { delegation: 5 } },
        // older than 365 days: ignored
        { id: 'f6', occurredOn: '2025-11-25', createdAt: at, visibility: 'shared', ratings: { delegation: 5 } },
      ],
      // 1 achieved, 1 open, 1 dropped: G = 1 / 2 = 0.5
      goals: [
        { id: 'g1', status: 'achieved', statusChangedAt: null, confirmedAt: at, createdAt: at, targetDate: null },
        { id: 'g2', status: 'open', statusChangedAt: null, confirmedAt: null, createdAt: at, targetDate: '2026-11-01' },
        { id: 'g3', status: 'dropped', statusChangedAt: null, confirmedAt: null, createdAt: at, targetDate: null },
      ],
    });
    // C = (0.75 + 0.25) / 2 = 0.5
    // score = round(100 × (0.4 × 0.75 + 0.4 × 0.5 + 0.2 × 0.5)) = round(100 × (0.3 + 0.2 + 0.1)) = 60 → developing
    expect(result).toMatchObject({
      m: 0.75,
      c: 0.5,
      g: 0.5,
      score: 60,
      level: 'developing',
      required: 4,
      verified: 3,
      rated: 2,
    });
    expect(result.unverifiedTemplateIds).toEqual(['t4']);
    expect(result.weakCompetencies).toEqual(['delegation']);
    expect(result.overdueGoalIds).toEqual(['g2']);
    expect(result.lastSharedOn).toBe('2026-11-20');
    expect(result.stale).toBe(false);
  });

  it('counts an achievement as open until it is confirmed, and confirmed only from the confirmation on', () => {
    const achievedAt = new Date('2026-11-10T10:00:00Z');
    const goal = {
      id: 'g1',
      status: 'achieved' as const,
      statusChangedAt: achievedAt,
      createdAt: achievedAt,
      targetDate: null,
    };
    const claim = computeReadiness({ ...base, goals: [{ ...goal, confirmedAt: null }] });
    expect(claim).toMatchObject({ g: 0, achieved: 0, open: 1, awaiting: 1, unconfirmedGoalIds: ['g1'] });
    const confirmed = { ...base, goals: [{ ...goal, confirmedAt: new Date('2026-11-20T10:00:00Z') }] };
    expect(computeReadiness(confirmed)).toMatchObject({ g: 1, achieved: 1, open: 0, awaiting: 0 });
    expect(computeReadiness({ ...confirmed, at: new Date('2026-11-15T00:00:00Z') })).toMatchObject({
      g: 0,
      awaiting: 1,
    });
  });

  it('counts only open goals past their date against G: a new goal never lowers it', () => {
    const at = new Date('2026-11-10T10:00:00Z');
    const done = { status: 'achieved' as const, statusChangedAt: at, confirmedAt: at, createdAt: at, targetDate: null };
    const one = { ...base, at: new Date('2026-11-20T10:00:00Z'), goals: [{ ...done, id: 'g1' }] };
    expect(computeReadiness(one)).toMatchObject({ g: 1, achieved: 1, pastDue: 0 });
    const open = { status: 'open' as const, statusChangedAt: null, confirmedAt: null, createdAt: at };
    const notDue = { ...one, goals: [...one.goals, { ...open, id: 'g2', targetDate: '2026-12-01' }] };
    expect(computeReadiness(notDue)).toMatchObject({ g: 1, open: 1, pastDue: 0 });
    const undated = { ...one, goals: [...one.goals, { ...open, id: 'g3', targetDate: null }] };
    expect(computeReadiness(undated)).toMatchObject({ g: 1, open: 1, pastDue: 0 });
    const late = { ...one, goals: [...one.goals, { ...open, id: 'g4', targetDate: '2026-11-19' }] };
    expect(computeReadiness(late)).toMatchObject({ g: 0.5, pastDue: 1 });
    // A claim past its date counts against until it is confirmed.
    const claim = { ...open, status: 'achieved' as const, statusChangedAt: at, id: 'g5', targetDate: '2026-11-19' };
    expect(computeReadiness({ ...one, goals: [...one.goals, claim] })).toMatchObject({
      g: 0.5,
      awaiting: 1,
      pastDue: 1,
    });
  });

  it('counts the stale window from enrolment: a new mentee is not stale at once', () => {
    expect(computeReadiness({ ...base, enrolledAt: new Date('2026-11-26T08:00:00Z') }).stale).toBe(false);
    // Enrolled 30 days ago: the window still holds the enrolment day; 31 days ago it does not.
    expect(computeReadiness({ ...base, enrolledAt: new Date('2026-10-27T23:00:00Z') }).stale).toBe(false);
    expect(computeReadiness({ ...base, enrolledAt: new Date('2026-10-26T23:00:00Z') }).stale).toBe(true);
    // Feedback older than the enrolment (logged afterwards) does not make a new mentee stale either.
    const old = { id: 'f', occurredOn: '2026-01-02', createdAt: at, visibility: 'shared' as const, ratings: {} };
    expect(computeReadiness({ ...base, enrolledAt: new Date('2026-11-20T08:00:00Z'), feedback: [old] }).stale).toBe(
      false,
    );
  });

  it('counts M as 1 without required milestones, and C and G as 0 without inputs', () => {
    expect(computeReadiness(base)).toMatchObject({ m: 1, c: 0, g: 0, score: 40, level: 'developing', stale: true });
  });

  it('rounds exact halves up and places levels at 40, 65 and 85', () => {
    expect(roundScore(62.5)).toBe(63);
    expect(roundScore(0.1 * 3 * 100 + 0.05)).toBe(30);
    expect([39, 40, 64, 65, 84, 85].map(levelOf)).toEqual([
      'not_yet',
      'developing',
      'developing',
      'nearly_ready',
      'nearly_ready',
      'ready',
    ]);
  });

  describe('the voices of those led', () => {
    const done = new Date('2026-11-01T00:00:00Z');
    const input = (
      ledWeight: number,
      feedbackRating: number | null,
      answers: number[],
      status = 'completed' as const,
    ) => ({
      ...base,
      competencies: [{ key: 'delegation', retiredAt: null }],
      feedback:
        feedbackRating === null
          ? []
          : [
              {
                id: 'f1',
                occurredOn: '2026-11-20',
                createdAt: new Date('2026-11-20T10:00:00Z'),
                visibility: 'shared' as const,
                ratings: { delegation: feedbackRating },
              },
            ],
      ledWeight,
      assignments: [{ status, statusChangedAt: done, responses: answers.map((delegation) => ({ delegation })) }],
    });

    it('blends r = (1 − w) · manager mean + w · led mean', () => {
      // manager 5, led (2 + 2 + 5) / 3 = 3, w = 0.25 → r = 4.5 → C = 0.875
      expect(computeReadiness(input(0.25, 5, [2, 2, 5]))).toMatchObject({ c: 0.875, rated: 1, ledAssignments: 1 });
    });

    it('changes nothing while the weight is 0', () => {
      expect(computeReadiness(input(0, 5, [1, 1, 1])).c).toBe(1);
      expect(computeReadiness(input(0, null, [5, 5, 5]))).toMatchObject({
        c: 0,
        rated: 0,
        weakCompetencies: ['delegation'],
      });
    });

    it('takes either mean alone when the other is missing', () => {
      expect(computeReadiness(input(0.5, null, [4, 4, 4]))).toMatchObject({ c: 0.75, rated: 1 });
      expect(computeReadiness({ ...input(0.5, 3, []), assignments: [] }).c).toBe(0.5);
    });

    it('counts only completed assignments whose answers reach the threshold', () => {
      expect(computeReadiness(input(1, null, [5, 5]))).toMatchObject({ c: 0, ledAssignments: 0 });
      expect(computeReadiness({ ...input(1, null, [5, 5, 5]), ledThreshold: 4 }).ledAssignments).toBe(0);
      expect(computeReadiness(input(1, null, [5, 5, 5], 'active' as never)).ledAssignments).toBe(0);
      expect(
        computeReadiness({ ...input(1, null, [5, 5, 5]), at: new Date('2026-10-31T00:00:00Z') }).ledAssignments,
      ).toBe(0);
    });
  });
});
