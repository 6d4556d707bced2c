// No Nest, database or Redis here: what the readings mean, as a pure function (unit-tested).

/** What the health check read, each part independently (a part that could not be read says why). */
export interface HealthReadings {
  /** The database's clock (real time), ms. Ages of heartbeats, claims and emails are measured from it. */
  now: number;
  /** The app's clock (CLOCK_NOW in tests and demonstrations), ms: deadline actions are timed on it. */
  appNow: number;
  /** HEALTH_STALE_SECONDS, in ms. */
  staleMs: number;
  postgres: { ok: true } | { ok: false; message: string };
  redis: { ok: true; pingMs: number } | { ok: false; message: string };
  /** Whether the deadline queue is paused, or why that could not be read. */
  queue: { paused: boolean } | { error: string };
  /** From PostgreSQL; null when PostgreSQL could not be read. */
  worker: WorkerReadings | null;
  actions: ActionReadings | null;
  mail: MailReadings | null;
}

export interface WorkerReadings {
  /** Workers whose heartbeat is fresh. */
  alive: number;
  seenAt: number | null;
  tickAt: number | null;
  tickError: string | null;
  tickErrorAt: number | null;
  actionDoneAt: number | null;
  mailSentAt: number | null;
  mailError: string | null;
}

export interface ActionReadings {
  /** Deadline actions and scheduled runs due and not yet claimed (counted up to COUNT_CAP). */
  dueWaiting: number;
  /** The earliest `next_action_at` (app clock), due or not. */
  nextActionAt: number | null;
  /** Claimed and not yet done (their jobs queued or running). */
  inFlight: number;
  /** When the oldest claim in flight was first claimed (real time). */
  oldestClaimStartedAt: number | null;
  /** When the oldest claimed action was due (app clock). */
  oldestClaimDueAt: number | null;
}

export interface MailReadings {
  /** Emails not yet sent (counted up to COUNT_CAP). */
  backlog: number;
  /** When the oldest unsent email was written (real time). */
  oldestAt: number | null;
}

/** Counts above this are reported as this (the check must answer within a second). */
export const COUNT_CAP = 10_000;
/** A claim this many times HEALTH_STALE_SECONDS old counts as stuck even while other actions get done. */
export const STUCK_FACTOR = 5;

export type PartStatus = 'up' | 'down';
export type Part = { status: PartStatus; message?: string } & Record<
  string,
  unknown
>;
export interface HealthResult {
  status: 'ok' | 'error';
  /** The parts that are up / down, and all of them (the shape @nestjs/terminus used, kept for monitors). */
  info: Record<string, Part>;
  error: Record<string, Part>;
  details: Record<string, Part>;
}

const seconds = (ms: number) => Math.round(ms / 1000);
const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();
const ageS = (now: number, at: number | null) =>
  at === null ? null : seconds(now - at);

/**
 * The verdict: each part up or down, with a message naming what is wrong and what to do. A dead
 * worker, a frozen tick, work stuck in flight or mail that cannot leave is `down` once it has lasted
 * HEALTH_STALE_SECONDS. Deadline actions that are due but being done (the morning run: claims
 * young, or actions completing) are `up` with state "run in progress".
 */
export function healthVerdict(r: HealthReadings): HealthResult {
  const stale = r.staleMs;
  const details: Record<string, Part> = {};

  details['postgres'] = r.postgres.ok
    ? { status: 'up' }
    : { status: 'down', message: `PostgreSQL: ${r.postgres.message}` };
  details['redis'] = r.redis.ok
    ? { status: 'up', pingMs: r.redis.pingMs }
    : {
        status: 'down',
        message: `Redis: ${r.redis.message}. Deadline actions wait in PostgreSQL until it answers.`,
      };
  details['deadlineQueue'] =
    'error' in r.queue
      ? {
          status: 'down',
          message: `Cannot tell whether the deadline queue is paused: ${r.queue.error}`,
        }
      : r.queue.paused
        ? {
            status: 'down',
            paused: true,
            message:
              'The deadline queue is paused: no reminder or overdue marking happens until it is resumed (Bull Board).',
          }
        : { status: 'up', paused: false };

  const w = r.worker;
  if (!w) {
    details['worker'] = {
      status: 'down',
      message:
        "Cannot read the workers' heartbeats: PostgreSQL did not answer.",
    };
    details['deadlineTick'] = {
      status: 'down',
      message: 'Cannot read the tick: PostgreSQL did not answer.',
    };
  } else {
    const seen = ageS(r.now, w.seenAt);
    details['worker'] =
      w.seenAt !== null && r.now - w.seenAt <= stale
        ? { status: 'up', alive: w.alive, lastSeenSecondsAgo: seen }
        : {
            status: 'down',
            alive: 0,
            lastSeenSecondsAgo: seen,
            message:
              w.seenAt === null
                ? 'No worker has ever reported: start the worker (dist/apps/worker/main.js).'
                : `No worker has reported for ${seen} s: is a worker running?`,
          };
    const tickAge = ageS(r.now, w.tickAt);
    const lastError =
      w.tickError && (w.tickAt === null || (w.tickErrorAt ?? 0) > w.tickAt)
        ? w.tickError
        : null;
    details['deadlineTick'] =
      w.tickAt !== null && r.now - w.tickAt <= stale
        ? { status: 'up', lastTickSecondsAgo: tickAge }
        : {
            status: 'down',
            lastTickSecondsAgo: tickAge,
            ...(lastError ? { lastError } : {}),
            message: `The deadline tick has not completed ${w.tickAt === null ? 'since the worker started' : `for ${tickAge} s`}: no due reminder or overdue marking is being claimed${lastError ? ` (last error: ${lastError})` : ''}.`,
          };
  }

  const a = r.actions;
  if (!a) {
    details['deadlineActions'] = {
      status: 'down',
      message: 'Cannot read the deadline actions: PostgreSQL did not answer.',
    };
  } else {
    const dueAt = [
      a.oldestClaimDueAt,
      a.nextActionAt !== null && a.nextActionAt <= r.appNow
        ? a.nextActionAt
        : null,
    ].filter((t): t is number => t !== null);
    const oldestDue = dueAt.length > 0 ? Math.min(...dueAt) : null;
    const claimAge =
      a.oldestClaimStartedAt === null ? null : r.now - a.oldestClaimStartedAt;
    const doneAge = w?.actionDoneAt ? r.now - w.actionDoneAt : null;
    const progressing = doneAge !== null && doneAge <= stale;
    const stuck =
      claimAge !== null &&
      claimAge > stale &&
      (!progressing || claimAge > STUCK_FACTOR * stale);
    const busy = a.dueWaiting > 0 || a.inFlight > 0;
    const state = stuck ? 'stuck' : busy ? 'run in progress' : 'idle';
    const figures = {
      state,
      dueWaiting: a.dueWaiting,
      ...(a.dueWaiting >= COUNT_CAP ? { dueWaitingAtLeast: true } : {}),
      inFlight: a.inFlight,
      oldestDueAt: iso(oldestDue),
      oldestDueSecondsAgo:
        oldestDue === null ? null : seconds(r.appNow - oldestDue),
      oldestClaimSecondsAgo: claimAge === null ? null : seconds(claimAge),
      lastDoneSecondsAgo: doneAge === null ? null : seconds(doneAge),
      nextActionAt: iso(a.nextActionAt),
    };
    details['deadlineActions'] = stuck
      ? {
          status: 'down',
          ...figures,
          message: `Work stuck: a deadline action claimed ${seconds(claimAge ?? 0)} s ago is not done${progressing ? '' : ', and no action has been done since'}. Its job keeps failing or is not being run: see the worker's log and Bull Board.`,
        }
      : { status: 'up', ...figures };
  }

  const m = r.mail;
  if (!m) {
    details['mail'] = {
      status: 'down',
      message: 'Cannot read the email backlog: PostgreSQL did not answer.',
    };
  } else {
    const oldestAge = m.oldestAt === null ? null : r.now - m.oldestAt;
    const sentAge = w?.mailSentAt ? r.now - w.mailSentAt : null;
    const figures = {
      backlog: m.backlog,
      ...(m.backlog >= COUNT_CAP ? { backlogAtLeast: true } : {}),
      oldestUnsentSecondsAgo: oldestAge === null ? null : seconds(oldestAge),
      lastSentSecondsAgo: sentAge === null ? null : seconds(sentAge),
      ...(w?.mailError ? { lastError: w.mailError } : {}),
    };
    const cannotLeave =
      m.backlog > 0 &&
      oldestAge !== null &&
      oldestAge > stale &&
      (sentAge === null || sentAge > stale);
    details['mail'] = cannotLeave
      ? {
          status: 'down',
          ...figures,
          message: `Mail cannot leave: ${m.backlog} email(s) unsent, the oldest for ${seconds(oldestAge ?? 0)} s, and none sent ${sentAge === null ? 'yet' : `for ${seconds(sentAge)} s`}${w?.mailError ? ` (last error: ${w.mailError})` : ''}. Check SMTP_URL and the mail server; emails are retried.`,
        }
      : { status: 'up', ...figures };
  }

  const info: Record<string, Part> = {};
  const error: Record<string, Part> = {};
  for (const [name, part] of Object.entries(details))
    (part.status === 'up' ? info : error)[name] = part;
  return {
    status: Object.keys(error).length === 0 ? 'ok' : 'error',
    info,
    error,
    details,
  };
}
