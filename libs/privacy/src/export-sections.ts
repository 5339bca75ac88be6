import type { ExportRepository } from './export.repository';

/** Whose data, and for whom: the person themselves, or HR answering a request for them. */
export interface ExportContext {
  organizationId: string;
  userId: string;
  menteeId: string | null;
  audience: 'self' | 'hr';
}

/** A tabular part of a section, also written as CSV (`<name>.csv`) with these columns. */
export interface CsvTable {
  name: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

export interface SectionOutput {
  /** Written as `<section>.json`; `docs/export-schema/<section>.schema.json` describes it. */
  json: Record<string, unknown>;
  csv: CsvTable[];
}

/**
 * One part of a person's export. To add one (meetings and their actions, say): write its reading
 * here, its JSON Schema as `docs/export-schema/<name>.schema.json`, and list it in EXPORT_SECTIONS;
 * the export test validates every file of the archive against its schema.
 */
export interface ExportSection {
  name: string;
  /** What it holds, in a line: the archive's manifest says it. */
  holds: string;
  read(repository: ExportRepository, context: ExportContext): Promise<SectionOutput>;
}

const table = (name: string, rows: Record<string, unknown>[], columns: string[]): CsvTable => ({
  name,
  columns,
  rows,
});

export const EXPORT_SECTIONS: ExportSection[] = [
  {
    name: 'profile',
    holds: 'the account: name, address, roles, state, notification choices',
    async read(r, c) {
      const profile = await r.profile(c.organizationId, c.userId);
      if (!profile) throw new Error('export of a missing account');
      const { notifications: _n, ...flat } = profile;
      return {
        json: { version: 1, profile },
        csv: [table('profile', [flat], Object.keys(flat))],
      };
    },
  },
  {
    name: 'roles',
    holds: 'the roles held now and every recorded change of the account',
    async read(r, c) {
      const profile = await r.profile(c.organizationId, c.userId);
      const history = await r.roleHistory(c.organizationId, c.userId);
      return {
        json: { version: 1, current: profile?.roles ?? [], history },
        csv: [table('roles-history', history, ['at', 'action', 'byId', 'byName'])],
      };
    },
  },
  {
    name: 'mentee',
    holds: 'the mentee record (phase, track, manager, mentor) and its phase changes',
    async read(r, c) {
      const record = await r.menteeRecord(c.organizationId, c.userId);
      const phaseChanges = record ? await r.phaseChanges(c.organizationId, record.id) : [];
      return {
        json: { version: 1, record, phaseChanges },
        csv: [table('phase-changes', phaseChanges, ['at', 'fromPhase', 'toPhase', 'note', 'byName'])],
      };
    },
  },
  {
    name: 'milestones',
    holds: 'milestones recorded, verified or revoked, with their evidence',
    async read(r, c) {
      const milestones = c.menteeId ? await r.milestones(c.organizationId, c.menteeId) : [];
      return {
        json: { version: 1, milestones },
        csv: [
          table('milestones', milestones, [
            'id',
            'key',
            'title',
            'phase',
            'status',
            'evidenceText',
            'evidenceLinks',
            'recordedAt',
            'recordedBy',
            'verifiedAt',
            'verifiedBy',
            'revokedAt',
            'revokedBy',
            'revokeReason',
          ]),
        ],
      };
    },
  },
  {
    name: 'goals',
    holds: 'development goals and their check-ins',
    async read(r, c) {
      const { goals, checkIns } = c.menteeId
        ? await r.goals(c.organizationId, c.menteeId)
        : { goals: [], checkIns: [] };
      return {
        json: { version: 1, goals, checkIns },
        csv: [
          table('goals', goals, [
            'id',
            'title',
            'description',
            'competencyKey',
            'status',
            'targetDate',
            'createdAt',
            'createdBy',
            'confirmedAt',
            'confirmedBy',
          ]),
          table('goal-check-ins', checkIns, ['goalId', 'at', 'progress', 'note', 'byName']),
        ],
      };
    },
  },
  {
    name: 'feedback',
    holds: 'feedback about the person they may see; in HR’s export also private notes, marked reviewBeforeRelease',
    async read(r, c) {
      const feedback = c.menteeId ? await r.feedback(c.organizationId, c.menteeId, c.audience === 'hr') : [];
      return {
        json: { version: 1, feedback },
        csv: [
          table(
            'feedback',
            feedback.map((f) => ({ ...f, reviewBeforeRelease: 'reviewBeforeRelease' in f })),
            [
              'id',
              'occurredOn',
              'authorName',
              'authorRole',
              'visibility',
              'strengths',
              'gaps',
              'needToSee',
              'nextSteps',
              'ratings',
              'createdAt',
              'updatedAt',
              'acknowledgedAt',
              'reviewBeforeRelease',
            ],
          ),
        ],
      };
    },
  },
  {
    name: 'assessments',
    holds: 'self and manager assessments',
    async read(r, c) {
      const assessments = c.menteeId ? await r.assessments(c.organizationId, c.menteeId) : [];
      return {
        json: { version: 1, assessments },
        csv: [table('assessments', assessments, ['id', 'kind', 'authorName', 'fit', 'suggestion', 'createdAt'])],
      };
    },
  },
  {
    name: 'assignments',
    holds: 'stretch assignments with the feedback about them as aggregates (never who answered)',
    async read(r, c) {
      const assignments = c.menteeId ? await r.assignments(c.organizationId, c.menteeId) : [];
      return {
        json: { version: 1, assignments },
        csv: [
          table(
            'assignments',
            assignments.map(({ feedback, ...a }) => ({
              ...a,
              requested: feedback.requested,
              answered: feedback.answered,
              published: feedback.published,
            })),
            [
              'id',
              'title',
              'kind',
              'description',
              'competencyKeys',
              'startsOn',
              'endsOn',
              'status',
              'createdAt',
              'requested',
              'answered',
              'published',
            ],
          ),
        ],
      };
    },
  },
  {
    name: 'audit',
    holds: 'audit events where the person acted or their account or mentee record was the object',
    async read(r, c) {
      const events = await r.audit(c.organizationId, c.userId, c.menteeId);
      return {
        json: { version: 1, events },
        csv: [
          table('audit', events, [
            'id',
            'occurredAt',
            'action',
            'objectType',
            'objectId',
            'outcome',
            'actorId',
            'asActor',
          ]),
        ],
      };
    },
  },
];
