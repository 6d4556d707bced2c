import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/actor';
import { QueueLagProbe } from '../queue/queue-lag';
import { RedisClient } from '../queue/redis';

/** Queue lag above this makes the health check fail: deadline jobs are not being run. */
const MAX_LAG_MS = 5 * 60_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisClient,
    private readonly lag: QueueLagProbe,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'PostgreSQL, Redis (with a warning if it may evict keys) and deadline queue lag (503 when any is down or lag exceeds 5 minutes)',
  })
  check() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 2000 }),
      async () => {
        const indicator = this.indicators.check('redis');
        try {
          const warning = await this.redis.evictionProblem();
          return indicator.up(warning ? { warning } : {});
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
      async () => {
        const indicator = this.indicators.check('deadlineQueue');
        try {
          const lag = await this.lag.measure();
          return lag.lagMs > MAX_LAG_MS ? indicator.down({ ...lag, message: 'Deadline jobs are overdue to run: is a worker running?' }) : indicator.up({ ...lag });
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
    ]);
  }
}
