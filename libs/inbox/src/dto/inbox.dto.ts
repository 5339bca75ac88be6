import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INBOX_KINDS, type InboxKind } from '../sources';

export class InboxSubject {
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty({ maxLength: 200 }) name: string;
}

export class InboxItem {
  @ApiProperty({
    enum: INBOX_KINDS,
    enumName: 'InboxKind',
    description:
      'mentee_stale: no shared one-on-one within the stale window; milestone_to_verify; goal_to_confirm: marked ' +
      'achieved; goal_overdue: open past its target date; respondent_to_approve: an outside address a mentee asked; ' +
      'feedback_request_to_answer: a request addressed to you; feedback_to_acknowledge: shared feedback, or a change to it',
  })
  kind: InboxKind;

  @ApiProperty({ format: 'uuid', description: 'the object that waits (for mentee_stale, the mentee)' }) id: string;
  @ApiProperty({ maxLength: 700 }) title: string;

  @ApiPropertyOptional({ type: InboxSubject, nullable: true, description: 'the mentee it is about' })
  subject: InboxSubject | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'target date or expiry' })
  dueOn: string | null;

  @ApiProperty({ format: 'date-time', description: 'since when it waits' }) since: string;
  @ApiProperty({ example: '/mentees/6f1c…', maxLength: 300, description: 'the web path where it is done' })
  link: string;
}

export class InboxCounts implements Record<InboxKind, number> {
  @ApiProperty() mentee_stale: number;
  @ApiProperty() milestone_to_verify: number;
  @ApiProperty() goal_to_confirm: number;
  @ApiProperty() goal_overdue: number;
  @ApiProperty() respondent_to_approve: number;
  @ApiProperty() feedback_request_to_answer: number;
  @ApiProperty() feedback_to_acknowledge: number;
}

export class InboxResponse {
  @ApiProperty({
    type: [InboxItem],
    maxItems: 50 * INBOX_KINDS.length,
    description: 'oldest first; at most 50 of each kind (the counts count them all)',
  })
  items: InboxItem[];

  @ApiProperty({ type: InboxCounts, description: 'how many wait, by kind (0 for a kind with none)' })
  counts: InboxCounts;

  @ApiProperty({ description: 'how many wait in all' }) total: number;
}
