// No Nest or Redis here: how late a queue is, from what Redis holds, as pure functions.

/** What Redis holds about the oldest waiting job and the head of the delayed set. */
export interface QueueHead {
  now: number;
  /** Score of the first job of the delayed set (BullMQ: run-at ms * 0x1000 + n). */
  delayedHeadScore?: string | number | null;
  /** The oldest waiting job's hash fields `timestamp`, `opts` and `data`. */
  oldestWaiting?: { timestamp?: string | null; opts?: string | null; data?: string | null } | null;
}

/**
 * When a waiting job should have run: the `runAt` a re-timed job keeps in its data, otherwise its
 * creation `timestamp` plus the delay it was created with (`opts.delay`; BullMQ zeroes the hash's
 * own `delay` field when it promotes a job). Never the creation time alone: a timer made weeks ago
 * for today is not weeks late.
 */
export function dueTimeOfWaiting(job: NonNullable<QueueHead['oldestWaiting']>): number | undefined {
  const timestamp = Number(job.timestamp);
  if (!Number.isFinite(timestamp) || timestamp <= 0) return undefined;
  const runAt = Number(parse(job.data)?.['runAt']);
  if (Number.isFinite(runAt) && runAt > 0) return runAt;
  const delay = Number(parse(job.opts)?.['delay'] ?? 0);
  return timestamp + (Number.isFinite(delay) && delay > 0 ? delay : 0);
}

/** The queue's lag: how late the most overdue of the delayed head and the oldest waiting job is. */
export function lagOf(head: QueueHead): number {
  let lag = 0;
  if (head.delayedHeadScore !== undefined && head.delayedHeadScore !== null) {
    lag = Math.max(lag, head.now - Math.floor(Number(head.delayedHeadScore) / 0x1000));
  }
  if (head.oldestWaiting) {
    const due = dueTimeOfWaiting(head.oldestWaiting);
    if (due !== undefined) lag = Math.max(lag, head.now - due);
  }
  return Number.isFinite(lag) ? Math.max(0, lag) : 0;
}

function parse(json: string | null | undefined): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
