import { Injectable } from '@nestjs/common';
import { Database, type CursorPosition, type Sql } from '@leadpath/platform';
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

/** A delivery with what every message needs: who it goes to and their organization's name. */
export interface SendableRow extends DeliveryRow {
  recipient_email: string;
  recipient_name: string;
  recipient_active: boolean;
  organization_name: string;
}

const CURSOR = `to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

/** Every query runs in the caller's unit of work: a request's or a job's tenant transaction. */
@Injectable()
export class MailRepository {
  constructor(private readonly db: Database) {}

  async insert(
    sql: Sql,
    delivery: { organizationId: string; recipientId: string; kind: string; subjectId?: string | null },
  ): Promise<string> {
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO mail_deliveries (organization_id, recipient_id, kind, subject_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [delivery.organizationId, delivery.recipientId, delivery.kind, delivery.subjectId ?? null],
    );
    return row.id;
  }

  /** Locks the delivery for this attempt, so two workers never render it at once. */
  async lockForSending(id: string): Promise<SendableRow | undefined> {
    const [row] = await this.db.query<SendableRow>(
      `SELECT d.*, ${CURSOR}, u.email AS recipient_email, u.name AS recipient_name, u.active AS recipient_active,
              o.name AS organization_name
         FROM mail_deliveries d
         JOIN users u ON u.id = d.recipient_id AND u.organization_id = d.organization_id
         JOIN organizations o ON o.id = d.organization_id
        WHERE d.id = $1
          FOR UPDATE OF d`,
      [id],
    );
    return row;
  }

  async settle(id: string, status: DeliveryStatus, error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE mail_deliveries
          SET status = $2::varchar, attempts = attempts + 1, last_error = $3, updated_at = now(),
              sent_at = CASE WHEN $2::varchar = 'sent' THEN now() ELSE sent_at END
        WHERE id = $1`,
      [id, status, error],
    );
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  list(
    organizationId: string,
    filter: { status?: DeliveryStatus },
    limit: number,
    after?: CursorPosition,
  ): Promise<DeliveryRow[]> {
    return this.db.query<DeliveryRow>(
      `SELECT d.*, ${CURSOR} FROM mail_deliveries d
        WHERE d.organization_id = $1
          AND ($2::varchar IS NULL OR d.status = $2)
          AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3::timestamptz, $4::uuid))
        ORDER BY d.created_at DESC, d.id DESC LIMIT $5`,
      [organizationId, filter.status ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
    );
  }
}
