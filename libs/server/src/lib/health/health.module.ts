import { Module } from '@nestjs/common';
import { StaffModule } from '../auth/staff.module';
import { QueueModule } from '../queue/queue.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';

/** The health check: PostgreSQL, Redis, the worker's heartbeat and the queues (API). */
@Module({
  imports: [StaffModule, QueueModule],
  controllers: [HealthController],
  providers: [HealthService, HealthRepository],
})
export class HealthModule {}
