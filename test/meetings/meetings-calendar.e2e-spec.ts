import ICAL from 'ical.js';
import * as nodeIcal from 'node-ical';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

/** The `.ics` of a message, read by both parsers (each must parse it without error). */
function invitation(mail: ReceivedMail) {
  const file = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(file).toBeDefined();
  const text = file!.content.toString('utf8');
  const component = new ICAL.Component(ICAL.parse(text));
  const events = Object.values(nodeIcal.sync.parseICS(text)).filter(
    (v): v is nodeIcal.VEvent => v !== undefined && v.type === 'VEVENT',
  );
  const event = component.getFirstSubcomponent('vevent')!;
  return {
    method: component.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    dtstart: event.getFirstProperty('dtstart')!,
    nodeUid: events[0]?.uid,
  };
}

describe('one-on-one invitations', () => {
  let t: TestApp;
  let f: Factory;
  let smtp: TestSmtp;
  let manager: TestUser;
  let mentee: TestMentee;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    f = new Factory(t);
    ({ manager, mentee } = await f.team());
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails both people a request, then a cancellation with the same UID and a higher SEQUENCE', async () => {
    const jobs = t.app.get(JobsService);
    const created = await as(t, manager.token)
      .post(`/api/v1/mentees/${mentee.id}/meetings`, {
        startsAt: '2027-01-05T09:30',
        durationMinutes: 30,
        timeZone: 'Europe/Berlin',
        recurrence: 'FREQ=WEEKLY',
      })
      .expect(201);
    const { id, seriesId } = created.body as { id: string; seriesId: string };
    await jobs.runDue(MAIL_JOB);
    const first = await smtp.waitFor(2);
    expect(first.map((m) => m.to[0]).sort()).toEqual([manager.email, mentee.user.email].sort());
    for (const mail of first) {
      const ics = invitation(mail);
      expect(ics).toMatchObject({
        method: 'REQUEST',
        uid: `${seriesId}@leadpath`,
        sequence: 0,
        nodeUid: `${seriesId}@leadpath`,
      });
      expect(ics.dtstart.getParameter('tzid')).toBe('Europe/Berlin');
      expect(String(ics.dtstart.getFirstValue())).toBe('2027-01-05T09:30:00');
    }
    await as(t, manager.token).delete(`/api/v1/meetings/${id}?scope=series`).expect(204);
    await jobs.runDue(MAIL_JOB);
    const all = await smtp.waitFor(4);
    for (const mail of all.slice(2)) {
      expect(invitation(mail)).toMatchObject({ method: 'CANCEL', uid: `${seriesId}@leadpath`, sequence: 1 });
    }
    const deliveries = await f.pool.query(
      `SELECT count(*)::int AS n FROM mail_deliveries WHERE kind = 'meeting_invitation' AND subject_id = $1 AND status = 'sent'`,
      [seriesId],
    );
    expect(deliveries.rows[0].n).toBe(4);
  });
});
