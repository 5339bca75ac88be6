import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { cursorAt, Database, olderThan, qb, run, type CursorPosition, type Sql } from '@leadpath/platform';
import type { DeliveryStatus } from './entities/mail-delivery.entity';

export interface DeliveryRow {
  id: string;
  organization_id: string;
  recipient_id: string;
  kind: string;
  subject_id: string | null;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
}

/** A delivery as HR's list shows it: with the recipient's name and address. */
export interface ListedDeliveryRow extends DeliveryRow {
  recipient_name: string;
  recipient_email: string;
}

/** A delivery with what every message needs: who it goes to and their organization's name. */
export interface SendableRow extends DeliveryRow {
  recipient_email: string;
  recipient_name: string;
  recipient_active: boolean;
  organization_name: string;
}

/** Deliveries (`mail_deliveries as d`), every column and the keyset cursor. */
function selectDeliveries() {
  return qb
    .selectFrom('mail_deliveries as d')
    .selectAll('d')
    .select(cursorAt('d.created_at').as('cursor_at'))
    .$narrowType<{ status: DeliveryStatus }>();
}

/** Every query runs in the caller's unit of work: a request's or a job's tenant transaction. */
@Injectable()
export class MailRepository {
  constructor(private readonly db: Database) {}

  async insert(
    db: Sql,
    delivery: { organizationId: string; recipientId: string; kind: string; subjectId?: string | null },
  ): Promise<string> {
    const [row] = await run(
      db,
      qb
        .insertInto('mail_deliveries')
        .values({
          organization_id: delivery.organizationId,
          recipient_id: delivery.recipientId,
          kind: delivery.kind,
          subject_id: delivery.subjectId ?? null,
        })
        .returning('id'),
    );
    return row.id;
  }

  /** Locks the delivery for this attempt, so two workers never render it at once. */
  async lockForSending(id: string): Promise<SendableRow | undefined> {
    const [row] = await run(
      this.db,
      selectDeliveries()
        .innerJoin('users as u', (join) =>
          join.onRef('u.id', '=', 'd.recipient_id').onRef('u.organization_id', '=', 'd.organization_id'),
        )
        .innerJoin('organizations as o', 'o.id', 'd.organization_id')
        .select([
          'u.email as recipient_email',
          'u.name as recipient_name',
          'u.active as recipient_active',
          'o.name as organization_name',
        ])
        .where('d.id', '=', id)
        .forUpdate('d'),
    );
    return row;
  }

  async settle(id: string, status: DeliveryStatus, error: string | null): Promise<void> {
    await run(
      this.db,
      qb
        .updateTable('mail_deliveries')
        .set({
          status,
          attempts: sql`attempts + 1`,
          last_error: error,
          updated_at: sql`now()`,
          sent_at: status === 'sent' ? sql`now()` : undefined,
        })
        .where('id', '=', id),
    );
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  list(
    organizationId: string,
    filter: { status?: DeliveryStatus },
    limit: number,
    after?: CursorPosition,
  ): Promise<ListedDeliveryRow[]> {
    return run(
      this.db,
      selectDeliveries()
        .innerJoin('users as u', (join) =>
          join.onRef('u.id', '=', 'd.recipient_id').onRef('u.organization_id', '=', 'd.organization_id'),
        )
        .select(['u.name as recipient_name', 'u.email as recipient_email'])
        .where('d.organization_id', '=', organizationId)
        .$if(filter.status !== undefined, (q) => q.where('d.status', '=', filter.status!))
        .$if(after !== undefined, (q) => q.where(olderThan('d.created_at', 'd.id', after!)))
        .orderBy('d.created_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(limit + 1),
    );
  }
}
