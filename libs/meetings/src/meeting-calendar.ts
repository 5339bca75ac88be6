import { Inject, Injectable } from '@nestjs/common';
import { MailService, type ComposeContext, type MailContent } from '@leadpath/mail';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Clock } from '@leadpath/platform/time';
import { seriesCalendar } from './ics';
import { MeetingsRepository } from './meetings.repository';
import { occurrenceId, toInstant } from './recurrence';

/** How HR's list of e-mail deliveries names a calendar invitation (or its cancellation). */
export const MEETING_INVITATION = 'meeting_invitation';

/**
 * Calendar invitations: each change of a series owes both people an e-mail with the series as an
 * `.ics` (METHOD:REQUEST, or METHOD:CANCEL once the whole series is cancelled), through the mail
 * outbox, so it is recorded in HR's list of deliveries. The file is written when the message is
 * sent, from the series as it is then: UID stays the series', SEQUENCE is its count of changes.
 */
@Injectable()
export class MeetingCalendar {
  constructor(
    private readonly mail: MailService,
    private readonly meetings: MeetingsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    mail.registerComposer(MEETING_INVITATION, (context) => this.compose(context));
  }

  /** Owes both participants the series' invitation, in the caller's unit of work. */
  async seriesChanged(organizationId: string, seriesId: string): Promise<void> {
    const s = await this.meetings.series(organizationId, seriesId);
    if (!s) return;
    for (const recipientId of new Set([s.holder_id, s.mentee_user_id])) {
      await this.mail.enqueue({ organizationId, recipientId, kind: MEETING_INVITATION, subjectId: seriesId });
    }
  }

  /** The series' calendar file as the feed and the invitation write it, or null when it is gone. */
  async calendarOf(organizationId: string, seriesId: string): Promise<{ ics: string; cancelled: boolean } | null> {
    const s = await this.meetings.series(organizationId, seriesId);
    if (!s) return null;
    const exceptions = await this.meetings.exceptions(organizationId, [s.id]);
    const first = toInstant(s.starts_local, s.time_zone);
    const cancelled = s.ends_at !== null && s.ends_at <= first;
    const url = `${this.config.publicUrl}/meetings/${occurrenceId(s.id, first)}`;
    const ics = seriesCalendar({
      uid: `${s.id}@leadpath`,
      sequence: s.sequence,
      method: cancelled ? 'CANCEL' : 'REQUEST',
      summary: `One-on-one: ${s.holder_name} and ${s.mentee_name}`,
      description: `The agenda, actions and notes: ${url}`,
      url,
      organizer: { name: s.holder_name, email: s.holder_email },
      attendees: [
        { name: s.mentee_name, email: s.mentee_email },
        { name: s.holder_name, email: s.holder_email },
      ],
      startsLocal: s.starts_local,
      timeZone: s.time_zone,
      durationMinutes: s.duration_minutes,
      rrule: s.rrule,
      endsAt: s.ends_at,
      exceptions: exceptions.map((e) => ({
        originalStart: e.original_start,
        startsAt: e.starts_at,
        durationMinutes: e.duration_minutes,
        cancelled: e.cancelled,
      })),
      stamp: this.clock.now(),
    });
    return { ics, cancelled };
  }

  private async compose({ delivery, recipient, organization }: ComposeContext): Promise<MailContent | null> {
    if (!delivery.subject_id) return null;
    const s = await this.meetings.series(organization.id, delivery.subject_id);
    const calendar = await this.calendarOf(organization.id, delivery.subject_id);
    if (!s || !calendar) return null;
    const other = recipient.id === s.holder_id ? s.mentee_name : s.holder_name;
    const method = calendar.cancelled ? 'CANCEL' : 'REQUEST';
    const url = `${this.config.publicUrl}/meetings/${occurrenceId(s.id, toInstant(s.starts_local, s.time_zone))}`;
    return {
      subject: calendar.cancelled ? `Cancelled: one-on-ones with ${other}` : `One-on-ones with ${other}`,
      parts: {
        greeting: `Hello ${recipient.name},`,
        paragraphs: calendar.cancelled
          ? [`Your one-on-ones with ${other} are cancelled. The attached file removes them from your calendar.`]
          : [
              `Your one-on-ones with ${other} are scheduled (or changed). Open the attached file to add them to your calendar.`,
              'Add your talking points to the agenda before you meet.',
            ],
        action: { label: 'Open the agenda', url },
      },
      unsubscribeUrl: null,
      attachments: [
        {
          filename: calendar.cancelled ? 'cancel.ics' : 'invite.ics',
          content: calendar.ics,
          contentType: `text/calendar; method=${method}; charset=UTF-8`,
        },
      ],
    };
  }
}
