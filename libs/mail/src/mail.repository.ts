import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import { cursorAt, olderThan, qb } from '@leadpath/platform/database';
import { type CursorPosition } from '@leadpath/platform/http';
import type { DeliveryStatus } from './entities/mail-delivery.entity';

/** Deliveries (`mail_deliveries as d`), every column and the keyset cursor. */
function selectDeliveries() {
  return qb
    .selectFrom('mail_deliveries as d')
    .selectAll('d')
    .select(cursorAt('d.created_at').as('cursor_at'))
    .$narrowType<{ status: DeliveryStatus }>();
}

/** Deliveries to a user (`u`), who must belong to the delivery's organization. */
function selectWithRecipients() {
  return selectDeliveries()
    .innerJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'd.recipient_id').onRef('u.organization_id', '=', 'd.organization_id'),
    )
    .$narrowType<{ recipient_id: string }>();
}

/** A delivery with what every message needs: who it goes to and their organization's name. */
function selectSendable() {
  return selectWithRecipients()
    .innerJoin('organizations as o', 'o.id', 'd.organization_id')
    .select([
      'u.email as recipient_email',
      'u.name as recipient_name',
      'u.active as recipient_active',
      'o.name as organization_name',
    ]);
}

export type SendableRow = InferResult<ReturnType<typeof selectSendable>>[number];

/** A delivery as HR's list shows it: with the recipient's name and address. */
function selectListed() {
  return selectDeliveries()
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'd.recipient_id').onRef('u.organization_id', '=', 'd.organization_id'),
    )
    .select((eb) => [
      eb.fn.coalesce('u.name', 'd.recipient_name', sql.lit('')).as('recipient_name'),
      eb.fn.coalesce('u.email', 'd.recipient_address', sql.lit('')).as('recipient_email'),
    ])
    .where((eb) => eb.or([eb('u.id', 'is not', null), eb('d.recipient_address', 'is not', null)]));
}

export type ListedDeliveryRow = InferResult<ReturnType<typeof selectListed>>[number];

/** A message to an address that may have no account, with the name it is sent to and what it is about. */
export interface AddressedDelivery {
  organizationId: string;
  address: string;
  name: string;
  kind: string;
  subjectId: string;
}

/** Every query runs in the caller's unit of work: a request's or a job's tenant transaction. */
@Injectable()
export class MailRepository {
  async insert(delivery: {
    organizationId: string;
    recipientId: string;
    kind: string;
    subjectId?: string | null;
  }): Promise<string> {
    const { id } = await qb
      .insertInto('mail_deliveries')
      .values({
        organization_id: delivery.organizationId,
        recipient_id: delivery.recipientId,
        kind: delivery.kind,
        subject_id: delivery.subjectId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  /** A message another feature sends itself, to an address that may have no account: for HR's list. */
  async insertToAddress(delivery: AddressedDelivery): Promise<string> {
    const { id } = await qb
      .insertInto('mail_deliveries')
      .values({
        organization_id: delivery.organizationId,
        recipient_address: delivery.address,
        recipient_name: delivery.name,
        kind: delivery.kind,
        subject_id: delivery.subjectId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  /** Locks the delivery for this attempt, so two workers never render it at once. */
  async lockForSending(id: string): Promise<SendableRow | undefined> {
    return selectSendable().where('d.id', '=', id).forUpdate('d').executeTakeFirst();
  }

  /** An attempt's outcome; with `owedOnly`, a delivery already sent or skipped keeps its own. */
  async settle(id: string, status: DeliveryStatus, error: string | null, owedOnly = false): Promise<void> {
    await qb
      .updateTable('mail_deliveries')
      .set({
        status,
        attempts: sql`attempts + 1`,
        last_error: error,
        updated_at: sql`now()`,
        sent_at: status === 'sent' ? sql`now()` : undefined,
      })
      .where('id', '=', id)
      .$if(owedOnly, (q) => q.where('status', 'in', ['pending', 'retrying']))
      .execute();
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  list(
    organizationId: string,
    filter: { status?: DeliveryStatus },
    limit: number,
    after?: CursorPosition,
  ): Promise<ListedDeliveryRow[]> {
    return selectListed()
      .where('d.organization_id', '=', organizationId)
      .$if(filter.status !== undefined, (q) => q.where('d.status', '=', filter.status!))
      .$if(after !== undefined, (q) => q.where(olderThan('d.created_at', 'd.id', after!)))
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(limit + 1)
      .execute();
  }
}
