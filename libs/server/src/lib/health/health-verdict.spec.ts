import {
  type HealthReadings,
  healthVerdict,
  STUCK_FACTOR,
} from './health-verdict';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const APP_NOW = Date.parse('2026-03-02T09:00:00Z');
const S = 1000;
const STALE = 90 * S;

/** Everything fine: a worker seen 2 s ago, its tick 1 s ago, nothing due, nothing unsent. */
function readings(
  change: (r: HealthReadings) => void = () => undefined,
): HealthReadings {
  const r: HealthReadings = {
    now: NOW,
    appNow: APP_NOW,
    staleMs: STALE,
    postgres: { ok: true },
    redis: { ok: true, pingMs: 1 },
    queue: { paused: false },
    worker: {
      alive: 1,
      seenAt: NOW - 2 * S,
      tickAt: NOW - 1 * S,
      tickError: null,
      tickErrorAt: null,
      actionDoneAt: NOW - 600 * S,
      mailSentAt: NOW - 600 * S,
      mailError: null,
    },
    actions: {
      dueWaiting: 0,
      nextActionAt: APP_NOW + 3600 * S,
      inFlight: 0,
      oldestClaimStartedAt: null,
      oldestClaimDueAt: null,
    },
    mail: { backlog: 0, oldestAt: null },
  };
  change(r);
  return r;
}

const failing = (r: HealthReadings) =>
  Object.keys(healthVerdict(r).error).sort();

describe('health verdict', () => {
  it('is ok when every part is up, and says the deadline actions are idle', () => {
    const v = healthVerdict(readings());
    expect(v.status).toBe('ok');
    expect(v.error).toEqual({});
    expect(Object.keys(v.details).sort()).toEqual([
      'deadlineActions',
      'deadlineQueue',
      'deadlineTick',
      'mail',
      'postgres',
      'redis',
      'worker',
    ]);
    expect(v.details['deadlineActions']).toMatchObject({
      status: 'up',
      state: 'idle',
    });
  });

  it('a dead worker: no heartbeat for longer than HEALTH_STALE_SECONDS (and so no tick)', () => {
    const r = readings((x) => {
      x.worker!.seenAt = NOW - 91 * S;
      x.worker!.tickAt = NOW - 92 * S;
      x.worker!.alive = 0;
    });
    expect(failing(r)).toEqual(['deadlineTick', 'worker']);
    expect(healthVerdict(r).error['worker']!.message).toBe(
      'No worker has reported for 91 s: is a worker running?',
    );
    expect(
      failing(readings((x) => (x.worker!.seenAt = x.worker!.tickAt = null))),
    ).toEqual(['deadlineTick', 'worker']);
  });

  it('a frozen tick: the worker is alive but its tick has not completed, with the last error', () => {
    const r = readings((x) => {
      x.worker!.tickAt = NOW - 120 * S;
      x.worker!.tickError = 'canceling statement due to lock timeout';
      x.worker!.tickErrorAt = NOW - 3 * S;
    });
    expect(failing(r)).toEqual(['deadlineTick']);
    expect(healthVerdict(r).error['deadlineTick']).toMatchObject({
      lastTickSecondsAgo: 120,
      lastError: 'canceling statement due to lock timeout',
      message: expect.stringContaining('has not completed for 120 s'),
    });
  });

  it('a planned run in progress (due actions old by the app clock, claims young) is not a failure', () => {
    const r = readings((x) => {
      x.actions = {
        dueWaiting: 10_000,
        nextActionAt: APP_NOW - 3600 * S,
        inFlight: 2000,
        oldestClaimStartedAt: NOW - 5 * S,
        oldestClaimDueAt: APP_NOW - 3600 * S,
      };
      x.worker!.actionDoneAt = NOW;
    });
    const v = healthVerdict(r);
    expect(v.status).toBe('ok');
    expect(v.details['deadlineActions']).toMatchObject({
      state: 'run in progress',
      dueWaiting: 10_000,
      dueWaitingAtLeast: true,
      inFlight: 2000,
      oldestDueSecondsAgo: 3600,
      oldestClaimSecondsAgo: 5,
    });
    // A slow machine: the oldest claim waits longer than the threshold, but actions are being done.
    r.actions!.oldestClaimStartedAt = NOW - 200 * S;
    expect(healthVerdict(r).status).toBe('ok');
  });

  it('work stuck: a claim older than the threshold with nothing done since, or far older whatever is done', () => {
    const r = readings((x) => {
      x.actions = {
        dueWaiting: 10,
        nextActionAt: APP_NOW - 60 * S,
        inFlight: 10,
        oldestClaimStartedAt: NOW - 100 * S,
        oldestClaimDueAt: APP_NOW - 60 * S,
      };
      x.worker!.actionDoneAt = NOW - 95 * S;
    });
    expect(failing(r)).toEqual(['deadlineActions']);
    expect(healthVerdict(r).error['deadlineActions']).toMatchObject({
      state: 'stuck',
      message: expect.stringContaining('Work stuck'),
    });
    r.worker!.actionDoneAt = NOW;
    expect(failing(r)).toEqual([]);
    r.actions!.oldestClaimStartedAt = NOW - (STUCK_FACTOR * 90 + 1) * S;
    expect(failing(r)).toEqual(['deadlineActions']);
  });

  it('mail that cannot leave: emails unsent longer than the threshold and none sent since; a backlog being sent is fine', () => {
    const r = readings((x) => {
      x.mail = { backlog: 12, oldestAt: NOW - 100 * S };
      x.worker!.mailSentAt = NOW - 300 * S;
      x.worker!.mailError = 'connect ECONNREFUSED 127.0.0.1:2525';
    });
    expect(failing(r)).toEqual(['mail']);
    expect(healthVerdict(r).error['mail']!.message).toContain(
      'last error: connect ECONNREFUSED',
    );
    r.worker!.mailSentAt = NOW - 1 * S;
    expect(failing(r)).toEqual([]);
    r.worker!.mailSentAt = null;
    r.mail!.oldestAt = NOW - 30 * S;
    expect(failing(r)).toEqual([]); // not yet: retries are under way
  });

  it('names Redis (down or hanging) and a paused queue', () => {
    const r = readings((x) => {
      x.redis = { ok: false, message: 'Redis did not answer within 700 ms' };
      x.queue = { error: 'Redis (queue state) did not answer within 700 ms' };
    });
    expect(failing(r)).toEqual(['deadlineQueue', 'redis']);
    expect(healthVerdict(r).error['redis']!.message).toContain(
      'did not answer within 700 ms',
    );
    expect(failing(readings((x) => (x.queue = { paused: true })))).toEqual([
      'deadlineQueue',
    ]);
  });

  it('names PostgreSQL, and cannot vouch for what only it knows', () => {
    const r = readings((x) => {
      x.postgres = {
        ok: false,
        message: 'PostgreSQL did not answer within 700 ms',
      };
      x.worker = null;
      x.actions = null;
      x.mail = null;
    });
    expect(failing(r)).toEqual([
      'deadlineActions',
      'deadlineTick',
      'mail',
      'postgres',
      'worker',
    ]);
  });
});
