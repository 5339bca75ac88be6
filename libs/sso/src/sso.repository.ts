import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import { qb, type DB } from '@leadpath/platform/database';

export type SsoConfigRow = Selectable<DB['sso_configs']>;

export interface SsoConfigFields {
  issuer: string;
  clientId: string;
  /** Unchanged when undefined (an update that does not repeat the secret). */
  clientSecretEncrypted?: string;
  requireSso: boolean;
  jitProvisioning: boolean;
  groupsClaim: string | null;
}

export interface PendingAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: Date;
}

/** Every query runs in the caller's unit of work; the two look-ups by domain and state are system reads. */
@Injectable()
export class SsoRepository {
  /**
   * HR's group → role map (`PUT /scim/group-roles`), which a groups claim follows as SCIM group
   * membership does.
   */
  groupRoles(organizationId: string) {
    return qb
      .selectFrom('scim_group_roles')
      .select(['group_name', 'role'])
      .where('organization_id', '=', organizationId)
      .execute();
  }

  config(organizationId: string): Promise<SsoConfigRow | undefined> {
    return qb.selectFrom('sso_configs').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
  }

  async domains(organizationId: string): Promise<string[]> {
    const rows = await qb
      .selectFrom('sso_domains')
      .select('domain')
      .where('organization_id', '=', organizationId)
      .orderBy('domain')
      .execute();
    return rows.map((r) => r.domain);
  }

  /** Inserts or updates the organization's configuration and replaces its domains. */
  async save(organizationId: string, fields: SsoConfigFields, domains: string[]): Promise<void> {
    const values = {
      issuer: fields.issuer,
      client_id: fields.clientId,
      require_sso: fields.requireSso,
      jit_provisioning: fields.jitProvisioning,
      groups_claim: fields.groupsClaim,
    };
    if (fields.clientSecretEncrypted !== undefined) {
      await qb
        .insertInto('sso_configs')
        .values({ organization_id: organizationId, ...values, client_secret_encrypted: fields.clientSecretEncrypted })
        .onConflict((oc) =>
          oc
            .column('organization_id')
            .doUpdateSet({ ...values, client_secret_encrypted: fields.clientSecretEncrypted!, updated_at: sql`now()` }),
        )
        .execute();
    } else {
      await qb
        .updateTable('sso_configs')
        .set({ ...values, updated_at: sql`now()` })
        .where('organization_id', '=', organizationId)
        .executeTakeFirstOrThrow();
    }
    await qb
      .deleteFrom('sso_domains')
      .where('organization_id', '=', organizationId)
      .where('domain', 'not in', domains)
      .execute();
    await qb
      .insertInto('sso_domains')
      .values(domains.map((domain) => ({ organization_id: organizationId, domain })))
      .onConflict((oc) => oc.column('domain').doNothing())
      .execute();
  }

  /** Whether every domain is now the organization's (false: another organization holds one). */
  async ownsAll(organizationId: string, domains: string[]): Promise<boolean> {
    const row = await qb
      .selectFrom('sso_domains')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organization_id', '=', organizationId)
      .where('domain', 'in', domains)
      .executeTakeFirstOrThrow();
    return Number(row.n) === domains.length;
  }

  async remove(organizationId: string): Promise<boolean> {
    await qb.deleteFrom('sso_domains').where('organization_id', '=', organizationId).execute();
    await qb.deleteFrom('sso_attempts').where('organization_id', '=', organizationId).execute();
    const rows = await qb
      .deleteFrom('sso_configs')
      .where('organization_id', '=', organizationId)
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  /** System read (`sso.discover`): the organization an e-mail domain signs in with. */
  async organizationOfDomain(domain: string): Promise<string | undefined> {
    const row = await qb
      .selectFrom('sso_domains')
      .select('organization_id')
      .where('domain', '=', domain)
      .executeTakeFirst();
    return row?.organization_id;
  }

  /** System read (`sso.callback`): the organization of a sign-in begun at the provider. */
  async organizationOfState(state: string): Promise<string | undefined> {
    const row = await qb
      .selectFrom('sso_attempts')
      .select('organization_id')
      .where('state', '=', state)
      .executeTakeFirst();
    return row?.organization_id;
  }

  async insertAttempt(organizationId: string, attempt: PendingAttempt): Promise<void> {
    await qb
      .insertInto('sso_attempts')
      .values({
        organization_id: organizationId,
        state: attempt.state,
        nonce: attempt.nonce,
        code_verifier: attempt.codeVerifier,
        expires_at: attempt.expiresAt,
      })
      .execute();
    // Attempts nobody finished are of no use after they expire.
    await qb
      .deleteFrom('sso_attempts')
      .where('expires_at', '<', sql<Date>`now() - interval '1 day'`)
      .execute();
  }

  /**
   * Spends the attempt: only the first callback naming the state gets its nonce and verifier
   * (the row lock orders concurrent ones; a later one finds `used_at` set). Undefined when the
   * state was spent already.
   */
  spendAttempt(state: string, now: Date) {
    return qb
      .updateTable('sso_attempts')
      .set({ used_at: now })
      .where('state', '=', state)
      .where('used_at', 'is', null)
      .returning(['nonce', 'code_verifier', 'expires_at'])
      .executeTakeFirst();
  }

  /** The organization's account with this (canonical) address, if any. */
  userByEmail(organizationId: string, email: string) {
    return qb
      .selectFrom('users')
      .select(['id', 'active'])
      .where('organization_id', '=', organizationId)
      .where('email', '=', email)
      .executeTakeFirst();
  }
}
