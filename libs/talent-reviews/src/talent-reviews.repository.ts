import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import { anyOf, qb } from '@leadpath/platform/database';
import type { Phase } from '@leadpath/platform/domain';
import type { Decision, EvidenceKind } from './entities/talent-decision.entity';
import type { NominationRequestStatus, NominationStatus } from './entities/talent-nomination.entity';
import type { PreRatingReadiness } from './entities/talent-pre-rating.entity';
import type { TalentReviewStatus } from './entities/talent-review.entity';

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('talent reviews repository called without an organization id');
}

function reviews(organizationId: string) {
  return qb
    .selectFrom('talent_reviews as r')
    .select([
      'r.id',
      'r.name',
      'r.target_phase',
      'r.department',
      sql<string>`to_char(r.closes_on, 'YYYY-MM-DD')`.as('closes_on'),
      'r.status',
      'r.pre_rating_closed_at',
      'r.closed_at',
      'r.created_at',
      'r.created_by',
    ])
    .where('r.organization_id', '=', organizationId)
    .$narrowType<{ status: TalentReviewStatus; target_phase: Phase }>();
}
export type ReviewRow = InferResult<ReturnType<typeof reviews>>[number];

function calibrators(organizationId: string, reviewIds: string[]) {
  return qb
    .selectFrom('talent_review_calibrators as c')
    .innerJoin('users as u', (j) =>
      j.onRef('u.organization_id', '=', 'c.organization_id').onRef('u.id', '=', 'c.user_id'),
    )
    .select(['c.review_id', 'c.user_id', 'u.name'])
    .where('c.organization_id', '=', organizationId)
    .where(anyOf('c.review_id', reviewIds, 'uuid'))
    .orderBy('u.name')
    .orderBy('c.user_id');
}
export type CalibratorRow = InferResult<ReturnType<typeof calibrators>>[number];

function nominations(organizationId: string) {
  return qb
    .selectFrom('talent_nominations as n')
    .innerJoin('mentees as m', (j) =>
      j.onRef('m.organization_id', '=', 'n.organization_id').onRef('m.id', '=', 'n.mentee_id'),
    )
    .innerJoin('users as u', (j) =>
      j.onRef('u.organization_id', '=', 'm.organization_id').onRef('u.id', '=', 'm.user_id'),
    )
    .select([
      'n.id',
      'n.review_id',
      'n.mentee_id',
      'n.nominated_by',
      'n.case',
      'n.status',
      'n.packet',
      'n.created_at',
      'm.user_id as mentee_user_id',
      'm.manager_id',
      'm.phase',
      'm.department',
      'u.name as mentee_name',
    ])
    .where('n.organization_id', '=', organizationId)
    .$narrowType<{ status: NominationStatus; phase: Phase }>();
}
export type NominationRow = InferResult<ReturnType<typeof nominations>>[number];

function requests(organizationId: string) {
  return qb
    .selectFrom('talent_nomination_requests as q')
    .innerJoin('mentees as m', (j) =>
      j.onRef('m.organization_id', '=', 'q.organization_id').onRef('m.id', '=', 'q.mentee_id'),
    )
    .innerJoin('users as u', (j) =>
      j.onRef('u.organization_id', '=', 'm.organization_id').onRef('u.id', '=', 'm.user_id'),
    )
    .select([
      'q.id',
      'q.review_id',
      'q.mentee_id',
      'q.note',
      'q.status',
      'q.reason',
      'q.decided_by',
      'q.decided_at',
      'q.nomination_id',
      'q.created_at',
      'm.manager_id',
      'm.user_id as mentee_user_id',
      'u.name as mentee_name',
    ])
    .where('q.organization_id', '=', organizationId)
    .$narrowType<{ status: NominationRequestStatus }>();
}
export type RequestRow = InferResult<ReturnType<typeof requests>>[number];

function preRatings(organizationId: string, reviewId: string) {
  return qb
    .selectFrom('talent_pre_ratings as p')
    .innerJoin('users as u', (j) =>
      j.onRef('u.organization_id', '=', 'p.organization_id').onRef('u.id', '=', 'p.calibrator_id'),
    )
    .select([
      'p.id',
      'p.nomination_id',
      'p.calibrator_id',
      'u.name as calibrator_name',
      'p.readiness',
      'p.updated_at',
      sql<{ competency: string; rating: number }[]>`COALESCE((
        SELECT json_agg(json_build_object('competency', c.competency_key, 'rating', c.rating) ORDER BY c.competency_key)
          FROM talent_pre_rating_competencies c
         WHERE c.organization_id = p.organization_id AND c.pre_rating_id = p.id), '[]'::json)`.as('competencies'),
    ])
    .where('p.organization_id', '=', organizationId)
    .where('p.review_id', '=', reviewId)
    .$narrowType<{ readiness: PreRatingReadiness }>();
}
export type PreRatingRow = InferResult<ReturnType<typeof preRatings>>[number];

function decisions(organizationId: string) {
  return qb
    .selectFrom('talent_decisions as d')
    .select([
      'd.id',
      'd.nomination_id',
      'd.decision',
      'd.reason',
      'd.evidence',
      'd.needed',
      'd.rubric_version',
      'd.granted_manager_role',
      'd.supersedes_id',
      'd.decided_by',
      'd.decided_at',
      sql<boolean>`EXISTS (SELECT 1 FROM talent_decisions s
        WHERE s.organization_id = d.organization_id AND s.supersedes_id = d.id)`.as('superseded'),
    ])
    .where('d.organization_id', '=', organizationId)
    .$narrowType<{
      decision: Decision;
      evidence: { kind: EvidenceKind; id: string }[];
      needed: { goalId: string; title: string; competency: string }[];
    }>();
}
export type DecisionRow = InferResult<ReturnType<typeof decisions>>[number];

const EVIDENCE_TABLES = {
  feedback: 'feedback',
  assignment: 'assignments',
  goal: 'goals',
} as const;

/** Talent review cycles, their nominations, requests, blind pre-ratings and decisions. */
@Injectable()
export class TalentReviewsRepository {
  async insertReview(
    organizationId: string,
    r: { name: string; targetPhase: Phase; department: string | null; closesOn: string; createdBy: string },
    calibratorIds: string[],
  ): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('talent_reviews')
      .values({
        organization_id: organizationId,
        name: r.name,
        target_phase: r.targetPhase,
        department: r.department,
        closes_on: r.closesOn,
        created_by: r.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await qb
      .insertInto('talent_review_calibrators')
      .values(calibratorIds.map((userId) => ({ organization_id: organizationId, review_id: id, user_id: userId })))
      .execute();
    return id;
  }

  async findReview(
    organizationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<ReviewRow | undefined> {
    requireOrganization(organizationId);
    return reviews(organizationId)
      .where('r.id', '=', id)
      .$if(options.lock === true, (q) => q.forUpdate())
      .executeTakeFirst();
  }

  /** The most recent cycles first. */
  async listReviews(organizationId: string, limit: number): Promise<ReviewRow[]> {
    requireOrganization(organizationId);
    return reviews(organizationId).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  }

  async calibrators(organizationId: string, reviewIds: string[]): Promise<CalibratorRow[]> {
    requireOrganization(organizationId);
    if (reviewIds.length === 0) return [];
    return calibrators(organizationId, reviewIds).execute();
  }

  async closeReview(organizationId: string, id: string, at: Date): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('talent_reviews')
      .set({ status: 'closed', closed_at: at, pre_rating_closed_at: sql`COALESCE(pre_rating_closed_at, ${at})` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  async closePreRating(organizationId: string, id: string, at: Date): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('talent_reviews')
      .set({ pre_rating_closed_at: at })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where('pre_rating_closed_at', 'is', null)
      .execute();
  }

  /** Of `ids`: the active users of the organization holding `hr_admin` or `manager`. */
  async eligibleCalibrators(organizationId: string, ids: string[]): Promise<Set<string>> {
    requireOrganization(organizationId);
    if (ids.length === 0) return new Set();
    const rows = await qb
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where(anyOf('id', ids, 'uuid'))
      .where('active', '=', true)
      .where(sql<boolean>`roles && ARRAY['hr_admin','manager']::varchar[]`)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insertNomination(
    organizationId: string,
    n: { reviewId: string; menteeId: string; nominatedBy: string; case: string; packet: unknown },
  ): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('talent_nominations')
      .values({
        organization_id: organizationId,
        review_id: n.reviewId,
        mentee_id: n.menteeId,
        nominated_by: n.nominatedBy,
        case: n.case,
        packet: JSON.stringify(n.packet),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async findNomination(
    organizationId: string,
    reviewId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<NominationRow | undefined> {
    requireOrganization(organizationId);
    return nominations(organizationId)
      .where('n.review_id', '=', reviewId)
      .where('n.id', '=', id)
      .$if(options.lock === true, (q) => q.forUpdate('n'))
      .executeTakeFirst();
  }

  async nominationOf(organizationId: string, reviewId: string, menteeId: string): Promise<NominationRow | undefined> {
    requireOrganization(organizationId);
    return nominations(organizationId)
      .where('n.review_id', '=', reviewId)
      .where('n.mentee_id', '=', menteeId)
      .executeTakeFirst();
  }

  async listNominations(organizationId: string, reviewId: string): Promise<NominationRow[]> {
    requireOrganization(organizationId);
    return nominations(organizationId)
      .where('n.review_id', '=', reviewId)
      .orderBy('n.created_at')
      .orderBy('n.id')
      .execute();
  }

  async setNominationStatus(organizationId: string, id: string, status: NominationStatus): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('talent_nominations')
      .set({ status })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  async insertRequest(
    organizationId: string,
    reviewId: string,
    menteeId: string,
    note: string | null,
  ): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('talent_nomination_requests')
      .values({ organization_id: organizationId, review_id: reviewId, mentee_id: menteeId, note })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async findRequest(
    organizationId: string,
    reviewId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<RequestRow | undefined> {
    requireOrganization(organizationId);
    return requests(organizationId)
      .where('q.review_id', '=', reviewId)
      .where('q.id', '=', id)
      .$if(options.lock === true, (q) => q.forUpdate('q'))
      .executeTakeFirst();
  }

  /** The cycle's requests: all, those of the mentees `managerId` manages, or the mentee `menteeId`'s own. */
  async listRequests(
    organizationId: string,
    reviewId: string,
    scope: { all: true } | { managerId?: string; menteeId?: string },
  ): Promise<RequestRow[]> {
    requireOrganization(organizationId);
    let query = requests(organizationId).where('q.review_id', '=', reviewId);
    if (!('all' in scope)) {
      const { managerId, menteeId } = scope;
      query = query.where((eb) =>
        eb.or([
          ...(managerId ? [eb('m.manager_id', '=', managerId)] : []),
          ...(menteeId ? [eb('q.mentee_id', '=', menteeId)] : []),
          ...(!managerId && !menteeId ? [sql<boolean>`false`] : []),
        ]),
      );
    }
    return query.orderBy('q.created_at').orderBy('q.id').execute();
  }

  async answerRequest(
    organizationId: string,
    id: string,
    answer: {
      status: 'accepted' | 'declined';
      reason: string | null;
      by: string;
      at: Date;
      nominationId: string | null;
    },
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('talent_nomination_requests')
      .set({
        status: answer.status,
        reason: answer.reason,
        decided_by: answer.by,
        decided_at: answer.at,
        nomination_id: answer.nominationId,
      })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  /** One pre-rating per calibrator and nomination: the first inserts it, later ones replace it. */
  async upsertPreRating(
    organizationId: string,
    p: {
      reviewId: string;
      nominationId: string;
      calibratorId: string;
      readiness: PreRatingReadiness;
      competencies: { competency: string; rating: number }[];
      at: Date;
    },
  ): Promise<void> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('talent_pre_ratings')
      .values({
        organization_id: organizationId,
        review_id: p.reviewId,
        nomination_id: p.nominationId,
        calibrator_id: p.calibratorId,
        readiness: p.readiness,
        created_at: p.at,
        updated_at: p.at,
      })
      .onConflict((oc) =>
        oc.columns(['nomination_id', 'calibrator_id']).doUpdateSet({ readiness: p.readiness, updated_at: p.at }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await qb
      .deleteFrom('talent_pre_rating_competencies')
      .where('organization_id', '=', organizationId)
      .where('pre_rating_id', '=', id)
      .execute();
    if (p.competencies.length > 0) {
      await qb
        .insertInto('talent_pre_rating_competencies')
        .values(
          p.competencies.map((c) => ({
            organization_id: organizationId,
            pre_rating_id: id,
            competency_key: c.competency,
            rating: c.rating,
          })),
        )
        .execute();
    }
  }

  /** The cycle's pre-ratings, all of them or only `calibratorId`'s. */
  async preRatings(organizationId: string, reviewId: string, calibratorId?: string): Promise<PreRatingRow[]> {
    requireOrganization(organizationId);
    return preRatings(organizationId, reviewId)
      .$if(calibratorId !== undefined, (q) => q.where('p.calibrator_id', '=', calibratorId!))
      .orderBy('p.nomination_id')
      .orderBy('u.name')
      .orderBy('p.calibrator_id')
      .execute();
  }

  /** Active competency keys of the organization among `keys`. */
  async activeCompetencies(organizationId: string, keys: string[]): Promise<Set<string>> {
    requireOrganization(organizationId);
    if (keys.length === 0) return new Set();
    const rows = await qb
      .selectFrom('competencies')
      .select('key')
      .where('organization_id', '=', organizationId)
      .where(anyOf('key', keys, 'varchar'))
      .where('retired_at', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.key));
  }

  /**
   * Of `ids`, those that are records of `kind` belonging to the mentee: a milestone by its
   * template (as the API names milestones), the others by their own id; private feedback never counts.
   */
  async evidenceOf(organizationId: string, menteeId: string, kind: EvidenceKind, ids: string[]): Promise<Set<string>> {
    requireOrganization(organizationId);
    if (ids.length === 0) return new Set();
    if (kind === 'milestone') {
      const rows = await qb
        .selectFrom('mentee_milestones')
        .select('template_id as id')
        .where('organization_id', '=', organizationId)
        .where('mentee_id', '=', menteeId)
        .where(anyOf('template_id', ids, 'uuid'))
        .execute();
      return new Set(rows.map((r) => r.id));
    }
    const rows = await qb
      .selectFrom(EVIDENCE_TABLES[kind])
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('mentee_id', '=', menteeId)
      .where(anyOf('id', ids, 'uuid'))
      .$if(kind === 'feedback', (q) => q.where(sql<boolean>`visibility = 'shared'`))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insertDecision(
    organizationId: string,
    d: {
      nominationId: string;
      decision: Decision;
      reason: string;
      evidence: { kind: EvidenceKind; id: string }[];
      needed: { goalId: string; title: string; competency: string }[];
      rubricVersion: string;
      grantedManagerRole: boolean;
      supersedesId: string | null;
      decidedBy: string;
      at: Date;
    },
  ): Promise<string> {
    requireOrganization(organizationId);
    const { id } = await qb
      .insertInto('talent_decisions')
      .values({
        organization_id: organizationId,
        nomination_id: d.nominationId,
        decision: d.decision,
        reason: d.reason,
        evidence: JSON.stringify(d.evidence),
        needed: JSON.stringify(d.needed),
        rubric_version: d.rubricVersion,
        granted_manager_role: d.grantedManagerRole,
        supersedes_id: d.supersedesId,
        decided_by: d.decidedBy,
        decided_at: d.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  /**
   * Decisions on the nominations, oldest first; of two taken in the same instant, the one a
   * correction supersedes comes before the correction.
   */
  async decisions(organizationId: string, nominationIds: string[]): Promise<DecisionRow[]> {
    requireOrganization(organizationId);
    if (nominationIds.length === 0) return [];
    return decisions(organizationId)
      .where(anyOf('d.nomination_id', nominationIds, 'uuid'))
      .orderBy('d.decided_at')
      .orderBy(sql`d.supersedes_id IS NOT NULL`)
      .orderBy('d.id')
      .execute();
  }

  /** Every shared rating of the mentee, per competency, oldest first: the trend the packet shows. */
  async ratingTrend(organizationId: string, menteeId: string) {
    requireOrganization(organizationId);
    return qb
      .selectFrom('feedback_ratings as r')
      .innerJoin('feedback as f', (j) =>
        j.onRef('f.organization_id', '=', 'r.organization_id').onRef('f.id', '=', 'r.feedback_id'),
      )
      .leftJoin('competencies as c', (j) =>
        j.onRef('c.organization_id', '=', 'r.organization_id').onRef('c.key', '=', 'r.competency_key'),
      )
      .select([
        'r.competency_key',
        sql<string>`COALESCE(c.name, r.competency_key)`.as('competency_name'),
        sql<string>`to_char(f.occurred_on, 'YYYY-MM-DD')`.as('occurred_on'),
        'r.rating',
        'f.author_role',
      ])
      .where('r.organization_id', '=', organizationId)
      .where('f.mentee_id', '=', menteeId)
      .where('f.visibility', '=', 'shared')
      .orderBy('r.competency_key')
      .orderBy('f.occurred_on')
      .orderBy('f.id')
      .execute();
  }
}
