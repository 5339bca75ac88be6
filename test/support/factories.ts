import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@leadpath/access';
import { TokenService } from '@leadpath/auth';
import type { Phase, Track } from '@leadpath/mentees';
import { refreshReadiness } from '@leadpath/readiness';
import { PasswordService } from '@leadpath/users';
import { Database, type Sql } from '@leadpath/platform/database';
import request from 'supertest';
import type { TestApp } from './test-app';

export const PASSWORD = 'factory-passphrase-2026';
/** A webhook host the test application allow-lists, so registering one needs no DNS. */
export const WEBHOOK_TEST_HOST = 'hooks.example.test';

export interface TestUser {
  id: string;
  organizationId: string;
  email: string;
  roles: Role[];
  token: string;
}

export interface TestMentee {
  id: string;
  userId: string;
  organizationId: string;
  user: TestUser;
}

let hashed: Promise<string> | undefined;
let counter = 0;

/**
 * Builds rows straight in the database (one argon2 hash per process), and mints real tokens.
 * Writes go through the application's units of work, as the tenant role of their organization,
 * so a factory cannot create what the application itself could not.
 */
export class Factory {
  constructor(private readonly t: TestApp) {}

  /** The test's own connection (the owner role), for setting up states no API call makes. */
  get pool() {
    return this.t.db.pool;
  }

  private get db(): Database {
    return this.t.app.get(Database);
  }

  private tenant<T>(organizationId: string, fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.db.tenant(organizationId, () => fn(this.db));
  }

  /** One statement in a tenant unit of work of its own. */
  private q<T>(organizationId: string, text: string, params: unknown[]): Promise<T[]> {
    return this.tenant(organizationId, (sql) => sql.query<T>(text, params));
  }

  async organization(name = `Org ${++counter}`): Promise<{ id: string }> {
    return this.db.system('organizations.create', async () => {
      const [row] = await this.db.query<{ id: string }>('INSERT INTO organizations (name) VALUES ($1) RETURNING id', [
        name,
      ]);
      await this.tenant(row.id, (sql) => sql.query('SELECT leadpath_seed_framework($1)', [row.id]));
      return row;
    });
  }

  /** An organization with an HR admin, a manager and one mentee of that manager. */
  async team(name?: string): Promise<{ orgId: string; hr: TestUser; manager: TestUser; mentee: TestMentee }> {
    const orgId = (await this.organization(name)).id;
    const hr = await this.user(orgId, ['hr_admin']);
    const manager = await this.user(orgId, ['manager']);
    return { orgId, hr, manager, mentee: await this.mentee(orgId, { managerId: manager.id }) };
  }

  async user(
    organizationId: string,
    roles: Role[],
    overrides: { email?: string; name?: string } = {},
  ): Promise<TestUser> {
    hashed ??= this.t.app.get(PasswordService).hash(PASSWORD);
    const email = overrides.email ?? `${roles[0]}-${++counter}-${randomUUID().slice(0, 8)}@example.test`;
    const rows = await this.q<{ id: string; token_version: number }>(
      organizationId,
      `INSERT INTO users (organization_id, email, name, roles, password_hash) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, token_version`,
      [organizationId, email, overrides.name ?? `Person ${counter}`, roles, await hashed],
    );
    const row = rows[0];
    return { id: row.id, organizationId, email, roles, token: this.token(row.id, organizationId, row.token_version) };
  }

  /**
   * Like every write of the application, a factory write keeps the readiness read model equal to
   * the definition: the organizations here are small, so all their mentees are refreshed.
   */
  async syncReadiness(organizationId: string): Promise<void> {
    await this.tenant(organizationId, async (sql) => {
      const rows = await sql.query<{ id: string }>('SELECT id FROM mentees WHERE organization_id = $1', [
        organizationId,
      ]);
      await refreshReadiness(
        organizationId,
        rows.map((r) => r.id),
      );
    });
  }

  /**
   * Another token of the same user and version as `token`. A sign-out ends the token it is sent
   * with, so suites that sign out as a shared caller do it with one of these.
   */
  freshToken(token: string): string {
    const { sub, org, ver } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
      sub: string;
      org: string;
      ver: number;
    };
    return this.t.app.get(TokenService).sign({ sub, org, ver }).accessToken;
  }

  token(userId: string, organizationId: string, version = 0): string {
    return this.t.app.get(TokenService).sign({ sub: userId, org: organizationId, ver: version }).accessToken;
  }

  async mentee(
    organizationId: string,
    options: {
      managerId: string;
      mentorId?: string | null;
      phase?: Phase;
      track?: Track;
      department?: string | null;
      /** An existing user to enrol (one holding other roles too); by default a new mentee user. */
      user?: TestUser;
      /** Days since enrolment; by default long ago (400), so the stale window is not shortened by it. */
      enrolledDaysAgo?: number;
    },
  ): Promise<TestMentee> {
    const user = options.user ?? (await this.user(organizationId, ['mentee']));
    const rows = await this.q<{ id: string }>(
      organizationId,
      `INSERT INTO mentees (organization_id, user_id, manager_id, mentor_id, phase, track, department, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(days => $8)) RETURNING id`,
      [
        organizationId,
        user.id,
        options.managerId,
        options.mentorId ?? null,
        options.phase ?? 'lead_without_title',
        options.track ?? 'undecided',
        options.department ?? 'Platform',
        options.enrolledDaysAgo ?? 400,
      ],
    );
    const id = rows[0].id;
    await this.q(
      organizationId,
      `INSERT INTO phase_changes (organization_id, mentee_id, to_phase, changed_by) VALUES ($1, $2, $3, $4)`,
      [organizationId, id, options.phase ?? 'lead_without_title', options.managerId],
    );
    await this.syncReadiness(organizationId);
    return { id, userId: user.id, organizationId, user };
  }

  /** A previewed people import of an empty file: applying it changes nothing but its status. */
  async peopleImport(organizationId: string): Promise<string> {
    const plan = { rows: [], plan: { rows: [], errors: [], creates: 0, updates: 0, unchanged: 0 } };
    const rows = await this.q<{ id: string }>(
      organizationId,
      `INSERT INTO imports (organization_id, kind, plan, creates, updates, unchanged, error_count)
       VALUES ($1, 'people', $2, 0, 0, 0, 0) RETURNING id`,
      [organizationId, JSON.stringify(plan)],
    );
    return rows[0].id;
  }

  /** A webhook endpoint (nothing is delivered unless a test runs the jobs). */
  /** A SCIM provisioning token of the organization: its id and the bearer value (only the hash is stored). */
  async scimToken(organizationId: string, name = `IdP ${++counter}`): Promise<{ id: string; token: string }> {
    const token = `scim_${randomBytes(32).toString('base64url')}`;
    const rows = await this.q<{ id: string }>(
      organizationId,
      `INSERT INTO scim_tokens (organization_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id`,
      [organizationId, name, createHash('sha256').update(token).digest('hex')],
    );
    return { id: rows[0].id, token };
  }

  async webhook(organizationId: string, events: string[] = ['goal.confirmed']): Promise<string> {
    const rows = await this.q<{ id: string }>(
      organizationId,
      `INSERT INTO webhook_endpoints (organization_id, url, events, secret) VALUES ($1, $2, $3, $4) RETURNING id`,
      [
        organizationId,
        `https://${WEBHOOK_TEST_HOST}/${++counter}`,
        events,
        `whsec_${randomBytes(32).toString('base64')}`,
      ],
    );
    return rows[0].id;
  }

  /**
   * A preview, made by the HR admin whose token is given, of importing the organization's own
   * export: applying it changes nothing but the preview.
   */
  async frameworkPreview(hrToken: string): Promise<string> {
    const exported = await request(this.t.server)
      .get('/api/v1/framework/export')
      .set('authorization', `Bearer ${hrToken}`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    const preview = await request(this.t.server)
      .post('/api/v1/framework/import')
      .set('authorization', `Bearer ${hrToken}`)
      .send({ content: exported.body as string })
      .expect(201);
    return (preview.body as { id: string }).id;
  }

  /**
   * A single sign-on configuration of the organization (kept if it has one), straight in the
   * database: its provider is never reached (plain http, refused), its secret not a real seal.
   */
  async ssoConfig(organizationId: string): Promise<void> {
    await this.q(
      organizationId,
      `INSERT INTO sso_configs (organization_id, issuer, client_id, client_secret_encrypted)
       VALUES ($1, 'http://idp.example.test', 'leadpath', 'v1.unused.unused.unused')
       ON CONFLICT (organization_id) DO NOTHING`,
      [organizationId],
    );
  }

  async competencyId(organizationId: string, key: string): Promise<string> {
    const rows = await this.q<{ id: string }>(
      organizationId,
      'SELECT id FROM competencies WHERE organization_id = $1 AND key = $2',
      [organizationId, key],
    );
    return rows[0].id;
  }

  async templateId(organizationId: string, key: string): Promise<string> {
    const rows = await this.q<{ id: string }>(
      organizationId,
      'SELECT id FROM milestone_templates WHERE organization_id = $1 AND key = $2',
      [organizationId, key],
    );
    return rows[0].id;
  }

  /** A fresh template of the mentee's phase with the mentee's record in the given state; returns the template id. */
  async milestone(mentee: TestMentee, state: 'in_progress' | 'completed' | 'verified'): Promise<string> {
    const rows = await this.q<{ id: string; phase: string }>(
      mentee.organizationId,
      `INSERT INTO milestone_templates (organization_id, key, phase, title)
       SELECT $1, $2, phase, 'Factory milestone' FROM mentees WHERE id = $3 RETURNING id`,
      [mentee.organizationId, `factory_${++counter}_${randomUUID().slice(0, 6)}`, mentee.id],
    );
    const templateId = rows[0].id;
    await this.q(
      mentee.organizationId,
      `INSERT INTO mentee_milestones (organization_id, mentee_id, template_id, status, recorded_by, verified_by, verified_at)
       SELECT $1, $2, $3, $4, m.user_id, CASE WHEN $5 THEN m.manager_id END, CASE WHEN $5 THEN now() END
         FROM mentees m WHERE m.id = $2`,
      [
        mentee.organizationId,
        mentee.id,
        templateId,
        state === 'in_progress' ? 'in_progress' : 'completed',
        state === 'verified',
      ],
    );
    await this.syncReadiness(mentee.organizationId);
    return templateId;
  }

  /**
   * A weekly one-on-one series of `mentee` held by `holderId`, first on 2026-03-03 at 09:30 UTC:
   * the id of that first meeting.
   */
  async meeting(mentee: TestMentee, holderId: string): Promise<string> {
    const rows = await this.q<{ id: string }>(
      mentee.organizationId,
      `INSERT INTO meeting_series (organization_id, mentee_id, holder_id, starts_local, time_zone, duration_minutes, rrule)
       VALUES ($1, $2, $3, '2026-03-03T09:30', 'UTC', 30, 'FREQ=WEEKLY') RETURNING id`,
      [mentee.organizationId, mentee.id, holderId],
    );
    return `${rows[0].id}_20260303T093000Z`;
  }

  /** A talking point by `authorId` on the meeting `meetingId` (as the factory's `meeting` names it). */
  async agendaItem(organizationId: string, meetingId: string, authorId: string): Promise<string> {
    const [seriesId] = meetingId.split('_');
    const rows = await this.q<{ id: string }>(
      organizationId,
      `INSERT INTO meeting_agenda_items (organization_id, series_id, occurrence_start, author_id, text)
       VALUES ($1, $2, '2026-03-03T09:30:00Z', $3, 'A point') RETURNING id`,
      [organizationId, seriesId, authorId],
    );
    return rows[0].id;
  }

  /** An open action item owned by `ownerId` on the meeting `meetingId`. */
  async actionItem(organizationId: string, meetingId: string, ownerId: string): Promise<string> {
    const [seriesId] = meetingId.split('_');
    const rows = await this.q<{ id: string }>(
      organizationId,
      `INSERT INTO meeting_action_items (organization_id, series_id, occurrence_start, owner_id, text)
       VALUES ($1, $2, '2026-03-03T09:30:00Z', $3, 'An action') RETURNING id`,
      [organizationId, seriesId, ownerId],
    );
    return rows[0].id;
  }

  async goal(
    mentee: TestMentee,
    createdBy: string,
    options: { competency?: string; status?: string; targetDate?: string | null; confirmed?: boolean } = {},
  ): Promise<string> {
    // As the API does: an achievement set by someone other than the mentee is confirmed at once.
    const confirmed = options.confirmed ?? (options.status === 'achieved' && createdBy !== mentee.userId);
    const rows = await this.q<{ id: string }>(
      mentee.organizationId,
      `INSERT INTO goals (organization_id, mentee_id, title, competency_key, status, target_date, created_by,
                          confirmed_at, confirmed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN now() END, CASE WHEN $8 THEN $7::uuid END) RETURNING id`,
      [
        mentee.organizationId,
        mentee.id,
        `Goal ${++counter}`,
        options.competency ?? 'communication',
        options.status ?? 'open',
        options.targetDate ?? null,
        createdBy,
        confirmed,
      ],
    );
    await this.syncReadiness(mentee.organizationId);
    return rows[0].id;
  }

  async feedback(
    mentee: TestMentee,
    authorId: string,
    options: {
      visibility?: 'shared' | 'private';
      occurredOn?: string;
      ratings?: Record<string, number>;
      authorRole?: 'manager' | 'mentor';
      text?: string;
      needToSee?: string;
    } = {},
  ): Promise<string> {
    const rows = await this.q<{ id: string }>(
      mentee.organizationId,
      `INSERT INTO feedback (organization_id, mentee_id, author_id, author_role, occurred_on, visibility, strengths, need_to_see)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        mentee.organizationId,
        mentee.id,
        authorId,
        options.authorRole ?? 'manager',
        options.occurredOn ?? new Date().toISOString().slice(0, 10),
        options.visibility ?? 'shared',
        options.text ?? 'Factory strengths',
        options.needToSee ?? null,
      ],
    );
    const id = rows[0].id;
    for (const [competency, rating] of Object.entries(options.ratings ?? {})) {
      await this.q(
        mentee.organizationId,
        'INSERT INTO feedback_ratings (organization_id, feedback_id, competency_key, rating) VALUES ($1, $2, $3, $4)',
        [mentee.organizationId, id, competency, rating],
      );
    }
    await this.syncReadiness(mentee.organizationId);
    return id;
  }

  /** A stretch assignment of the mentee (active unless told otherwise). */
  async assignment(
    mentee: TestMentee,
    createdBy: string,
    options: {
      status?: 'planned' | 'active' | 'completed';
      competencies?: string[];
      milestoneTemplateId?: string;
    } = {},
  ): Promise<string> {
    const rows = await this.q<{ id: string }>(
      mentee.organizationId,
      `INSERT INTO assignments (organization_id, mentee_id, title, kind, competency_keys, milestone_template_id,
                                starts_on, status, created_by)
       VALUES ($1, $2, $3, 'lead_project', $4, $5, current_date - 30, $6, $7) RETURNING id`,
      [
        mentee.organizationId,
        mentee.id,
        `Assignment ${++counter}`,
        options.competencies ?? ['communication', 'delegation'],
        options.milestoneTemplateId ?? null,
        options.status ?? 'active',
        createdBy,
      ],
    );
    return rows[0].id;
  }

  /**
   * A feedback request on the assignment, as the API would store it for a distinct person (an
   * approved outside address unless told otherwise); returns its link's token.
   */
  async feedbackLink(
    organizationId: string,
    assignmentId: string,
    options: { userId?: string; email?: string; expiresAt?: Date; approval?: 'pending' | 'approved' | 'declined' } = {},
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const email = options.email ?? `led-${++counter}-${randomUUID().slice(0, 8)}@example.test`;
    await this.q(
      organizationId,
      `INSERT INTO feedback_requests (organization_id, assignment_id, respondent_user_id, email, email_key, name,
                                      respondent_key, approval, token_hash, expires_at, requested_by)
       SELECT a.organization_id, a.id, $2::uuid, $3::varchar, lower($3::varchar), 'Led person',
              CASE WHEN $2::uuid IS NULL THEN 'email:' || lower($3::varchar) ELSE 'user:' || $2::uuid END, $6,
              $4, $5, a.created_by
         FROM assignments a WHERE a.id = $1`,
      [
        assignmentId,
        options.userId ?? null,
        email,
        createHash('sha256').update(token).digest('hex'),
        options.expiresAt ?? new Date(Date.now() + 14 * 24 * 3600 * 1000),
        options.approval ?? 'approved',
      ],
    );
    return token;
  }

  /**
   * A talent review cycle of the world's organization A into the first management role, opened
   * by its HR admin, calibrated by HR, the mentor and the line manager; its id.
   */
  async talentReview(w: { hr: TestUser; manager: TestUser; mentor: TestUser }): Promise<string> {
    const res = await request(this.t.server)
      .post('/api/v1/talent-reviews')
      .set('authorization', `Bearer ${w.hr.token}`)
      .send({
        name: `Review ${++counter}`,
        targetPhase: 'first_management_role',
        closesOn: '2099-12-31',
        calibratorIds: [w.hr.id, w.mentor.id, w.manager.id],
      })
      .expect(201);
    return res.body.id as string;
  }

  /** A cycle (see talentReview) with the target nominated by their line manager. */
  async talentNomination(w: {
    hr: TestUser;
    manager: TestUser;
    mentor: TestUser;
    target: TestMentee;
  }): Promise<{ reviewId: string; nominationId: string }> {
    const reviewId = await this.talentReview(w);
    const res = await request(this.t.server)
      .post(`/api/v1/talent-reviews/${reviewId}/nominations`)
      .set('authorization', `Bearer ${w.manager.token}`)
      .send({ menteeId: w.target.id, case: 'Ran the guild for a year.' })
      .expect(201);
    return { reviewId, nominationId: res.body.id as string };
  }

  /** A cycle (see talentReview) where the target asked to be nominated; the request's path. */
  async talentRequest(w: { hr: TestUser; manager: TestUser; mentor: TestUser; target: TestMentee }): Promise<string> {
    const reviewId = await this.talentReview(w);
    const res = await request(this.t.server)
      .post(`/api/v1/talent-reviews/${reviewId}/nomination-requests`)
      .set('authorization', `Bearer ${w.target.user.token}`)
      .send({ note: 'Please' })
      .expect(201);
    return `/api/v1/talent-reviews/${reviewId}/nomination-requests/${res.body.id as string}`;
  }
}

export const ANSWERS = {
  mentors_others: 4,
  systems_thinking: 4,
  gives_up_hands_on: 3,
  uncomfortable_conversations: 3,
  patient_with_ambiguity: 4,
  loves_craft: 3,
  heads_down_focus: 2,
  prefers_solvable_problems: 3,
  money_or_title: 1,
};

/**
 * Two organizations with every relation the access rules distinguish. In organization A:
 * `manager` manages `target` (and `sibling`), `mentor` mentors `target`, `otherManager` manages
 * `stranger`. Organization B has its own HR admin, manager and mentee.
 */
export async function buildWorld(f: Factory) {
  const orgA = await f.organization('Alpha');
  const orgB = await f.organization('Beta');
  const hr = await f.user(orgA.id, ['hr_admin']);
  const manager = await f.user(orgA.id, ['manager']);
  const mentor = await f.user(orgA.id, ['manager']);
  const otherManager = await f.user(orgA.id, ['manager']);
  const target = await f.mentee(orgA.id, { managerId: manager.id, mentorId: mentor.id });
  const sibling = await f.mentee(orgA.id, { managerId: manager.id });
  const stranger = await f.mentee(orgA.id, { managerId: otherManager.id, department: 'Security' });
  const hrB = await f.user(orgB.id, ['hr_admin']);
  const managerB = await f.user(orgB.id, ['manager']);
  const menteeB = await f.mentee(orgB.id, { managerId: managerB.id });
  const goal = await f.goal(target, manager.id);
  const sharedFeedback = await f.feedback(target, manager.id, { visibility: 'shared' });
  // Planner statistics for the rows just written, as a real database would have them (autovacuum
  // gathers them only after 50 changed rows): without them, plans for a few rows can take a second.
  await f.pool.query('ANALYZE');
  return {
    orgA,
    orgB,
    hr,
    manager,
    mentor,
    otherManager,
    target,
    sibling,
    stranger,
    hrB,
    managerB,
    menteeB,
    goal,
    sharedFeedback,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
