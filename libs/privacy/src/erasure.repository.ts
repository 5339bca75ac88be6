import { Injectable } from '@nestjs/common';
import { sql, type RawBuilder } from 'kysely';
import { qb } from '@leadpath/platform/database';
import {
  ERASED_NAME,
  ERASURE_REGISTRY,
  type ErasureRegistry,
  type Identifies,
  type Replacement,
} from './erasure-registry';

/** Who is erased, as the rules match them. */
export interface ErasureSubject {
  organizationId: string;
  userId: string;
  /** The account's name and address as they are before the erasure (after it, the erased ones). */
  name: string;
  email: string;
  menteeId: string | null;
}

/** What an erasure changed, by table: rows deleted or updated. */
export type ErasureCounts = Record<string, number>;

/** A hash no password matches (argon2 hashes start with `$`). */
const UNUSABLE_PASSWORD = '!erased';

export const erasedEmail = (userId: string): string => `erased+${userId}@invalid`;

function replacement(to: Replacement, subject: ErasureSubject): RawBuilder<unknown> {
  switch (to.kind) {
    case 'null':
      return sql`NULL`;
    case 'text':
      return sql`${to.value}`;
    case 'erased-email':
      return sql`${erasedEmail(subject.userId)}`;
    case 'unusable-password':
      return sql`${UNUSABLE_PASSWORD}`;
    case 'empty-array':
      return sql`'{}'`;
  }
}

function matches(column: string, is: Identifies, subject: ErasureSubject): RawBuilder<unknown> | null {
  const ref = sql.ref(column);
  switch (is) {
    case 'user':
      return sql`${ref} = ${subject.userId}`;
    case 'mentee':
      return subject.menteeId ? sql`${ref} = ${subject.menteeId}` : null;
    case 'email':
      return sql`lower(${ref}) = lower(${subject.email})`;
  }
}

/**
 * Runs the registry's rules for one person, in the caller's tenant unit of work: scrubs, then
 * anonymizes, then deletes (a deleted mentee record takes its rows with it by ON DELETE CASCADE,
 * which the registry declares and its test checks). Then the account is closed for good: inactive,
 * no roles, every token it held spent. Running it again changes nothing more, which is what
 * re-applying the erasure log after a restore relies on.
 */
@Injectable()
export class ErasureRepository {
  /** The person as the rules need them; null when the account does not exist (here). */
  async subject(organizationId: string, userId: string): Promise<ErasureSubject | null> {
    const row = await qb
      .selectFrom('users as u')
      .leftJoin('mentees as m', 'm.user_id', 'u.id')
      .select(['u.id', 'u.name', 'u.email', 'm.id as mentee_id'])
      .where('u.organization_id', '=', organizationId)
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (!row) return null;
    return { organizationId, userId: row.id, name: row.name, email: row.email, menteeId: row.mentee_id };
  }

  async erase(subject: ErasureSubject, at: Date, registry: ErasureRegistry = ERASURE_REGISTRY): Promise<ErasureCounts> {
    const counts: ErasureCounts = {};
    const add = (table: string, n: bigint | number | undefined) => {
      counts[table] = (counts[table] ?? 0) + Number(n ?? 0);
    };
    const org = sql`organization_id = ${subject.organizationId}`;

    // 1. JSON that may name the person anywhere in the organization: exact string values replaced.
    const pairs: [string, string][] = [
      [subject.name, ERASED_NAME],
      [subject.email, erasedEmail(subject.userId)],
    ].filter(([from]) => from.length >= 3 && from !== ERASED_NAME) as [string, string][];
    for (const [table, columns] of Object.entries(registry)) {
      for (const [column, rule] of Object.entries(columns)) {
        if (rule.strategy !== 'anonymize' || !('scrub' in rule)) continue;
        const ref = sql.ref(column);
        let text: RawBuilder<unknown> = sql`${ref}::text`;
        const tests: RawBuilder<unknown>[] = [];
        for (const [from, to] of pairs) {
          text = sql`replace(${text}, to_jsonb(${from}::text)::text, to_jsonb(${to}::text)::text)`;
          tests.push(sql`strpos(${ref}::text, to_jsonb(${from}::text)::text) > 0`);
        }
        if (!tests.length) continue;
        const value = rule.scrub === 'json' ? sql`(${text})::jsonb` : text;
        const result = await sql`UPDATE ${sql.table(table)} SET ${ref} = ${value}
          WHERE ${org} AND (${sql.join(tests, sql` OR `)})`.execute(qb);
        add(table, result.numAffectedRows);
      }
    }

    // 2. Columns replaced on the person's rows, one statement per table and match.
    const updates = new Map<string, { table: string; where: RawBuilder<unknown>; sets: RawBuilder<unknown>[] }>();
    for (const [table, columns] of Object.entries(registry)) {
      for (const [column, rule] of Object.entries(columns)) {
        if (rule.strategy !== 'anonymize' || !('where' in rule)) continue;
        const tests = [rule.where, ...(rule.orWhere ?? [])]
          .map((w) => matches(w.column, w.is, subject))
          .filter((w): w is RawBuilder<unknown> => w !== null);
        if (!tests.length) continue;
        const where = sql`(${sql.join(tests, sql` OR `)})`;
        const key = `${table}:${[rule.where, ...(rule.orWhere ?? [])].map((w) => `${w.column}=${w.is}`).join('|')}`;
        const entry = updates.get(key) ?? { table, where, sets: [] };
        entry.sets.push(sql`${sql.ref(column)} = ${replacement(rule.to, subject)}`);
        updates.set(key, entry);
      }
    }
    for (const { table, where, sets } of updates.values()) {
      const result = await sql`UPDATE ${sql.table(table)} SET ${sql.join(sets)} WHERE ${org} AND ${where}`.execute(qb);
      add(table, result.numAffectedRows);
    }

    // 3. Rows that are the person's, deleted (the mentee record last: its rows cascade).
    const deletes = Object.entries(registry).flatMap(([table, columns]) =>
      Object.entries(columns).flatMap(([column, rule]) =>
        rule.strategy === 'delete' && 'names' in rule ? [{ table, column, is: rule.names }] : [],
      ),
    );
    deletes.sort((a, b) => Number(a.table === 'mentees') - Number(b.table === 'mentees'));
    for (const { table, column, is } of deletes) {
      const where = matches(column, is, subject);
      if (!where) continue;
      const result = await sql`DELETE FROM ${sql.table(table)} WHERE ${org} AND ${where}`.execute(qb);
      add(table, result.numAffectedRows);
    }

    // 4. The account closed: no sign-in, no role, every access token stale, every session revoked.
    await qb
      .updateTable('users')
      .set((eb) => ({ active: false, break_glass: false, token_version: eb('token_version', '+', 1), updated_at: at }))
      .where('organization_id', '=', subject.organizationId)
      .where('id', '=', subject.userId)
      .execute();
    const sessions = await qb
      .updateTable('refresh_tokens')
      .set({ revoked_at: at })
      .where('organization_id', '=', subject.organizationId)
      .where('user_id', '=', subject.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    add('refresh_tokens', sessions.numUpdatedRows);
    return counts;
  }

  /** Records the erasure (ids and times only); a second record for the same person is a no-op. */
  async log(organizationId: string, userId: string, at: Date): Promise<void> {
    await qb
      .insertInto('erasure_log')
      .values({ organization_id: organizationId, user_id: userId, erased_at: at })
      .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doNothing())
      .execute();
  }

  /** Everyone the organization has erased, oldest first. */
  async logged(organizationId: string): Promise<{ user_id: string; erased_at: Date }[]> {
    return qb
      .selectFrom('erasure_log')
      .select(['user_id', 'erased_at'])
      .where('organization_id', '=', organizationId)
      .orderBy('erased_at')
      .orderBy('user_id')
      .execute();
  }

  async isErased(organizationId: string, userId: string): Promise<boolean> {
    const row = await qb
      .selectFrom('erasure_log')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async recordRequest(
    organizationId: string,
    fields: { kind: 'export' | 'erasure'; userId: string; requestedBy: string | null; reason: string },
  ): Promise<string> {
    const row = await qb
      .insertInto('subject_requests')
      .values({
        organization_id: organizationId,
        kind: fields.kind,
        user_id: fields.userId,
        requested_by: fields.requestedBy,
        reason: fields.reason,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
