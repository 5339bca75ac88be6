import ICAL from 'ical.js';
import * as nodeIcal from 'node-ical';
import { seriesCalendar, type IcsSeries } from './ics';

const base: IcsSeries = {
  uid: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d@leadpath',
  sequence: 3,
  method: 'REQUEST',
  summary: 'One-on-one: Mia and Ola',
  description: 'Agenda: https://leadpath.test/meetings/x',
  url: 'https://leadpath.test/meetings/x',
  organizer: { name: 'Mia Manager', email: 'mia@example.test' },
  attendees: [
    { name: 'Ola Mentee', email: 'ola@example.test' },
    { name: 'Mia Manager', email: 'mia@example.test' },
  ],
  startsLocal: '2026-01-06T09:30',
  timeZone: 'Europe/Berlin',
  durationMinutes: 30,
  rrule: 'FREQ=WEEKLY;COUNT=52',
  endsAt: null,
  exceptions: [
    { originalStart: new Date('2026-01-13T08:30:00Z'), startsAt: null, durationMinutes: null, cancelled: true },
    {
      originalStart: new Date('2026-07-07T07:30:00Z'),
      startsAt: new Date('2026-07-08T12:00:00Z'),
      durationMinutes: 60,
      cancelled: false,
    },
  ],
  stamp: new Date('2026-01-01T10:00:00Z'),
};

/** Both readers, each of which must parse the file without error. */
function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  const events = Object.values(nodeIcal.sync.parseICS(text)).filter(
    (v): v is nodeIcal.VEvent => v !== undefined && v.type === 'VEVENT',
  );
  return { component, parsed: events };
}

describe('a series as iCalendar', () => {
  it('writes a request both parsers read: UID, SEQUENCE, METHOD, DTSTART with TZID, RRULE, EXDATE and an override', () => {
    const text = seriesCalendar(base);
    const { component, parsed } = parse(text);
    expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
    const events = component.getAllSubcomponents('vevent');
    expect(events).toHaveLength(2);
    const master = new ICAL.Event(events.find((e) => !e.hasProperty('recurrence-id')));
    expect(master.uid).toBe(base.uid);
    expect(master.sequence).toBe(3);
    expect(master.startDate.toString()).toBe('2026-01-06T09:30:00');
    expect(component.getFirstSubcomponent('vevent')!.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(
      'Europe/Berlin',
    );
    // Read through the VTIMEZONE written with it, the first meeting is 08:30 UTC; a summer one 07:30 UTC.
    const zone = new ICAL.Timezone(component.getFirstSubcomponent('vtimezone')!);
    const start = master.startDate.clone();
    start.zone = zone;
    expect(start.toJSDate().toISOString()).toBe('2026-01-06T08:30:00.000Z');
    const it = master.iterator();
    const starts: string[] = [];
    for (let next = it.next(); next && starts.length < 60; next = it.next()) {
      next.zone = zone;
      starts.push(next.toJSDate().toISOString());
    }
    // 52 by the rule, less the one cancelled (EXDATE).
    expect(starts).toHaveLength(51);
    expect(starts).not.toContain('2026-01-13T08:30:00.000Z');
    expect(starts).toContain('2026-07-14T07:30:00.000Z');
    expect(component.getFirstSubcomponent('vevent')!.getFirstPropertyValue('rrule')!.toString()).toContain(
      'FREQ=WEEKLY',
    );
    expect(text).toMatch(/EXDATE;TZID=Europe\/Berlin:20260113T093000/);
    expect(text).toMatch(/RECURRENCE-ID;TZID=Europe\/Berlin:20260707T093000/);

    const nodeEvents = parsed;
    expect(nodeEvents.map((e) => e.uid)).toContain(base.uid);
    const nodeMaster = nodeEvents.find((e) => e.uid === base.uid)!;
    expect(Number(nodeMaster.sequence)).toBe(3);
    expect(new Date(nodeMaster.start).toISOString()).toBe('2026-01-06T08:30:00.000Z');
    expect(nodeMaster.rrule).toBeDefined();
  });

  it('cancels the whole series with METHOD:CANCEL and the same UID', () => {
    const text = seriesCalendar({ ...base, method: 'CANCEL', sequence: 4, exceptions: [] });
    const { component, parsed } = parse(text);
    expect(component.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(4);
    expect(component.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(parsed.some((v) => v.uid === base.uid)).toBe(true);
  });

  it('ends an ended series with UNTIL instead of COUNT, and writes a single meeting without a rule', () => {
    const ended = seriesCalendar({ ...base, endsAt: new Date('2026-03-03T08:30:00Z'), exceptions: [] });
    parse(ended);
    expect(ended).toMatch(/RRULE:FREQ=WEEKLY;UNTIL=20260303T082959Z/);
    const single = seriesCalendar({ ...base, rrule: null, timeZone: 'America/New_York', exceptions: [] });
    const { component, parsed } = parse(single);
    expect(single).not.toContain('RRULE');
    const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!);
    event.startDate.zone = new ICAL.Timezone(component.getFirstSubcomponent('vtimezone')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-01-06T14:30:00.000Z');
    const nodeEvent = parsed[0];
    expect(new Date(nodeEvent.start).toISOString()).toBe('2026-01-06T14:30:00.000Z');
  });
});
