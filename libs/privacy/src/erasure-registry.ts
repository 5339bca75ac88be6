/**
 * What erasing a person does to every column that can hold their data: one declared strategy per
 * column, in one table. `test/privacy/erasure-registry` reads the catalog and fails when a column
 * that can hold a person's data (text, varchar, json, jsonb, citext, inet and arrays; uuid columns
 * referring to an account or a mentee record, or to nothing the database knows) has no strategy
 * here, so a new column cannot slip past erasure. The erasure itself (ErasureService) is driven by
 * this table: the `delete` rules with `names` and the `anonymize` rules are what it runs.
 *
 * The person's account row itself stays, anonymized: other people's records (feedback they wrote
 * as a manager, a goal they confirmed, the audit trail) point at it, and then resolve to
 * "Erased person" instead of them.
 */

/** What a column identifies: the person's account (`users.id`), their mentee record, or their address. */
export type Identifies = 'user' | 'mentee' | 'email';

/** What an anonymized column becomes. */
export type Replacement =
  | { kind: 'null' }
  | { kind: 'text'; value: string }
  /** `erased+<account id>@invalid`: unique like an address must be, and undeliverable (RFC 2606). */
  | { kind: 'erased-email' }
  /** A password hash that no password matches. */
  | { kind: 'unusable-password' }
  | { kind: 'empty-array' };

export type ColumnStrategy =
  /** The row is deleted where this column names the person. */
  | { strategy: 'delete'; names: Identifies }
  /** The row is deleted with the row this column references (ON DELETE CASCADE, checked by the test). */
  | { strategy: 'delete'; cascadeFrom: string }
  /** Deleted with its row (by another rule of its table); on someone else's row it is their data. */
  | { strategy: 'delete'; withRow: true }
  /** Replaced by `to` on the rows where `where` (or any of `orWhere`) names the person. */
  | {
      strategy: 'anonymize';
      where: { column: string; is: Identifies };
      orWhere?: { column: string; is: Identifies }[];
      to: Replacement;
    }
  /** JSON (or JSON text): every string value equal to the person's name or address is replaced. */
  | { strategy: 'anonymize'; scrub: 'json' | 'json-text' }
  /** Kept, with the legal basis (GDPR Art. 6/17(3)) or the reason it is not the person's data. */
  | { strategy: 'keep'; basis: string };

export type ErasureRegistry = Record<string, Record<string, ColumnStrategy>>;

/** The name erased people show under. */
export const ERASED_NAME = 'Erased person';

const withRow = { strategy: 'delete', withRow: true } as const;
const keep = (basis: string): ColumnStrategy => ({ strategy: 'keep', basis });
const code = keep('a code or state from a fixed list, not about a person');
const framework = keep("the organization's framework, not about a person");
const secret = keep('a hash or secret of the organization, not about a person');
const accountability = keep(
  'who did what in another record (accountability, Art. 5(2)); resolves to the anonymized account',
);
const byMentee = { strategy: 'delete', cascadeFrom: 'mentees' } as const;
const scrubJson = { strategy: 'anonymize', scrub: 'json' } as const;
const bySeries = { strategy: 'delete', cascadeFrom: 'meeting_series' } as const;
const byNomination = { strategy: 'delete', cascadeFrom: 'talent_nominations' } as const;
const operational = keep('an operational record of a backup run, no personal data in it');

export const ERASURE_REGISTRY: ErasureRegistry = {
  users: {
    name: { strategy: 'anonymize', where: { column: 'id', is: 'user' }, to: { kind: 'text', value: ERASED_NAME } },
    email: { strategy: 'anonymize', where: { column: 'id', is: 'user' }, to: { kind: 'erased-email' } },
    password_hash: { strategy: 'anonymize', where: { column: 'id', is: 'user' }, to: { kind: 'unusable-password' } },
    roles: { strategy: 'anonymize', where: { column: 'id', is: 'user' }, to: { kind: 'empty-array' } },
  },
  mentees: {
    user_id: { strategy: 'delete', names: 'user' },
    manager_id: keep(
      "another person's mentee record needs a line manager (HR reassigns); resolves to the anonymized account",
    ),
    mentor_id: { strategy: 'anonymize', where: { column: 'mentor_id', is: 'user' }, to: { kind: 'null' } },
    department: withRow,
    technical_foundation: withRow,
    phase: withRow,
    track: withRow,
  },
  phase_changes: {
    mentee_id: byMentee,
    changed_by: accountability,
    from_phase: withRow,
    to_phase: withRow,
    note: withRow,
  },
  mentee_milestones: {
    mentee_id: byMentee,
    recorded_by: accountability,
    verified_by: accountability,
    revoked_by: accountability,
    template_id: framework,
    status: withRow,
    evidence_text: withRow,
    evidence_links: withRow,
    revoke_reason: withRow,
  },
  goals: {
    mentee_id: byMentee,
    created_by: accountability,
    confirmed_by: accountability,
    title: withRow,
    description: withRow,
    competency_key: withRow,
    status: withRow,
  },
  goal_check_ins: { goal_id: { strategy: 'delete', cascadeFrom: 'goals' }, created_by: accountability, note: withRow },
  feedback: {
    mentee_id: byMentee,
    author_id: accountability,
    author_role: withRow,
    visibility: withRow,
    strengths: withRow,
    gaps: withRow,
    need_to_see: withRow,
    next_steps: withRow,
    meeting_id: withRow,
  },
  feedback_ratings: { feedback_id: { strategy: 'delete', cascadeFrom: 'feedback' }, competency_key: withRow },
  feedback_revisions: {
    feedback_id: { strategy: 'delete', cascadeFrom: 'feedback' },
    edited_by: accountability,
    snapshot: withRow,
  },
  assessments: {
    mentee_id: byMentee,
    author_id: accountability,
    kind: withRow,
    fit: withRow,
    suggestion: withRow,
    answers: withRow,
  },
  assignments: {
    mentee_id: byMentee,
    created_by: accountability,
    title: withRow,
    kind: withRow,
    description: withRow,
    competency_keys: withRow,
    status: withRow,
  },
  feedback_requests: {
    assignment_id: { strategy: 'delete', cascadeFrom: 'assignments' },
    requested_by: accountability,
    decided_by: accountability,
    approval: withRow,
    // Asked about someone else's assignment: the request stays (it counts toward their results),
    // without the person's name or address; their answer was anonymous from the start.
    name: {
      strategy: 'anonymize',
      where: { column: 'respondent_user_id', is: 'user' },
      to: { kind: 'text', value: ERASED_NAME },
    },
    email: { strategy: 'anonymize', where: { column: 'respondent_user_id', is: 'user' }, to: { kind: 'erased-email' } },
    email_key: {
      strategy: 'anonymize',
      where: { column: 'respondent_user_id', is: 'user' },
      to: { kind: 'erased-email' },
    },
    respondent_key: keep('a keyed hash of the address, not reversible; kept so a respondent is not asked twice'),
    respondent_user_id: {
      strategy: 'anonymize',
      where: { column: 'respondent_user_id', is: 'user' },
      to: { kind: 'null' },
    },
    token_hash: secret,
  },
  led_responses: {
    assignment_id: { strategy: 'delete', cascadeFrom: 'assignments' },
    went_well: withRow,
    could_help: withRow,
    ratings: withRow,
  },
  mentee_readiness: {
    mentee_id: byMentee,
    user_id: withRow,
    name: withRow,
    department: withRow,
    manager_id: keep("another mentee's read model, rebuilt from their record; resolves to the anonymized account"),
    mentor_id: { strategy: 'anonymize', where: { column: 'mentor_id', is: 'user' }, to: { kind: 'null' } },
    level: withRow,
    phase: withRow,
    track: withRow,
    c: withRow,
    g: withRow,
    m: withRow,
    self_suggestion: withRow,
    unverified: withRow,
    means: withRow,
    generation: withRow,
  },
  readiness_team_cells: {
    manager_id: keep('an aggregate of a team, no person in it; resolves to the anonymized account'),
    department: keep('an aggregate of a team, not about one person'),
    department_key: keep('an aggregate of a team, not about one person'),
    key: code,
    kind: code,
    total: keep('an aggregate of a team, not about one person'),
  },
  readiness_generations: { generation: keep('a counter, not about a person') },
  audit_events: {
    actor_id: keep(
      'the audit trail is kept (accountability, Art. 5(2) and 17(3)(e)); it holds ids and codes only, and the id resolves to the anonymized account',
    ),
    object_id: keep('the audit trail is kept; an id that resolves to the anonymized account or to a deleted record'),
    action: code,
    object_type: code,
    outcome: code,
    request_id: keep('a request correlation id, not about a person'),
    // The before and after values of an edit can hold a name or an address (a rename, a change of
    // address): cleared on every event about the person or made by them. The migration that lets
    // the append-only trail change this one column allows only clearing it.
    changes: {
      strategy: 'anonymize',
      where: { column: 'object_id', is: 'user' },
      orWhere: [
        { column: 'object_id', is: 'mentee' },
        { column: 'actor_id', is: 'user' },
      ],
      to: { kind: 'null' },
    },
  },
  backup_runs: {
    trigger: operational,
    kind: operational,
    file: operational,
    status: operational,
    migration_head: operational,
    verification: operational,
    error: operational,
  },
  meeting_series: {
    mentee_id: byMentee,
    holder_id: keep("who holds another person's one-on-ones; resolves to the anonymized account"),
    starts_local: withRow,
    time_zone: withRow,
    rrule: withRow,
  },
  meeting_agenda_items: {
    series_id: bySeries,
    author_id: accountability,
    text: withRow,
    suggestion_key: withRow,
  },
  meeting_action_items: {
    series_id: bySeries,
    owner_id: keep("an action in another person's one-on-one; resolves to the anonymized account"),
    created_by: accountability,
    milestone_template_id: framework,
    text: withRow,
  },
  talent_reviews: {
    name: keep("the organization's review round, not about a person"),
    target_phase: code,
    department: keep("the organization's department a round is about, not one person"),
    status: code,
    created_by: accountability,
  },
  talent_review_calibrators: {
    user_id: keep('who calibrated a round (accountability, Art. 5(2)); resolves to the anonymized account'),
  },
  talent_nominations: {
    mentee_id: byMentee,
    nominated_by: accountability,
    case: withRow,
    status: withRow,
    // A frozen snapshot of the mentee's record: deleted with it; on someone else's nomination it
    // can name the person (as an author of feedback, say), and is scrubbed.
    packet: scrubJson,
  },
  talent_nomination_requests: {
    mentee_id: byMentee,
    decided_by: accountability,
    note: withRow,
    status: withRow,
    reason: withRow,
  },
  talent_pre_ratings: {
    nomination_id: byNomination,
    calibrator_id: accountability,
    readiness: withRow,
  },
  talent_pre_rating_competencies: {
    pre_rating_id: { strategy: 'delete', cascadeFrom: 'talent_pre_ratings' },
    competency_key: withRow,
  },
  // Decisions are never changed (a trigger refuses UPDATE), so they cannot be anonymized in place:
  // they go with the nomination, which goes with the mentee record.
  talent_decisions: {
    nomination_id: byNomination,
    decided_by: accountability,
    decision: withRow,
    reason: withRow,
    evidence: withRow,
    needed: withRow,
    rubric_version: withRow,
  },
  // A computed result that names raters: scrubbed here, replaced by the next computation.
  rater_severity_results: { result: scrubJson },
  notification_preferences: { user_id: { strategy: 'delete', names: 'user' } },
  mail_deliveries: {
    recipient_id: { strategy: 'delete', names: 'user' },
    recipient_address: {
      strategy: 'anonymize',
      where: { column: 'recipient_address', is: 'email' },
      to: { kind: 'null' },
    },
    recipient_name: withRow,
    subject_id: keep('names the object a mail was about; resolves to an anonymized account or a deleted record'),
    kind: code,
    status: code,
    last_error: withRow,
  },
  auth_tokens: {
    user_id: { strategy: 'delete', names: 'user' },
    delivery_id: { strategy: 'delete', cascadeFrom: 'mail_deliveries' },
    purpose: code,
    token_hash: secret,
  },
  refresh_tokens: {
    user_id: keep('revoked by the erasure and expiring on their own; a hash, no name or address'),
    family_id: keep('a session family id, not about a person'),
    token_hash: secret,
  },
  revoked_access_tokens: {
    user_id: keep('a deny-list entry that expires with its token; no name or address'),
    jti: secret,
  },
  idempotency_keys: {
    user_id: { strategy: 'delete', names: 'user' },
    key: withRow,
    request_hash: withRow,
    // Someone else's saved answer (HR creating the person, say) may name them.
    response_body: scrubJson,
  },
  imports: {
    created_by: accountability,
    kind: code,
    status: code,
    // A people import's plan holds every row of the file: the person's name and address.
    plan: scrubJson,
  },
  framework_imports: {
    created_by: accountability,
    fingerprint: framework,
    format: framework,
    plan: framework,
    preview: framework,
  },
  competencies: { key: framework, name: framework, description: framework, category: framework },
  milestone_templates: { key: framework, phase: framework, title: framework, description: framework },
  organization_settings: {
    time_zone: keep("the organization's setting, not about a person"),
    weight_milestones: keep("the organization's setting"),
    weight_competencies: keep("the organization's setting"),
    weight_goals: keep("the organization's setting"),
    led_voice_weight: keep("the organization's setting"),
  },
  organizations: { name: keep("the organization's name, not a person's") },
  login_throttle: {
    key: keep('a short-lived counter of sign-in attempts, cleared by the next window; no organization owns it'),
  },
  webhook_endpoints: {
    created_by: accountability,
    url: keep("the organization's integration"),
    description: keep("the organization's integration"),
    events: code,
    format: code,
    secret,
    previous_secret: secret,
    disabled_reason: keep('a technical reason, not about a person'),
  },
  webhook_deliveries: {
    endpoint_id: keep("the organization's integration"),
    event_type: code,
    status: code,
    // An event's JSON as sent may name the person.
    payload: { strategy: 'anonymize', scrub: 'json-text' },
  },
  webhook_attempts: {
    delivery_id: keep("the organization's integration"),
    error: keep('a technical error from a receiver'),
    response_excerpt: keep('what a receiver answered, not data Leadpath holds about a person'),
  },
  sso_configs: {
    issuer: keep("the organization's identity provider"),
    client_id: keep("the organization's identity provider"),
    client_secret_encrypted: secret,
    groups_claim: keep("the organization's identity provider"),
  },
  sso_domains: { domain: keep("the organization's domain") },
  sso_attempts: {
    state: secret,
    nonce: secret,
    code_verifier: secret,
  },
  scim_tokens: { created_by: accountability, name: keep("a provisioning token's label"), token_hash: secret },
  scim_users: {
    user_id: { strategy: 'delete', names: 'user' },
    user_name: withRow,
    external_id: withRow,
    display_name: withRow,
    given_name: withRow,
    family_name: withRow,
    emails: withRow,
    department: withRow,
    title: withRow,
    manager_ref: withRow,
    manager_id: { strategy: 'anonymize', where: { column: 'manager_id', is: 'user' }, to: { kind: 'null' } },
  },
  scim_groups: {
    display_name: keep("the organization's group"),
    external_id: keep("the organization's group"),
  },
  scim_group_members: {
    user_id: { strategy: 'delete', names: 'user' },
    group_id: keep("the organization's group"),
  },
  scim_group_roles: { group_name: keep("the organization's group map"), role: code },
  erasure_log: { user_id: keep('who was erased, ids and times only: needed to erase them again after a restore') },
  subject_requests: {
    user_id: keep('proof the request was carried out (Art. 5(2), 12); resolves to the anonymized account'),
    requested_by: accountability,
    kind: code,
    reason: keep('why HR carried out the request (Art. 5(2)); written by HR, who are told to name no one in it'),
  },
};

/** The strategies as one flat list, for documentation and the test. */
export function registryEntries(
  registry: ErasureRegistry = ERASURE_REGISTRY,
): { table: string; column: string; rule: ColumnStrategy }[] {
  return Object.entries(registry).flatMap(([table, columns]) =>
    Object.entries(columns).map(([column, rule]) => ({ table, column, rule })),
  );
}
