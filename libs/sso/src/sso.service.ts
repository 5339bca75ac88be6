import { Inject, Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { resolveSecretsKey } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import type { PutSsoDto, SsoConfigResponse, SsoDiscoveryResponse } from './dto/sso.dto';
import { IdentityProviders, ProviderRefused } from './identity-provider';
import { openSecret, sealSecret } from './secret-box';
import { SsoRepository, type SsoConfigRow } from './sso.repository';

export const SSO_SCOPES = ['openid', 'email', 'profile'];

/** HR's single sign-on configuration: one identity provider per organization. */
@Injectable()
export class SsoService {
  private key: Buffer | undefined;

  constructor(
    private readonly repository: SsoRepository,
    private readonly providers: IdentityProviders,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Read on first use, so an installation without single sign-on never writes a key file. */
  private get secretsKey(): Buffer {
    this.key ??= resolveSecretsKey(this.config.secretsKey, this.config.dataDir);
    return this.key;
  }

  seal(organizationId: string, secret: string): string {
    return sealSecret(this.secretsKey, secret, organizationId);
  }

  open(row: SsoConfigRow): string {
    return openSecret(this.secretsKey, row.client_secret_encrypted, row.organization_id);
  }

  async get(actor: Actor): Promise<SsoConfigResponse> {
    await this.access.require(actor, Permission.SsoManage);
    const row = await this.repository.config(actor.organizationId);
    if (!row) throw DomainError.notFound('Single sign-on configuration');
    return this.toResponse(row, await this.repository.domains(actor.organizationId));
  }

  /**
   * Replaces the configuration. The provider must answer its discovery document under the
   * address rules before anything is stored, so a typo is a 400 on `issuer`, not a broken sign-in.
   */
  async put(actor: Actor, dto: PutSsoDto): Promise<SsoConfigResponse> {
    await this.access.require(actor, Permission.SsoManage);
    const current = await this.repository.config(actor.organizationId);
    if (!current && dto.clientSecret === undefined) {
      throw DomainError.invalid('clientSecret', 'clientSecret is required when single sign-on is first configured');
    }
    try {
      await this.providers.discover(dto.issuer);
    } catch (error) {
      if (error instanceof ProviderRefused) throw DomainError.invalid('issuer', error.message);
      throw error;
    }
    await this.repository.save(
      actor.organizationId,
      {
        issuer: dto.issuer,
        clientId: dto.clientId,
        clientSecretEncrypted:
          dto.clientSecret === undefined ? undefined : this.seal(actor.organizationId, dto.clientSecret),
        requireSso: dto.requireSso,
        jitProvisioning: dto.jitProvisioning,
        groupsClaim: dto.groupsClaim ?? null,
      },
      dto.domains,
    );
    if (!(await this.repository.ownsAll(actor.organizationId, dto.domains))) {
      // The request's unit of work rolls the whole change back with this answer.
      throw DomainError.conflict('One of these domains already signs in through another organization');
    }
    await this.audit.record(actor, { action: 'sso.update', objectType: 'sso', objectId: actor.organizationId });
    return this.get(actor);
  }

  async remove(actor: Actor): Promise<void> {
    await this.access.require(actor, Permission.SsoManage);
    if (!(await this.repository.remove(actor.organizationId))) {
      throw DomainError.notFound('Single sign-on configuration');
    }
    await this.audit.record(actor, { action: 'sso.delete', objectType: 'sso', objectId: actor.organizationId });
  }

  private async toResponse(row: SsoConfigRow, domains: string[]): Promise<SsoConfigResponse> {
    return {
      issuer: row.issuer,
      clientId: row.client_id,
      clientSecretSet: row.client_secret_encrypted !== '',
      domains,
      requireSso: row.require_sso,
      jitProvisioning: row.jit_provisioning,
      groupsClaim: row.groups_claim,
      redirectUri: this.providers.redirectUri,
      scopes: SSO_SCOPES,
      discovery: await this.discovery(row.issuer),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  private async discovery(issuer: string): Promise<SsoDiscoveryResponse> {
    try {
      return { ok: true, error: null, ...this.providers.summary(await this.providers.discover(issuer)) };
    } catch (error) {
      return {
        ok: false,
        error: error instanceof ProviderRefused ? error.message.slice(0, 500) : 'the provider could not be read',
        issuer: null,
        authorizationEndpoint: null,
        tokenEndpoint: null,
        jwksUri: null,
        idTokenSigningAlgorithms: [],
      };
    }
  }
}
