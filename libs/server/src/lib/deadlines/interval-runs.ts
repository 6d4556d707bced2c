import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { ExportHousekeeping } from '../exports/export-housekeeping';
import type { ScheduledRunName } from '../queue/queues';
import { WorkerRepository } from './worker.repository';

/** The scheduled runs that simply repeat at an interval, and how often each does. */
export const INTERVAL_RUNS = {
  /** Deletes expired export files, and queues again (or fails) exports whose job was lost. */
  'export-housekeeping': 15 * 60_000,
} as const satisfies Partial<Record<ScheduledRunName, number>>;
export type IntervalRunName = keyof typeof INTERVAL_RUNS;

/**
 * Runs a repeating `scheduled_run` (claimed by the tick, like the daily digest): its timer lives in
 * PostgreSQL, so a Redis that loses its data loses at most the run in flight, which the tick claims
 * again. Does nothing if its claim is no longer current; times the next run when done.
 */
@Injectable()
export class IntervalRuns {
  private readonly logger = new Logger(IntervalRuns.name);

  constructor(
    private readonly runs: WorkerRepository,
    private readonly clock: Clock,
    private readonly housekeeping: ExportHousekeeping,
  ) {}

  async run(
    name: IntervalRunName,
    claimNo: number,
  ): Promise<{ outcome: 'done' | 'stale'; result?: unknown }> {
    if (!(await this.runs.stillClaimed(name, claimNo)))
      return { outcome: 'stale' };
    const result = await this.work[name]();
    const now = this.clock.now();
    const finished = await this.runs.finishRun(
      name,
      claimNo,
      new Date(now.getTime() + INTERVAL_RUNS[name]),
      this.clock.today(),
    );
    if (!finished)
      this.logger.warn(`The ${name} run finished after its claim was taken`);
    return { outcome: finished ? 'done' : 'stale', result };
  }

  private readonly work: Record<IntervalRunName, () => Promise<unknown>> = {
    'export-housekeeping': () => this.housekeeping.run(),
  };
}
