import { Body, Controller, Get, Headers, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform/http';
import {
  CompetencyResponse,
  CreateCompetencyDto,
  CreateMilestoneTemplateDto,
  FrameworkDocumentResponse,
  FrameworkExportQueryDto,
  FrameworkImportDto,
  FrameworkImportResponse,
  FrameworkQueryDto,
  FrameworkResponse,
  MilestoneTemplateResponse,
  SettingsResponse,
  UpdateCompetencyDto,
  UpdateMilestoneTemplateDto,
  UpdateSettingsDto,
} from './dto/framework.dto';
import { FrameworkImportService } from './framework-import.service';
import { FrameworkService } from './framework.service';

@ApiTags('framework')
@ApiExtraModels(FrameworkDocumentResponse)
@Controller('framework')
export class FrameworkController {
  constructor(
    private readonly framework: FrameworkService,
    private readonly imports: FrameworkImportService,
  ) {}

  @Get()
  @Endpoint({
    permission: Permission.FrameworkRead,
    summary: "The organization's phases, competencies, milestone templates and readiness settings",
    ok: FrameworkResponse,
  })
  get(@CurrentActor() actor: Actor, @Query() query: FrameworkQueryDto): Promise<FrameworkResponse> {
    return this.framework.get(actor, query.includeRetired);
  }

  @Post('competencies')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Add a competency (HR admin)',
    status: 201,
    ok: CompetencyResponse,
    errors: { 409: 'A competency with this key exists' },
  })
  createCompetency(@CurrentActor() actor: Actor, @Body() dto: CreateCompetencyDto): Promise<CompetencyResponse> {
    return this.framework.createCompetency(actor, dto);
  }

  @Patch('competencies/:id')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Rename, re-describe, re-order, retire or restore a competency (HR admin)',
    ok: CompetencyResponse,
  })
  updateCompetency(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCompetencyDto,
  ): Promise<CompetencyResponse> {
    return this.framework.updateCompetency(actor, id, dto);
  }

  @Post('milestones')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Add a milestone template to a phase (HR admin)',
    status: 201,
    ok: MilestoneTemplateResponse,
    errors: { 409: 'A milestone with this key exists' },
  })
  createMilestone(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateMilestoneTemplateDto,
  ): Promise<MilestoneTemplateResponse> {
    return this.framework.createMilestoneTemplate(actor, dto);
  }

  @Patch('milestones/:id')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Change, re-order, retire or restore a milestone template (HR admin)',
    ok: MilestoneTemplateResponse,
  })
  updateMilestone(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateMilestoneTemplateDto,
  ): Promise<MilestoneTemplateResponse> {
    return this.framework.updateMilestoneTemplate(actor, id, dto);
  }

  @Patch('settings')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary: 'Readiness weights (summing to 1) and stale-feedback days (HR admin)',
    ok: SettingsResponse,
  })
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: UpdateSettingsDto): Promise<SettingsResponse> {
    return this.framework.updateSettings(actor, dto);
  }
  @Get('export')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary:
      "The organization's framework as a Leadpath framework document: JSON, or YAML with ?format=yaml or Accept: application/yaml (HR admin)",
    ok: {
      description: 'The active competencies and milestone templates; importing it back changes nothing',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(FrameworkDocumentResponse) } },
        'application/yaml': { schema: { type: 'string' } },
      },
    },
  })
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: FrameworkExportQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<StreamableFile> {
    const file = await this.imports.export(actor, query.format, accept);
    return new StreamableFile(Buffer.from(file.text, 'utf8'), {
      type: file.type,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Post('import')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary:
      'Preview a career ladder: a Leadpath framework document (JSON or YAML) or a progression-framework Markdown file with YAML front matter, sent as text in `content` (HR admin)',
    status: 201,
    ok: FrameworkImportResponse,
  })
  previewImport(@CurrentActor() actor: Actor, @Body() dto: FrameworkImportDto): Promise<FrameworkImportResponse> {
    return this.imports.preview(actor, dto);
  }

  @Post('import/:id/apply')
  @Endpoint({
    permission: Permission.FrameworkManage,
    summary:
      'Apply a previewed import in one transaction: adds, renames, changes and retires what it showed (HR admin)',
    ok: FrameworkImportResponse,
    errors: {
      409: 'Applied already, the framework changed since the preview, or the preview has errors',
    },
  })
  applyImport(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FrameworkImportResponse> {
    return this.imports.apply(actor, id);
  }
}
