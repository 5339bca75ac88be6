import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@leadpath/audit';
import { LoginThrottleService, TokenService } from '@leadpath/auth';
import { FrameworkRepository } from '@leadpath/framework';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { toUserResponse, UsersService } from '@leadpath/users';
import type { CreateOrganizationDto, SignupResponse } from './dto/organization.dto';
import { OrganizationsRepository } from './organizations.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly framework: FrameworkRepository,
  ) {}

  /** Sign-up: an organization with its own copy of the default framework, its first HR admin, and a token. */
  async signup(dto: CreateOrganizationDto, clientIp: string, requestId: string | null): Promise<SignupResponse> {
    if (!this.config.signupEnabled) throw DomainError.forbidden('Sign-up is disabled on this installation');
    // Counted in a unit of its own, so a refused or failed sign-up still counts.
    await this.db.system('organizations.create', () => this.throttle.beforeSignup(clientIp));
    const { organization, user } = await this.db.system('organizations.create', async () => {
      const organization = await this.organizations.insert(dto.name);
      // The new organization's own data is tenant work, in the same transaction.
      const user = await this.db.tenant(organization.id, async () => {
        await this.framework.seed(organization.id);
        const admin = await this.users.insertUser(
          organization.id,
          { ...dto.admin, roles: ['hr_admin'] },
          'admin.password',
        );
        await this.audit.record(
          { organizationId: organization.id, userId: admin.id, requestId },
          { action: 'organization.create', objectType: 'organization', objectId: organization.id },
          { action: 'user.create', objectType: 'user', objectId: admin.id },
        );
        return admin;
      });
      return { organization, user };
    });
    const token = this.tokens.sign({ sub: user.id, org: organization.id, ver: user.token_version });
    return {
      organization: { id: organization.id, name: organization.name, createdAt: organization.created_at.toISOString() },
      user: toUserResponse(user),
      ...token,
      tokenType: 'Bearer',
    };
  }
}
