import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { AccessService, Permission, rolesAllow, type Actor } from '@leadpath/access';
import { FeedbackLinks } from '@leadpath/led-voice';
import { toIso } from '@leadpath/platform/http';
import { InboxCounts, InboxItem, InboxResponse } from './dto/inbox.dto';
import { InboxRepository } from './inbox.repository';
import { INBOX_KINDS, INBOX_SOURCES, type InboxSource, type SourceScope } from './sources';

/** At most this many items of each kind are listed, the oldest first; the counts count them all. */
export const INBOX_ITEMS_PER_KIND = 50;

/**
 * Everything that waits for a person now, derived from the records themselves on every read (no
 * copy that could drift): each kind is a source (see INBOX_SOURCES) whose permission, through the
 * access policy, decides on whom it waits. The weekly digest reads the same.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: InboxRepository,
    private readonly links: FeedbackLinks,
  ) {}

  async mine(actor: Actor): Promise<InboxResponse> {
    await this.access.require(actor, Permission.InboxOwn);
    return this.read(actor);
  }

  /**
   * A user's inbox as they would read it, on `day` (the organization's local date) rather than
   * today: the weekly digest. Undefined for a user who is gone or inactive.
   */
  async of(organizationId: string, userId: string, day: string): Promise<InboxResponse | undefined> {
    const person = await this.repository.person(userId);
    if (!person) return undefined;
    const actor: Actor = { userId, organizationId, roles: person.roles, menteeId: person.mentee_id, requestId: null };
    return this.read(actor, day);
  }

  private async read(actor: Actor, day?: string): Promise<InboxResponse> {
    // A source whose permission the caller's roles can never hold has nothing for them.
    const sources: InboxSource[] = INBOX_SOURCES.filter((s) => rolesAllow(actor.roles, s.permission));
    const today = day === undefined ? sql`leadpath_today()` : sql`${day}::date`;
    const scopeOf = (source: InboxSource): SourceScope => ({
      organizationId: actor.organizationId,
      userId: actor.userId,
      waitingOn: this.access.waitingOn(actor, source.permission),
      today,
    });
    const rows = sources.length ? await this.repository.rows(sources, scopeOf, INBOX_ITEMS_PER_KIND) : [];
    const counts = Object.fromEntries(INBOX_KINDS.map((k) => [k, 0])) as unknown as InboxCounts;
    for (const row of rows) counts[row.kind] = row.kind_count;
    const byKind = new Map(INBOX_SOURCES.map((s) => [s.kind, s]));
    const respond = (requestId: string) => this.links.path(requestId);
    const items = rows.map((row): InboxItem => ({
      kind: row.kind,
      id: row.id,
      title: row.title,
      subject: row.mentee_id && row.mentee_name ? { menteeId: row.mentee_id, name: row.mentee_name } : null,
      dueOn: row.due_on,
      since: toIso(row.since),
      link: byKind.get(row.kind)!.link(row, respond),
    }));
    const total = INBOX_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
    return { items, counts, total };
  }
}
