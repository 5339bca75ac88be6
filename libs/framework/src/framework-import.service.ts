import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { ReadinessInputs } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import type { ExportFormat, FrameworkImportDto, FrameworkImportResponse } from './dto/framework.dto';
import { FrameworkRepository } from './framework.repository';
import {
  canonicalFramework,
  diffFramework,
  documentAsJson,
  documentAsYaml,
  keepStoredDetails,
  readImport,
  toDocument,
  UnreadableFramework,
  type FrameworkChanges,
  type FrameworkPlan,
  type ImportFormat,
  type ImportProblem,
  type LevelPhases,
  type StoredCompetency,
  type StoredTemplate,
} from './import/framework-document';

export interface FrameworkExport {
  text: string;
  type: string;
  filename: string;
}

/** What a preview row keeps besides the plan: the answer it gave. */
interface StoredPreview extends FrameworkChanges {
  format: ImportFormat;
  levelPhases: LevelPhases | null;
  errors: ImportProblem[];
}

/**
 * Moving a career ladder in and out: export writes the organization's framework as a Leadpath
 * document; import reads a document or a progression-framework file into a preview kept
 * server-side, which apply then carries out exactly, or refuses when the framework moved since.
 */
@Injectable()
export class FrameworkImportService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly framework: FrameworkRepository,
    private readonly readiness: ReadinessInputs,
  ) {}

  async export(actor: Actor, format: ExportFormat | undefined, accept: string | undefined): Promise<FrameworkExport> {
    await this.access.require(actor, Permission.FrameworkManage);
    const stored = await this.stored(actor.organizationId);
    const document = toDocument({
      competencies: stored.competencies.filter((c) => !c.retired),
      milestoneTemplates: stored.milestoneTemplates.filter((m) => !m.retired),
    });
    await this.audit.record(actor, {
      action: 'framework.export',
      objectType: 'organization',
      objectId: actor.organizationId,
    });
    const yaml = format === 'yaml' || (format === undefined && /\b(application|text)\/(x-)?yaml\b/i.test(accept ?? ''));
    return yaml
      ? { text: documentAsYaml(document), type: 'application/yaml; charset=utf-8', filename: 'leadpath-framework.yaml' }
      : {
          text: documentAsJson(document),
          type: 'application/json; charset=utf-8',
          filename: 'leadpath-framework.json',
        };
  }

  async preview(actor: Actor, dto: FrameworkImportDto): Promise<FrameworkImportResponse> {
    await this.access.require(actor, Permission.FrameworkManage);
    let parsed: ReturnType<typeof readImport>;
    try {
      parsed = readImport(dto.content, { format: dto.format, levelPhases: dto.levelPhases });
    } catch (error) {
      if (error instanceof UnreadableFramework) {
        throw new DomainError(ErrorCode.Validation, error.message, [{ field: error.path, messages: [error.message] }]);
      }
      throw error;
    }
    const stored = await this.stored(actor.organizationId);
    const plan: FrameworkPlan =
      parsed.format === 'progression' ? keepStoredDetails(parsed.plan, stored.competencies) : parsed.plan;
    const preview: StoredPreview = {
      format: parsed.format,
      ...diffFramework(plan, stored),
      levelPhases: parsed.levelPhases,
      errors: parsed.errors,
    };
    const { id } = await this.framework.insertImport(actor.organizationId, {
      format: parsed.format,
      plan,
      preview,
      fingerprint: fingerprint(stored),
      createdBy: actor.userId,
    });
    await this.audit.record(actor, {
      action: 'framework.import_preview',
      objectType: 'framework_import',
      objectId: id,
    });
    return toImportResponse(id, preview, null);
  }

  async apply(actor: Actor, id: string): Promise<FrameworkImportResponse> {
    await this.access.require(actor, Permission.FrameworkManage);
    // One import at a time per organization, so two previews of one framework cannot both apply.
    await this.framework.lockFramework(actor.organizationId);
    const row = await this.framework.importForApply(actor.organizationId, id);
    if (!row) throw DomainError.notFound('Framework import');
    if (row.applied_at) throw DomainError.conflict('This import was applied already');
    const preview = row.preview as StoredPreview;
    if (preview.errors.length > 0) {
      throw DomainError.conflict('This preview has errors: correct the file and preview it again');
    }
    const stored = await this.stored(actor.organizationId);
    if (fingerprint(stored) !== row.fingerprint) {
      throw DomainError.conflict('The framework changed since this preview: preview the file again');
    }
    const plan = row.plan as FrameworkPlan;
    await this.framework.upsertCompetencies(actor.organizationId, plan.competencies);
    await this.framework.upsertMilestoneTemplates(actor.organizationId, plan.milestoneTemplates);
    await this.framework.retireAllBut(
      actor.organizationId,
      'competencies',
      plan.competencies.map((c) => c.key),
    );
    await this.framework.retireAllBut(
      actor.organizationId,
      'milestone_templates',
      plan.milestoneTemplates.map((m) => m.key),
    );
    await this.framework.markImportApplied(actor.organizationId, id);
    await this.readiness.organizationChanged(actor.organizationId);
    await this.audit.record(actor, { action: 'framework.import_apply', objectType: 'framework_import', objectId: id });
    return toImportResponse(id, preview, new Date());
  }

  /** Every competency and template of the organization, retired ones included. */
  private async stored(
    organizationId: string,
  ): Promise<{ competencies: StoredCompetency[]; milestoneTemplates: StoredTemplate[] }> {
    const [competencies, templates] = await Promise.all([
      this.framework.competencies(organizationId, true),
      this.framework.milestoneTemplates(organizationId, true),
    ]);
    return {
      competencies: competencies.map((c) => ({
        key: c.key,
        name: c.name,
        description: c.description,
        category: c.category,
        position: c.position,
        retired: c.retired_at !== null,
      })),
      milestoneTemplates: templates.map((m) => ({
        key: m.key,
        phase: m.phase,
        title: m.title,
        description: m.description,
        required: m.required,
        position: m.position,
        retired: m.retired_at !== null,
      })),
    };
  }
}

function fingerprint(stored: { competencies: StoredCompetency[]; milestoneTemplates: StoredTemplate[] }): string {
  return createHash('sha256').update(canonicalFramework(stored)).digest('hex');
}

function toImportResponse(id: string, p: StoredPreview, appliedAt: Date | null): FrameworkImportResponse {
  return {
    id,
    format: p.format,
    competencies: p.competencies,
    milestoneTemplates: p.milestoneTemplates,
    levelPhases: p.levelPhases,
    errors: p.errors,
    appliedAt: appliedAt?.toISOString() ?? null,
  };
}
