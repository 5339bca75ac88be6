import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { Database, ReadinessInputs } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { decodeCursor, DEFAULT_LIMIT, toIso, toPage, type Page } from '@leadpath/platform/http';
import { AssessmentsRepository, type AssessmentRow } from './assessments.repository';
import type { AssessmentQueryDto, AssessmentResponse, CreateAssessmentDto } from './dto/assessment.dto';
import { SIGNS, scoreAssessment, signGap, type Answers } from './scoring';

@Injectable()
export class AssessmentsService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly assessments: AssessmentsRepository,
    private readonly readiness: ReadinessInputs,
  ) {}

  /** A mentee files `self` about themselves; their line manager files `manager`. Nobody else. */
  async create(actor: Actor, menteeId: string, dto: CreateAssessmentDto): Promise<AssessmentResponse> {
    const relations = await this.access.requireMentee(actor, Permission.AssessmentCreate, menteeId);
    if (
      (dto.kind === 'self' && !relations.includes('self')) ||
      (dto.kind === 'manager' && !relations.includes('manager'))
    ) {
      throw DomainError.forbidden(
        dto.kind === 'self'
          ? 'Only the mentee files a self-assessment'
          : 'Only the line manager files a manager assessment',
      );
    }
    const answers = Object.fromEntries(SIGNS.map((s) => [s, dto.answers[s]])) as Answers;
    const { fit, suggestion } = scoreAssessment(answers);
    const created = await this.assessments.insert(actor.organizationId, {
      menteeId,
      kind: dto.kind,
      authorId: actor.userId,
      answers,
      fit,
      suggestion,
    });
    // The read model carries the latest self-assessment's suggestion.
    if (dto.kind === 'self') await this.readiness.menteesChanged(actor.organizationId, [menteeId]);
    await this.audit.record(actor, {
      action: `assessment.${dto.kind}`,
      objectType: 'assessment',
      objectId: created.id,
    });
    const latest = await this.assessments.latestOfEachKind(actor.organizationId, menteeId);
    return toAssessmentResponse(created, latest);
  }

  async list(actor: Actor, menteeId: string, query: AssessmentQueryDto): Promise<Page<AssessmentResponse>> {
    await this.access.require(actor, Permission.AssessmentRead, menteeId);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const [rows, latest] = await Promise.all([
      this.assessments.list(actor.organizationId, menteeId, query.kind, limit, decodeCursor(query.cursor)),
      this.assessments.latestOfEachKind(actor.organizationId, menteeId),
    ]);
    return toPage(
      rows,
      limit,
      (r) => ({ at: r.cursor_at, id: r.id }),
      (r) => toAssessmentResponse(r, latest),
    );
  }
}

export function toAssessmentResponse(row: AssessmentRow, latest: AssessmentRow[]): AssessmentResponse {
  const other = latest.find((l) => l.kind !== row.kind);
  return {
    id: row.id,
    menteeId: row.mentee_id,
    kind: row.kind,
    authorId: row.author_id,
    answers: row.answers,
    fit: Number(row.fit),
    suggestion: row.suggestion,
    gap: other
      ? {
          otherAssessmentId: other.id,
          otherKind: other.kind,
          perSign: signGap(row.answers, other.answers),
          fit: Math.round((Number(row.fit) - Number(other.fit)) * 1000) / 1000,
        }
      : null,
    createdAt: toIso(row.created_at),
  };
}
