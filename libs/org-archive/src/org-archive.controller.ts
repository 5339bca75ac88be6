import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AccessService, CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { Database, OwnTransaction } from '@leadpath/platform/database';
import { OrgArchiveService } from './org-archive.service';

@ApiTags('organization')
@Controller()
export class OrgArchiveController {
  constructor(
    private readonly archive: OrgArchiveService,
    private readonly access: AccessService,
    private readonly db: Database,
  ) {}

  @Get('organization/export')
  @Endpoint({
    permission: Permission.OrganizationExport,
    summary:
      'The whole organization as a versioned zip archive (a manifest and one JSON-lines file per table, secrets left out), streamed from one snapshot; audited (HR admin)',
    ok: { description: 'The archive as a zip', content: { 'application/zip': {} } },
    produces: 'application/zip',
  })
  @OwnTransaction()
  async export(@CurrentActor() actor: Actor): Promise<StreamableFile> {
    await this.db.tenant(actor.organizationId, () => this.access.require(actor, Permission.OrganizationExport));
    const stream = await this.archive.exportArchive(actor);
    return new StreamableFile(stream, {
      type: 'application/zip',
      disposition: 'attachment; filename="leadpath-organization.zip"',
    });
  }
}
