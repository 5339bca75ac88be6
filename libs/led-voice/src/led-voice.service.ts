import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AssignmentsRepository, toAssignmentResponse } from '@leadpath/assignments';
import { AuditService } from '@leadpath/audit';
import { FrameworkRepository } from '@leadpath/framework';
import { Database, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import { DEFAULT_LIMIT, decodeCursor, toIso, toPage, type Page, type PageQueryDto } from '@leadpath/platform/http';
import { Clock } from '@leadpath/platform/time';
import type {
  AssignmentResults,
  CandidateQueryDto,
  CreateFeedbackRequestsDto,
  DecideRespondentsDto,
  FeedbackRequestListItem,
  FeedbackRequestQueryDto,
  FeedbackRequestResponse,
  FeedbackRequestsCreated,
  MyFeedbackRequest,
  RespondDto,
  RespondentCandidate,
  RespondForm,
} from './dto/led-voice.dto';
import { MAX_OUTSIDE_RESPONDENTS, MAX_RESPONDENTS } from './dto/led-voice.dto';
import type { Approval } from './entities/feedback-request.entity';
import { LedVoiceRepository, type LinkRow, type NewRequest, type RequestRow } from './led-voice.repository';
import { addressKey, domainOf, untagged, userKey } from './respondent-key';
import { FeedbackLinks, LINK_TOKEN } from './feedback-links';
import { FeedbackMail, LINK_DAYS } from './feedback-mail.service';
import { ledQuestion } from './led-questions';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The voice of those led: feedback requests about an assignment, their single-use links and mail,
 * and the anonymous answers, shown only in aggregate.
 */
@Injectable()
export class LedVoiceService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly assignments: AssignmentsRepository,
    private readonly voice: LedVoiceRepository,
    private readonly framework: FrameworkRepository,
    private readonly clock: Clock,
    private readonly readiness: ReadinessInputs,
    private readonly links: FeedbackLinks,
    private readonly mail: FeedbackMail,
  ) {}

  /**
   * Asks people who were led. The voice of those led counts only when it is someone else's:
   * every respondent is resolved to a person (a user of the organization by id or by any spelling
   * of their address, else an outside address), the lead and the one asking are refused, and a
   * person is asked once per assignment, so answered requests count distinct people. An outside
   * address the mentee asks waits for the line manager or HR (see `decide`); no mail leaves for it
   * before. Requests are limited per assignment (MAX_RESPONDENTS, MAX_OUTSIDE_RESPONDENTS) and per
   * person and UTC day (the organization's `feedbackRequestsPerDay`): Leadpath is no mail relay.
   */
  async requestFeedback(actor: Actor, id: string, dto: CreateFeedbackRequestsDto): Promise<FeedbackRequestsCreated> {
    const access = (await this.access.require(actor, Permission.AssignmentRequestFeedback, id)).get(id);
    const organizationId = actor.organizationId;
    const assignment = await this.assignments.lock(organizationId, id);
    if (!assignment) throw DomainError.notFound('Assignment');
    if (assignment.status === 'planned')
      throw DomainError.conflict('Ask for feedback once the assignment is active or completed');
    if (assignment.requested + dto.respondents.length > MAX_RESPONDENTS) {
      throw DomainError.conflict(
        `At most ${MAX_RESPONDENTS} people can be asked about one assignment; ${assignment.requested} already were`,
      );
    }
    const respondents = await this.resolveRespondents(organizationId, dto);
    const lead = userKey(assignment.mentee_user_id);
    const asker = userKey(actor.userId);
    const seen = new Set<string>();
    respondents.forEach((r) => {
      if (r.key === lead) throw DomainError.invalid(r.field, 'the aspiring lead cannot answer about themselves');
      if (r.key === asker) throw DomainError.invalid(r.field, 'whoever asks cannot be one of the people asked');
      if (seen.has(r.key)) throw DomainError.invalid(r.field, `${r.email} is listed twice`);
      seen.add(r.key);
    });
    // One request per person and assignment: asking again could reveal an answer by the change it makes.
    const asked = new Set(await this.voice.askedPeople(organizationId, id, [...seen]));
    if (asked.size > 0) {
      const emails = respondents.filter((r) => asked.has(r.key)).map((r) => r.email);
      throw DomainError.conflict(`Already asked about this assignment: ${emails.join(', ')}`);
    }
    const outside = respondents.filter((r) => r.userId === null).length;
    if (assignment.outside + outside > MAX_OUTSIDE_RESPONDENTS) {
      throw DomainError.conflict(
        `At most ${MAX_OUTSIDE_RESPONDENTS} outside addresses can be asked about one assignment; ${assignment.outside} already were`,
      );
    }
    const now = this.clock.now();
    const perDay = (await this.framework.settings(organizationId)).feedback_requests_per_day;
    const sentToday = await this.voice.requestsSentSince(organizationId, actor.userId, startOfUtcDay(now));
    if (sentToday + respondents.length > perDay) {
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `At most ${perDay} feedback requests can be sent per person and day; ${sentToday} were sent today`,
      );
    }
    // The line manager's own outside addresses are approved by asking; the mentee's wait for approval.
    const approver = access?.relations.includes('manager') && !access.own ? actor.userId : null;
    const requests: NewRequest[] = respondents.map((r) => {
      const requestId = randomUUID();
      const approval: Approval = r.userId !== null || approver !== null ? 'approved' : 'pending';
      return {
        id: requestId,
        userId: r.userId,
        email: r.email,
        name: r.name,
        key: r.key,
        approval,
        decidedBy: r.userId === null ? approver : null,
        tokenHash: FeedbackLinks.hash(this.links.token(requestId)),
      };
    });
    const expiresAt = new Date(now.getTime() + LINK_DAYS * DAY_MS);
    const rows = await this.voice.insertRequests(organizationId, id, actor.userId, now, expiresAt, requests);
    // The invitations leave through the outbox: committed with the requests, or not at all.
    await this.mail.invite(
      organizationId,
      rows.filter((r) => r.approval === 'approved').map((r) => r.id),
    );
    await this.audit.record(actor, {
      action: 'assignment.feedback_requested',
      objectType: 'assignment',
      objectId: id,
    });
    return { items: rows.map(toRequestResponse) };
  }

  /** Who was asked about the assignment and where each outside address stands; never who answered. */
  async respondents(actor: Actor, id: string, query: FeedbackRequestQueryDto): Promise<Page<FeedbackRequestListItem>> {
    await this.access.require(actor, Permission.AssignmentRespondents, id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.voice.listRequests(
      actor.organizationId,
      id,
      query.approval,
      limit,
      decodeCursor(query.cursor),
    );
    return toPage(
      rows,
      limit,
      (r) => ({ at: r.cursor_at, id: r.id }),
      (r) => ({
        ...toRequestResponse(r),
        requestedBy: r.requested_by,
        decidedBy: r.decided_by,
        decidedAt: r.decided_at ? toIso(r.decided_at) : null,
      }),
    );
  }

  /**
   * The line manager or HR approves (the link is mailed and valid 14 days from now) or declines
   * outside addresses the mentee asked. Only pending requests of this assignment can be decided.
   */
  async decide(actor: Actor, id: string, dto: DecideRespondentsDto): Promise<Page<FeedbackRequestListItem>> {
    await this.access.require(actor, Permission.AssignmentApproveRespondents, id);
    const organizationId = actor.organizationId;
    if (!(await this.assignments.lock(organizationId, id))) throw DomainError.notFound('Assignment');
    const now = this.clock.now();
    const approve = dto.decision === 'approve';
    const decided = await this.voice.decide(
      organizationId,
      id,
      dto.requestIds,
      approve ? 'approved' : 'declined',
      actor.userId,
      now,
      new Date(now.getTime() + LINK_DAYS * DAY_MS),
    );
    const undecided = dto.requestIds.filter((r) => !decided.includes(r));
    if (undecided.length > 0) {
      throw DomainError.invalid(
        'requestIds',
        `${undecided.join(', ')} is not an outside address of this assignment waiting for approval`,
      );
    }
    if (approve) await this.mail.invite(organizationId, decided);
    await this.audit.record(actor, {
      action: approve ? 'assignment.respondents_approved' : 'assignment.respondents_declined',
      objectType: 'assignment',
      objectId: id,
    });
    return this.respondents(actor, id, { limit: 200 });
  }

  /**
   * Each respondent as a person: a user given by id, a user whose address (any `+tag` removed)
   * is the one given, or an outside address (its `+tag` removed in the organization's own domains).
   */
  private async resolveRespondents(organizationId: string, dto: CreateFeedbackRequestsDto): Promise<Respondent[]> {
    const ids = dto.respondents.flatMap((r) => (r.userId ? [r.userId] : []));
    const addresses = dto.respondents.flatMap((r) => (r.userId === undefined ? [r.email!] : []));
    const users = await this.voice.respondentUsers(organizationId, ids, addresses.map(untagged));
    const own = new Set(await this.voice.ownDomains(organizationId, [...new Set(addresses.map(domainOf))]));
    const byId = new Map(users.map((u) => [u.id, u]));
    const byAddress = new Map(users.map((u) => [u.untagged, u]));
    return dto.respondents.map((r, i): Respondent => {
      const field = `respondents.${i}.${r.userId === undefined ? 'email' : 'userId'}`;
      const user = r.userId === undefined ? byAddress.get(untagged(r.email!)) : byId.get(r.userId);
      if (user) {
        if (!user.active) throw DomainError.invalid(field, 'is not an active user of this organization');
        return { field, userId: user.id, email: user.email, name: user.name, key: userKey(user.id) };
      }
      if (r.userId !== undefined) throw DomainError.invalid(field, 'is not an active user of this organization');
      const address = own.has(domainOf(r.email!)) ? untagged(r.email!) : r.email!;
      return { field, userId: null, email: r.email!, name: r.name!, key: addressKey(address) };
    });
  }

  /** Whom the caller may pick to ask: people of the organization, by name or address. */
  async candidates(actor: Actor, id: string, query: CandidateQueryDto): Promise<Page<RespondentCandidate>> {
    await this.access.require(actor, Permission.AssignmentRequestFeedback, id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.voice.candidates(
      actor.organizationId,
      id,
      query.search?.trim() || undefined,
      limit,
      decodeCursor(query.cursor),
    );
    return toPage(
      rows,
      limit,
      (r) => ({ at: r.cursor_at, id: r.id }),
      (r) => ({ id: r.id, name: r.name, email: r.email }),
    );
  }

  async results(actor: Actor, id: string): Promise<AssignmentResults> {
    await this.access.require(actor, Permission.AssignmentResults, id);
    const assignment = await this.assignments.findById(actor.organizationId, id);
    if (!assignment) throw DomainError.notFound('Assignment');
    const { responses, pending, threshold } = toAssignmentResponse(assignment).feedback;
    if (responses < threshold) return { responses, pending, threshold, competencies: null, comments: null };
    const [competencies, comments] = [
      await this.voice.competencyAggregates(actor.organizationId, id),
      await this.voice.comments(actor.organizationId, id),
    ];
    // Free text is read as feedback text is: the read leaves a trace.
    await this.audit.record(actor, {
      action: 'assignment.results_read',
      objectType: 'assignment',
      objectId: id,
    });
    return { responses, pending, threshold, competencies, comments };
  }

  async myRequests(actor: Actor, query: PageQueryDto): Promise<Page<MyFeedbackRequest>> {
    await this.access.require(actor, Permission.FeedbackRequestsOwn);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.voice.openRequestsFor(
      actor.organizationId,
      actor.userId,
      this.clock.now(),
      limit,
      decodeCursor(query.cursor),
    );
    return toPage(
      rows,
      limit,
      (r) => ({ at: r.cursor_at, id: r.id }),
      (r) => ({
        id: r.id,
        assignmentTitle: r.assignment_title,
        leadName: r.lead_name,
        askedByName: r.asked_by_name,
        expiresAt: toIso(r.expires_at),
        respondPath: this.links.path(r.id),
      }),
    );
  }

  /** What the respondent's page shows; anyone holding a valid, unused link may read it. */
  async form(token: string): Promise<RespondForm> {
    return this.withLink(token, (link) => ({
      assignmentTitle: link.assignment_title,
      leadName: link.lead_name,
      questions: link.competencies.map((c) => ({
        competency: c.key,
        name: c.name,
        question: ledQuestion(c.key, c.name),
      })),
      expiresAt: toIso(link.expires_at),
    }));
  }

  /**
   * Stores the answer with no trace of who gave it: the response row has no request, token or
   * time; the request only turns `answered`; the audit event names no actor and no request.
   *
   * The answer is held, and published only with a batch of at least threshold held answers.
   * Otherwise asking one more person after the results opened and reading twice would show that
   * person's answer as the difference. Batches were chosen over closing a round and opening the
   * next: the results (and readiness) stay one aggregate per assignment, as the product shows
   * them beside the manager's ratings, and no answer is split off into a round too small to show.
   */
  async respond(token: string, dto: RespondDto): Promise<void> {
    await this.withLink(token, async (link, organizationId) => {
      const wanted = link.competencies.map((c) => c.key);
      const ratings: Record<string, number> = {};
      for (const r of dto.ratings) {
        if (!wanted.includes(r.competency))
          throw DomainError.invalid('ratings', `${r.competency} is not asked about in this request`);
        if (ratings[r.competency] !== undefined) throw DomainError.invalid('ratings', `${r.competency} is rated twice`);
        ratings[r.competency] = r.rating;
      }
      const missing = wanted.filter((k) => ratings[k] === undefined);
      if (missing.length > 0) throw DomainError.invalid('ratings', `a rating is needed for ${missing.join(', ')}`);
      const threshold = await this.assignments.lockForAnswer(organizationId, link.assignment_id);
      await this.voice.markAnswered(organizationId, link.assignment_id, link.id);
      await this.voice.insertResponse(organizationId, link.assignment_id, {
        ratings,
        wentWell: dto.wentWell?.trim() || null,
        couldHelp: dto.couldHelp?.trim() || null,
      });
      // A held answer changes nothing anyone reads: readiness is refreshed (and its time moves) only with a batch.
      if ((await this.voice.publishHeld(organizationId, link.assignment_id, threshold)) > 0)
        await this.readiness.menteesChanged(organizationId, [link.mentee_id]);
      await this.audit.record(
        { organizationId, userId: null, requestId: null },
        { action: 'assignment.feedback_received', objectType: 'assignment', objectId: link.assignment_id },
      );
    });
  }

  /**
   * Finds the link's organization (the one lookup across organizations), then does everything
   * else as that organization's tenant work, with the request locked against a second answer.
   */
  private async withLink<T>(token: string, fn: (link: LinkRow, organizationId: string) => Promise<T> | T): Promise<T> {
    if (!LINK_TOKEN.test(token)) throw DomainError.notFound('Feedback request');
    const tokenHash = FeedbackLinks.hash(token);
    const organizationId = await this.db.system('assignments.link', () => this.voice.organizationOfLink(tokenHash));
    if (!organizationId) throw DomainError.notFound('Feedback request');
    return this.db.tenant(organizationId, async () => {
      const link = await this.voice.lockLink(organizationId, tokenHash);
      // A link waiting for approval (or declined) opens nothing: it was never sent.
      if (!link || link.approval !== 'approved') throw DomainError.notFound('Feedback request');
      if (link.answered) throw DomainError.conflict('This link has already been used to answer');
      if (link.expires_at.getTime() <= this.clock.now().getTime()) throw DomainError.gone('This link has expired');
      return fn(link, organizationId);
    });
  }
}

interface Respondent {
  /** The request field the respondent came from, for a 400 that names it. */
  field: string;
  userId: string | null;
  email: string;
  name: string;
  key: string;
}

function toRequestResponse(r: RequestRow): FeedbackRequestResponse {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    userId: r.respondent_user_id,
    name: r.name,
    email: r.email,
    approval: r.approval,
    expiresAt: toIso(r.expires_at),
  };
}

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
