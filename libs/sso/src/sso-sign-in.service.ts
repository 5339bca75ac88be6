import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { errors, generators, type IdTokenClaims } from 'openid-client';
import { ROLES, rolesFromGroups, type Role } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { SessionService, type SessionCookieJar } from '@leadpath/auth';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { canonicalEmail } from '@leadpath/platform/http';
import { Clock } from '@leadpath/platform/time';
import { PasswordService, UsersRepository, type UserRow } from '@leadpath/users';
import type { SsoDiscoverResponse } from './dto/sso.dto';
import { IdentityProviders } from './identity-provider';
import { SSO_SCOPES, SsoService } from './sso.service';
import { SsoRepository } from './sso.repository';

/** The cookie that binds a sign-in begun in this browser to the callback that ends it. */
export const SSO_STATE_COOKIE = 'leadpath_sso';
const SSO_COOKIE_PATH = '/api/v1/auth/sso';
const ATTEMPT_TTL_SECONDS = 600;

/**
 * Why a single sign-on did not open a session: the `sso_error` the sign-in page explains. Each
 * refusal sends the browser there; none is a server error.
 */
export type SsoErrorCode =
  | 'provider_error'
  | 'state_missing'
  | 'state_mismatch'
  | 'state_reused'
  | 'attempt_expired'
  | 'provider_unreachable'
  | 'code_rejected'
  | 'issuer_mismatch'
  | 'audience_mismatch'
  | 'nonce_mismatch'
  | 'token_expired'
  | 'algorithm_refused'
  | 'token_invalid'
  | 'email_missing'
  | 'email_unverified'
  | 'domain_not_allowed'
  | 'account_unknown'
  | 'account_inactive'
  | 'unexpected';

class Refusal extends Error {
  constructor(
    readonly code: SsoErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
  }
}

/** The browser side of the cookie the flow needs besides the session cookie. */
export interface StateCookie {
  readonly value: string | undefined;
  set(value: string, maxAgeSeconds: number): void;
  clear(): void;
}

export function stateCookie(header: string | undefined, secure: boolean, write: (cookie: string) => void): StateCookie {
  let value: string | undefined;
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SSO_STATE_COOKIE) value = part.slice(eq + 1).trim() || undefined;
  }
  // Lax, not Strict: the provider's redirect back is a cross-site top-level navigation.
  const cookie = (v: string, maxAge: number) =>
    `${SSO_STATE_COOKIE}=${v}; Path=${SSO_COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return { value, set: (v, maxAge) => write(cookie(v, maxAge)), clear: () => write(cookie('', 0)) };
}

/** Maps what the relying-party library refused to the code the sign-in page explains. */
function refusalOf(error: unknown): Refusal {
  if (error instanceof Refusal) return error;
  if (error instanceof errors.OPError)
    return new Refusal('code_rejected', `${error.error}: ${error.error_description ?? ''}`);
  const message = error instanceof Error ? error.message : String(error);
  const rules: [RegExp, SsoErrorCode][] = [
    [/unexpected iss value|iss mismatch/i, 'issuer_mismatch'],
    [/aud mismatch|aud is missing|azp/i, 'audience_mismatch'],
    [/nonce mismatch|nonce/i, 'nonce_mismatch'],
    [/JWT expired|iat.*future|nbf/i, 'token_expired'],
    [/unexpected JWT alg|alg|signature|JWKS|no valid key/i, 'algorithm_refused'],
    [/state mismatch/i, 'state_mismatch'],
    [/timed out|ECONNREFUSED|ENOTFOUND|internal address|may not reach|socket/i, 'provider_unreachable'],
  ];
  for (const [pattern, code] of rules) if (pattern.test(message)) return new Refusal(code, message);
  if (error instanceof errors.RPError) return new Refusal('token_invalid', message);
  return new Refusal('unexpected', message);
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Single sign-on with OpenID Connect, authorization code flow with PKCE (S256), `state` and
 * `nonce`. The state is stored server-side, single use and short-lived, and bound to the browser
 * by a cookie; the ID token is checked by openid-client (signature against the provider's keys,
 * issuer, audience, nonce, expiry, algorithm) and then by the rules of Leadpath (a verified
 * address of a listed domain, an active account). Success opens the same browser session as a
 * password sign-in: the refresh cookie, then the web app.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger('SingleSignOn');

  constructor(
    private readonly db: Database,
    private readonly repository: SsoRepository,
    private readonly sso: SsoService,
    private readonly providers: IdentityProviders,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get secure(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  private organizationOf(email: string): Promise<string | undefined> {
    return this.db.system('sso.discover', () => this.repository.organizationOfDomain(domainOf(email)));
  }

  /** Only whether the address's domain signs in through a provider: nothing of the organization. */
  async discover(email: string): Promise<SsoDiscoverResponse> {
    const organizationId = await this.organizationOf(email);
    return {
      sso: organizationId !== undefined,
      startUrl: organizationId ? `/api/v1/auth/sso/start?email=${encodeURIComponent(email)}` : null,
    };
  }

  /** Where to send the browser: the provider's authorization endpoint, or the sign-in page with the reason. */
  async start(email: string, cookie: StateCookie): Promise<string> {
    const organizationId = await this.organizationOf(email);
    if (!organizationId) {
      throw DomainError.notFound('Single sign-on for this address’s domain');
    }
    try {
      const state = generators.state();
      const nonce = generators.nonce();
      const codeVerifier = generators.codeVerifier();
      const url = await this.db.tenant(organizationId, async () => {
        const row = await this.repository.config(organizationId);
        if (!row) throw DomainError.notFound('Single sign-on for this address’s domain');
        const issuer = await this.providers.discover(row.issuer);
        const client = this.providers.client(issuer, row.client_id, this.sso.open(row));
        await this.repository.insertAttempt(organizationId, {
          state,
          nonce,
          codeVerifier,
          expiresAt: new Date(this.clock.now().getTime() + ATTEMPT_TTL_SECONDS * 1000),
        });
        return client.authorizationUrl({
          scope: SSO_SCOPES.join(' '),
          state,
          nonce,
          code_challenge: generators.codeChallenge(codeVerifier),
          code_challenge_method: 'S256',
          login_hint: email,
        });
      });
      cookie.set(state, ATTEMPT_TTL_SECONDS);
      return url;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.logger.warn(`single sign-on could not start: ${(error as Error).message}`);
      return this.errorPage('provider_unreachable');
    }
  }

  /** The provider's redirect back: a session and the web app, or the sign-in page with the reason. */
  async callback(
    query: Record<string, unknown>,
    cookie: StateCookie,
    jar: SessionCookieJar,
    requestId: string | null,
  ): Promise<string> {
    const presented = cookie.value;
    cookie.clear();
    try {
      const user = await this.verify(query, presented);
      await this.sessions.start(user, jar, () =>
        this.db.tenant(user.organization_id, () =>
          this.audit.record(
            { organizationId: user.organization_id, userId: user.id, requestId },
            { action: 'auth.sso_login', objectType: 'user', objectId: user.id },
          ),
        ),
      );
      return '/';
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal.code === 'unexpected') this.logger.error(`single sign-on failed: ${refusal.message}`);
      else this.logger.warn(`single sign-on refused (${refusal.code}): ${refusal.message}`);
      return this.errorPage(refusal.code);
    }
  }

  private errorPage(code: SsoErrorCode): string {
    return `/sign-in?sso_error=${code}`;
  }

  private async verify(query: Record<string, unknown>, presented: string | undefined): Promise<UserRow> {
    const state = typeof query.state === 'string' ? query.state : undefined;
    if (typeof query.error === 'string') throw new Refusal('provider_error', query.error);
    if (!state) throw new Refusal('state_missing');
    if (!presented || !equal(presented, state)) throw new Refusal('state_mismatch');
    const organizationId = await this.db.system('sso.callback', () => this.repository.organizationOfState(state));
    if (!organizationId) throw new Refusal('state_mismatch', 'no sign-in began with this state');
    // The attempt is spent in a transaction of its own, so a refusal below cannot give it back.
    const attempt = await this.db.tenant(organizationId, async () => {
      const spent = await this.repository.spendAttempt(state, this.clock.now());
      if (!spent) throw new Refusal('state_reused');
      return spent;
    });
    if (attempt.expires_at.getTime() < this.clock.now().getTime()) throw new Refusal('attempt_expired');
    const { row, domains, clientSecret } = await this.db.tenant(organizationId, async () => {
      const config = await this.repository.config(organizationId);
      if (!config) throw new Refusal('account_unknown', 'single sign-on was removed meanwhile');
      return {
        row: config,
        domains: await this.repository.domains(organizationId),
        clientSecret: this.sso.open(config),
      };
    });
    const issuer = await this.providers.discover(row.issuer);
    const client = this.providers.client(issuer, row.client_id, clientSecret);
    const params = client.callbackParams(`/callback?${new URLSearchParams(stringParams(query)).toString()}`);
    const tokens = await client.callback(this.providers.redirectUri, params, {
      state,
      nonce: attempt.nonce,
      code_verifier: attempt.code_verifier,
      response_type: 'code',
    });
    const claims: IdTokenClaims = tokens.claims();
    if (typeof claims.email !== 'string' || !claims.email.includes('@')) throw new Refusal('email_missing');
    if (!addressVouchedFor(claims)) throw new Refusal('email_unverified');
    const email = canonicalEmail(claims.email);
    if (!domains.includes(domainOf(email))) throw new Refusal('domain_not_allowed', domainOf(email));
    return this.db.tenant(organizationId, async () => {
      const user = await this.account(organizationId, email, claims, row.jit_provisioning);
      return row.groups_claim ? this.followGroups(organizationId, user, claims[row.groups_claim]) : user;
    });
  }

  /**
   * With a groups claim configured, the roles HR's group map gives follow the groups the ID token
   * names, at every sign-in (as SCIM group membership does); a claim that is not a list of names
   * changes nothing.
   */
  private async followGroups(organizationId: string, user: UserRow, claim: unknown): Promise<UserRow> {
    if (!Array.isArray(claim) || !claim.every((g) => typeof g === 'string')) return user;
    const groups = new Set(claim.map((g) => g.toLowerCase()));
    const map = await this.repository.groupRoles(organizationId);
    const known = (role: string): role is Role => (ROLES as readonly string[]).includes(role);
    const mapped = map.map((m) => m.role).filter(known);
    const given = map
      .filter((m) => groups.has(m.group_name.toLowerCase()))
      .map((m) => m.role)
      .filter(known);
    const next = rolesFromGroups(user.roles, mapped, given);
    if (next.join() === ROLES.filter((r) => user.roles.includes(r)).join()) return user;
    // A role change ends the person's other tokens, as an HR edit does; this sign-in opens a new session.
    const updated = await this.users.update(organizationId, user.id, { roles: next }, true);
    await this.audit.record(
      { organizationId, userId: user.id, requestId: null },
      { action: 'user.roles_from_groups', objectType: 'user', objectId: user.id },
    );
    return updated;
  }

  /** The person the verified address names: found, refused, or provisioned on first sign-in. */
  private async account(
    organizationId: string,
    email: string,
    claims: IdTokenClaims,
    jitProvisioning: boolean,
  ): Promise<UserRow> {
    const found = await this.repository.userByEmail(organizationId, email);
    if (found && !found.active) throw new Refusal('account_inactive');
    if (found) return (await this.users.findById(organizationId, found.id))!;
    if (!jitProvisioning) throw new Refusal('account_unknown');
    const name = (typeof claims.name === 'string' && claims.name.trim()) || email.slice(0, email.indexOf('@'));
    // No password: a random one nobody knows, so password sign-in costs what it always costs.
    const user = await this.users.insert(organizationId, {
      email,
      name: name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').slice(0, 200),
      roles: [],
      passwordHash: await this.passwords.hash(randomBytes(32).toString('hex')),
    });
    await this.audit.record(
      { organizationId, userId: user.id, requestId: null },
      { action: 'user.sso_provision', objectType: 'user', objectId: user.id },
    );
    return user;
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function stringParams(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (typeof value === 'string') out[key] = value;
  return out;
}

/**
 * Whether the provider vouches for the address: `email_verified: true`, or Microsoft Entra ID's
 * optional claim `xms_edov` (the address's domain is verified by the tenant), which Entra sends
 * instead of `email_verified` once the app registration asks for it.
 */
export function addressVouchedFor(claims: IdTokenClaims): boolean {
  const edov = claims.xms_edov;
  return claims.email_verified === true || edov === true || edov === 1 || edov === '1' || edov === 'true';
}
