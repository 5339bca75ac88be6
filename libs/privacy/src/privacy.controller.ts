import { Body, Controller, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform/http';
import {
  EraseUserDto,
  ErasureResponse,
  ExportQueryDto,
  DEFAULT_PREVIEW,
  RetentionPreviewQueryDto,
  RetentionPreviewResponse,
  RetentionResponse,
  UpdateRetentionDto,
} from './dto/privacy.dto';
import { ErasureService } from './erasure.service';
import { ExportService } from './export.service';
import { RetentionService } from './retention.service';

const ZIP = {
  description: 'The data as a zip: JSON files (schemas in docs/export-schema), CSV copies, a manifest',
  content: { 'application/zip': {} },
};

const attachment = (name: string) => ({ type: 'application/zip', disposition: `attachment; filename="${name}"` });

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(
    private readonly exports: ExportService,
    private readonly erasure: ErasureService,
    private readonly retention: RetentionService,
  ) {}

  @Get('me/export')
  @Endpoint({
    permission: Permission.SubjectExportOwn,
    summary: 'Download everything Leadpath holds about you, as a zip of JSON and CSV files',
    ok: ZIP,
    produces: 'application/zip',
  })
  async own(@CurrentActor() actor: Actor): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.own(actor), attachment('leadpath-my-data.zip'));
  }

  @Get('users/:id/export')
  @Endpoint({
    permission: Permission.SubjectExport,
    summary:
      'Export a person’s data for a data-subject request, with the reason (HR admin; private notes included, marked for review before release)',
    ok: ZIP,
    produces: 'application/zip',
  })
  async forPerson(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ExportQueryDto,
  ): Promise<StreamableFile> {
    return new StreamableFile(
      await this.exports.forPerson(actor, id, query.reason),
      attachment('leadpath-person-data.zip'),
    );
  }

  @Post('users/:id/erasure')
  @Endpoint({
    permission: Permission.SubjectErase,
    summary:
      'Erase a person: delete or anonymize their data by the declared strategy per column, close the account (HR admin; cannot be undone)',
    ok: ErasureResponse,
    errors: { 409: 'The person is erased already, or is the caller' },
  })
  erase(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: EraseUserDto,
  ): Promise<ErasureResponse> {
    return this.erasure.erase(actor, id, dto);
  }

  @Put('organization/retention')
  @Endpoint({
    permission: Permission.RetentionManage,
    summary: 'Set the retention rule, or switch it off with null (HR admin)',
    ok: RetentionResponse,
  })
  setRetention(@CurrentActor() actor: Actor, @Body() dto: UpdateRetentionDto): Promise<RetentionResponse> {
    return this.retention.update(actor, dto);
  }

  @Get('organization/retention/preview')
  @Endpoint({
    permission: Permission.RetentionManage,
    summary: 'The retention rule, and who it would erase now, longest deactivated first (HR admin)',
    ok: RetentionPreviewResponse,
  })
  previewRetention(
    @CurrentActor() actor: Actor,
    @Query() query: RetentionPreviewQueryDto,
  ): Promise<RetentionPreviewResponse> {
    return this.retention.preview(actor, query.limit ?? DEFAULT_PREVIEW);
  }
}
