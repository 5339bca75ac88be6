import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService, type AuditAction } from '@leadpath/audit';
import { FrameworkRepository } from '@leadpath/framework';
import {
  Clock,
  Database,
  DEFAULT_LIMIT,
  DomainError,
  ErrorCode,
  ReadinessInputs,
  decodeCursor,
  toIso,
  toPage,
  type Page,
  type PageQueryDto,
} from '@leadpath/platform';
import type {
  AssignmentQueryDto,
  AssignmentResponse,
  AssignmentResults,
  CandidateQueryDto,
  CreateAssignmentDto,
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
  UpdateAssignmentDto,
} from './dto/assignment.dto';
import { MAX_OUTSIDE_RESPONDENTS, MAX_RESPONDENTS } from './dto/assignment.dto';
import type { AssignmentStatus } from './entities/assignment.entity';
import type { Approval } from './entities/feedback-request.entity';
import {
  AssignmentsRepository,
  type AssignmentRow,
  type LinkRow,
  type NewRequest,
  type RequestRow,
} from './assignments.repository';
import { addressKey, domainOf, untagged, userKey } from './respondent-key';
import { FeedbackLinks, LINK_TOKEN } from './feedback-links';
import { FeedbackMail, LINK_DAYS } from './feedback-mail.service';
import { ledQuestion } from './led-questions';

const DAY_MS = 24 * 3600 * 1000;
const NEXT_STATUS: Record<AssignmentStatus, AssignmentStatus | null> = {
  planned: 'active',
  active: 'completed',
  completed: null,
};

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly assignments: AssignmentsRepository,
    private readonly framework: FrameworkRepository,
    private readonly clock: Clock,
    private readonly readiness: ReadinessInputs,
    private readonly links: FeedbackLinks,
    private readonly mail: FeedbackMail,
  ) {}

  async create(actor: Actor, menteeId: string, dto: CreateAssignmentDto): Promise<AssignmentResponse> {
    await this.access.require(actor, Permission.AssignmentCreate, menteeId);
    if (dto.endsOn !== undefined && dto.endsOn < dto.startsOn)
      throw DomainError.invalid('endsOn', 'endsOn must not be before startsOn');
    await this.requireCompetencies(actor.organizationId, dto.competencies);
    if (dto.milestoneTemplateId !== undefined)
      await this.requireTemplate(actor.organizationId, dto.milestoneTemplateId);
    const id = await this.assignments.insert(actor.organizationId, {
      menteeId,
      title: dto.title,
      kind: dto.kind,
      description: dto.description || null,
      competencies: dto.competencies,
      milestoneTemplateId: dto.milestoneTemplateId ?? null,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn ?? null,
      by: actor.userId,
    });
    await this.audit.record(actor, { action: 'assignment.create', objectType: 'assignment', objectId: id });
    return this.load(actor.organizationId, id);
  }

  async list(actor: Actor, menteeId: string, query: AssignmentQueryDto): Promise<Page<AssignmentResponse>> {
    await this.access.require(actor, Permission.AssignmentList, menteeId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.assignments.list(
      actor.organizationId,
      menteeId,
      query.status,
      limit,
      decodeCursor(query.cursor),
    );
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toAssignmentResponse);
  }

  async get(actor: Actor, id: string): Promise<AssignmentResponse> {
    await this.access.require(actor, Permission.AssignmentRead, id);
    return this.load(actor.organizationId, id);
  }

  async update(actor: Actor, id: string, dto: UpdateAssignmentDto): Promise<AssignmentResponse> {
    await this.access.require(actor, Permission.AssignmentUpdate, id);
    const current = await this.assignments.lock(actor.organizationId, id);
    if (!current) throw DomainError.notFound('Assignment');
    if (dto.status !== undefined && dto.status !== current.status && NEXT_STATUS[current.status] !== dto.status) {
      throw DomainError.conflict(
        `An assignment moves planned → active → completed one step at a time; this one is ${current.status}`,
      );
    }
    if (dto.competencies !== undefined) {
      // The people asked answered about these competencies; changing them would mix answers to different questions.
      if (current.requested > 0) throw DomainError.conflict('Competencies are fixed once feedback has been requested');
      await this.requireCompetencies(actor.organizationId, dto.competencies);
    }
    if (dto.milestoneTemplateId) await this.requireTemplate(actor.organizationId, dto.milestoneTemplateId);
    const startsOn = dto.startsOn ?? current.starts_on;
    const endsOn = dto.endsOn === undefined ? current.ends_on : dto.endsOn;
    if (endsOn !== null && endsOn < startsOn) throw DomainError.invalid('endsOn', 'endsOn must not be before startsOn');
    await this.assignments.update(actor.organizationId, id, {
      ...dto,
      description: dto.description === undefined ? undefined : dto.description || null,
    });
    // Completing an assignment can bring its answers into the mentee's readiness.
    await this.readiness.menteesChanged(this.db, actor.organizationId, [current.mentee_id]);
    const action: AuditAction =
      dto.status && dto.status !== current.status ? `assignment.${dto.status}` : 'assignment.update';
    await this.audit.record(actor, { action, objectType: 'assignment', objectId: id });
    return this.load(actor.organizationId, id);
  }

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
    const asked = new Set(await this.assignments.askedPeople(organizationId, id, [...seen]));
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
    const sentToday = await this.assignments.requestsSentSince(organizationId, actor.userId, startOfUtcDay(now));
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
    const rows = await this.assignments.insertRequests(organizationId, id, actor.userId, now, expiresAt, requests);
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
    const rows = await this.assignments.listRequests(
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
    const decided = await this.assignments.decide(
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
    const users = await this.assignments.respondentUsers(organizationId, ids, addresses.map(untagged));
    const own = new Set(await this.assignments.ownDomains(organizationId, [...new Set(addresses.map(domainOf))]));
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
    const rows = await this.assignments.candidates(
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
    const assignment = await this.load(actor.organizationId, id);
    const { responses, pending, threshold } = assignment.feedback;
    if (responses < threshold) return { responses, pending, threshold, competencies: null, comments: null };
    const [competencies, comments] = [
      await this.assignments.competencyAggregates(actor.organizationId, id),
      await this.assignments.comments(actor.organizationId, id),
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
    const rows = await this.assignments.openRequestsFor(
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
      await this.assignments.markAnswered(organizationId, link.assignment_id, link.id);
      await this.assignments.insertResponse(organizationId, link.assignment_id, {
        ratings,
        wentWell: dto.wentWell?.trim() || null,
        couldHelp: dto.couldHelp?.trim() || null,
      });
      // A held answer changes nothing anyone reads: readiness is refreshed (and its time moves) only with a batch.
      if ((await this.assignments.publishHeld(organizationId, link.assignment_id, threshold)) > 0)
        await this.readiness.menteesChanged(this.db, organizationId, [link.mentee_id]);
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
    const organizationId = await this.db.system('assignments.link', () =>
      this.assignments.organizationOfLink(tokenHash),
    );
    if (!organizationId) throw DomainError.notFound('Feedback request');
    return this.db.tenant(organizationId, async () => {
      const link = await this.assignments.lockLink(organizationId, tokenHash);
      // A link waiting for approval (or declined) opens nothing: it was never sent.
      if (!link || link.approval !== 'approved') throw DomainError.notFound('Feedback request');
      if (link.answered) throw DomainError.conflict('This link has already been used to answer');
      if (link.expires_at.getTime() <= this.clock.now().getTime()) throw DomainError.gone('This link has expired');
      return fn(link, organizationId);
    });
  }

  private async requireCompetencies(organizationId: string, keys: string[]): Promise<void> {
    const unknown = await this.framework.unknownCompetencies(organizationId, keys);
    if (unknown.length > 0)
      throw DomainError.invalid(
        'competencies',
        `${unknown.join(', ')} is not an active competency of this organization`,
      );
  }

  private async requireTemplate(organizationId: string, templateId: string): Promise<void> {
    if (!(await this.assignments.templateExists(organizationId, templateId)))
      throw DomainError.invalid('milestoneTemplateId', 'is not an active milestone of this organization');
  }

  private async load(organizationId: string, id: string): Promise<AssignmentResponse> {
    const row = await this.assignments.findById(organizationId, id);
    if (!row) throw DomainError.notFound('Assignment');
    return toAssignmentResponse(row);
  }
}

export function toAssignmentResponse(row: AssignmentRow): AssignmentResponse {
  return {
    id: row.id,
    menteeId: row.mentee_id,
    title: row.title,
    kind: row.kind,
    description: row.description,
    competencies: row.competency_keys,
    milestoneTemplateId: row.milestone_template_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    feedback: {
      requested: row.requested,
      responses: row.responses,
      // Before the results open, the held answers are not counted out loud: "fewer than threshold".
      pending: row.responses >= row.threshold ? row.held : null,
      threshold: row.threshold,
      awaitingApproval: row.awaiting_approval,
    },
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
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
