import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { qb } from '@leadpath/platform/database';

/** Actions on an account that change what it may do: the history of its roles and access. */
export const ROLE_HISTORY_ACTIONS = [
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.roles_from_groups',
  'user.sso_provision',
] as const;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Reads what Leadpath holds about one person, in the caller's unit of work; rows as exported. */
@Injectable()
export class ExportRepository {
  async profile(organizationId: string, userId: string) {
    const row = await qb
      .selectFrom('users')
      .select(['id', 'name', 'email', 'roles', 'active', 'created_at', 'updated_at', 'deactivated_at'])
      .where('organization_id', '=', organizationId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row) return null;
    const preferences = await qb
      .selectFrom('notification_preferences')
      .select(['weekly_digest', 'monthly_summary', 'feedback_shared', 'goal_confirmed', 'milestone_changes'])
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      roles: row.roles,
      active: row.active,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      deactivatedAt: iso(row.deactivated_at),
      notifications: preferences
        ? {
            weeklyDigest: preferences.weekly_digest,
            monthlySummary: preferences.monthly_summary,
            feedbackShared: preferences.feedback_shared,
            goalConfirmed: preferences.goal_confirmed,
            milestoneChanges: preferences.milestone_changes,
          }
        : null,
    };
  }

  async roleHistory(organizationId: string, userId: string) {
    const rows = await qb
      .selectFrom('audit_events as e')
      .leftJoin('users as a', 'a.id', 'e.actor_id')
      .select(['e.occurred_at', 'e.action', 'e.actor_id', 'a.name as actor_name'])
      .where('e.organization_id', '=', organizationId)
      .where('e.object_type', '=', 'user')
      .where('e.object_id', '=', userId)
      .where('e.outcome', '=', 'success')
      .where('e.action', 'in', [...ROLE_HISTORY_ACTIONS])
      .orderBy('e.occurred_at')
      .orderBy('e.id')
      .execute();
    return rows.map((r) => ({
      at: r.occurred_at.toISOString(),
      action: r.action,
      byId: r.actor_id,
      byName: r.actor_name,
    }));
  }

  async menteeRecord(organizationId: string, userId: string) {
    const row = await qb
      .selectFrom('mentees as m')
      .innerJoin('users as mg', 'mg.id', 'm.manager_id')
      .leftJoin('users as mt', 'mt.id', 'm.mentor_id')
      .select([
        'm.id',
        'm.phase',
        'm.track',
        'm.department',
        'm.career_start_date',
        'm.technical_foundation',
        'm.manager_id',
        'mg.name as manager_name',
        'm.mentor_id',
        'mt.name as mentor_name',
        'm.created_at',
        'm.updated_at',
      ])
      .where('m.organization_id', '=', organizationId)
      .where('m.user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      phase: row.phase,
      track: row.track,
      department: row.department,
      careerStartDate: row.career_start_date,
      technicalFoundation: row.technical_foundation,
      managerId: row.manager_id,
      managerName: row.manager_name,
      mentorId: row.mentor_id,
      mentorName: row.mentor_name,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async phaseChanges(organizationId: string, menteeId: string) {
    const rows = await qb
      .selectFrom('phase_changes as p')
      .leftJoin('users as u', 'u.id', 'p.changed_by')
      .select(['p.changed_at', 'p.from_phase', 'p.to_phase', 'p.note', 'u.name as changed_by_name'])
      .where('p.organization_id', '=', organizationId)
      .where('p.mentee_id', '=', menteeId)
      .orderBy('p.changed_at')
      .orderBy('p.id')
      .execute();
    return rows.map((r) => ({
      at: r.changed_at.toISOString(),
      fromPhase: r.from_phase,
      toPhase: r.to_phase,
      note: r.note,
      byName: r.changed_by_name,
    }));
  }

  async milestones(organizationId: string, menteeId: string) {
    const rows = await qb
      .selectFrom('mentee_milestones as mm')
      .innerJoin('milestone_templates as t', 't.id', 'mm.template_id')
      .leftJoin('users as rb', 'rb.id', 'mm.recorded_by')
      .leftJoin('users as vb', 'vb.id', 'mm.verified_by')
      .leftJoin('users as xb', 'xb.id', 'mm.revoked_by')
      .select([
        'mm.id',
        't.key',
        't.title',
        't.phase',
        'mm.status',
        'mm.evidence_text',
        'mm.evidence_links',
        'mm.recorded_at',
        'rb.name as recorded_by',
        'mm.verified_at',
        'vb.name as verified_by',
        'mm.revoked_at',
        'xb.name as revoked_by',
        'mm.revoke_reason',
      ])
      .where('mm.organization_id', '=', organizationId)
      .where('mm.mentee_id', '=', menteeId)
      .orderBy('mm.recorded_at')
      .orderBy('mm.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      title: r.title,
      phase: r.phase,
      status: r.status,
      evidenceText: r.evidence_text,
      evidenceLinks: r.evidence_links,
      recordedAt: r.recorded_at.toISOString(),
      recordedBy: r.recorded_by,
      verifiedAt: iso(r.verified_at),
      verifiedBy: r.verified_by,
      revokedAt: iso(r.revoked_at),
      revokedBy: r.revoked_by,
      revokeReason: r.revoke_reason,
    }));
  }

  async goals(organizationId: string, menteeId: string) {
    const goals = await qb
      .selectFrom('goals as g')
      .leftJoin('users as c', 'c.id', 'g.created_by')
      .leftJoin('users as k', 'k.id', 'g.confirmed_by')
      .select([
        'g.id',
        'g.title',
        'g.description',
        'g.competency_key',
        'g.status',
        'g.target_date',
        'g.created_at',
        'c.name as created_by',
        'g.confirmed_at',
        'k.name as confirmed_by',
      ])
      .where('g.organization_id', '=', organizationId)
      .where('g.mentee_id', '=', menteeId)
      .orderBy('g.created_at')
      .orderBy('g.id')
      .execute();
    const checkIns = await qb
      .selectFrom('goal_check_ins as ci')
      .innerJoin('goals as g', 'g.id', 'ci.goal_id')
      .leftJoin('users as u', 'u.id', 'ci.created_by')
      .select(['ci.goal_id', 'ci.created_at', 'ci.progress', 'ci.note', 'u.name as by_name'])
      .where('ci.organization_id', '=', organizationId)
      .where('g.mentee_id', '=', menteeId)
      .orderBy('ci.created_at')
      .orderBy('ci.id')
      .execute();
    return {
      goals: goals.map((g) => ({
        id: g.id,
        title: g.title,
        description: g.description,
        competencyKey: g.competency_key,
        status: g.status,
        targetDate: g.target_date,
        createdAt: g.created_at.toISOString(),
        createdBy: g.created_by,
        confirmedAt: iso(g.confirmed_at),
        confirmedBy: g.confirmed_by,
      })),
      checkIns: checkIns.map((c) => ({
        goalId: c.goal_id,
        at: c.created_at.toISOString(),
        progress: c.progress,
        note: c.note,
        byName: c.by_name,
      })),
    };
  }

  /** Feedback about the mentee: shared entries, and private ones too when `withPrivate` (HR's export). */
  async feedback(organizationId: string, menteeId: string, withPrivate: boolean) {
    let query = qb
      .selectFrom('feedback as f')
      .leftJoin('users as a', 'a.id', 'f.author_id')
      .select([
        'f.id',
        'f.occurred_on',
        'a.name as author_name',
        'f.author_role',
        'f.visibility',
        'f.strengths',
        'f.gaps',
        'f.need_to_see',
        'f.next_steps',
        'f.created_at',
        'f.updated_at',
        'f.acknowledged_at',
        sql<Record<string, number>>`coalesce((SELECT jsonb_object_agg(r.competency_key, r.rating)
          FROM feedback_ratings r WHERE r.organization_id = f.organization_id AND r.feedback_id = f.id), '{}'::jsonb)`.as(
          'ratings',
        ),
      ])
      .where('f.organization_id', '=', organizationId)
      .where('f.mentee_id', '=', menteeId);
    if (!withPrivate) query = query.where('f.visibility', '=', 'shared');
    const rows = await query.orderBy('f.occurred_on').orderBy('f.id').execute();
    return rows.map((r) => ({
      id: r.id,
      occurredOn: r.occurred_on,
      authorName: r.author_name,
      authorRole: r.author_role,
      visibility: r.visibility,
      strengths: r.strengths,
      gaps: r.gaps,
      needToSee: r.need_to_see,
      nextSteps: r.next_steps,
      ratings: r.ratings,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      acknowledgedAt: iso(r.acknowledged_at),
      // A private note was its author's alone: HR reviews it before releasing it to the person.
      ...(r.visibility === 'private' ? { reviewBeforeRelease: true as const } : {}),
    }));
  }

  async assessments(organizationId: string, menteeId: string) {
    const rows = await qb
      .selectFrom('assessments as s')
      .leftJoin('users as a', 'a.id', 's.author_id')
      .select(['s.id', 's.kind', 'a.name as author_name', 's.fit', 's.suggestion', 's.answers', 's.created_at'])
      .where('s.organization_id', '=', organizationId)
      .where('s.mentee_id', '=', menteeId)
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      authorName: r.author_name,
      fit: r.fit,
      suggestion: r.suggestion,
      answers: r.answers,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /**
   * The mentee's assignments with the feedback about them as aggregates only: how many were asked
   * and answered, and per competency the mean of the published answers. Who answered what is not
   * recorded anywhere, and nothing here names a respondent.
   */
  async assignments(organizationId: string, menteeId: string) {
    const rows = await qb
      .selectFrom('assignments as a')
      .select([
        'a.id',
        'a.title',
        'a.kind',
        'a.description',
        'a.competency_keys',
        'a.starts_on',
        'a.ends_on',
        'a.status',
        'a.created_at',
        sql<number>`(SELECT count(*)::int FROM feedback_requests q WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id)`.as(
          'requested',
        ),
        sql<number>`(SELECT count(*)::int FROM feedback_requests q WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id AND q.answered)`.as(
          'answered',
        ),
        sql<number>`(SELECT count(*)::int FROM led_responses r WHERE r.organization_id = a.organization_id AND r.assignment_id = a.id AND r.published)`.as(
          'published',
        ),
        sql<
          { competencyKey: string; mean: number }[] | null
        >`(SELECT jsonb_agg(jsonb_build_object('competencyKey', k.key, 'mean', k.mean) ORDER BY k.key)
          FROM (SELECT e.key, round(avg(e.value::int), 2)::float AS mean
                  FROM led_responses r, jsonb_each_text(r.ratings) e
                 WHERE r.organization_id = a.organization_id AND r.assignment_id = a.id AND r.published
                 GROUP BY e.key) k)`.as('results'),
      ])
      .where('a.organization_id', '=', organizationId)
      .where('a.mentee_id', '=', menteeId)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      description: r.description,
      competencyKeys: r.competency_keys,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      feedback: {
        requested: r.requested,
        answered: r.answered,
        published: r.published,
        results: r.published > 0 ? (r.results ?? []) : null,
      },
    }));
  }

  /** Audit events where the person acted, or their account or mentee record was the object. */
  async audit(organizationId: string, userId: string, menteeId: string | null) {
    const objects = menteeId ? [userId, menteeId] : [userId];
    const rows = await qb
      .selectFrom('audit_events')
      .select(['id', 'occurred_at', 'action', 'object_type', 'object_id', 'outcome', 'actor_id'])
      .where('organization_id', '=', organizationId)
      .where((eb) => eb.or([eb('actor_id', '=', userId), eb('object_id', 'in', objects)]))
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      outcome: r.outcome,
      actorId: r.actor_id,
      asActor: r.actor_id === userId,
    }));
  }
}
