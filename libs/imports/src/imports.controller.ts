import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiExtension, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe } from '@leadpath/platform/http';
import { AppliedImportResponse, ApplyImportDto, ImportPeopleDto, PeopleImportResponse } from './dto/import.dto';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('people')
  @Endpoint({
    permission: Permission.PeopleImport,
    summary:
      'Read a CSV of people (the body as text/csv, or JSON { csv }) and answer its preview: what applying it would do, and every error by row and column (HR admin)',
    status: 201,
    ok: PeopleImportResponse,
  })
  // The OpenAPI document adds the text/csv form of the body (see createOpenApiDocument).
  @ApiExtension('x-csv-body', true)
  preview(@CurrentActor() actor: Actor, @Body() dto: ImportPeopleDto): Promise<PeopleImportResponse> {
    return this.imports.previewPeople(actor, dto);
  }

  @Get(':id')
  @Endpoint({
    permission: Permission.PeopleImport,
    summary: 'Read an import’s preview again (HR admin)',
    ok: PeopleImportResponse,
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<PeopleImportResponse> {
    return this.imports.get(actor, id);
  }

  @Post(':id/apply')
  @Endpoint({
    permission: Permission.PeopleImport,
    summary:
      'Apply a preview in one transaction, all rows or none; invite: true mails the new people an invitation (HR admin)',
    ok: AppliedImportResponse,
    body: { type: ApplyImportDto, required: false },
    errors: {
      409: 'The import was applied already, has errors, has expired, or the organization changed since the preview',
    },
  })
  apply(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ApplyImportDto,
  ): Promise<AppliedImportResponse> {
    return this.imports.apply(actor, id, dto);
  }
}
