import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { NotificationsService } from '@leadpath/notifications';
import { FrameworkRepository } from '@leadpath/framework';
import { Database, IdempotencyService, DomainEvents, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError, ErrorCode, type FieldError } from '@leadpath/platform/domain';
import { decodeCursor, DEFAULT_LIMIT, toIso, toPage, type Page, type PageQueryDto } from '@leadpath/platform/http';
import { addDays, Clock, utcDay } from '@leadpath/platform/time';
import type {
  CreateFeedbackDto,
  FeedbackQueryDto,
  FeedbackResponse,
  FeedbackRevisionResponse,
  RatingDto,
  UpdateFeedbackDto,
} from './dto/feedback.dto';
import { FeedbackRepository, type FeedbackRow, type RevisionRow } from './feedback.repository';

/** `"7"` → 7. Anything else (weak tags, lists, garbage) can never match, so it is a 412 too. */
export function parseIfMatch(header: string | undefined): number | 'any' | 'never' | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return 'any';
  const match = /^"(\d{1,9})"$/.exec(value);
  return match ? Number(match[1]) : 'never';
}

export const etagOf = (version: number): string => `"${version}"`;

@Injectable()
export class FeedbackService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly feedback: FeedbackRepository,
    private readonly framework: FrameworkRepository,
    private readonly idempotency: IdempotencyService,
    private readonly readiness: ReadinessInputs,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
  ) {}

  async create(
    actor: Actor,
    menteeId: string,
    dto: CreateFeedbackDto,
    idempotencyKey?: string,
    /** The one-on-one occurrence the entry is the outcome of, checked by whoever passes it. */
    meetingId?: string,
  ): Promise<FeedbackResponse> {
    const relations = await this.access.requireMentee(actor, Permission.FeedbackCreate, menteeId);
    const authorRole = relations.includes('manager') ? 'manager' : 'mentor';
    if (authorRole === 'mentor' && dto.visibility === 'private') {
      throw DomainError.invalid('visibility', 'a mentor logs shared feedback only');
    }
    this.checkDuplicateRatings(dto.ratings);
    requireContent(dto.ratings.length, [dto.strengths, dto.gaps, dto.nextSteps, dto.needToSee]);
    checkOccurredOn(dto.occurredOn, this.clock.now());
    return this.idempotency.run(actor, idempotencyKey, { menteeId, dto, meetingId }, async () => {
      await this.checkCompetencies(actor.organizationId, dto.ratings);
      const id = await this.feedback.insert(actor.organizationId, {
        menteeId,
        authorId: actor.userId,
        authorRole,
        occurredOn: dto.occurredOn,
        visibility: dto.visibility,
        strengths: dto.strengths || null,
        gaps: dto.gaps || null,
        nextSteps: dto.nextSteps || null,
        needToSee: dto.needToSee || null,
        meetingId: meetingId ?? null,
      });
      // A new entry has no ratings to replace.
      await this.feedback.insertRatings(actor.organizationId, id, dto.ratings);
      await this.readiness.menteesChanged(actor.organizationId, [menteeId]);
      await this.audit.record(actor, { action: 'feedback.create', objectType: 'feedback', objectId: id });
      if (dto.visibility === 'shared') {
        await this.notifications.nudgeMentee(actor, menteeId, 'feedback_shared', id);
        // Integrations hear of shared entries only, and never their text (private notes are the author's alone).
        await this.events.publish(actor.organizationId, {
          type: 'feedback.created',
          menteeId,
          data: {
            feedbackId: id,
            authorId: actor.userId,
            visibility: 'shared',
            occurredOn: dto.occurredOn,
            ratings: dto.ratings.map((r) => ({ competency: r.competency, rating: r.rating })),
          },
        });
      }
      return this.load(actor.organizationId, id);
    });
  }

  async list(actor: Actor, menteeId: string, query: FeedbackQueryDto): Promise<Page<FeedbackResponse>> {
    await this.access.require(actor, Permission.FeedbackList, menteeId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.feedback.list(
      actor.organizationId,
      menteeId,
      this.access.feedbackVisible(actor),
      query.visibility,
      limit,
      decodeCursor(query.cursor),
    );
    await this.audit.recordRead(actor, { action: 'feedback.list', objectType: 'mentee', objectId: menteeId });
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toFeedbackResponse);
  }

  async get(actor: Actor, id: string): Promise<FeedbackResponse> {
    await this.access.require(actor, Permission.FeedbackRead, id);
    const response = await this.load(actor.organizationId, id);
    await this.audit.recordRead(actor, { action: 'feedback.read', objectType: 'feedback', objectId: id });
    return response;
  }

  async update(actor: Actor, id: string, dto: UpdateFeedbackDto, ifMatch?: string): Promise<FeedbackResponse> {
    await this.access.require(actor, Permission.FeedbackUpdate, id);
    const expected = parseIfMatch(ifMatch);
    if (dto.ratings) this.checkDuplicateRatings(dto.ratings);
    if (dto.occurredOn) checkOccurredOn(dto.occurredOn, this.clock.now());
    const current = await this.feedback.lock(actor.organizationId, id);
    if (!current) throw DomainError.notFound('Feedback');
    if (expected === 'never' || (typeof expected === 'number' && expected !== current.version)) {
      throw new DomainError(
        ErrorCode.PreconditionFailed,
        'This feedback changed since you read it; read it again and re-apply your edit',
        undefined,
        { etag: etagOf(current.version) },
      );
    }
    if (current.author_role === 'mentor' && dto.visibility === 'private') {
      throw DomainError.invalid('visibility', 'a mentor logs shared feedback only');
    }
    if (dto.ratings) await this.checkCompetencies(actor.organizationId, dto.ratings);
    await this.feedback.insertRevision(actor.organizationId, {
      feedbackId: id,
      version: current.version,
      snapshot: snapshotOf(current),
      editedBy: actor.userId,
    });
    const pick = <K extends 'strengths' | 'gaps' | 'nextSteps' | 'needToSee'>(key: K, was: string | null) =>
      dto[key] === undefined ? was : dto[key] || null;
    const texts = {
      strengths: pick('strengths', current.strengths),
      gaps: pick('gaps', current.gaps),
      nextSteps: pick('nextSteps', current.next_steps),
      needToSee: pick('needToSee', current.need_to_see),
    };
    requireContent((dto.ratings ?? current.ratings).length, Object.values(texts));
    const version = await this.feedback.update(actor.organizationId, id, current.version, {
      occurredOn: dto.occurredOn ?? current.occurred_on,
      visibility: dto.visibility ?? current.visibility,
      ...texts,
    });
    // Unreachable while the row is locked; kept so a lost update can never pass silently.
    if (version === undefined) throw new DomainError(ErrorCode.PreconditionFailed, 'This feedback changed meanwhile');
    if (dto.ratings) await this.feedback.replaceRatings(actor.organizationId, id, dto.ratings);
    await this.readiness.menteesChanged(actor.organizationId, [current.mentee_id]);
    await this.audit.record(actor, { action: 'feedback.update', objectType: 'feedback', objectId: id });
    return this.load(actor.organizationId, id);
  }

  async acknowledge(actor: Actor, id: string): Promise<FeedbackResponse> {
    await this.access.require(actor, Permission.FeedbackAcknowledge, id);
    if (await this.feedback.acknowledge(actor.organizationId, id)) {
      await this.audit.record(actor, { action: 'feedback.acknowledge', objectType: 'feedback', objectId: id });
    }
    return this.load(actor.organizationId, id);
  }

  async revisions(actor: Actor, id: string, query: PageQueryDto): Promise<Page<FeedbackRevisionResponse>> {
    await this.access.require(actor, Permission.FeedbackRevisions, id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.feedback.revisions(actor.organizationId, id, limit, decodeCursor(query.cursor));
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toRevisionResponse);
  }

  private checkDuplicateRatings(ratings: RatingDto[]): void {
    const seen = new Set<string>();
    const fields: FieldError[] = [];
    ratings.forEach((r, i) => {
      if (seen.has(r.competency))
        fields.push({ field: `ratings.${i}.competency`, messages: ['rated twice in one entry'] });
      seen.add(r.competency);
    });
    if (fields.length) throw new DomainError(ErrorCode.Validation, 'Invalid input: ratings', fields);
  }

  private async checkCompetencies(organizationId: string, ratings: RatingDto[]): Promise<void> {
    const unknown = new Set(
      await this.framework.unknownCompetencies(
        organizationId,
        ratings.map((r) => r.competency),
      ),
    );
    const fields: FieldError[] = ratings.flatMap((r, i) =>
      unknown.has(r.competency)
        ? [
            {
              field: `ratings.${i}.competency`,
              messages: [`${r.competency} is not an active competency of this organization`],
            },
          ]
        : [],
    );
    if (fields.length) throw new DomainError(ErrorCode.Validation, 'Invalid input: ratings', fields);
  }

  private async load(organizationId: string, id: string): Promise<FeedbackResponse> {
    const row = await this.feedback.findById(organizationId, id);
    if (!row) throw DomainError.notFound('Feedback');
    return toFeedbackResponse(row);
  }
}

/** A one-on-one happened on a real day: not before 2000, not after tomorrow (UTC, for time zones ahead). */
function checkOccurredOn(occurredOn: string, now: Date): void {
  const tomorrow = addDays(utcDay(now), 1);
  if (occurredOn < '2000-01-01' || occurredOn > tomorrow) {
    throw DomainError.invalid('occurredOn', `must be a day between 2000-01-01 and ${tomorrow}`);
  }
}

function snapshotOf(row: FeedbackRow): Record<string, unknown> {
  return {
    occurredOn: row.occurred_on,
    visibility: row.visibility,
    ratings: row.ratings,
    strengths: row.strengths,
    gaps: row.gaps,
    nextSteps: row.next_steps,
    needToSee: row.need_to_see,
  };
}

export function toFeedbackResponse(row: FeedbackRow): FeedbackResponse {
  return {
    id: row.id,
    menteeId: row.mentee_id,
    authorId: row.author_id,
    authorName: row.author_name,
    authorRole: row.author_role,
    occurredOn: row.occurred_on,
    visibility: row.visibility,
    ratings: row.ratings,
    strengths: row.strengths,
    gaps: row.gaps,
    nextSteps: row.next_steps,
    needToSee: row.need_to_see,
    meetingId: row.meeting_id,
    version: row.version,
    acknowledgedAt: toIso(row.acknowledged_at),
    acknowledgedVersion: row.acknowledged_version,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toRevisionResponse(row: RevisionRow): FeedbackRevisionResponse {
  return {
    version: row.version,
    snapshot: row.snapshot,
    editedBy: row.edited_by,
    editedAt: row.edited_at.toISOString(),
  };
}

/**
 * An entry says something: at least one rating or some text. An empty shared entry would mail the
 * mentee, ask for an acknowledgement of nothing and end their stale state without a conversation.
 */
function requireContent(ratings: number, texts: (string | null | undefined)[]): void {
  if (ratings > 0 || texts.some((t) => typeof t === 'string' && t.trim() !== '')) return;
  const message =
    'an entry needs at least one rating or some text (strengths, gaps, next steps or what you would need to see)';
  throw new DomainError(
    ErrorCode.Validation,
    `Invalid input: ${message}`,
    ['ratings', 'strengths', 'gaps', 'nextSteps', 'needToSee'].map((field) => ({ field, messages: [message] })),
  );
}
