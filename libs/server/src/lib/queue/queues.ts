import type { DefaultJobOptions } from 'bullmq';

/**
 * The registry of queues, jobs and outbox topics, with the payload of each. The worker refuses to
 * start if a job here has no handler.
 */
export const DEADLINE_QUEUE = 'deadlines';

/**
 * Options of every deadline job: retried with backoff, and trimmed once finished (completed jobs
 * kept a week or 10,000 deep, failed ones 50,000 deep). Shared by the Worker's queue and the
 * producer, and built into the jobs the bulk writer makes.
 */
export const DEADLINE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 10_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 50_000 },
};

export interface JobPayloads {
  /**
   * The one timer of a live deadline. It fires at the deadline's next action (a reminder at
   * REMINDER_TIME on a reminder point, or the start of the day after the due date) and re-times
   * itself to the next one; it ends when the deadline is met, moved or cancelled.
   */
  'deadline.check': {
    deadlineId: string;
    dueOn: string;
    /**
     * When the job re-timed itself: the instant (epoch ms) its next firing is due. BullMQ keeps
     * only the job's creation time and first delay, so queue lag is measured from this.
     */
    runAt?: number;
  };
  /** The reconciliation sweep (a job scheduler): re-creates missing timers from PostgreSQL. */
  'deadline.sweep': Record<string, never>;
}
export type JobName = keyof JobPayloads;
export const JOB_NAMES = ['deadline.check', 'deadline.sweep'] as const satisfies readonly JobName[];

/** The id of the job scheduler that runs the sweep. */
export const SWEEP_SCHEDULER_ID = 'deadline-sweep';

/** Outbox topics written in the case transaction and relayed to BullMQ by the worker. */
export const OUTBOX_TOPICS = { deadlineOpened: 'deadline.opened' } as const;
export interface OutboxPayloads {
  /** A deadline opened or its due date changed (`previousDueOn`: the date its old timer was for). */
  'deadline.opened': { deadlineId: string; dueOn: string; previousDueOn?: string };
}

/** Deterministic: the same deadline and due date always give the same job, so relaying twice is harmless. */
export function deadlineCheckJobId(deadlineId: string, dueOn: string): string {
  return `deadline-check.${deadlineId}.${dueOn}`;
}

/**
 * The export queue: auditors' history exports, made in the background by the worker (one at a
 * time per worker: they stream from PostgreSQL and can be long). Its processor refuses to start if
 * a job here has no handler.
 */
export const EXPORT_QUEUE = 'exports';

export interface ExportJobPayloads {
  /** Make the file of one `export_job` row; the job id is the export's id, so queueing it twice is harmless. */
  'history.export': { exportId: string };
  /** A job scheduler: deletes expired export files, and queues again any export left waiting (a lost job). */
  'export.housekeeping': Record<string, never>;
}
export type ExportJobName = keyof ExportJobPayloads;
export const EXPORT_JOB_NAMES = ['history.export', 'export.housekeeping'] as const satisfies readonly ExportJobName[];

/** The id of the job scheduler that runs the export housekeeping. */
export const EXPORT_HOUSEKEEPING_SCHEDULER_ID = 'export-housekeeping';
