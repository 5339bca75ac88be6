import fc from 'fast-check';
import {
  expand,
  isOccurrence,
  nextOccurrence,
  normalizeRule,
  occurrenceId,
  offsetMinutes,
  parseOccurrenceId,
  ruleProblem,
  toInstant,
  toLocal,
} from './recurrence';

const weekly = (timeZone: string, rrule = 'FREQ=WEEKLY;COUNT=52') => ({
  startsLocal: '2026-01-06T09:30',
  timeZone,
  rrule,
  endsAt: null,
});
const YEAR = [new Date('2025-12-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z')] as const;

describe('recurrence in a time zone', () => {
  it.each([
    ['Europe/Berlin', 60, 120],
    ['America/New_York', -300, -240],
  ])('keeps 52 weekly meetings in %s at 09:30 local while the offset changes twice', (timeZone, winter, summer) => {
    const starts = expand(weekly(timeZone), ...YEAR);
    expect(starts).toHaveLength(52);
    expect(new Set(starts.map((d) => toLocal(d, timeZone).slice(11)))).toEqual(new Set(['09:30']));
    const offsets = starts.map((d) => offsetMinutes(d, timeZone));
    expect(offsets[0]).toBe(winter);
    expect(offsets[20]).toBe(summer);
    expect(offsets[51]).toBe(winter);
    expect(offsets.filter((o, i) => i > 0 && o !== offsets[i - 1])).toHaveLength(2);
    // Seven days apart in local time: 7 × 24 h, except across a switch (± 1 h).
    const gaps = starts.slice(1).map((d, i) => (d.getTime() - starts[i].getTime()) / 3600000);
    expect(new Set(gaps)).toEqual(new Set([167, 168, 169]));
  });

  it('places a wall time skipped by spring forward after the gap, and a repeated one at its first instant', () => {
    expect(toInstant('2026-03-29T02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(toInstant('2026-10-25T02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(toInstant('2026-03-08T02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('turns a wall time into the instant that shows it, whatever the zone', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'UTC',
      'Pacific/Chatham',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60000, max: Date.UTC(2035, 0, 1) / 60000 }),
        fc.constantFrom(...zones),
        (minute, zone) => {
          const at = new Date(minute * 60000);
          const local = toLocal(at, zone);
          const back = toInstant(local, zone);
          // The same wall time; the same instant unless the wall time repeats (autumn), then its first reading.
          expect(toLocal(back, zone)).toBe(local);
          expect(back.getTime()).toBeLessThanOrEqual(at.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends a series before the start it names, and finds occurrences and the next one', () => {
    const s = { ...weekly('Europe/Berlin', 'FREQ=WEEKLY'), endsAt: new Date('2026-02-03T08:30:00Z') };
    expect(expand(s, ...YEAR).map((d) => toLocal(d, s.timeZone))).toEqual([
      '2026-01-06T09:30',
      '2026-01-13T09:30',
      '2026-01-20T09:30',
      '2026-01-27T09:30',
    ]);
    expect(isOccurrence(s, new Date('2026-01-13T08:30:00Z'))).toBe(true);
    expect(isOccurrence(s, new Date('2026-01-14T08:30:00Z'))).toBe(false);
    expect(isOccurrence(s, new Date('2026-02-03T08:30:00Z'))).toBe(false);
    expect(nextOccurrence(weekly('Europe/Berlin'), new Date('2026-04-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-04-07T07:30:00.000Z',
    );
    expect(nextOccurrence({ ...weekly('UTC'), rrule: null }, new Date('2026-04-01T00:00:00Z'))).toBeNull();
  });

  it('accepts rules at most daily and at most 520 times, and refuses the rest with a reason', () => {
    expect(ruleProblem('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU')).toBeNull();
    expect(ruleProblem('RRULE:FREQ=MONTHLY;BYDAY=1MO')).toBeNull();
    expect(ruleProblem('FREQ=DAILY;COUNT=520')).toBeNull();
    for (const rule of [
      'FREQ=HOURLY',
      'FREQ=MINUTELY',
      'FREQ=WEEKLY;COUNT=521',
      'FREQ=WEEKLY;COUNT=0',
      'FREQ=DAILY;BYHOUR=9,15',
      'FREQ=WEEKLY;BYSETPOS=1',
      'COUNT=4',
      'weekly',
      '',
      'DTSTART:20260101T000000Z\nRRULE:FREQ=WEEKLY',
    ]) {
      expect(ruleProblem(rule)).toEqual(expect.any(String));
    }
    expect(normalizeRule('RRULE:FREQ=WEEKLY;INTERVAL=2')).toBe('FREQ=WEEKLY;INTERVAL=2');
  });

  it('names an occurrence by its series and original start, and reads the name back', () => {
    const id = occurrenceId('3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', new Date('2026-03-03T08:30:00.000Z'));
    expect(id).toBe('3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d_20260303T083000Z');
    expect(parseOccurrenceId(id)).toEqual({
      seriesId: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      originalStart: new Date('2026-03-03T08:30:00.000Z'),
    });
    for (const bad of ['x_20260303T083000Z', '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d_20260230T083000Z', 'a_b_c', '']) {
      expect(parseOccurrenceId(bad)).toBeNull();
    }
  });
});
