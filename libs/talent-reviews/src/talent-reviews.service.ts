import { Injectable } from '@nestjs/common';
import { AccessService, hasRole, Permission, type Actor } from '@leadpath/access';
import { AuditService, type AuditEntry } from '@leadpath/audit';
import { GoalsRepository } from '@leadpath/goals';
import { MenteesRepository } from '@leadpath/mentees';
import { DomainEvents, isUniqueViolation, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError, PHASES, type Phase } from '@leadpath/platform/domain';
import { toIso } from '@leadpath/platform/http';
import { Clock } from '@leadpath/platform/time';
import { UsersRepository } from '@leadpath/users';
import type {
  AcceptRequestDto,
  CreateTalentReviewDto,
  DecideDto,
  DecisionResponse,
  DeclineRequestDto,
  NominateDto,
  NominationDetail,
  NominationList,
  NominationRequestDto,
  NominationRequestList,
  NominationRequestResponse,
  NominationResponse,
  Packet,
  PreRatingDto,
  PreRatingResponse,
  SpreadResponse,
  TalentReviewList,
  TalentReviewResponse,
} from './dto/talent-review.dto';
import type { PreRatingReadiness } from './entities/talent-pre-rating.entity';
import { changedSections, PacketAssembler } from './packet.service';
import {
  TalentReviewsRepository,
  type CalibratorRow,
  type DecisionRow,
  type NominationRow,
  type PreRatingRow,
  type RequestRow,
  type ReviewRow,
} from './talent-reviews.repository';

/** The rubric pre-ratings and decisions are made on; recorded with every decision. */
export const RUBRIC_VERSION = 'readiness-3-competency-5.v1';

/** The ordinal code of each readiness answer, for the spread. */
export const READINESS_CODE: Record<PreRatingReadiness, number> = {
  not_yet: 0,
  ready_in_6_12_months: 1,
  ready_now: 2,
};

const MAX_REVIEWS = 100;

/** How the caller stands to one nomination of a cycle. */
interface Standing {
  hr: boolean;
  lineManager: boolean;
  calibrator: boolean;
  nominee: boolean;
}

/**
 * Talent reviews: HR opens a cycle and names its calibrators; line managers nominate (or answer
 * their mentees' requests to be nominated) with a written case, which freezes the packet;
 * calibrators pre-rate blind until the pre-rating phase ends; HR decides, and a decision is never
 * changed, only superseded.
 */
@Injectable()
export class TalentReviewsService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly reviews: TalentReviewsRepository,
    private readonly packets: PacketAssembler,
    private readonly mentees: MenteesRepository,
    private readonly users: UsersRepository,
    private readonly goals: GoalsRepository,
    private readonly readiness: ReadinessInputs,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateTalentReviewDto): Promise<TalentReviewResponse> {
    await this.access.require(actor, Permission.TalentReviewManage);
    const org = actor.organizationId;
    if (dto.closesOn < this.today()) throw DomainError.invalid('closesOn', 'closesOn must be today or later');
    const eligible = await this.reviews.eligibleCalibrators(org, dto.calibratorIds);
    const refused = dto.calibratorIds.filter((id) => !eligible.has(id));
    if (refused.length > 0) {
      throw DomainError.invalid(
        'calibratorIds',
        `calibratorIds must name active HR admins or managers of this organization; not ${refused.join(', ')}`,
      );
    }
    const id = await this.reviews.insertReview(
      org,
      {
        name: dto.name,
        targetPhase: dto.targetPhase,
        department: dto.department ?? null,
        closesOn: dto.closesOn,
        createdBy: actor.userId,
      },
      dto.calibratorIds,
    );
    await this.audit.record(actor, { action: 'talent_review.create', objectType: 'talent_review', objectId: id });
    return this.get(actor, id);
  }

  async list(actor: Actor): Promise<TalentReviewList> {
    await this.access.require(actor, Permission.TalentReviewRead);
    const rows = await this.reviews.listReviews(actor.organizationId, MAX_REVIEWS);
    const calibrators = await this.reviews.calibrators(
      actor.organizationId,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => this.toReview(actor, r, calibrators)) };
  }

  async get(actor: Actor, id: string): Promise<TalentReviewResponse> {
    await this.access.require(actor, Permission.TalentReviewRead);
    const review = await this.review(actor, id);
    return this.toReview(actor, review, await this.reviews.calibrators(actor.organizationId, [id]));
  }

  /** Ends the cycle: no more nominations or pre-ratings (which stop being blind); decisions go on. */
  async close(actor: Actor, id: string): Promise<TalentReviewResponse> {
    await this.access.require(actor, Permission.TalentReviewManage);
    const review = await this.review(actor, id, true);
    if (review.status === 'closed') throw DomainError.conflict('This talent review is closed already');
    await this.reviews.closeReview(actor.organizationId, id, this.clock.now());
    await this.audit.record(actor, { action: 'talent_review.close', objectType: 'talent_review', objectId: id });
    return this.get(actor, id);
  }

  /** Ends the blind pre-rating phase before `closesOn`: everyone entitled now sees the spread. */
  async closePreRating(actor: Actor, id: string): Promise<TalentReviewResponse> {
    await this.access.require(actor, Permission.TalentReviewManage);
    const review = await this.review(actor, id, true);
    if (!this.blind(review)) throw DomainError.conflict('Pre-ratings of this talent review have ended already');
    await this.reviews.closePreRating(actor.organizationId, id, this.clock.now());
    await this.audit.record(actor, {
      action: 'talent_review.close_pre_rating',
      objectType: 'talent_review',
      objectId: id,
    });
    return this.get(actor, id);
  }

  async nominate(actor: Actor, reviewId: string, dto: NominateDto): Promise<NominationDetail> {
    await this.access.require(actor, Permission.TalentNominate, dto.menteeId);
    const review = await this.review(actor, reviewId, true);
    const nominationId = await this.insertNomination(actor, review, dto.menteeId, dto.case, 'menteeId');
    // A request the mentee made is answered by the nomination itself.
    const [request] = await this.reviews.listRequests(actor.organizationId, reviewId, { menteeId: dto.menteeId });
    if (request?.status === 'pending') {
      await this.reviews.answerRequest(actor.organizationId, request.id, {
        status: 'accepted',
        reason: null,
        by: actor.userId,
        at: this.clock.now(),
        nominationId,
      });
    }
    return this.nomination(actor, reviewId, nominationId);
  }

  async requestNomination(
    actor: Actor,
    reviewId: string,
    dto: NominationRequestDto,
  ): Promise<NominationRequestResponse> {
    await this.access.require(actor, Permission.TalentNominationRequest);
    const org = actor.organizationId;
    const review = await this.review(actor, reviewId, true);
    const menteeId = actor.menteeId;
    if (!menteeId) throw await this.access.forbid(actor, Permission.TalentNominationRequest, 'talent_review', reviewId);
    const mentee = await this.mentees.findById(org, menteeId);
    if (!mentee) throw DomainError.notFound('Mentee');
    if (review.status !== 'open') throw DomainError.conflict('This talent review takes no more nominations');
    const problem = eligibility(review, mentee);
    if (problem) throw DomainError.conflict(`You cannot be nominated into this talent review: ${problem}`);
    if (await this.reviews.nominationOf(org, reviewId, menteeId)) {
      throw DomainError.conflict('You are nominated into this talent review already');
    }
    let id: string;
    try {
      id = await this.reviews.insertRequest(org, reviewId, menteeId, dto.note ?? null);
    } catch (error) {
      if (isUniqueViolation(error))
        throw DomainError.conflict('You have asked to be nominated into this review already');
      throw error;
    }
    await this.audit.record(actor, {
      action: 'talent_review.nomination_requested',
      objectType: 'talent_review',
      objectId: reviewId,
    });
    const row = await this.reviews.findRequest(org, reviewId, id);
    return toRequest(row!);
  }

  /** HR sees every request; a line manager those of their mentees (their inbox); a mentee their own. */
  async requests(actor: Actor, reviewId: string): Promise<NominationRequestList> {
    await this.access.require(actor, Permission.TalentReviewRead);
    await this.review(actor, reviewId);
    const scope = hasRole(actor, 'hr_admin')
      ? ({ all: true } as const)
      : {
          managerId: hasRole(actor, 'manager') ? actor.userId : undefined,
          menteeId: hasRole(actor, 'mentee') ? (actor.menteeId ?? undefined) : undefined,
        };
    const rows = await this.reviews.listRequests(actor.organizationId, reviewId, scope);
    return { items: rows.map(toRequest) };
  }

  async acceptRequest(
    actor: Actor,
    reviewId: string,
    requestId: string,
    dto: AcceptRequestDto,
  ): Promise<NominationDetail> {
    const request = await this.pendingRequest(actor, reviewId, requestId);
    const review = await this.review(actor, reviewId, true);
    const nominationId = await this.insertNomination(actor, review, request.mentee_id, dto.case, 'requestId');
    await this.reviews.answerRequest(actor.organizationId, requestId, {
      status: 'accepted',
      reason: null,
      by: actor.userId,
      at: this.clock.now(),
      nominationId,
    });
    await this.audit.record(actor, {
      action: 'talent_review.nomination_request_accepted',
      objectType: 'talent_review',
      objectId: reviewId,
    });
    return this.nomination(actor, reviewId, nominationId);
  }

  async declineRequest(
    actor: Actor,
    reviewId: string,
    requestId: string,
    dto: DeclineRequestDto,
  ): Promise<NominationRequestResponse> {
    await this.pendingRequest(actor, reviewId, requestId);
    await this.reviews.answerRequest(actor.organizationId, requestId, {
      status: 'declined',
      reason: dto.reason,
      by: actor.userId,
      at: this.clock.now(),
      nominationId: null,
    });
    await this.audit.record(actor, {
      action: 'talent_review.nomination_request_declined',
      objectType: 'talent_review',
      objectId: reviewId,
    });
    return toRequest((await this.reviews.findRequest(actor.organizationId, reviewId, requestId))!);
  }

  async listNominations(actor: Actor, reviewId: string): Promise<NominationList> {
    await this.access.require(actor, Permission.TalentReviewRead);
    const org = actor.organizationId;
    const review = await this.review(actor, reviewId);
    const calibratorIds = await this.calibratorIds(org, reviewId);
    const rows = (await this.reviews.listNominations(org, reviewId)).filter((n) =>
      visible(standing(actor, n, calibratorIds)),
    );
    const blind = this.blind(review);
    const [ratings, decisions] = await Promise.all([
      this.reviews.preRatings(org, reviewId),
      this.reviews.decisions(
        org,
        rows.map((r) => r.id),
      ),
    ]);
    const items = rows.map((n) => this.toNomination(actor, n, calibratorIds, blind, ratings, decisions));
    if (!blind) {
      // The most disagreement first: the committee's time goes where the calibrators differ.
      items.sort((a, b) => (b.spread?.variance ?? -1) - (a.spread?.variance ?? -1));
    }
    return { items };
  }

  async nomination(actor: Actor, reviewId: string, nominationId: string): Promise<NominationDetail> {
    await this.access.require(actor, Permission.TalentReviewRead);
    const org = actor.organizationId;
    const review = await this.review(actor, reviewId);
    const { row, standing: s, calibratorIds } = await this.visibleNomination(actor, reviewId, nominationId);
    const [ratings, decisions] = await Promise.all([
      this.reviews.preRatings(org, reviewId),
      this.reviews.decisions(org, [nominationId]),
    ]);
    const base = this.toNomination(actor, row, calibratorIds, this.blind(review), ratings, decisions);
    const seesPacket = s.hr || s.lineManager || s.calibrator;
    let changed: NominationDetail['changedSinceSubmission'] = [];
    const frozen = row.packet as Packet;
    if (seesPacket) {
      const fresh = await this.packets.assemble(org, menteeOf(row), row.case);
      changed = changedSections(frozen, fresh);
    }
    return {
      ...base,
      case: seesPacket ? row.case : null,
      packet: seesPacket ? frozen : null,
      changedSinceSubmission: changed,
      decisions: decisions.map(toDecision),
    };
  }

  /** The packet as submitted, for the PDF: who may see it, and its nomination. */
  async packetOf(
    actor: Actor,
    reviewId: string,
    nominationId: string,
  ): Promise<{ packet: Packet; review: ReviewRow; submittedAt: string }> {
    await this.access.require(actor, Permission.TalentReviewRead);
    const review = await this.review(actor, reviewId);
    const { row, standing: s } = await this.visibleNomination(actor, reviewId, nominationId);
    if (!(s.hr || s.lineManager || s.calibrator)) {
      throw await this.access.forbid(actor, Permission.TalentReviewRead, 'talent_nomination', nominationId);
    }
    await this.audit.recordRead(actor, {
      action: 'talent_review.packet_pdf',
      objectType: 'talent_nomination',
      objectId: nominationId,
    });
    return { packet: row.packet as Packet, review, submittedAt: toIso(row.created_at) };
  }

  async preRate(actor: Actor, reviewId: string, nominationId: string, dto: PreRatingDto): Promise<PreRatingResponse> {
    await this.access.require(actor, Permission.TalentPreRate);
    const org = actor.organizationId;
    const review = await this.review(actor, reviewId, true);
    const { row, standing: s } = await this.visibleNomination(actor, reviewId, nominationId);
    if (!s.calibrator) {
      throw await this.access.forbid(
        actor,
        Permission.TalentPreRate,
        'talent_nomination',
        nominationId,
        'Only the calibrators of this talent review pre-rate its nominees',
      );
    }
    if (s.lineManager || s.nominee) {
      throw await this.access.forbid(
        actor,
        Permission.TalentPreRate,
        'talent_nomination',
        nominationId,
        'A line manager never calibrates their own nominee',
      );
    }
    if (!this.blind(review)) throw DomainError.conflict('Pre-ratings of this talent review have ended');
    if (row.status !== 'submitted') throw DomainError.conflict('This nomination has been decided');
    const competencies = dto.competencies ?? [];
    const keys = competencies.map((c) => c.competency);
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice) throw DomainError.invalid('competencies', `${twice} is rated twice`);
    const active = await this.reviews.activeCompetencies(org, keys);
    const unknown = keys.filter((k) => !active.has(k));
    if (unknown.length > 0) {
      throw DomainError.invalid('competencies', `not an active competency: ${unknown.join(', ')}`);
    }
    await this.reviews.upsertPreRating(org, {
      reviewId,
      nominationId,
      calibratorId: actor.userId,
      readiness: dto.readiness,
      competencies,
      at: this.clock.now(),
    });
    await this.audit.record(actor, {
      action: 'talent_review.pre_rate',
      objectType: 'talent_nomination',
      objectId: nominationId,
    });
    const [mine] = (await this.reviews.preRatings(org, reviewId, actor.userId)).filter(
      (p) => p.nomination_id === nominationId,
    );
    return toPreRating(mine);
  }

  async decide(actor: Actor, reviewId: string, dto: DecideDto): Promise<DecisionResponse> {
    await this.access.require(actor, Permission.TalentReviewManage);
    const org = actor.organizationId;
    const review = await this.review(actor, reviewId, true);
    const nomination = await this.reviews.findNomination(org, reviewId, dto.nominationId, { lock: true });
    if (!nomination) throw DomainError.notFound('Nomination');
    if (nomination.mentee_user_id === actor.userId) {
      throw await this.access.forbid(
        actor,
        Permission.TalentReviewManage,
        'talent_nomination',
        nomination.id,
        'You may not decide on your own nomination',
      );
    }
    const existing = await this.reviews.decisions(org, [nomination.id]);
    const inForce = existing.find((d) => !d.superseded);
    if (dto.supersedes !== undefined) {
      if (!inForce || inForce.id !== dto.supersedes) {
        throw DomainError.invalid('supersedes', 'supersedes must name the decision in force on this nomination');
      }
    } else if (inForce) {
      throw DomainError.conflict(
        'This nomination has been decided; a correction is a new decision that supersedes the one in force',
      );
    }
    await this.checkEvidence(org, nomination.mentee_id, dto);
    const needed = dto.needed ?? [];
    if (dto.decision === 'not_yet' && needed.length === 0) {
      throw DomainError.invalid('needed', 'a not_yet decision says what is needed (at least one item)');
    }
    if (dto.decision !== 'not_yet' && needed.length > 0) {
      throw DomainError.invalid('needed', 'only a not_yet decision says what is needed');
    }
    if (dto.grantManagerRole && dto.decision !== 'promote') {
      throw DomainError.invalid('grantManagerRole', 'only a promotion may grant the manager role');
    }
    const neededKeys = needed.map((n) => n.competency);
    const active = await this.reviews.activeCompetencies(org, neededKeys);
    const unknown = neededKeys.filter((k) => !active.has(k));
    if (unknown.length > 0) throw DomainError.invalid('needed', `not an active competency: ${unknown.join(', ')}`);

    const now = this.clock.now();
    const audit: AuditEntry[] = [];
    const created: { goalId: string; title: string; competency: string }[] = [];
    for (const n of needed) {
      const goalId = await this.goals.insert(org, {
        menteeId: nomination.mentee_id,
        title: n.title,
        competency: n.competency,
        description: `Needed before the next talent review (${review.name})`,
        targetDate: null,
        by: actor.userId,
      });
      created.push({ goalId, title: n.title, competency: n.competency });
      audit.push({ action: 'goal.create', objectType: 'goal', objectId: goalId });
    }
    let granted = false;
    if (dto.decision === 'promote') {
      audit.push(...(await this.promote(actor, nomination.mentee_id, review.target_phase, review.name)));
      if (dto.grantManagerRole) granted = await this.grantManagerRole(org, nomination.mentee_user_id, audit);
    }
    const id = await this.reviews.insertDecision(org, {
      nominationId: nomination.id,
      decision: dto.decision,
      reason: dto.reason,
      evidence: dto.evidence.map((e) => ({ kind: e.kind, id: e.id })),
      needed: created,
      rubricVersion: RUBRIC_VERSION,
      grantedManagerRole: granted,
      supersedesId: dto.supersedes ?? null,
      decidedBy: actor.userId,
      at: now,
    });
    await this.reviews.setNominationStatus(org, nomination.id, dto.decision);
    await this.readiness.menteesChanged(org, [nomination.mentee_id]);
    await this.audit.record(
      actor,
      { action: 'talent_review.decide', objectType: 'talent_nomination', objectId: nomination.id },
      ...audit,
    );
    const [row] = (await this.reviews.decisions(org, [nomination.id])).filter((d) => d.id === id);
    return toDecision(row);
  }

  // ---------------------------------------------------------------------------------------------

  /** The cycle (404 when the organization has none by that id), optionally locked. */
  private async review(actor: Actor, id: string, lock = false): Promise<ReviewRow> {
    const review = await this.reviews.findReview(actor.organizationId, id, { lock });
    if (!review) throw DomainError.notFound('Talent review');
    return review;
  }

  private async calibratorIds(organizationId: string, reviewId: string): Promise<Set<string>> {
    return new Set((await this.reviews.calibrators(organizationId, [reviewId])).map((c) => c.user_id));
  }

  /** The nomination as the caller stands to it; one they may not see answers 404 like a missing one. */
  private async visibleNomination(
    actor: Actor,
    reviewId: string,
    nominationId: string,
  ): Promise<{ row: NominationRow; standing: Standing; calibratorIds: Set<string> }> {
    const row = await this.reviews.findNomination(actor.organizationId, reviewId, nominationId);
    const calibratorIds = await this.calibratorIds(actor.organizationId, reviewId);
    const s = row ? standing(actor, row, calibratorIds) : undefined;
    if (!row || !s || !visible(s)) throw DomainError.notFound('Nomination');
    return { row, standing: s, calibratorIds };
  }

  /**
   * Pre-ratings are blind until the day after `closesOn` (in UTC, as the calendar's days are) or
   * until HR ends them (closing the cycle ends them too).
   */
  private blind(review: ReviewRow): boolean {
    return review.pre_rating_closed_at === null && this.today() <= review.closes_on;
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /** Nominates the mentee into the open cycle and freezes the packet; the nomination's id. */
  private async insertNomination(
    actor: Actor,
    review: ReviewRow,
    menteeId: string,
    nominationCase: string,
    field: string,
  ): Promise<string> {
    const org = actor.organizationId;
    if (review.status !== 'open') throw DomainError.conflict('This talent review takes no more nominations');
    const mentee = await this.mentees.lock(org, menteeId);
    if (!mentee) throw DomainError.notFound('Mentee');
    const problem = eligibility(review, mentee);
    if (problem) throw DomainError.invalid(field, `${mentee.name} cannot be nominated into this review: ${problem}`);
    if (await this.reviews.nominationOf(org, review.id, menteeId)) {
      throw DomainError.conflict(`${mentee.name} is nominated into this talent review already`);
    }
    const packet = await this.packets.assemble(
      org,
      { id: mentee.id, name: mentee.name, phase: mentee.phase, department: mentee.department },
      nominationCase,
    );
    let id: string;
    try {
      id = await this.reviews.insertNomination(org, {
        reviewId: review.id,
        menteeId,
        nominatedBy: actor.userId,
        case: nominationCase,
        packet,
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw DomainError.conflict(`${mentee.name} is nominated into this talent review already`);
      throw error;
    }
    await this.audit.record(actor, { action: 'talent_review.nominate', objectType: 'talent_nomination', objectId: id });
    return id;
  }

  /** A pending request the caller, as the mentee's line manager, answers. */
  private async pendingRequest(actor: Actor, reviewId: string, requestId: string): Promise<RequestRow> {
    const request = await this.reviews.findRequest(actor.organizationId, reviewId, requestId, { lock: true });
    if (!request) throw DomainError.notFound('Nomination request');
    await this.access.require(actor, Permission.TalentNominate, request.mentee_id);
    if (request.status !== 'pending') throw DomainError.conflict(`This request has been ${request.status} already`);
    return request;
  }

  /** The mentee moves into the cycle's phase (unless they are there already), with phase history. */
  private async promote(actor: Actor, menteeId: string, target: Phase, reviewName: string): Promise<AuditEntry[]> {
    const org = actor.organizationId;
    const current = await this.mentees.lock(org, menteeId);
    if (!current) throw DomainError.notFound('Mentee');
    if (PHASES.indexOf(current.phase) >= PHASES.indexOf(target)) return [];
    await this.mentees.update(org, menteeId, {
      managerId: current.manager_id,
      mentorId: current.mentor_id,
      phase: target,
      track: current.track,
      department: current.department,
      technicalFoundation: current.technical_foundation,
      careerStartDate: current.career_start_date,
    });
    await this.mentees.insertPhaseChange(org, {
      menteeId,
      from: current.phase,
      to: target,
      changedBy: actor.userId,
      note: `Promoted by the talent review ${reviewName}`.slice(0, 500),
    });
    await this.events.publish(org, {
      type: 'mentee.phase_changed',
      menteeId,
      data: { from: current.phase, to: target, changedBy: actor.userId },
    });
    return [
      { action: 'mentee.update', objectType: 'mentee', objectId: menteeId },
      { action: 'mentee.phase_change', objectType: 'mentee', objectId: menteeId },
    ];
  }

  private async grantManagerRole(organizationId: string, userId: string, audit: AuditEntry[]): Promise<boolean> {
    const user = await this.users.lock(organizationId, userId);
    if (!user) throw DomainError.notFound('User');
    if (user.roles.includes('manager')) return false;
    await this.users.update(organizationId, userId, { roles: [...user.roles, 'manager'] }, false);
    audit.push({ action: 'user.update', objectType: 'user', objectId: userId });
    return true;
  }

  private async checkEvidence(organizationId: string, menteeId: string, dto: DecideDto): Promise<void> {
    const missing: string[] = [];
    for (const kind of ['milestone', 'feedback', 'assignment', 'goal'] as const) {
      const ids = dto.evidence.filter((e) => e.kind === kind).map((e) => e.id);
      const found = await this.reviews.evidenceOf(organizationId, menteeId, kind, ids);
      missing.push(...ids.filter((id) => !found.has(id)).map((id) => `${kind} ${id}`));
    }
    if (missing.length > 0) {
      throw DomainError.invalid('evidence', `evidence must be records of the nominee; not ${missing.join(', ')}`);
    }
  }

  private toReview(actor: Actor, r: ReviewRow, calibrators: CalibratorRow[]): TalentReviewResponse {
    const mine = calibrators.filter((c) => c.review_id === r.id);
    return {
      id: r.id,
      name: r.name,
      targetPhase: r.target_phase,
      department: r.department,
      closesOn: r.closes_on,
      status: r.status,
      blind: this.blind(r),
      closedAt: r.closed_at ? toIso(r.closed_at) : null,
      calibrators: mine.map((c) => ({ userId: c.user_id, name: c.name })),
      calibrating: mine.some((c) => c.user_id === actor.userId),
      createdAt: toIso(r.created_at),
    };
  }

  private toNomination(
    actor: Actor,
    n: NominationRow,
    calibratorIds: Set<string>,
    blind: boolean,
    ratings: PreRatingRow[],
    decisions: DecisionRow[],
  ): NominationResponse {
    const s = standing(actor, n, calibratorIds);
    const own = ratings.filter((r) => r.nomination_id === n.id);
    const mine = own.find((r) => r.calibrator_id === actor.userId);
    const inForce = decisions.find((d) => d.nomination_id === n.id && !d.superseded);
    // A calibrator who is the nominee's line manager calibrates nothing of theirs, and sees no ratings of them.
    const calibrates = s.calibrator && !s.lineManager && !s.nominee;
    const seesRatings = s.hr || calibrates;
    return {
      id: n.id,
      reviewId: n.review_id,
      menteeId: n.mentee_id,
      menteeName: n.mentee_name,
      status: n.status,
      submittedAt: toIso(n.created_at),
      canPreRate: calibrates,
      preRatings: seesRatings ? own.length : 0,
      myPreRating: mine && calibrates ? toPreRating(mine) : null,
      spread: !blind && seesRatings ? spreadOf(own) : null,
      decision: inForce ? toDecision(inForce) : null,
    };
  }
}

function standing(actor: Actor, n: NominationRow, calibratorIds: Set<string>): Standing {
  return {
    hr: hasRole(actor, 'hr_admin'),
    lineManager: hasRole(actor, 'manager') && n.manager_id === actor.userId,
    calibrator: calibratorIds.has(actor.userId) && (hasRole(actor, 'hr_admin') || hasRole(actor, 'manager')),
    nominee: n.mentee_user_id === actor.userId,
  };
}

function visible(s: Standing): boolean {
  return s.hr || s.lineManager || s.calibrator || s.nominee;
}

/** Why the mentee may not be nominated into the cycle, or null when they may. */
function eligibility(review: ReviewRow, mentee: { phase: Phase; department: string | null }): string | null {
  if (review.department !== null && mentee.department !== review.department) {
    return `the review is for the department ${review.department}`;
  }
  if (PHASES.indexOf(mentee.phase) !== PHASES.indexOf(review.target_phase) - 1) {
    return `the review promotes from ${PHASES[PHASES.indexOf(review.target_phase) - 1]} into ${review.target_phase}`;
  }
  return null;
}

function menteeOf(n: NominationRow) {
  return { id: n.mentee_id, name: n.mentee_name, phase: n.phase, department: n.department };
}

/** How the pre-ratings of one nomination spread, and the population variance of their codes. */
export function spreadOf(ratings: PreRatingRow[]): SpreadResponse {
  const codes = ratings.map((r) => READINESS_CODE[r.readiness]);
  const mean = codes.reduce((a, b) => a + b, 0) / (codes.length || 1);
  const variance = codes.length ? codes.reduce((a, c) => a + (c - mean) ** 2, 0) / codes.length : null;
  return {
    ratings: ratings.length,
    notYet: codes.filter((c) => c === 0).length,
    readyIn6To12Months: codes.filter((c) => c === 1).length,
    readyNow: codes.filter((c) => c === 2).length,
    variance: variance === null ? null : Math.round(variance * 10000) / 10000,
    individual: ratings.map(toPreRating),
  };
}

function toPreRating(r: PreRatingRow): PreRatingResponse {
  return {
    calibratorId: r.calibrator_id,
    calibratorName: r.calibrator_name,
    readiness: r.readiness,
    competencies: r.competencies,
    updatedAt: toIso(r.updated_at),
  };
}

function toDecision(d: DecisionRow): DecisionResponse {
  return {
    id: d.id,
    nominationId: d.nomination_id,
    decision: d.decision,
    reason: d.reason,
    evidence: d.evidence,
    needed: d.needed,
    rubricVersion: d.rubric_version,
    grantedManagerRole: d.granted_manager_role,
    supersedes: d.supersedes_id,
    superseded: d.superseded,
    decidedAt: toIso(d.decided_at),
  };
}

function toRequest(r: RequestRow): NominationRequestResponse {
  return {
    id: r.id,
    reviewId: r.review_id,
    menteeId: r.mentee_id,
    menteeName: r.mentee_name,
    note: r.note,
    status: r.status,
    reason: r.reason,
    nominationId: r.nomination_id,
    decidedAt: r.decided_at ? toIso(r.decided_at) : null,
    createdAt: toIso(r.created_at),
  };
}
