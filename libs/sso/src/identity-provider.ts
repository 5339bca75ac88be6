import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { custom, Issuer, type Client } from 'openid-client';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { checkDestination, guardedLookup, isBlockedAddress, type DestinationRules } from '@leadpath/webhooks';

/** The signing algorithms an ID token may use: asymmetric ones only, never `none` or an HMAC. */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

const HTTP_TIMEOUT_MS = 5000;
const DISCOVERY_TTL_MS = 5 * 60 * 1000;

/** What HR sees of the provider's discovery document. */
export interface DiscoverySummary {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  idTokenSigningAlgorithms: string[];
}

/** A provider that cannot be used, with the sentence that says why (for the `issuer` field or a log). */
export class ProviderRefused extends Error {}

/** Strips the trailing slash issuers are written with or without. */
export const sameIssuer = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Reaches identity providers under the rules webhooks follow: https only, and never a loopback,
 * private or otherwise internal address — both checked before the first call and again as each
 * connection is made (DNS rebinding). The origins in SSO_ALLOWED_INSECURE_ISSUERS are the
 * exception (development and tests): plain http and any address.
 */
@Injectable()
export class IdentityProviders {
  private readonly cache = new Map<string, { issuer: Issuer<Client>; at: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Discovery is a static call of the library: its requests take the class's options.
    Issuer[custom.http_options] = this.httpOptions;
  }

  private insecureAllowed(url: URL): boolean {
    return this.config.sso.allowedInsecureIssuers.includes(url.origin);
  }

  private rules(url: URL): DestinationRules {
    const allowed = this.insecureAllowed(url);
    return { httpsOnly: !allowed, allowedHosts: allowed ? [url.host.toLowerCase()] : [] };
  }

  /** Why the provider's address may not be used, or null. */
  async checkAddress(raw: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'must be an absolute URL';
    }
    if (url.search) return 'must not carry a query';
    const refused = await checkDestination(raw, this.rules(url));
    if (refused === null) return null;
    return refused.replace('WEBHOOK_ALLOWED_HOSTS', 'SSO_ALLOWED_INSECURE_ISSUERS');
  }

  /** Each HTTP call of the library: bounded in time, connected only to an address the rules allow. */
  private readonly httpOptions = (url: URL, options: Record<string, unknown>) => {
    const allowed = this.insecureAllowed(url);
    const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!allowed && (url.protocol !== 'https:' || (isIP(literal) && isBlockedAddress(literal)))) {
      throw new ProviderRefused(`the provider named ${url.origin}, which Leadpath may not reach`);
    }
    return { ...options, timeout: HTTP_TIMEOUT_MS, lookup: guardedLookup(allowed) };
  };

  /** The provider's discovery document, checked and cached for a few minutes. */
  async discover(issuerUrl: string): Promise<Issuer<Client>> {
    const cached = this.cache.get(issuerUrl);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.issuer;
    const refused = await this.checkAddress(issuerUrl);
    if (refused) throw new ProviderRefused(`issuer ${refused}`);
    let issuer: Issuer<Client>;
    try {
      issuer = await Issuer.discover(issuerUrl);
    } catch (error) {
      throw new ProviderRefused(
        `issuer did not answer with an OpenID Connect discovery document (${(error as Error).message.slice(0, 200)})`,
      );
    }
    // The signing keys are fetched by the issuer object: under the same rules.
    issuer[custom.http_options] = this.httpOptions;
    const metadata = issuer.metadata;
    if (!sameIssuer(metadata.issuer, issuerUrl)) {
      throw new ProviderRefused(`issuer names itself ${metadata.issuer}, not ${issuerUrl}`);
    }
    for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      const value = metadata[key];
      if (typeof value !== 'string') throw new ProviderRefused(`issuer's discovery document has no ${key}`);
      const why = await this.checkAddress(value);
      if (why) throw new ProviderRefused(`issuer's ${key} ${why}`);
    }
    if (this.signingAlgorithm(issuer) === undefined) {
      throw new ProviderRefused(`issuer signs ID tokens with none of ${ALLOWED_ALGORITHMS.join(', ')}`);
    }
    this.cache.set(issuerUrl, { issuer, at: Date.now() });
    return issuer;
  }

  /** The algorithm ID tokens must carry: RS256 when advertised, else the first allowed one advertised. */
  signingAlgorithm(issuer: Issuer<Client>): string | undefined {
    const advertised = (issuer.metadata.id_token_signing_alg_values_supported as string[] | undefined) ?? ['RS256'];
    if (advertised.includes('RS256')) return 'RS256';
    return ALLOWED_ALGORITHMS.find((alg) => advertised.includes(alg));
  }

  summary(issuer: Issuer<Client>): DiscoverySummary {
    const m = issuer.metadata;
    const url = (value: unknown) => String(value).slice(0, 2000);
    return {
      issuer: url(m.issuer),
      authorizationEndpoint: url(m.authorization_endpoint),
      tokenEndpoint: url(m.token_endpoint),
      jwksUri: url(m.jwks_uri),
      idTokenSigningAlgorithms: ((m.id_token_signing_alg_values_supported as string[] | undefined) ?? ['RS256']).filter(
        (alg) => ALLOWED_ALGORITHMS.includes(alg),
      ),
    };
  }

  /** A relying-party client of the provider for one organization's registration. */
  client(issuer: Issuer<Client>, clientId: string, clientSecret: string): Client {
    const client = new issuer.Client({
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [this.redirectUri],
      response_types: ['code'],
      id_token_signed_response_alg: this.signingAlgorithm(issuer),
      token_endpoint_auth_method: 'client_secret_basic',
    });
    client[custom.http_options] = this.httpOptions;
    return client;
  }

  /** The one address every provider sends the browser back to: HR registers it at the provider. */
  get redirectUri(): string {
    return `${this.config.publicUrl}/api/v1/auth/sso/callback`;
  }
}
