import {
  ANSWERS,
  WEBHOOK_TEST_HOST,
  type Factory,
  type TestMentee,
  type TestUser,
  type World,
} from '../support/factories';

/** Who calls: every relation the access rules distinguish, plus nobody at all. */
export const ACTORS = [
  'hr',
  'manager',
  'mentor',
  'otherManager',
  'self',
  'otherMentee',
  'otherOrgHr',
  'anonymous',
] as const;
export type ActorKey = (typeof ACTORS)[number];

export function tokenOf(w: World, actor: ActorKey): string | undefined {
  switch (actor) {
    case 'hr':
      return w.hr.token;
    case 'manager':
      return w.manager.token;
    case 'mentor':
      return w.mentor.token;
    case 'otherManager':
      return w.otherManager.token;
    case 'self':
      return w.target.user.token;
    case 'otherMentee':
      return w.stranger.user.token;
    case 'otherOrgHr':
      return w.hrB.token;
    case 'anonymous':
      return undefined;
  }
}

export interface MatrixRow {
  /** "VERB /path/{param}" exactly as the OpenAPI document names the operation. */
  route: string;
  /** The concrete path; by default `{id}` is the target mentee (or user, for /users). */
  path?: (w: World, f: Factory) => Promise<string> | string;
  body?: (w: World, f: Factory, actor: ActorKey) => Promise<object> | object;
  /** The call ends the token it carries (sign-out): each actor sends a fresh one and keeps its own. */
  endsToken?: true;
  expect: Record<ActorKey, number>;
}

const statuses = (
  hr: number,
  manager: number,
  mentor: number,
  otherManager: number,
  self: number,
  otherMentee: number,
  otherOrgHr: number,
  anonymous = 401,
): Record<ActorKey, number> => ({ hr, manager, mentor, otherManager, self, otherMentee, otherOrgHr, anonymous });

let n = 0;
/** The nomination the decisions row's body made, for its path. */
let lastNomination: { reviewId: string; nominationId: string } | undefined;
const unique = () => `${Date.now().toString(36)}-${++n}`;

/** A path under a new webhook endpoint of organization A. */
const webhookPath =
  (suffix: string) =>
  async (w: World, f: Factory): Promise<string> =>
    `/api/v1/webhooks/${await f.webhook(w.orgA.id)}${suffix}`;

/** Public routes answer the same to everyone. */
const everyone = (status: number) => statuses(status, status, status, status, status, status, status, status);
/** HR-only routes on a collection: other organizations' HR act on their own organization. */
const hrCollection = (ok: number) => statuses(ok, 403, 403, 403, 403, 403, ok);
/** HR-only routes on one object of organization A. */
const hrObject = statuses(200, 403, 403, 403, 403, 403, 404);
/** Reading one mentee: HR, line manager, mentor and the mentee themselves. */
const menteeRead = statuses(200, 200, 200, 404, 200, 404, 404);

/**
 * The authorization matrix: one row per route of the API. The suite fails when a route exists
 * that has no row here, so a new route cannot ship without its access expectations.
 */
export const MATRIX: MatrixRow[] = [
  { route: 'GET /health', expect: everyone(200) },
  { route: 'GET /api/v1/health', expect: everyone(200) },
  { route: 'GET /health/ready', expect: everyone(200) },
  { route: 'GET /api/v1/health/ready', expect: everyone(200) },
  {
    route: 'POST /api/v1/organizations',
    body: () => ({
      name: `Org ${unique()}`,
      admin: { email: `signup-${unique()}@example.test`, name: 'Admin', password: 'a long signup passphrase' },
    }),
    expect: everyone(201),
  },
  {
    route: 'POST /api/v1/auth/login',
    body: () => ({ email: `nobody-${unique()}@example.test`, password: 'not the password at all' }),
    expect: everyone(401),
  },
  // Browser sessions live in a cookie, not the bearer token.
  // Without a session cookie nobody is signed in in that browser: refresh answers 204 (not an error), logout is a no-op.
  { route: 'POST /api/v1/auth/refresh', expect: everyone(204) },
  { route: 'POST /api/v1/auth/logout', endsToken: true, expect: everyone(204) },
  {
    route: 'POST /api/v1/auth/password-reset',
    body: () => ({ email: `nobody-${unique()}@example.test` }),
    expect: everyone(202),
  },
  {
    route: 'POST /api/v1/auth/password-reset/confirm',
    body: () => ({ token: 'A'.repeat(43), password: 'a long enough passphrase' }),
    expect: everyone(400),
  },
  { route: 'GET /api/v1/me', expect: statuses(200, 200, 200, 200, 200, 200, 200) },
  {
    route: 'POST /api/v1/users',
    body: () => ({
      email: `new-${unique()}@example.test`,
      name: 'New Person',
      roles: ['mentee'],
      password: 'another long passphrase',
    }),
    expect: hrCollection(201),
  },
  { route: 'GET /api/v1/users', expect: hrCollection(200) },
  { route: 'GET /api/v1/users/{id}', path: (w) => `/api/v1/users/${w.sibling.userId}`, expect: hrObject },
  {
    // A person of organization A who has not accepted their invitation yet (a new one per caller).
    route: 'POST /api/v1/users/{id}/invitation',
    path: async (w, f) => {
      const user = await f.user(w.orgA.id, ['mentee']);
      await f.pool.query('UPDATE users SET invited_at = now() WHERE id = $1', [user.id]);
      return `/api/v1/users/${user.id}/invitation`;
    },
    expect: hrObject,
  },
  {
    route: 'PATCH /api/v1/users/{id}',
    path: (w) => `/api/v1/users/${w.sibling.userId}`,
    body: () => ({ name: `Renamed ${unique()}` }),
    expect: hrObject,
  },
  {
    route: 'POST /api/v1/mentees',
    body: async (w, f) => ({ userId: (await f.user(w.orgA.id, ['mentee'])).id, managerId: w.manager.id }),
    // Organization B's HR names users of A: invisible, so 404.
    expect: statuses(201, 403, 403, 403, 403, 403, 404),
  },
  { route: 'GET /api/v1/mentees', expect: statuses(200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/v1/mentees/{id}', expect: menteeRead },
  {
    route: 'PATCH /api/v1/mentees/{id}',
    body: () => ({ department: `Dept ${unique()}` }),
    expect: statuses(200, 200, 403, 404, 403, 403, 404),
  },
  { route: 'GET /api/v1/mentees/{id}/phase-history', expect: menteeRead },
  { route: 'GET /api/v1/audit-events', expect: hrCollection(200) },
  { route: 'GET /api/v1/audit-events/actions', expect: hrCollection(200) },
  { route: 'GET /api/v1/mail-deliveries', expect: hrCollection(200) },
  // Everyone's own switches; the unsubscribe link is public and bound to its token (a forged one: 400).
  // Data-subject requests: everyone downloads their own data; HR answers for someone, erases, sets retention.
  { route: 'GET /api/v1/me/export', expect: statuses(200, 200, 200, 200, 200, 200, 200) },
  {
    route: 'GET /api/v1/users/{id}/export',
    path: (w) => `/api/v1/users/${w.sibling.userId}/export?reason=matrix`,
    expect: hrObject,
  },
  {
    route: 'POST /api/v1/users/{id}/erasure',
    path: async (w, f) => `/api/v1/users/${(await f.user(w.orgA.id, ['mentee'])).id}/erasure`,
    body: () => ({ reason: 'matrix', confirm: true }),
    expect: hrObject,
  },
  {
    route: 'PUT /api/v1/organization/retention',
    body: () => ({ erasureAfterMonths: null }),
    expect: hrCollection(200),
  },
  { route: 'GET /api/v1/organization/retention/preview', expect: hrCollection(200) },
  { route: 'GET /api/v1/me/notifications', expect: statuses(200, 200, 200, 200, 200, 200, 200) },
  {
    route: 'PATCH /api/v1/me/notifications',
    body: () => ({ weeklyDigest: true }),
    expect: statuses(200, 200, 200, 200, 200, 200, 200),
  },
  {
    route: 'POST /api/v1/notifications/unsubscribe',
    path: () => `/api/v1/notifications/unsubscribe?token=${'A'.repeat(40)}.${'B'.repeat(43)}`,
    expect: everyone(400),
  },
  // Webhooks are the organization's integrations: HR alone.
  {
    route: 'POST /api/v1/webhooks',
    body: () => ({ url: `https://${WEBHOOK_TEST_HOST}/${unique()}`, events: ['feedback.created'] }),
    expect: hrCollection(201),
  },
  { route: 'GET /api/v1/webhooks', expect: hrCollection(200) },
  { route: 'GET /api/v1/webhooks/{id}', path: webhookPath(''), expect: hrObject },
  {
    route: 'PATCH /api/v1/webhooks/{id}',
    path: webhookPath(''),
    body: () => ({ description: `Renamed ${unique()}` }),
    expect: hrObject,
  },
  { route: 'DELETE /api/v1/webhooks/{id}', path: webhookPath(''), expect: statuses(204, 403, 403, 403, 403, 403, 404) },
  { route: 'POST /api/v1/webhooks/{id}/secret', path: webhookPath('/secret'), expect: hrObject },
  { route: 'GET /api/v1/webhooks/{id}/deliveries', path: webhookPath('/deliveries'), expect: hrObject },
  {
    route: 'POST /api/v1/webhooks/{id}/test',
    path: webhookPath('/test'),
    expect: statuses(202, 403, 403, 403, 403, 403, 404),
  },
  // Single sign-on: HR configures it; the sign-in routes are public (the callback always redirects).
  {
    route: 'PUT /api/v1/sso',
    // A provider Leadpath may not reach (plain http): HR gets as far as validation.
    body: () => ({
      issuer: 'http://idp.example.test',
      clientId: 'c',
      clientSecret: 's',
      domains: [`d${unique()}.example.test`],
      requireSso: false,
      jitProvisioning: false,
    }),
    expect: hrCollection(400),
  },
  {
    route: 'GET /api/v1/sso',
    path: async (w, f) => {
      await f.ssoConfig(w.orgA.id);
      return '/api/v1/sso';
    },
    // Organization B has no configuration.
    expect: statuses(200, 403, 403, 403, 403, 403, 404),
  },
  {
    route: 'DELETE /api/v1/sso',
    path: async (w, f) => {
      await f.ssoConfig(w.orgA.id);
      return '/api/v1/sso';
    },
    expect: statuses(204, 403, 403, 403, 403, 403, 404),
  },
  {
    route: 'GET /api/v1/auth/sso/discover',
    path: () => '/api/v1/auth/sso/discover?email=a@nowhere.example.test',
    expect: everyone(200),
  },
  {
    route: 'GET /api/v1/auth/sso/start',
    path: () => '/api/v1/auth/sso/start?email=a@nowhere.example.test',
    expect: everyone(404),
  },
  { route: 'GET /api/v1/auth/sso/callback', expect: everyone(302) },

  // One-on-ones: the line manager or mentor schedules; a meeting is its holder's and the mentee's
  // (here held by the line manager, so the mentor is a stranger to it); HR sees dates only, and
  // none of the content routes (403 by role).
  {
    route: 'POST /api/v1/mentees/{id}/meetings',
    body: () => ({
      startsAt: '2026-03-03T09:30',
      durationMinutes: 30,
      timeZone: 'Europe/Berlin',
      recurrence: 'FREQ=WEEKLY',
    }),
    expect: statuses(403, 201, 201, 404, 403, 403, 403),
  },
  {
    route: 'GET /api/v1/mentees/{id}/meetings',
    path: (w) => `/api/v1/mentees/${w.target.id}/meetings?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`,
    expect: menteeRead,
  },
  {
    route: 'GET /api/v1/meetings',
    path: () => '/api/v1/meetings?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z',
    expect: statuses(403, 200, 200, 200, 200, 200, 403),
  },
  {
    route: 'GET /api/v1/meetings/{id}',
    path: async (w, f) => `/api/v1/meetings/${await f.meeting(w.target, w.manager.id)}`,
    expect: statuses(200, 200, 404, 404, 200, 404, 404),
  },
  {
    route: 'PATCH /api/v1/meetings/{id}',
    path: async (w, f) => `/api/v1/meetings/${await f.meeting(w.target, w.manager.id)}`,
    body: () => ({ scope: 'occurrence', durationMinutes: 45 }),
    expect: statuses(403, 200, 404, 404, 403, 403, 403),
  },
  {
    route: 'DELETE /api/v1/meetings/{id}',
    path: async (w, f) => `/api/v1/meetings/${await f.meeting(w.target, w.manager.id)}?scope=occurrence`,
    expect: statuses(403, 204, 404, 404, 403, 403, 403),
  },
  {
    route: 'GET /api/v1/meetings/{id}/suggestions',
    path: async (w, f) => `/api/v1/meetings/${await f.meeting(w.target, w.manager.id)}/suggestions`,
    expect: statuses(403, 200, 404, 404, 200, 404, 403),
  },
  {
    route: 'POST /api/v1/meetings/{id}/agenda-items',
    path: async (w, f) => `/api/v1/meetings/${await f.meeting(w.target, w.manager.id)}/agenda-items`,
    body: () => ({ text: `Point ${unique()}` }),
    expect: statuses(403, 201, 404, 404, 201, 404, 403),
  },
  {
    route: 'PATCH /api/v1/meetings/{id}/agenda-items/{itemId}',
    path: async (w, f) => {
      const meeting = await f.meeting(w.target, w.manager.id);
      return `/api/v1/meetings/${meeting}/agenda-items/${await f.agendaItem(w.orgA.id, meeting, w.manager.id)}`;
    },
    body: () => ({ done: true }),
    expect: statuses(403, 200, 404, 404, 200, 404, 403),
  },
  {
    route: 'DELETE /api/v1/meetings/{id}/agenda-items/{itemId}',
    path: async (w, f) => {
      const meeting = await f.meeting(w.target, w.manager.id);
      return `/api/v1/meetings/${meeting}/agenda-items/${await f.agendaItem(w.orgA.id, meeting, w.manager.id)}`;
    },
    // Only its author removes a point.
    expect: statuses(403, 204, 404, 404, 403, 404, 403),
  },
  {
    route: 'POST /api/v1/meetings/{id}/action-items',
    path: async (w, f) => `/api/v1/meetings/${await f.meeting(w.target, w.manager.id)}/action-items`,
    body: (w) => ({ text: `Action ${unique()}`, ownerId: w.target.userId }),
    expect: statuses(403, 201, 404, 404, 201, 404, 403),
  },
  {
    route: 'PATCH /api/v1/meetings/{id}/action-items/{itemId}',
    path: async (w, f) => {
      const meeting = await f.meeting(w.target, w.manager.id);
      return `/api/v1/meetings/${meeting}/action-items/${await f.actionItem(w.orgA.id, meeting, w.target.userId)}`;
    },
    body: () => ({ done: true }),
    expect: statuses(403, 200, 404, 404, 200, 404, 403),
  },
  {
    route: 'POST /api/v1/meetings/{id}/outcome',
    path: async (w, f) => `/api/v1/meetings/${await f.meeting(w.target, w.manager.id)}/outcome`,
    body: () => ({ visibility: 'shared', ratings: [], nextSteps: `Next ${unique()}` }),
    expect: statuses(403, 201, 404, 404, 403, 403, 403),
  },
  // People imports create and change accounts in bulk: HR alone.
  {
    route: 'POST /api/v1/imports/people',
    body: () => ({ csv: 'email,name,roles\n' }),
    expect: hrCollection(201),
  },
  {
    route: 'GET /api/v1/imports/{id}',
    path: async (w, f) => `/api/v1/imports/${await f.peopleImport(w.orgA.id)}`,
    expect: hrObject,
  },
  {
    route: 'POST /api/v1/imports/{id}/apply',
    path: async (w, f) => `/api/v1/imports/${await f.peopleImport(w.orgA.id)}/apply`,
    expect: hrObject,
  },
  // The instance's backups and their verification: HR alone (the public /health says up or down).
  { route: 'GET /api/v1/health/details', expect: hrCollection(200) },
  // Provisioning tokens and the group → role map belong to HR.
  { route: 'POST /api/v1/scim-tokens', body: () => ({ name: `IdP ${unique()}` }), expect: hrCollection(201) },
  { route: 'GET /api/v1/scim-tokens', expect: hrCollection(200) },
  {
    route: 'DELETE /api/v1/scim-tokens/{id}',
    path: async (w, f) => `/api/v1/scim-tokens/${(await f.scimToken(w.orgA.id)).id}`,
    expect: statuses(204, 403, 403, 403, 403, 403, 404),
  },
  { route: 'GET /api/v1/scim/group-roles', expect: hrCollection(200) },
  { route: 'PUT /api/v1/scim/group-roles', body: () => ({}), expect: hrCollection(200) },

  { route: 'GET /api/v1/framework', expect: statuses(200, 200, 200, 200, 200, 200, 200) },
  {
    route: 'POST /api/v1/framework/competencies',
    body: () => ({ key: `skill_${unique().replace(/-/g, '_')}`, name: 'A new skill' }),
    expect: hrCollection(201),
  },
  {
    route: 'PATCH /api/v1/framework/competencies/{id}',
    path: async (w, f) => `/api/v1/framework/competencies/${await f.competencyId(w.orgA.id, 'budgeting')}`,
    body: () => ({ description: `Reworded ${unique()}` }),
    expect: hrObject,
  },
  {
    route: 'POST /api/v1/framework/milestones',
    body: () => ({ key: `step_${unique().replace(/-/g, '_')}`, phase: 'lead_without_title', title: 'A new step' }),
    expect: hrCollection(201),
  },
  {
    route: 'PATCH /api/v1/framework/milestones/{id}',
    path: async (w, f) => `/api/v1/framework/milestones/${await f.templateId(w.orgA.id, 'mentor_junior')}`,
    body: () => ({ description: `Reworded ${unique()}` }),
    expect: hrObject,
  },
  { route: 'GET /api/v1/framework/export', expect: hrCollection(200) },
  {
    route: 'POST /api/v1/framework/import',
    body: () => ({
      content:
        '---\nlevels: 2\ntopics:\n  - name: matrix_topic\n    title: Matrix topic\n    content:\n      - level: 1\n        criteria: [Shows up]\n---\n',
    }),
    expect: hrCollection(201),
  },
  {
    route: 'POST /api/v1/framework/import/{id}/apply',
    // A preview of the organization's own export: applying it changes nothing else.
    path: async (w, f) => `/api/v1/framework/import/${await f.frameworkPreview(w.hr.token)}/apply`,
    expect: hrObject,
  },
  {
    route: 'PATCH /api/v1/framework/settings',
    body: () => ({ staleFeedbackDays: 30 }),
    expect: hrCollection(200),
  },

  { route: 'GET /api/v1/mentees/{id}/milestones', expect: menteeRead },
  {
    route: 'PUT /api/v1/mentees/{id}/milestones/{templateId}',
    path: async (w, f) =>
      `/api/v1/mentees/${w.target.id}/milestones/${await f.templateId(w.orgA.id, 'run_meetings_facilitate_decisions')}`,
    body: () => ({ status: 'in_progress', evidence: { text: 'Started' } }),
    // Recording is for the mentee and the line manager; HR verifies but does not record.
    expect: statuses(403, 200, 403, 404, 200, 404, 403),
  },
  {
    route: 'POST /api/v1/mentees/{id}/milestones/{templateId}/verify',
    path: async (w, f) =>
      `/api/v1/mentees/${w.target.id}/milestones/${await f.milestone(w.target, 'completed')}/verify`,
    expect: statuses(200, 200, 403, 404, 403, 403, 404),
  },
  {
    route: 'POST /api/v1/mentees/{id}/milestones/{templateId}/revoke',
    path: async (w, f) => `/api/v1/mentees/${w.target.id}/milestones/${await f.milestone(w.target, 'verified')}/revoke`,
    body: () => ({ reason: 'The evidence link was to the wrong project' }),
    expect: statuses(200, 403, 403, 403, 403, 403, 404),
  },

  {
    route: 'POST /api/v1/mentees/{id}/goals',
    body: () => ({ title: `Goal ${unique()}`, competency: 'communication' }),
    expect: statuses(201, 201, 403, 404, 201, 404, 404),
  },
  { route: 'GET /api/v1/mentees/{id}/goals', expect: menteeRead },
  { route: 'GET /api/v1/goals/{id}', path: (w) => `/api/v1/goals/${w.goal}`, expect: menteeRead },
  {
    route: 'PATCH /api/v1/goals/{id}',
    path: (w) => `/api/v1/goals/${w.goal}`,
    body: () => ({ title: `Renamed ${unique()}` }),
    expect: statuses(200, 200, 403, 404, 200, 404, 404),
  },
  {
    route: 'POST /api/v1/goals/{id}/check-ins',
    path: (w) => `/api/v1/goals/${w.goal}/check-ins`,
    body: () => ({ progress: 40, note: 'Halfway there' }),
    expect: statuses(201, 201, 403, 404, 201, 404, 404),
  },
  { route: 'GET /api/v1/goals/{id}/check-ins', path: (w) => `/api/v1/goals/${w.goal}/check-ins`, expect: menteeRead },
  {
    route: 'POST /api/v1/goals/{id}/confirm',
    // A fresh claim each time: the mentee marked it achieved; the line manager or HR confirms.
    path: async (w, f) => `/api/v1/goals/${await f.goal(w.target, w.target.userId, { status: 'achieved' })}/confirm`,
    // A mentee's role never confirms: 403 before any lookup, as for every function a role lacks.
    expect: statuses(200, 200, 403, 404, 403, 403, 404),
  },

  {
    route: 'POST /api/v1/mentees/{id}/feedback',
    body: () => ({
      occurredOn: '2026-11-02',
      visibility: 'shared',
      ratings: [{ competency: 'delegation', rating: 3 }],
    }),
    // The line manager and the mentor write; HR and mentees never do.
    expect: statuses(403, 201, 201, 404, 403, 403, 403),
  },
  { route: 'GET /api/v1/mentees/{id}/feedback', expect: menteeRead },
  { route: 'GET /api/v1/feedback/{id}', path: (w) => `/api/v1/feedback/${w.sharedFeedback}`, expect: menteeRead },
  {
    route: 'PATCH /api/v1/feedback/{id}',
    path: (w) => `/api/v1/feedback/${w.sharedFeedback}`,
    body: () => ({ nextSteps: `Edited ${unique()}` }),
    // Only the author edits; everyone else who sees the entry gets 403.
    expect: statuses(403, 200, 403, 404, 403, 404, 404),
  },
  {
    route: 'POST /api/v1/feedback/{id}/acknowledge',
    path: (w) => `/api/v1/feedback/${w.sharedFeedback}/acknowledge`,
    expect: statuses(403, 403, 403, 403, 200, 404, 403),
  },
  {
    route: 'GET /api/v1/feedback/{id}/revisions',
    path: (w) => `/api/v1/feedback/${w.sharedFeedback}/revisions`,
    expect: statuses(403, 200, 403, 404, 403, 404, 404),
  },

  {
    route: 'POST /api/v1/mentees/{id}/assessments',
    body: (_w, _f, actor) => ({
      kind: actor === 'self' || actor === 'otherMentee' ? 'self' : 'manager',
      answers: ANSWERS,
    }),
    expect: statuses(403, 201, 403, 404, 201, 404, 403),
  },
  { route: 'GET /api/v1/mentees/{id}/assessments', expect: menteeRead },

  { route: 'GET /api/v1/mentees/{id}/readiness', expect: menteeRead },
  { route: 'GET /api/v1/mentees/{id}/progress', expect: menteeRead },

  { route: 'GET /api/v1/reports/readiness.csv', expect: hrCollection(200) },
  { route: 'GET /api/v1/reports/summary', expect: hrCollection(200) },
  { route: 'GET /api/v1/reports/heatmap/managers', expect: hrCollection(200) },
  { route: 'GET /api/v1/reports/departments', expect: hrCollection(200) },
  // The whole organization in one archive: HR alone, each of their own organization.
  { route: 'GET /api/v1/organization/export', expect: hrCollection(200) },
  { route: 'GET /api/v1/reports/rater-severity', expect: hrCollection(200) },
  { route: 'POST /api/v1/reports/rater-severity/recompute', expect: hrCollection(202) },
  // HR, the line manager and the mentee; a mentor reads the mentee but does not get the report.
  { route: 'GET /api/v1/mentees/{id}/report.pdf', expect: statuses(200, 200, 403, 404, 200, 404, 404) },

  {
    route: 'POST /api/v1/mentees/{id}/assignments',
    body: () => ({
      title: `Assignment ${unique()}`,
      kind: 'lead_project',
      competencies: ['communication'],
      startsOn: '2026-11-02',
    }),
    // The mentee and the line manager run assignments; HR and the mentor read them, and an HR
    // admin elsewhere lacks the function before anything is looked up.
    expect: statuses(403, 201, 403, 404, 201, 404, 403),
  },
  { route: 'GET /api/v1/mentees/{id}/assignments', expect: menteeRead },
  {
    route: 'GET /api/v1/assignments/{id}',
    path: async (w, f) => `/api/v1/assignments/${await assignmentOf(w, f)}`,
    expect: menteeRead,
  },
  {
    route: 'PATCH /api/v1/assignments/{id}',
    path: async (w, f) => `/api/v1/assignments/${await assignmentOf(w, f)}`,
    body: () => ({ title: `Renamed ${unique()}` }),
    expect: statuses(403, 200, 403, 404, 200, 404, 403),
  },
  {
    route: 'POST /api/v1/assignments/{id}/feedback-requests',
    path: async (w, f) => `/api/v1/assignments/${await assignmentOf(w, f)}/feedback-requests`,
    body: () => ({ respondents: [{ email: `led-${unique()}@example.test`, name: 'Led Person' }] }),
    expect: statuses(403, 201, 403, 404, 201, 404, 403),
  },
  {
    route: 'GET /api/v1/assignments/{id}/feedback-requests',
    path: async (w, f) => `/api/v1/assignments/${await assignmentOf(w, f)}/feedback-requests`,
    // Who was asked: those who ask, and HR, who approves; not the mentor.
    expect: statuses(200, 200, 403, 404, 200, 404, 404),
  },
  {
    route: 'POST /api/v1/assignments/{id}/feedback-requests/decisions',
    path: async (w, f) => `/api/v1/assignments/${await assignmentOf(w, f)}/feedback-requests/decisions`,
    // A pending outside address of its own for each caller, so every allowed caller has one to decide.
    body: async (w, f) => ({
      requestIds: [await pendingRequestOf(w, f)],
      decision: 'approve',
    }),
    // The line manager and HR approve; a mentee never approves (the function is not theirs).
    expect: statuses(200, 200, 403, 404, 403, 403, 404),
  },
  {
    route: 'GET /api/v1/assignments/{id}/respondent-candidates',
    path: async (w, f) => `/api/v1/assignments/${await assignmentOf(w, f)}/respondent-candidates`,
    // Only those who may ask see whom they could ask.
    expect: statuses(403, 200, 403, 404, 200, 404, 403),
  },
  {
    route: 'GET /api/v1/assignments/{id}/results',
    path: async (w, f) => `/api/v1/assignments/${await assignmentOf(w, f)}/results`,
    expect: menteeRead,
  },
  // Anyone signed in may be one of the people led; the list holds only their own requests.
  { route: 'GET /api/v1/me/feedback-requests', expect: statuses(200, 200, 200, 200, 200, 200, 200) },
  // Everyone reads their own inbox; the route names nobody else, so nobody reads another's.
  { route: 'GET /api/v1/me/inbox', expect: statuses(200, 200, 200, 200, 200, 200, 200) },
  // The link is the key: whoever holds one opens its request, signed in or not.
  {
    route: 'GET /api/v1/respond/{token}',
    path: async (w, f) => `/api/v1/respond/${await f.feedbackLink(w.orgA.id, await assignmentOf(w, f))}`,
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/respond/{token}',
    path: async (w, f) => `/api/v1/respond/${await f.feedbackLink(w.orgA.id, await assignmentOf(w, f))}`,
    body: () => ({
      ratings: [
        { competency: 'communication', rating: 4 },
        { competency: 'delegation', rating: 3 },
      ],
    }),
    expect: everyone(204),
  },

  // Talent reviews: HR runs cycles and decides; the line manager nominates; calibrators pre-rate
  // (never their own nominees: the line manager calibrates this cycle too); the nominee sees status.
  {
    route: 'POST /api/v1/talent-reviews',
    body: (w, _f, actor) => ({
      name: `Review ${unique()}`,
      targetPhase: 'first_management_role',
      closesOn: '2099-12-31',
      calibratorIds: [actor === 'otherOrgHr' ? w.hrB.id : w.hr.id],
    }),
    expect: hrCollection(201),
  },
  { route: 'GET /api/v1/talent-reviews', expect: statuses(200, 200, 200, 200, 200, 200, 200) },
  {
    route: 'GET /api/v1/talent-reviews/{id}',
    path: async (w, f) => `/api/v1/talent-reviews/${await f.talentReview(w)}`,
    expect: statuses(200, 200, 200, 200, 200, 200, 404),
  },
  {
    route: 'POST /api/v1/talent-reviews/{id}/close',
    path: async (w, f) => `/api/v1/talent-reviews/${await f.talentReview(w)}/close`,
    expect: hrObject,
  },
  {
    route: 'POST /api/v1/talent-reviews/{id}/pre-ratings/close',
    path: async (w, f) => `/api/v1/talent-reviews/${await f.talentReview(w)}/pre-ratings/close`,
    expect: hrObject,
  },
  {
    route: 'POST /api/v1/talent-reviews/{id}/nominations',
    path: async (w, f) => `/api/v1/talent-reviews/${await f.talentReview(w)}/nominations`,
    body: (w) => ({ menteeId: w.target.id, case: 'Ran the guild for a year.' }),
    expect: statuses(403, 201, 403, 404, 403, 403, 403),
  },
  {
    route: 'GET /api/v1/talent-reviews/{id}/nominations',
    path: async (w, f) => `/api/v1/talent-reviews/${(await f.talentNomination(w)).reviewId}/nominations`,
    expect: statuses(200, 200, 200, 200, 200, 200, 404),
  },
  {
    route: 'GET /api/v1/talent-reviews/{id}/nominations/{nominationId}',
    path: async (w, f) => {
      const { reviewId, nominationId } = await f.talentNomination(w);
      return `/api/v1/talent-reviews/${reviewId}/nominations/${nominationId}`;
    },
    // HR, the line manager, a calibrator (the mentor) and the nominee; nobody else.
    expect: statuses(200, 200, 200, 404, 200, 404, 404),
  },
  {
    route: 'GET /api/v1/talent-reviews/{id}/nominations/{nominationId}/packet.pdf',
    path: async (w, f) => {
      const { reviewId, nominationId } = await f.talentNomination(w);
      return `/api/v1/talent-reviews/${reviewId}/nominations/${nominationId}/packet.pdf`;
    },
    // The nominee sees the status and decision, not the packet.
    expect: statuses(200, 200, 200, 404, 403, 404, 404),
  },
  {
    route: 'POST /api/v1/talent-reviews/{id}/nominations/{nominationId}/pre-ratings',
    path: async (w, f) => {
      const { reviewId, nominationId } = await f.talentNomination(w);
      return `/api/v1/talent-reviews/${reviewId}/nominations/${nominationId}/pre-ratings`;
    },
    body: () => ({ readiness: 'ready_now', competencies: [{ competency: 'communication', rating: 4 }] }),
    // The line manager is a calibrator of the cycle but never of their own nominee.
    expect: statuses(200, 403, 200, 404, 403, 403, 404),
  },
  {
    route: 'POST /api/v1/talent-reviews/{id}/nomination-requests',
    path: async (w, f) => `/api/v1/talent-reviews/${await f.talentReview(w)}/nomination-requests`,
    body: () => ({ note: 'I would like to be considered.' }),
    expect: statuses(403, 403, 403, 403, 201, 201, 403),
  },
  {
    route: 'GET /api/v1/talent-reviews/{id}/nomination-requests',
    path: async (w, f) => `/api/v1/talent-reviews/${await f.talentReview(w)}/nomination-requests`,
    expect: statuses(200, 200, 200, 200, 200, 200, 404),
  },
  {
    route: 'POST /api/v1/talent-reviews/{id}/nomination-requests/{requestId}/accept',
    path: async (w, f) => `${await f.talentRequest(w)}/accept`,
    body: () => ({ case: 'Ran the guild for a year.' }),
    expect: statuses(403, 200, 403, 404, 403, 403, 403),
  },
  {
    route: 'POST /api/v1/talent-reviews/{id}/nomination-requests/{requestId}/decline',
    path: async (w, f) => `${await f.talentRequest(w)}/decline`,
    body: () => ({ reason: 'Lead the on-call rotation first.' }),
    expect: statuses(403, 200, 403, 404, 403, 403, 403),
  },
  {
    route: 'POST /api/v1/talent-reviews/{id}/decisions',
    // The body names the nomination, so the body (made first) makes it and the path follows it.
    body: async (w, f) => {
      lastNomination = await f.talentNomination(w);
      return {
        nominationId: lastNomination.nominationId,
        decision: 'withdrawn',
        reason: 'Moved to another team.',
        evidence: [{ kind: 'goal', id: w.goal }],
      };
    },
    path: () => `/api/v1/talent-reviews/${lastNomination!.reviewId}/decisions`,
    expect: statuses(201, 403, 403, 403, 403, 403, 404),
  },
];

/** One assignment of the target mentee per world, made on first use. */
const assignments = new WeakMap<World, Promise<string>>();
const assignmentOf = (w: World, f: Factory) => {
  if (!assignments.has(w)) assignments.set(w, f.assignment(w.target, w.manager.id));
  return assignments.get(w)!;
};

/** A new outside address the target mentee asked on the world's assignment, waiting for approval. */
const pendingRequestOf = async (w: World, f: Factory): Promise<string> => {
  const { rows } = await f.pool.query<{ id: string }>(
    `INSERT INTO feedback_requests (organization_id, assignment_id, email, email_key, name, respondent_key, approval,
                                    token_hash, expires_at, requested_by)
     SELECT a.organization_id, a.id, $2::varchar, $2::varchar, 'Outside', 'email:' || $2::varchar, 'pending',
            md5($2::varchar) || md5($2::varchar), now() + interval '14 days', $3
       FROM assignments a WHERE a.id = $1 RETURNING id`,
    [await assignmentOf(w, f), `pending-${unique()}@elsewhere.test`, w.target.userId],
  );
  return rows[0].id;
};

/** Fills `{id}` with the target mentee unless the row says otherwise. */
export async function pathOf(row: MatrixRow, w: World, f: Factory): Promise<string> {
  if (row.path) return row.path(w, f);
  return row.route.split(' ')[1].replace('{id}', w.target.id);
}

/**
 * Relations the main matrix cannot express with one caller per column: someone acting on their
 * own record while holding every role (self-sign-off: 403), and someone whose relation to the
 * mentee ended (a former line manager, a former mentor, a demoted manager: 404 on everything,
 * the entries they wrote included).
 */
export interface Relations {
  /** hr_admin + manager + mentee, enrolled as `own` under `w.manager`. */
  boss: TestUser;
  own: TestMentee;
  /** `moved` was managed by `formerManager` and mentored by `formerMentor`; both relations ended. */
  moved: TestMentee;
  formerManager: TestUser;
  formerMentor: TestUser;
  /** `demoted` still manages `kept` on paper but lost the manager role. */
  demoted: TestUser;
  kept: TestMentee;
  byFormerManager: { shared: string; private: string };
  byFormerMentor: string;
  byDemoted: string;
}

export async function buildRelations(w: World, f: Factory): Promise<Relations> {
  const pool = f.pool;
  const boss = await f.user(w.orgA.id, ['hr_admin', 'manager', 'mentee']);
  const own = await f.mentee(w.orgA.id, { managerId: w.manager.id, user: boss });
  const formerManager = await f.user(w.orgA.id, ['manager']);
  const formerMentor = await f.user(w.orgA.id, ['manager']);
  const moved = await f.mentee(w.orgA.id, { managerId: formerManager.id, mentorId: formerMentor.id });
  const byFormerManager = {
    shared: await f.feedback(moved, formerManager.id, { visibility: 'shared' }),
    private: await f.feedback(moved, formerManager.id, { visibility: 'private' }),
  };
  const byFormerMentor = await f.feedback(moved, formerMentor.id, { visibility: 'shared', authorRole: 'mentor' });
  const newManager = await f.user(w.orgA.id, ['manager']);
  await pool.query('UPDATE mentees SET manager_id = $2, mentor_id = NULL WHERE id = $1', [moved.id, newManager.id]);
  await f.syncReadiness(w.orgA.id);
  const demotedUser = await f.user(w.orgA.id, ['manager']);
  const kept = await f.mentee(w.orgA.id, { managerId: demotedUser.id });
  const byDemoted = await f.feedback(kept, demotedUser.id, { visibility: 'shared' });
  await pool.query(`UPDATE users SET roles = '{mentee}' WHERE id = $1`, [demotedUser.id]);
  const demoted = { ...demotedUser, roles: ['mentee' as const], token: f.token(demotedUser.id, w.orgA.id) };
  return { boss, own, moved, formerManager, formerMentor, demoted, kept, byFormerManager, byFormerMentor, byDemoted };
}

export interface RelationRow {
  name: string;
  /** The operation, as named in MATRIX. */
  route: string;
  caller: (r: Relations) => TestUser;
  path: (r: Relations, w: World, f: Factory) => Promise<string> | string;
  body?: (r: Relations, w: World) => object;
  expect: number;
}

const formerCallers: [string, (r: Relations) => TestUser, (r: Relations) => string][] = [
  ['former line manager', (r) => r.formerManager, (r) => r.byFormerManager.shared],
  ['former line manager (private note)', (r) => r.formerManager, (r) => r.byFormerManager.private],
  ['former mentor', (r) => r.formerMentor, (r) => r.byFormerMentor],
  ['demoted manager', (r) => r.demoted, (r) => r.byDemoted],
];

export const RELATION_MATRIX: RelationRow[] = [
  {
    name: 'self-sign-off: verify own milestone',
    route: 'POST /api/v1/mentees/{id}/milestones/{templateId}/verify',
    caller: (r) => r.boss,
    path: async (r, _w, f) => `/api/v1/mentees/${r.own.id}/milestones/${await f.milestone(r.own, 'completed')}/verify`,
    expect: 403,
  },
  {
    name: 'self-sign-off: revoke own milestone',
    route: 'POST /api/v1/mentees/{id}/milestones/{templateId}/revoke',
    caller: (r) => r.boss,
    path: async (r, _w, f) => `/api/v1/mentees/${r.own.id}/milestones/${await f.milestone(r.own, 'verified')}/revoke`,
    body: () => ({ reason: 'I would rather redo it' }),
    expect: 403,
  },
  {
    name: 'self-sign-off: confirm own goal',
    route: 'POST /api/v1/goals/{id}/confirm',
    caller: (r) => r.boss,
    path: async (r, _w, f) => `/api/v1/goals/${await f.goal(r.own, r.boss.id, { status: 'achieved' })}/confirm`,
    expect: 403,
  },
  {
    name: 'self-sign-off: approve the outside people asked about own assignment',
    route: 'POST /api/v1/assignments/{id}/feedback-requests/decisions',
    caller: (r) => r.boss,
    path: async (r, _w, f) => `/api/v1/assignments/${await f.assignment(r.own, r.boss.id)}/feedback-requests/decisions`,
    body: () => ({ requestIds: ['00000000-0000-4000-8000-000000000000'], decision: 'approve' }),
    expect: 403,
  },
  {
    name: 'self-sign-off: drop a goal the manager set',
    route: 'PATCH /api/v1/goals/{id}',
    caller: (r) => r.boss,
    path: async (r, w, f) => `/api/v1/goals/${await f.goal(r.own, w.manager.id)}`,
    body: () => ({ status: 'dropped' }),
    expect: 403,
  },
  {
    name: 'self-sign-off: move own phase',
    route: 'PATCH /api/v1/mentees/{id}',
    caller: (r) => r.boss,
    path: (r) => `/api/v1/mentees/${r.own.id}`,
    body: () => ({ phase: 'first_management_role' }),
    expect: 403,
  },
  {
    name: 'self-sign-off: choose own manager',
    route: 'PATCH /api/v1/mentees/{id}',
    caller: (r) => r.boss,
    path: (r) => `/api/v1/mentees/${r.own.id}`,
    body: (_r, w) => ({ managerId: w.otherManager.id }),
    expect: 403,
  },
  {
    name: 'self-sign-off: enrol oneself',
    route: 'POST /api/v1/mentees',
    caller: (r) => r.boss,
    path: () => '/api/v1/mentees',
    body: (r, w) => ({ userId: r.boss.id, managerId: w.otherManager.id }),
    expect: 403,
  },
  {
    name: 'self-sign-off: the manager assessment about oneself',
    route: 'POST /api/v1/mentees/{id}/assessments',
    caller: (r) => r.boss,
    path: (r) => `/api/v1/mentees/${r.own.id}/assessments`,
    body: () => ({ kind: 'manager', answers: ANSWERS }),
    expect: 403,
  },
  ...formerCallers.flatMap(([who, caller, entry]): RelationRow[] => [
    {
      name: `${who}: read the entry`,
      route: 'GET /api/v1/feedback/{id}',
      caller,
      path: (r) => `/api/v1/feedback/${entry(r)}`,
      expect: 404,
    },
    {
      name: `${who}: edit the entry`,
      route: 'PATCH /api/v1/feedback/{id}',
      caller,
      path: (r) => `/api/v1/feedback/${entry(r)}`,
      body: () => ({ ratings: [{ competency: 'communication', rating: 5 }] }),
      expect: 404,
    },
    {
      name: `${who}: hide the entry`,
      route: 'PATCH /api/v1/feedback/{id}',
      caller,
      path: (r) => `/api/v1/feedback/${entry(r)}`,
      body: () => ({ visibility: 'private' }),
      expect: 404,
    },
    {
      name: `${who}: read its revisions`,
      route: 'GET /api/v1/feedback/{id}/revisions',
      caller,
      path: (r) => `/api/v1/feedback/${entry(r)}/revisions`,
      expect: 404,
    },
  ]),
  {
    name: 'former line manager: list the mentee’s feedback',
    route: 'GET /api/v1/mentees/{id}/feedback',
    caller: (r) => r.formerManager,
    path: (r) => `/api/v1/mentees/${r.moved.id}/feedback`,
    expect: 404,
  },
  {
    name: 'former line manager: read the mentee',
    route: 'GET /api/v1/mentees/{id}',
    caller: (r) => r.formerManager,
    path: (r) => `/api/v1/mentees/${r.moved.id}`,
    expect: 404,
  },
];
