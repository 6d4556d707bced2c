import { type Job, type JobsOptions, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
// The fault tests otherwise drive the built processes; this one checks the bulk job writer itself
// against BullMQ on a real redis-server. The file imports only types at run time (no Nest).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { DelayedJobBatch, DelayedJobWriter } from '../../../libs/server/src/lib/queue/delayed-jobs';
import { DedicatedRedis, eventually, hasRedisServer, sleep } from './support/harness';

const describeWithRedis = hasRedisServer ? describe : describe.skip;

/** The deadline queue's own options (DEADLINE_JOB_OPTIONS), and small trims that a test can watch work. */
const DEADLINE_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 10_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 50_000 },
};
const TRIMMED: JobsOptions = { attempts: 1, removeOnComplete: { count: 1 }, removeOnFail: { count: 1 } };

describeWithRedis('bulk-written delayed jobs are BullMQ jobs (a dedicated redis-server)', () => {
  const server = new DedicatedRedis();
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  let redis: Redis;
  let n = 0;

  beforeAll(async () => {
    await server.start();
    redis = server.client();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close(true)));
    await Promise.all(queues.splice(0).map((q) => q.close()));
  });
  afterAll(async () => {
    redis?.disconnect();
    await server.stop();
  });

  function queue(defaultJobOptions: JobsOptions): { q: Queue; writer: DelayedJobWriter; prefix: string } {
    const prefix = `bulk-${++n}-${Date.now().toString(36)}`;
    const q = new Queue('deadlines', { connection: { host: '127.0.0.1', port: server.port, maxRetriesPerRequest: null }, prefix, defaultJobOptions });
    queues.push(q);
    return { q, writer: new DelayedJobWriter(q), prefix };
  }

  function batchOf(jobs: { id: string; runAt: number; data?: Record<string, unknown> }[]): DelayedJobBatch {
    const batch = new DelayedJobBatch('deadline.check');
    for (const j of jobs) batch.add(j.id, j.runAt, JSON.stringify(j.data ?? { deadlineId: j.id, dueOn: '2026-03-20' }));
    return batch;
  }

  function worker(prefix: string, process: (job: Job) => Promise<unknown>): Worker {
    const w = new Worker('deadlines', process, { connection: { host: '127.0.0.1', port: server.port, maxRetriesPerRequest: null }, prefix });
    w.on('error', () => undefined);
    workers.push(w);
    return w;
  }

  const withoutVarying = (opts: JobsOptions) => {
    const { jobId: _jobId, delay: _delay, ...rest } = opts;
    void _jobId;
    void _delay;
    return rest;
  };

  it('a job made by the script is the job Queue.add makes with the same options', async () => {
    const { q, writer, prefix } = queue(DEADLINE_OPTIONS);
    const runAt = Date.now() + 3_600_000;
    const data = { deadlineId: 'd-1', dueOn: '2026-03-20' };
    const result = await writer.ensure(batchOf([{ id: 'deadline-check.bulk', runAt, data }]));
    expect(result).toEqual({ created: 1, addedDue: 0, restarted: 0, retimed: 0 });
    await q.add('deadline.check', data, { jobId: 'deadline-check.added', delay: runAt - Date.now() });

    const bulk = (await q.getJob('deadline-check.bulk'))!;
    const added = (await q.getJob('deadline-check.added'))!;
    expect(bulk.name).toBe(added.name);
    expect(bulk.data).toEqual(added.data);
    expect(withoutVarying(bulk.opts)).toEqual(withoutVarying(added.opts));
    expect(bulk.opts.jobId).toBe('deadline-check.bulk');
    expect(bulk.opts.delay).toBe(bulk.delay);
    expect(bulk.timestamp + bulk.delay).toBe(runAt);
    expect(Math.abs(bulk.timestamp + bulk.delay - (added.timestamp + added.delay))).toBeLessThan(50);
    for (const field of ['priority', 'attemptsMade', 'attemptsStarted', 'stalledCounter', 'progress', 'returnvalue', 'parentKey', 'repeatJobKey'] as const) {
      expect([field, bulk[field]]).toEqual([field, added[field]]);
    }
    expect(await bulk.getState()).toBe('delayed');
    expect(await added.getState()).toBe('delayed');
    // The same hash fields in Redis, and the delayed set's score is the run-at time in BullMQ's encoding.
    const [bulkHash, addedHash] = await Promise.all([redis.hgetall(`${prefix}:deadlines:deadline-check.bulk`), redis.hgetall(`${prefix}:deadlines:deadline-check.added`)]);
    expect(Object.keys(bulkHash).sort()).toEqual(Object.keys(addedHash).sort());
    const score = Number(await redis.zscore(`${prefix}:deadlines:delayed`, 'deadline-check.bulk'));
    expect(Math.floor(score / 0x1000)).toBe(runAt);
    // The marker that wakes workers points at the head of the delayed set.
    const marker = await redis.zscore(`${prefix}:deadlines:marker`, '1');
    expect(marker).not.toBeNull();
  });

  it('counts jobs due in the same millisecond as BullMQ does (n in the low 12 bits of the score)', async () => {
    const { q, writer, prefix } = queue(DEADLINE_OPTIONS);
    const runAt = Date.now() + 3_600_000;
    await writer.ensure(batchOf([{ id: 'a', runAt }, { id: 'b', runAt }]));
    await q.add('deadline.check', {}, { jobId: 'c', delay: 3_600_000, timestamp: runAt - 3_600_000 });
    await writer.ensure(batchOf([{ id: 'd', runAt }]));
    const scores = await redis.zrange(`${prefix}:deadlines:delayed`, 0, -1, 'WITHSCORES');
    expect(scores).toEqual(['a', String(runAt * 0x1000), 'b', String(runAt * 0x1000 + 1), 'c', String(runAt * 0x1000 + 2), 'd', String(runAt * 0x1000 + 3)]);
  });

  it('a real Worker promotes and processes it at its time, and removeOnComplete / removeOnFail apply', async () => {
    const { q, writer } = queue(TRIMMED);
    const runAt = Date.now() + 1_500;
    const ids = ['ok-1', 'ok-2', 'ok-3', 'fail-1', 'fail-2'];
    await writer.ensure(batchOf(ids.map((id) => ({ id, runAt, data: { deadlineId: id, dueOn: '2026-03-20' } }))));
    const processed = new Map<string, number>();
    worker(q.opts.prefix ?? '', async (job) => {
      processed.set(job.id ?? '', Date.now());
      if (String(job.id).startsWith('fail')) throw new Error('failing on purpose');
      return 'done';
    });
    await eventually(async () => processed.size === ids.length, 15_000, 'every job processed');
    for (const id of ids) {
      expect(processed.get(id)).toBeGreaterThanOrEqual(runAt);
      expect(processed.get(id)).toBeLessThan(runAt + 3_000);
    }
    await eventually(async () => (await q.getCompletedCount()) === 1 && (await q.getFailedCount()) === 1, 10_000, 'finished jobs trimmed');
    await sleep(200);
    expect(await q.getCompletedCount()).toBe(1);
    expect(await q.getFailedCount()).toBe(1);
    const left = await Promise.all(ids.map((id) => q.getJob(id)));
    expect(left.filter(Boolean)).toHaveLength(2); // the others were removed, keys and all
  });

  it('the deterministic id dedupes: written twice, or after Queue.add, it is one job', async () => {
    const { q, writer, prefix } = queue(DEADLINE_OPTIONS);
    const runAt = Date.now() + 3_600_000;
    const batch = batchOf([{ id: 'deadline-check.x.2026-03-20', runAt }]);
    expect((await writer.ensure(batch)).created).toBe(1);
    expect((await writer.ensure(batch)).created).toBe(0);
    await q.add('deadline.check', { other: true }, { jobId: 'deadline-check.x.2026-03-20', delay: 1_000 });
    await q.add('deadline.check', { deadlineId: 'y' }, { jobId: 'deadline-check.y.2026-03-20', delay: 7_200_000 });
    expect((await writer.ensure(batchOf([{ id: 'deadline-check.y.2026-03-20', runAt: Date.now() + 7_200_000 }]))).created).toBe(0);
    expect(await redis.zcard(`${prefix}:deadlines:delayed`)).toBe(2);
    expect((await q.getJob('deadline-check.x.2026-03-20'))!.data).toEqual({ deadlineId: 'deadline-check.x.2026-03-20', dueOn: '2026-03-20' });
  });

  it('hands BullMQ the jobs already due, finished or timed too late', async () => {
    const { q, writer } = queue(DEADLINE_OPTIONS);
    // Finished: a completed job with the id of a timer that should be live again.
    await q.add('deadline.check', {}, { jobId: 'done', delay: 0 });
    const w = worker(q.opts.prefix ?? '', async () => 'ok');
    await eventually(async () => (await q.getJob('done'))?.finishedOn !== undefined, 10_000, 'the job to complete');
    await w.close();
    // Late: delayed an hour though it should run in a second.
    await q.add('deadline.check', {}, { jobId: 'late', delay: 3_600_000 });
    const soon = Date.now() + 1_000;
    const result = await writer.ensure(batchOf([{ id: 'done', runAt: soon }, { id: 'late', runAt: soon }, { id: 'due', runAt: Date.now() - 1 }]), 0);
    expect(result).toEqual({ created: 0, addedDue: 1, restarted: 1, retimed: 1 });
    expect(await (await q.getJob('done'))!.getState()).toBe('delayed');
    expect(await (await q.getJob('due'))!.getState()).toBe('waiting');
    const late = (await q.getJob('late'))!;
    expect(late.timestamp + late.delay).toBeLessThan(Date.now() + 5_000);
  });
});
