import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint, Permission } from '@leadpath/access';
import { OwnTransaction } from '@leadpath/platform/database';
import { BackupsService } from './backups.service';
import { HealthDetailsResponse } from './dto/health-details.dto';

@ApiTags('health')
@Controller('health')
export class BackupsController {
  constructor(private readonly backups: BackupsService) {}

  @Get('details')
  // The backups are the instance's: read by a system operation, not in the caller's organization.
  @OwnTransaction()
  @Endpoint({
    permission: Permission.HealthDetails,
    summary:
      'The instance’s health in detail: the database, and the last backup with the restore that verified it (HR; the public /health says only up or down)',
    ok: HealthDetailsResponse,
  })
  details(): Promise<HealthDetailsResponse> {
    return this.backups.details();
  }
}
