import { Injectable, Logger } from '@nestjs/common';
import type { Role } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { MenteesRepository, type Phase, type TechnicalFoundation, type Track } from '@leadpath/mentees';
import { OrganizationsRepository } from '@leadpath/organizations';
import { Database, type Sql } from '@leadpath/platform';
import { UsersService } from '@leadpath/users';

export const DEMO_PASSWORD = 'demo-leadpath-2026';

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

interface Enrolment {
  person: string;
  manager: string;
  mentor: string | null;
  phase: Phase;
  track: Track;
  department: string;
  foundation: TechnicalFoundation;
  careerStart: string;
}

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
  },
];

/** Context handed to later seed steps (framework, feedback, goals …) as features join. */
export interface DemoContext {
  organizationId: string;
  users: Map<string, string>;
  mentees: Map<string, string>;
}

/**
 * Seeds one demo organization into an empty database: an HR admin, three managers (one of
 * whom mentors others' mentees) and six mentees across the phases, so `/docs` has something
 * real to click through.
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
  ) {}

  async seedIfEmpty(): Promise<string[] | undefined> {
    const [{ n }] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
    if (n > 0) return undefined;
    await this.db.transaction(async (tx) => {
      // Serialise concurrent first starts of several instances on one database.
      await tx.query('LOCK TABLE organizations IN EXCLUSIVE MODE');
      const [{ n: again }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
      if (again > 0) return;
      await this.seed(tx);
    });
    this.logger.log('demo organization seeded');
    return [
      'Demo organization "Northwind Engineering" — every login uses the password below:',
      `  password: ${DEMO_PASSWORD}`,
      ...PEOPLE.map((p) => `  ${p.roles.join(',').padEnd(9)} ${p.email}`),
      'Sign in: POST /api/v1/auth/login { "email", "password" }, then send "Authorization: Bearer <accessToken>".',
    ];
  }

  private async seed(tx: Sql): Promise<DemoContext> {
    const organization = await this.organizations.insert(tx, 'Northwind Engineering');
    const users = new Map<string, string>();
    for (const person of PEOPLE) {
      const row = await this.users.insertUser(tx, organization.id, { ...person, password: DEMO_PASSWORD });
      users.set(person.key, row.id);
    }
    const hr = users.get('hr')!;
    const mentees = new Map<string, string>();
    for (const m of MENTEES) {
      const id = await this.mentees.insert(tx, organization.id, users.get(m.person)!, {
        managerId: users.get(m.manager)!,
        mentorId: m.mentor ? users.get(m.mentor)! : null,
        phase: m.phase,
        track: m.track,
        department: m.department,
        technicalFoundation: m.foundation,
        careerStartDate: m.careerStart,
      });
      await this.mentees.insertPhaseChange(tx, organization.id, {
        menteeId: id,
        from: null,
        to: m.phase,
        changedBy: hr,
        note: null,
      });
      mentees.set(m.person, id);
    }
    await this.audit.record(
      tx,
      { organizationId: organization.id, userId: null, requestId: null },
      { action: 'demo.seed', objectType: 'organization', objectId: organization.id },
    );
    return { organizationId: organization.id, users, mentees };
  }
}
