import { Injectable, Logger } from '@nestjs/common';
import { sql } from 'kysely';
import type { Role } from '@leadpath/access';
import { AssessmentsRepository } from '@leadpath/assessments';
import { AssignmentsRepository } from '@leadpath/assignments';
import { LedVoiceRepository } from '@leadpath/led-voice';
import { FeedbackRepository } from '@leadpath/feedback';
import { FrameworkRepository } from '@leadpath/framework';
import { GoalsRepository } from '@leadpath/goals';
import { MilestonesRepository } from '@leadpath/milestones';
import { AuditService } from '@leadpath/audit';
import { MenteesRepository, type Phase, type TechnicalFoundation, type Track } from '@leadpath/mentees';
import { OrganizationsRepository } from '@leadpath/organizations';
import { Database, qb, ReadinessInputs } from '@leadpath/platform/database';
import { UsersService } from '@leadpath/users';
import { seedJourney, type JourneyProfile, type JourneyRepositories } from './demo-journey';
import { seedLedFeedback } from './demo-led-feedback';

export const DEMO_PASSWORD = 'demo-leadpath-2026';
const DEMO_ORGANIZATION = 'Northwind Engineering';

interface Person {
  key: string;
  name: string;
  email: string;
  roles: Role[];
}

const PEOPLE: Person[] = [
  { key: 'hr', name: 'Helena Ruiz', email: 'hr@demo.leadpath.test', roles: ['hr_admin'] },
  { key: 'maya', name: 'Maya Okafor', email: 'maya.okafor@demo.leadpath.test', roles: ['manager'] },
  { key: 'jonas', name: 'Jonas Berg', email: 'jonas.berg@demo.leadpath.test', roles: ['manager'] },
  { key: 'priya', name: 'Priya Raman', email: 'priya.raman@demo.leadpath.test', roles: ['manager'] },
  { key: 'lena', name: 'Lena Fischer', email: 'lena.fischer@demo.leadpath.test', roles: ['mentee'] },
  { key: 'omar', name: 'Omar Haddad', email: 'omar.haddad@demo.leadpath.test', roles: ['mentee'] },
  { key: 'sofia', name: 'Sofia Costa', email: 'sofia.costa@demo.leadpath.test', roles: ['mentee'] },
  { key: 'tom', name: 'Tom Walsh', email: 'tom.walsh@demo.leadpath.test', roles: ['mentee'] },
  { key: 'aiko', name: 'Aiko Tanaka', email: 'aiko.tanaka@demo.leadpath.test', roles: ['mentee'] },
  { key: 'david', name: 'David Mensah', email: 'david.mensah@demo.leadpath.test', roles: ['mentee'] },
];

interface Enrolment extends JourneyProfile {
  phase: Phase;
  track: Track;
  department: string;
  foundation: TechnicalFoundation;
  careerStart: string;
}

const P2 = [
  'lead_project_as_tech_lead',
  'mentor_junior',
  'run_meetings_facilitate_decisions',
  'represent_team_cross_functional',
  'own_initiative_beyond_remit',
  'lead_project_end_to_end',
  'ask_feedback_on_leadership_potential',
  'find_manager_mentor',
];

/** Six mentees, one at each readiness level and phase worth showing. */
const MENTEES: Enrolment[] = [
  {
    person: 'lena',
    manager: 'maya',
    mentor: 'priya',
    phase: 'lead_without_title',
    track: 'management',
    department: 'Platform',
    foundation: 'cloud_engineering',
    careerStart: '2019-03-01',
    level: 4.6,
    verified: P2,
    completed: [],
    inProgress: ['pmp_or_itil_certification'],
    lastFeedbackDaysAgo: 6,
    goals: [
      {
        title: 'Facilitate the quarterly planning for Platform',
        competency: 'communication',
        status: 'achieved',
        targetInDays: -20,
      },
      { title: 'Delegate the on-call rota redesign', competency: 'delegation', status: 'achieved', targetInDays: -5 },
      {
        title: 'Run an interview loop end to end',
        competency: 'hiring',
        status: 'open',
        targetInDays: 40,
        progress: 60,
      },
    ],
    needToSee: 'One more quarter of running planning without me in the room, then I will put you forward.',
    selfFit: 'management',
  },
  {
    person: 'sofia',
    manager: 'maya',
    mentor: 'jonas',
    phase: 'lead_without_title',
    track: 'management',
    department: 'Platform',
    foundation: 'software_development',
    careerStart: '2020-01-15',
    level: 4.1,
    verified: P2.slice(0, 6),
    completed: [P2[6]],
    inProgress: [P2[7]],
    lastFeedbackDaysAgo: 12,
    goals: [
      {
        title: 'Own the dependency-upgrade initiative across teams',
        competency: 'strategic_thinking',
        status: 'achieved',
        targetInDays: -30,
      },
      {
        title: 'Give written feedback after every design review',
        competency: 'giving_feedback',
        status: 'open',
        targetInDays: 25,
        progress: 70,
      },
      {
        title: 'Present the platform roadmap to product',
        competency: 'managing_up',
        status: 'achieved',
        targetInDays: -8,
      },
    ],
    needToSee: 'Ask me directly for the leadership feedback conversation, and find a manager-mentor outside Platform.',
    selfFit: 'management',
  },
  {
    person: 'aiko',
    manager: 'jonas',
    mentor: null,
    phase: 'lead_without_title',
    track: 'technical_leadership',
    department: 'Security',
    foundation: 'network_engineering',
    careerStart: '2018-11-01',
    level: 3.4,
    verified: P2.slice(0, 3),
    completed: [P2[3]],
    inProgress: [P2[4], P2[5]],
    lastFeedbackDaysAgo: 20,
    goals: [
      {
        title: 'Mentor the new SOC analyst for three months',
        competency: 'emotional_intelligence',
        status: 'open',
        targetInDays: -10,
        progress: 50,
      },
      {
        title: 'Write the network segmentation strategy',
        competency: 'strategic_thinking',
        status: 'open',
        targetInDays: 45,
        progress: 20,
      },
      { title: 'Take over the vendor budget', competency: 'budgeting', status: 'dropped', targetInDays: 30 },
      { title: 'Run the weekly threat briefing', competency: 'communication', status: 'achieved', targetInDays: -45 },
    ],
    needToSee: 'Lead one cross-team project end to end, including the stakeholder updates.',
    selfFit: 'technical',
  },
  {
    person: 'omar',
    manager: 'maya',
    mentor: null,
    phase: 'build_credibility',
    track: 'undecided',
    department: 'Platform',
    foundation: 'system_administration',
    careerStart: '2022-09-01',
    level: 2.4,
    verified: [],
    completed: ['document_work_for_others'],
    inProgress: ['volunteer_cross_team_project'],
    lastFeedbackDaysAgo: 48,
    goals: [
      {
        title: 'Document the backup runbooks',
        competency: 'communication',
        status: 'open',
        targetInDays: -15,
        progress: 40,
      },
      { title: 'Join the observability working group', competency: 'managing_up', status: 'open', targetInDays: 30 },
    ],
    needToSee: 'Runbooks that the rest of the team can use without asking you.',
    selfFit: 'undecided',
  },
  {
    person: 'tom',
    manager: 'jonas',
    mentor: 'priya',
    phase: 'first_management_role',
    track: 'management',
    department: 'Security',
    foundation: 'security_operations',
    careerStart: '2017-06-01',
    level: 3.7,
    verified: ['schedule_management_work_first', 'hold_regular_one_on_ones', 'invest_in_own_development'],
    completed: ['deliver_difficult_conversation_early'],
    inProgress: ['delegate_an_outcome'],
    lastFeedbackDaysAgo: 9,
    goals: [
      {
        title: 'Hold weekly one-on-ones with all three reports',
        competency: 'emotional_intelligence',
        status: 'achieved',
        targetInDays: -40,
      },
      {
        title: 'Hand the incident process to a report',
        competency: 'delegation',
        status: 'open',
        targetInDays: 35,
        progress: 45,
      },
    ],
    needToSee: 'Hand over the incident process for real, and let the result be theirs.',
    selfFit: 'management',
  },
  {
    person: 'david',
    manager: 'jonas',
    mentor: 'maya',
    phase: 'growing_scope',
    track: 'management',
    department: 'Security',
    foundation: 'software_development',
    careerStart: '2013-04-01',
    level: 4.3,
    verified: ['manage_a_manager'],
    completed: [],
    inProgress: ['own_a_budget'],
    lastFeedbackDaysAgo: 15,
    goals: [
      {
        title: 'Own the security tooling budget for next year',
        competency: 'budgeting',
        status: 'open',
        targetInDays: 90,
        progress: 25,
      },
      {
        title: 'Coach Tom through his first performance review cycle',
        competency: 'giving_feedback',
        status: 'achieved',
        targetInDays: -60,
      },
    ],
    needToSee: 'A budget you defended in front of finance.',
    selfFit: 'management',
  },
];

/** Context handed to later seed steps (framework, feedback, goals …) as features join. */
export interface DemoContext {
  organizationId: string;
  users: Map<string, string>;
  mentees: Map<string, string>;
}

/**
 * Seeds one demo organization into an empty database: an HR admin, three managers (who mentor
 * each other's mentees) and six mentees across the phases and readiness levels, each with six
 * months of one-on-ones, milestones with evidence, goals and assessments, so `/docs` has
 * something real to click through.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly db: Database,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersService,
    private readonly mentees: MenteesRepository,
    private readonly audit: AuditService,
    private readonly framework: FrameworkRepository,
    feedback: FeedbackRepository,
    milestones: MilestonesRepository,
    goals: GoalsRepository,
    assessments: AssessmentsRepository,
    private readonly readiness: ReadinessInputs,
    private readonly assignments: AssignmentsRepository,
    private readonly voice: LedVoiceRepository,
  ) {
    this.journey = { feedback, milestones, goals, assessments };
  }

  private readonly journey: JourneyRepositories;

  async seedIfEmpty(): Promise<string[] | undefined> {
    const seeded = await this.db.system('organizations.create', async (): Promise<string | boolean> => {
      // Serialise concurrent first starts of several instances on one database.
      await sql`SELECT pg_advisory_xact_lock(hashtext('leadpath:demo-seed'))`.execute(qb);
      const { n } = await qb
        .selectFrom('organizations')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      if (n > 0) {
        // Not empty: the demo logins are still worth printing while the demo organization is there.
        const demo = await qb
          .selectFrom('organizations')
          .select('id')
          .where('name', '=', DEMO_ORGANIZATION)
          .orderBy('created_at')
          .limit(1)
          .executeTakeFirst();
        return demo?.id ?? false;
      }
      const organization = await this.organizations.insert(DEMO_ORGANIZATION);
      // Everything inside the organization is its own tenant work, in the same transaction.
      await this.db.tenant(organization.id, () => this.seed(organization.id));
      return true;
    });
    if (seeded === false) return undefined;
    if (seeded === true) this.logger.log('demo organization seeded');
    else if (!(await this.db.tenant(seeded, () => this.demoSignInWorks(seeded)))) return undefined;
    return [
      `Demo organization "${DEMO_ORGANIZATION}" — every login uses the password below:`,
      `  password: ${DEMO_PASSWORD}`,
      ...PEOPLE.map((p) => `  ${p.roles.join(',').padEnd(9)} ${p.email}`),
      'Sign in: POST /api/v1/auth/login { "email", "password" }, then send "Authorization: Bearer <accessToken>".',
    ];
  }

  /** The demo's HR login still exists and is active (nobody changed or removed it). */
  private async demoSignInWorks(organizationId: string): Promise<boolean> {
    const rows = await qb
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('email', '=', PEOPLE[0].email)
      .where('active', '=', true)
      .execute();
    return rows.length > 0;
  }

  private async seed(organizationId: string): Promise<DemoContext> {
    const organization = { id: organizationId };
    await this.framework.seed(organization.id);
    const users = new Map<string, string>();
    for (const person of PEOPLE) {
      const row = await this.users.insertUser(organization.id, { ...person, password: DEMO_PASSWORD });
      users.set(person.key, row.id);
    }
    const hr = users.get('hr')!;
    const mentees = new Map<string, string>();
    for (const m of MENTEES) {
      const id = await this.mentees.insert(organization.id, users.get(m.person)!, {
        managerId: users.get(m.manager)!,
        mentorId: m.mentor ? users.get(m.mentor)! : null,
        phase: m.phase,
        track: m.track,
        department: m.department,
        technicalFoundation: m.foundation,
        careerStartDate: m.careerStart,
      });
      await this.mentees.insertPhaseChange(organization.id, {
        menteeId: id,
        from: null,
        to: m.phase,
        changedBy: hr,
        note: null,
      });
      mentees.set(m.person, id);
    }
    const templates = new Map(
      (await this.framework.milestoneTemplates(organization.id, false)).map((t) => [t.key, t.id]),
    );
    for (const [index, m] of MENTEES.entries()) {
      await seedJourney(this.journey, organization.id, mentees.get(m.person)!, users, templates, m, index + 1);
    }
    await seedLedFeedback(
      this.assignments,
      this.voice,
      organization.id,
      mentees.get('lena')!,
      users.get('lena')!,
      templates.get('lead_project_as_tech_lead'),
    );
    await this.readiness.menteesChanged(organization.id, [...mentees.values()]);
    await this.audit.record(
      { organizationId: organization.id, userId: null, requestId: null },
      { action: 'demo.seed', objectType: 'organization', objectId: organization.id },
    );
    return { organizationId: organization.id, users, mentees };
  }
}
