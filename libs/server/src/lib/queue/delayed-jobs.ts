import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * The BullMQ release whose Lua scripts `ENSURE_DELAYED_JOBS` copies. The job hash and the delayed
 * set are BullMQ's internals, not its API: on any other release the queue module refuses to start
 * (see `assertBullmqVersion`) until the script has been checked against that release's
 * `addDelayedJob` and the worker-e2e test "bulk-written delayed jobs" passes.
 */
export const BULLMQ_VERSION = '6.7.0';

export function assertBullmqVersion(queue: Pick<Queue, 'metaValues'>): void {
  const running = String(queue.metaValues['version'] ?? '');
  if (running !== `bullmq:${BULLMQ_VERSION}`) {
    throw new Error(
      `BullMQ ${running.replace(/^bullmq:/, '') || 'of an unknown version'} is installed, but the bulk job writer ` +
        `(libs/server/src/lib/queue/delayed-jobs.ts) copies BullMQ ${BULLMQ_VERSION}'s addDelayedJob script. ` +
        'Check the script against the installed release, update BULLMQ_VERSION and run the worker-e2e tests.',
    );
  }
}

/**
 * Creates a page of delayed jobs in one call, as BullMQ 6.7.0's `addDelayedJob` script does for
 * each job (commands/addDelayedJob-6.lua with includes/storeJob.lua, addDelayedJob.lua,
 * getDelayedScore.lua, addDelayMarkerIfNeeded.lua): the job hash with the fields `name`, `data`,
 * `opts` (the queue's default job options with `jobId` and `delay`), `timestamp`, `delay`,
 * `priority`; the job in the delayed set scored `(timestamp + delay) * 0x1000 + n` (n counting the
 * jobs already due at that millisecond, capped at 0xfff); the id counter and `opts.maxLenEvents` in
 * the meta hash; and the delay marker that wakes workers, once per call instead of once per job.
 * It does not append the `added` and `delayed` entries to the events stream (nothing here listens
 * to QueueEvents, and they would double the work). An existing job is never overwritten (BullMQ's
 * "duplicated").
 *
 * KEYS: delayed, meta, id, marker.
 * ARGV: key prefix (`<prefix>:<queue>:`), timestamp (ms), late tolerance (ms), job name, the
 * stored opts JSON up to its last member (`{...,`), then the jobs: one string of
 * `jobId \n delay \n data JSON \n` per job (one long argument parses faster than thousands, on
 * both sides; neither a job id nor JSON.stringify output contains a raw newline).
 *
 * Returns `{created, i1, code1, i2, code2, …}` for the jobs that need the caller (0-based index):
 * 1 = the job exists but has finished (completed or failed) while it should be live; 2 = it is
 * delayed more than the tolerance later than asked; 3 = missing and already due (delay 0: BullMQ
 * puts such a job in the wait list, which the caller does with Queue.addBulk).
 */
export const ENSURE_DELAYED_JOBS = `
local rcall = redis.call
local delayedKey = KEYS[1]
local prefix = ARGV[1]
local timestampArg = ARGV[2]
local timestamp = tonumber(timestampArg)
local tolerance = tonumber(ARGV[3])
local name = ARGV[4]
local optsHead = ARGV[5]
local jobs = ARGV[6]
local out = {0}
local created = 0
local nextScore = {}
local zadd = {}
local pos = 1
local index = 0
local last = #jobs
while pos <= last do
  local e1 = string.find(jobs, "\\n", pos, true)
  local e2 = string.find(jobs, "\\n", e1 + 1, true)
  local e3 = string.find(jobs, "\\n", e2 + 1, true)
  local jobId = string.sub(jobs, pos, e1 - 1)
  local delayArg = string.sub(jobs, e1 + 1, e2 - 1)
  local delay = tonumber(delayArg)
  local jobKey = prefix .. jobId
  if rcall("EXISTS", jobKey) == 0 then
    if delay > 0 then
      rcall("HMSET", jobKey, "name", name, "data", string.sub(jobs, e2 + 1, e3 - 1),
        "opts", optsHead .. '"jobId":' .. cjson.encode(jobId) .. ',"delay":' .. delayArg .. "}",
        "timestamp", timestampArg, "delay", delayArg, "priority", 0)
      local delayedTimestamp = timestamp + delay
      local maxScore = (delayedTimestamp + 1) * 0x1000 - 1
      local score = nextScore[delayedTimestamp]
      if score == nil then
        score = delayedTimestamp * 0x1000
        local found = rcall("ZREVRANGEBYSCORE", delayedKey, maxScore, score, "WITHSCORES", "LIMIT", 0, 1)
        local current = tonumber(found[2])
        if current ~= nil then
          if current >= maxScore then score = maxScore else score = current + 1 end
        end
      end
      zadd[#zadd + 1] = score
      zadd[#zadd + 1] = jobId
      if score < maxScore then nextScore[delayedTimestamp] = score + 1 else nextScore[delayedTimestamp] = maxScore end
      created = created + 1
    else
      out[#out + 1] = index
      out[#out + 1] = 3
    end
  elseif rcall("HEXISTS", jobKey, "finishedOn") == 1 then
    out[#out + 1] = index
    out[#out + 1] = 1
  else
    local score = rcall("ZSCORE", delayedKey, jobId)
    if score and math.floor(tonumber(score) / 0x1000) > timestamp + delay + tolerance then
      out[#out + 1] = index
      out[#out + 1] = 2
    end
  end
  pos = e3 + 1
  index = index + 1
end
if created > 0 then
  for i = 1, #zadd, 2000 do
    rcall("ZADD", delayedKey, unpack(zadd, i, math.min(i + 1999, #zadd)))
  end
  rcall("INCRBY", KEYS[3], created)
  if not rcall("HGET", KEYS[2], "opts.maxLenEvents") then
    rcall("HSET", KEYS[2], "opts.maxLenEvents", 10000)
  end
  local head = rcall("ZRANGE", delayedKey, 0, 0, "WITHSCORES")
  local headScore = tonumber(head[2])
  if headScore ~= nil then
    rcall("ZADD", KEYS[4], headScore / 0x1000, "1")
  end
end
out[1] = created
return out`;

/**
 * Jobs of one name that should exist, each with its id, the instant it should run (epoch ms, real
 * time) and its data as JSON, in parallel arrays: a page of a million-row sweep allocates no object
 * per job.
 */
export class DelayedJobBatch {
  readonly ids: string[] = [];
  readonly runAts: number[] = [];
  readonly data: string[] = [];

  constructor(readonly name: string) {}

  get size(): number {
    return this.ids.length;
  }

  /** `dataJson` is `JSON.stringify(data)`, the form BullMQ stores. */
  add(jobId: string, runAt: number, dataJson: string): void {
    this.ids.push(jobId);
    this.runAts.push(runAt);
    this.data.push(dataJson);
  }

  /** The i-th job as Queue.add takes it, its delay measured from now. */
  job(i: number): { name: string; data: unknown; opts: { jobId: string; delay: number } } {
    const delay = Math.max(0, Math.round((this.runAts[i] ?? 0) - Date.now()));
    return { name: this.name, data: JSON.parse(this.data[i] ?? '{}') as unknown, opts: { jobId: this.ids[i] ?? '', delay } };
  }
}

export interface EnsureResult {
  /** Jobs made by the script, delayed. */
  created: number;
  /** Jobs already due, added to the wait list through Queue.addBulk. */
  addedDue: number;
  /** Jobs that had finished (completed or failed) though they should be live: removed and added again. */
  restarted: number;
  /** Delayed jobs that would have fired too late: brought forward. */
  retimed: number;
}

const COMMAND = `ensureDelayedJobs:${BULLMQ_VERSION}`;
type EnsureCommand = (...args: (string | number)[]) => Promise<number[]>;
/** Ids the one-string transport and the Lua opts JSON carry as they are (no newline, quote or backslash). */
const PLAIN_ID = /^[^\n\r"\\]+$/;

/**
 * The opts JSON BullMQ stores for `queue.add(name, data, { jobId, delay })` on a queue with these
 * default job options, up to the members that vary (`jobId`, `delay`): the merge Queue.addBulk
 * does, the Job constructor's defaults (`attempts`, `backoff` normalised, `repeatJobKey` left out)
 * and optsAsJSON's short names, `undefined` dropped. The worker-e2e test "bulk-written delayed
 * jobs" checks the result against Queue.add.
 */
export function storedOptsHead(defaults: JobsOptions): string {
  const opts: Record<string, unknown> = { attempts: 0, ...defaults };
  for (const varying of ['repeatJobKey', 'jobId', 'delay', 'telemetry']) delete opts[varying];
  if (typeof opts['backoff'] === 'number') opts['backoff'] = { type: 'fixed', delay: opts['backoff'] };
  const short: Record<string, string> = {
    deduplication: 'de',
    failParentOnFailure: 'fpof',
    continueParentOnFailure: 'cpof',
    ignoreDependencyOnFailure: 'idof',
    keepLogs: 'kl',
    removeDependencyOnFailure: 'rdof',
  };
  const encoded = Object.fromEntries(
    Object.entries(opts)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [short[k] ?? k, v]),
  );
  const json = JSON.stringify(encoded);
  return json === '{}' ? '{' : `${json.slice(0, -1)},`;
}

/**
 * Makes sure each job of a batch exists, fast: one Lua call per chunk creates the missing delayed
 * jobs exactly as Queue.add would (see ENSURE_DELAYED_JOBS) and reports the few that need BullMQ's
 * own commands (already due, finished, or timed too late). Uses the queue's connection and its
 * default job options; jobs that already exist are left alone.
 */
export class DelayedJobWriter {
  private readonly optsHead: string;

  constructor(
    private readonly queue: Queue,
    private readonly chunk = 1000,
  ) {
    assertBullmqVersion(queue);
    this.optsHead = storedOptsHead(queue.defaultJobOptions);
  }

  /**
   * Ensures every job of `batch` exists and runs no later than its `runAt` plus `lateToleranceMs`.
   * Sends all chunks at once (pipelined on the queue's connection).
   */
  async ensure(batch: DelayedJobBatch, lateToleranceMs = 60_000): Promise<EnsureResult> {
    const result: EnsureResult = { created: 0, addedDue: 0, restarted: 0, retimed: 0 };
    if (batch.size === 0) return result;
    const client = await this.client();
    const head = [this.queue.toKey('delayed'), this.queue.toKey('meta'), this.queue.toKey('id'), this.queue.toKey('marker'), this.queue.toKey('')];
    const timestamp = Date.now();
    const calls: Promise<number[]>[] = [];
    const indices: number[][] = [];
    const due: number[] = [];
    const finished: number[] = [];
    const late: number[] = [];
    for (let from = 0; from < batch.size; from += this.chunk) {
      const to = Math.min(batch.size, from + this.chunk);
      const parts: string[] = [];
      const sent: number[] = [];
      for (let i = from; i < to; i++) {
        const id = batch.ids[i] ?? '';
        const delay = Math.max(0, Math.round((batch.runAts[i] ?? 0) - timestamp));
        if (!PLAIN_ID.test(id)) {
          due.push(i); // an unusual id: BullMQ's own add (which dedupes by id)
          continue;
        }
        parts.push(id, String(delay), batch.data[i] ?? '{}');
        sent.push(i);
      }
      if (sent.length === 0) continue;
      indices.push(sent);
      calls.push(client(...head, timestamp, lateToleranceMs, batch.name, this.optsHead, `${parts.join('\n')}\n`));
    }
    const replies = await Promise.all(calls);
    replies.forEach((reply, c) => {
      result.created += Number(reply[0]);
      const sent = indices[c] ?? [];
      for (let k = 1; k < reply.length; k += 2) {
        const i = sent[Number(reply[k])] ?? -1;
        const code = Number(reply[k + 1]);
        if (i >= 0) (code === 3 ? due : code === 1 ? finished : late).push(i);
      }
    });
    // The rare cases go through BullMQ's own commands.
    for (const i of finished) await this.queue.remove(batch.job(i).opts.jobId).catch(() => 0);
    const again = [...due, ...finished];
    if (again.length > 0) await this.queue.addBulk(again.map((i) => batch.job(i)));
    for (const i of late) {
      const { opts } = batch.job(i);
      const existing = await this.queue.getJob(opts.jobId);
      const moved = await existing?.changeDelay(opts.delay).then(
        () => true,
        () => false,
      );
      if (moved) result.retimed++;
    }
    result.addedDue = due.length;
    result.restarted = finished.length;
    return result;
  }

  private async client(): Promise<EnsureCommand> {
    // BullMQ's connection is an ioredis client (wrapped); a command defined on it persists.
    const redis = (await this.queue.getBackend().client) as unknown as Redis & Record<string, EnsureCommand | undefined>;
    if (typeof redis[COMMAND] !== 'function') redis.defineCommand(COMMAND, { numberOfKeys: 4, lua: ENSURE_DELAYED_JOBS });
    const command = redis[COMMAND] as EnsureCommand;
    return (...args) => command.call(redis, ...args);
  }
}
