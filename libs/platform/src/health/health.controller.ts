import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { Database } from '../database/database.service';
import { Public } from '../http/public.decorator';
import { LifecycleService } from './lifecycle.service';

export const HEALTH_PATHS = ['health', 'health/ready', 'api/v1/health', 'api/v1/health/ready'];

/** Served at the root (for probes) and under /api/v1 (for API clients); both skip the global prefix. */
@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: Database,
    private readonly lifecycle: LifecycleService,
  ) {}

  @Get(['health', 'api/v1/health'])
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get(['health/ready', 'api/v1/health/ready'])
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers and the process is not draining' })
  ready(): Promise<HealthCheckResult> {
    if (this.lifecycle.isDraining) {
      throw new ServiceUnavailableException('shutting down');
    }
    return this.health.check([() => this.database()]);
  }

  private async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    try {
      await this.db.ping(1500);
      return check.up();
    } catch {
      // No detail: the endpoint is public, and the driver's message names hosts and ports.
      return check.down();
    }
  }
}
