import type { DefaultJobOptions } from 'bullmq';

/**
 * The registry of queues and jobs, with the payload of each. The worker refuses to start if a job
 * here has no handler. Redis holds only work in flight: every job is made by the worker's tick from
 * what PostgreSQL says is due, and made again if Redis loses it.
 */
export const DEADLINE_QUEUE = 'deadlines';

/**
 * Options of every deadline job: retried with backoff while PostgreSQL is briefly unreachable, and
 * trimmed once finished (a few thousand kept to look at in Bull Board), so Redis' memory stays flat.
 * A job whose attempts run out is claimed again by the tick with a new id.
 */
export const DEADLINE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
};

export interface JobPayloads {
  /**
   * A deadline's due action (a reminder point, its overdue marking, or a look after a case write),
   * claimed by the tick: `claimNo` is the claim's number, and a job whose number is no longer the
   * deadline's does nothing (the action was claimed again, or is done).
   */
  'deadline.action': { deadlineId: string; claimNo: number };
  /** A scheduled run (the daily digest) claimed by the tick, with the same rule for `claimNo`. */
  'scheduled.run': { name: ScheduledRunName; claimNo: number };
}
export type JobName = keyof JobPayloads;
export const JOB_NAMES = [
  'deadline.action',
  'scheduled.run',
] as const satisfies readonly JobName[];

/** The runs timed in the `scheduled_run` table. */
export type ScheduledRunName = 'daily-digest' | 'export-housekeeping';

/**
 * Job ids: deterministic per claim, so adding a claim's job twice makes one job, and a new claim
 * (the old job lost, or its attempts used up) a new one. BullMQ refuses ':' in custom ids.
 */
export function deadlineActionJobId(
  deadlineId: string,
  claimNo: number,
): string {
  return `deadline-action.${deadlineId}.${claimNo}`;
}
export function scheduledRunJobId(
  name: ScheduledRunName,
  claimNo: number,
): string {
  return `scheduled-run.${name}.${claimNo}`;
}

/**
 * Left in Redis by releases that kept one delayed job per deadline and a sweep scheduler: the worker
 * removes the scheduler at start and finishes any such job without doing anything.
 */
export const LEGACY_JOB_NAMES = ['deadline.check', 'deadline.sweep'] as const;
export const LEGACY_SWEEP_SCHEDULER_ID = 'deadline-sweep';

/**
 * The export queue: auditors' history exports, made in the background by the worker (one at a
 * time per worker: they stream from PostgreSQL and can be long). Its processor refuses to start if
 * a job here has no handler.
 */
export const EXPORT_QUEUE = 'exports';

export interface ExportJobPayloads {
  /** Make the file of one `export_job` row; the job id is the export's id, so queueing it twice is harmless. */
  'history.export': { exportId: string };
}
export type ExportJobName = keyof ExportJobPayloads;
export const EXPORT_JOB_NAMES = [
  'history.export',
] as const satisfies readonly ExportJobName[];

/**
 * Left in Redis by releases that ran the export housekeeping from a BullMQ job scheduler (lost with
 * Redis's data until the worker restarted): the worker removes it at start and finishes any such job
 * without doing anything. The housekeeping is now a run timed in `scheduled_run`.
 */
export const LEGACY_EXPORT_HOUSEKEEPING_SCHEDULER_ID = 'export-housekeeping';
export const LEGACY_EXPORT_JOB_NAMES = ['export.housekeeping'] as const;
