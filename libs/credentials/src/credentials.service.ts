import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MailService, type ComposeContext, type MailContent } from '@leadpath/mail';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Clock } from '@leadpath/platform/time';
import { CredentialsRepository, type TokenRow } from './credentials.repository';
import type { TokenPurpose } from './entities/auth-token.entity';

/** How long a link works, from the moment it was asked for. */
export const TOKEN_TTL_SECONDS: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 3600,
  password_reset: 30 * 60,
};

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Single-use links that set a password: invitations and password resets. The random token is
 * made by the mail worker as it sends the message, and only its SHA-256 is stored, so neither
 * the database nor the job queue ever holds a usable link.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly repository: CredentialsRepository,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    mail.registerComposer('invitation', (context) => this.compose('invitation', context));
    mail.registerComposer('password_reset', (context) => this.compose('password_reset', context));
  }

  /** Owes `userId` a link, in the current unit of work: the mail goes out once that commits. */
  async issue(organizationId: string, userId: string, purpose: TokenPurpose): Promise<void> {
    const deliveryId = await this.mail.enqueue({ organizationId, recipientId: userId, kind: purpose });
    const issuedAt = this.clock.now();
    const expiresAt = new Date(issuedAt.getTime() + TOKEN_TTL_SECONDS[purpose] * 1000);
    await this.repository.insert({ organizationId, userId, purpose, deliveryId, expiresAt, issuedAt });
  }

  /** Links of `purpose` the user was sent in the last hour (per-account throttling). */
  recentCount(userId: string, purpose: TokenPurpose): Promise<number> {
    return this.repository.countSince(userId, purpose, new Date(this.clock.now().getTime() - 3600 * 1000));
  }

  /** Whether the user was invited and has not chosen a password yet (the invitation still works). */
  hasOpenInvitation(userId: string): Promise<boolean> {
    return this.repository.hasOpen(userId, 'invitation', this.clock.now());
  }

  /** The token a link carries, if it exists at all (cross-organization lookup; see the repository). */
  find(token: string): Promise<TokenRow | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return Promise.resolve(undefined);
    return this.repository.findByHashAcrossOrganizations(hashToken(token));
  }

  /** Spends the link and every other open link of its user; false when it was spent or expired. */
  async spend(token: TokenRow): Promise<boolean> {
    const now = this.clock.now();
    if (!(await this.repository.spend(token.id, now))) return false;
    await this.repository.spendAllOf(token.user_id, now);
    return true;
  }

  private async compose(
    purpose: TokenPurpose,
    { delivery, recipient, organization }: ComposeContext,
  ): Promise<MailContent | null> {
    const token = randomBytes(32).toString('base64url');
    const armed = await this.repository.arm(delivery.id, hashToken(token), this.clock.now());
    if (!armed) return null;
    const page = purpose === 'invitation' ? 'accept-invitation' : 'reset-password';
    // The token travels in the fragment, which browsers never send to a server or a log.
    const url = `${this.config.publicUrl}/${page}#token=${token}`;
    const until = armed.expires_at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    if (purpose === 'invitation') {
      return {
        subject: `You are invited to Leadpath at ${organization.name}`,
        parts: {
          greeting: `Hello ${recipient.name},`,
          paragraphs: [
            `${organization.name} has invited you to Leadpath, where aspiring leads, their managers and HR follow the path to leadership together.`,
            `Choose your password with the link below. It works once, until ${until}.`,
          ],
          action: { label: 'Choose your password', url },
          footer: ['You receive this because an HR admin of your organization created an account for you.'],
        },
        unsubscribeUrl: null,
      };
    }
    return {
      subject: 'Reset your Leadpath password',
      parts: {
        greeting: `Hello ${recipient.name},`,
        paragraphs: [
          // One address may hold accounts in several organizations, each mailed its own link.
          `Someone asked to reset the password of your Leadpath account at ${organization.name}. If it was you, choose a new one with the link below; it works once, until ` +
            `${until}. Setting it signs you out everywhere.`,
          'If it was not you, ignore this message: your password stays as it is.',
        ],
        action: { label: 'Choose a new password', url },
      },
      unsubscribeUrl: null,
    };
  }
}
