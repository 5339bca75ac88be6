import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  ValidateNested,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { RatingDto, VISIBILITIES, type Visibility } from '@leadpath/feedback';
import { IsFreeText } from '@leadpath/platform/http';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An instant with its offset, or a wall time in the series' time zone (no offset). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE_TIME_MESSAGE = (field: string) =>
  `${field} must be a date and time such as 2026-12-08T09:30 (wall time in timeZone) or 2026-12-08T08:30:00Z`;

export const SCOPES = ['occurrence', 'series'] as const;
export type Scope = (typeof SCOPES)[number];
export const OCCURRENCE_STATUSES = ['scheduled', 'cancelled'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

/** The widest window `GET /meetings` expands: a year and a day. */
export const MAX_WINDOW_DAYS = 366;
/** The most occurrences one window lists (the earliest). */
export const MAX_OCCURRENCES = 2000;
/** The most agenda points, actions or outcomes one meeting lists. */
export const MAX_LISTED = 200;

export class CreateMeetingDto {
  @ApiProperty({
    example: '2026-12-08T09:30',
    description:
      'the first meeting: a wall time in timeZone (2026-12-08T09:30), or an instant with its offset (2026-12-08T08:30:00Z)',
    maxLength: 35,
  })
  @IsString()
  @MaxLength(35)
  @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE('startsAt') })
  startsAt: string;

  @ApiProperty({ minimum: 5, maximum: 480, example: 30 })
  @IsInt()
  @Min(5)
  @Max(480)
  durationMinutes: number;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone: the meetings keep their wall time in it' })
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @ApiPropertyOptional({
    example: 'FREQ=WEEKLY;INTERVAL=2',
    description: 'RFC 5545 RRULE (without DTSTART): at most daily, COUNT at most 520; absent for a single meeting',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  recurrence?: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = (field: string) => `${field} must be an instant with its offset, such as 2026-12-01T00:00:00Z`;

export class MeetingWindowQueryDto {
  @ApiProperty({ format: 'date-time', description: 'from this instant (inclusive)', maxLength: 35 })
  @MaxLength(35)
  @Matches(INSTANT, { message: INSTANT_MESSAGE('from') })
  from: string;

  @ApiProperty({
    format: 'date-time',
    description: `until this instant (exclusive); at most ${MAX_WINDOW_DAYS} days after from`,
    maxLength: 35,
  })
  @MaxLength(35)
  @Matches(INSTANT, { message: INSTANT_MESSAGE('to') })
  to: string;
}

export class UpdateMeetingDto {
  @ApiProperty({
    enum: SCOPES,
    description:
      'occurrence: move this meeting only (an exception of the series); series: change this and every later meeting (the times of earlier ones stay)',
  })
  @IsIn(SCOPES)
  scope: Scope;

  @ApiPropertyOptional({
    example: '2026-12-09T10:00',
    description: 'the new start (wall time in timeZone, or an instant)',
    maxLength: 35,
  })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  @Matches(DATE_TIME, { message: DATE_TIME_MESSAGE('startsAt') })
  startsAt?: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 480 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(480)
  durationMinutes?: number;

  @ApiPropertyOptional({ description: 'scope series only: the new IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'scope series only: the new RRULE, or null to make this the last meeting',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  recurrence?: string | null;
}

export class CancelMeetingDto {
  @ApiProperty({
    enum: SCOPES,
    description:
      'occurrence: cancel this meeting only; series: cancel this and every later meeting (earlier ones stay)',
  })
  @IsIn(SCOPES)
  scope: Scope;
}

export class CreateAgendaItemDto {
  @ApiProperty({ maxLength: 2000 })
  @IsFreeText(2000)
  @MinLength(1)
  text: string;

  @ApiPropertyOptional({ description: 'seen by its author only', default: false })
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  @ApiPropertyOptional({
    maxLength: 120,
    description: 'the key of a suggested point (GET …/suggestions) this point adds; it is not suggested again',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  suggestionKey?: string;
}

export class UpdateAgendaItemDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsFreeText(2000)
  @MinLength(1)
  text?: string;

  @ApiPropertyOptional({ description: 'ticked off (in this meeting), or not' })
  @IsOptional()
  @IsBoolean()
  done?: boolean;

  @ApiPropertyOptional({ minimum: 0, description: 'the new place in this meeting’s agenda (0 = first)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

export class CreateActionItemDto {
  @ApiProperty({ maxLength: 2000 })
  @IsFreeText(2000)
  @MinLength(1)
  text: string;

  @ApiProperty({ format: 'uuid', description: 'either participant: the one who holds the meeting or the mentee' })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({ format: 'date', type: String, nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn?: string | null;
}

export class UpdateActionItemDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsFreeText(2000)
  @MinLength(1)
  text?: string;

  @ApiPropertyOptional({ description: 'close (true) or reopen (false)' })
  @IsOptional()
  @IsBoolean()
  done?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'either participant' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'date', type: String, nullable: true })
  @IsOptional()
  @ValidateIf((o: UpdateActionItemDto) => o.dueOn !== null)
  @Matches(DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'with done: true, attach the item as evidence to this milestone (template id) of the mentee, recorded as the milestone page does',
  })
  @IsOptional()
  @IsUUID()
  milestoneId?: string;
}

export class PersonRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MeetingOccurrence {
  @ApiProperty({
    example: '4b0c…_20261208T083000Z',
    description: '`<seriesId>_<original start, YYYYMMDDTHHMMSSZ>`',
    maxLength: 60,
  })
  id: string;
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty({ type: PersonRef, description: 'the line manager or mentor who holds the meeting' }) holder: PersonRef;
  @ApiProperty({ type: PersonRef }) mentee: PersonRef;
  @ApiProperty({ format: 'date-time', description: 'the start the series gave it (the id’s)' })
  originalStartsAt: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: '2026-12-08T09:30', description: 'the start as a wall time in timeZone', maxLength: 16 })
  localStart: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ enum: OCCURRENCE_STATUSES }) status: OccurrenceStatus;
  @ApiProperty({ description: 'moved away from the series’ time' }) rescheduled: boolean;
  @ApiProperty({ description: 'part of a recurring series' }) recurring: boolean;
}

export class MeetingWindow {
  @ApiProperty({
    type: [MeetingOccurrence],
    maxItems: MAX_OCCURRENCES,
    description: `at most ${MAX_OCCURRENCES}, the earliest`,
  })
  items: MeetingOccurrence[];
}

export class MeetingSeriesInfo {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'FREQ=WEEKLY',
    description: 'the cadence; null for a single meeting',
  })
  recurrence: string | null;
  @ApiProperty({ example: '2026-12-08T09:30', maxLength: 16 }) startsLocal: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ description: 'grows with every change sent to calendars' }) sequence: number;
  @ApiProperty({ format: 'date-time', type: String, nullable: true, description: 'no meeting from this instant on' })
  endsAt: string | null;
  @ApiProperty({ description: 'agenda points of this series (private ones included, as a count only)' })
  agendaItems: number;
  @ApiProperty({ description: 'of those, the points the mentee added' }) agendaItemsByMentee: number;
  @ApiProperty({ type: Number, nullable: true, description: 'the mentee’s share of the points (0–1); null with none' })
  menteeShare: number | null;
}

export class AgendaItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: PersonRef }) author: PersonRef;
  @ApiProperty() private: boolean;
  @ApiProperty() done: boolean;
  @ApiProperty() position: number;
  @ApiProperty({
    format: 'date',
    type: String,
    nullable: true,
    description: 'carried over from the meeting of this day',
  })
  carriedOverFrom: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 60,
    description: 'the meeting it was added to, when carried over',
  })
  carriedOverFromMeetingId: string | null;
  @ApiProperty({ type: String, nullable: true }) suggestionKey: string | null;
}

export class ActionItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: PersonRef }) owner: PersonRef;
  @ApiProperty({ format: 'date', type: String, nullable: true }) dueOn: string | null;
  @ApiProperty() done: boolean;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) doneAt: string | null;
  @ApiProperty({ description: 'the meeting it was agreed in', maxLength: 60 }) meetingId: string;
  @ApiProperty({
    format: 'date',
    type: String,
    nullable: true,
    description: 'carried forward from the meeting of this day',
  })
  carriedOverFrom: string | null;
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'the milestone it became evidence of' })
  milestoneId: string | null;
}

export class MeetingOutcomeRef {
  @ApiProperty({ format: 'uuid' }) feedbackId: string;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ enum: ['shared', 'private'] }) visibility: 'shared' | 'private';
  @ApiProperty({ type: String, nullable: true }) nextSteps: string | null;
}

export class LastTime {
  @ApiProperty({ description: 'the previous meeting of the same two people', maxLength: 60 }) meetingId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'the next steps its outcome named' })
  nextSteps: string | null;
}

export class MeetingDetail extends MeetingOccurrence {
  @ApiProperty({ type: MeetingSeriesInfo }) series: MeetingSeriesInfo;
  @ApiProperty({
    description: 'false for HR, who see that meetings happen (dates, cadence) but not what is in them',
  })
  content: boolean;
  @ApiProperty({ type: [AgendaItem], nullable: true, maxItems: MAX_LISTED, description: 'null without content rights' })
  agenda: AgendaItem[] | null;
  @ApiProperty({
    type: [ActionItem],
    nullable: true,
    maxItems: MAX_LISTED,
    description: 'agreed in this meeting',
  })
  actions: ActionItem[] | null;
  @ApiProperty({ type: LastTime, nullable: true, description: 'last time’s next steps' })
  lastTime: LastTime | null;
  @ApiProperty({
    type: [ActionItem],
    nullable: true,
    maxItems: MAX_LISTED,
    description: 'open actions from earlier meetings',
  })
  openActions: ActionItem[] | null;
  @ApiProperty({
    type: [MeetingOutcomeRef],
    nullable: true,
    maxItems: MAX_LISTED,
    description: 'feedback entries logged as its outcome (that the caller may read)',
  })
  outcomes: MeetingOutcomeRef[] | null;
}

export class AgendaSuggestion {
  @ApiProperty({ example: 'goal-overdue:…', description: 'pass as suggestionKey to add it' }) key: string;
  @ApiProperty({ enum: ['milestone_unverified', 'goal_unconfirmed', 'goal_overdue', 'competency_low', 'need_to_see'] })
  kind: string;
  @ApiProperty() text: string;
}

export class AgendaSuggestions {
  @ApiProperty({ type: [AgendaSuggestion], maxItems: 50 }) items: AgendaSuggestion[];
}

/**
 * The outcome: a feedback entry of the mentee (ratings, texts, visibility) as `POST
 * /mentees/{id}/feedback` takes it, dated the meeting's day.
 */
export class MeetingOutcomeDto {
  @ApiProperty({ enum: VISIBILITIES, description: 'private: a note to self that only the author reads' })
  @IsIn(VISIBILITIES)
  visibility: Visibility;

  @ApiProperty({ type: [RatingDto], maxItems: 50, description: 'at most one rating per competency' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RatingDto)
  ratings: RatingDto[];

  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsFreeText(4000) strengths?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsFreeText(4000) gaps?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsFreeText(4000) nextSteps?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: 'what I would need to see' })
  @IsOptional()
  @IsFreeText(4000)
  needToSee?: string;
}
