import {
  eventually,
  hasRedisServer,
  seedDeadlines,
  signedInHeaders,
  sleep,
  sql,
  WORKERS,
} from './support/harness';
import { NOW, PASSED, REMINDER_TODAY, Rig } from './support/rig';

const describeWithRedis = hasRedisServer ? describe : describe.skip;
if (!hasRedisServer)
  console.warn(
    'worker-e2e skipped: redis-server is not installed (Debian: apt-get install -y redis-server)',
  );

/** Reminders due now, and deadlines past (to be marked overdue, then in the daily digest). */
const REMINDERS = 400;
const OVERDUE = 60;

describeWithRedis(
  'Redis holds only work in flight: lost, restarted or evicting, nothing is lost or done twice, with two workers claiming (real PostgreSQL, a dedicated redis-server)',
  () => {
    const rig = new Rig();
    beforeAll(() => rig.beforeAll());
    afterEach(() => rig.afterEach());
    afterAll(() => rig.afterAll());

    /** A system with REMINDERS reminders due now and OVERDUE council deadlines past, on two cases. */
    async function loaded(label: string) {
      const s = await rig.system(label);
      const reminders = await seedDeadlines(s.db, REMINDERS, REMINDER_TODAY);
      const overdue = await seedDeadlines(s.db, OVERDUE, PASSED, {
        ruleId: 'order.amend_plan',
        dutyHolder: 'council',
        responsibleBody: '',
      });
      return {
        ...s,
        staff: reminders.staff,
        reminderIds: reminders.ids,
        overdueIds: overdue.ids,
      };
    }

    /** Every action done exactly once: a reminder per deadline, an overdue marking (and history event) per past deadline, a digest per person. */
    async function expectEachOnce(s: Awaited<ReturnType<typeof loaded>>) {
      const e = await s.effects();
      expect(e).toMatchObject({
        reminders: REMINDERS,
        reminderRepeats: 0,
        overdue: OVERDUE,
        overdueRepeats: 0,
        markedOverdue: OVERDUE,
        digests: 2, // the caseworker's (their overdue deadlines) and the manager's (escalations)
        left: 0,
        digestLeft: 0,
      });
      const digests = await sql<{
        recipient_id: string;
        for_date: string;
        body: string;
      }>(
        s.db,
        `SELECT recipient_id, for_date::text, body FROM notification WHERE kind = 'digest' ORDER BY recipient_id`,
      );
      expect(digests.map((d) => d.recipient_id).sort()).toEqual(
        [s.staff.manager, s.staff.worker].sort(),
      );
      for (const d of digests)
        expect(
          d.body.split('\n').filter((l) => l.startsWith('- ')).length,
        ).toBe(OVERDUE);
    }

    let lastSeen = '';
    const done = async (s: Awaited<ReturnType<typeof loaded>>) => {
      const e = await s.effects();
      lastSeen = JSON.stringify(e);
      return (
        e.left === 0 &&
        e.digestLeft === 0 &&
        e.reminders === REMINDERS &&
        e.digests === 2
      );
    };
    /** Waits for every action to be done; on a timeout, says how far it got. */
    const allDone = (s: Awaited<ReturnType<typeof loaded>>, ms = 150_000) =>
      eventually(() => done(s), ms, 'every action done').catch(
        (error: Error) => {
          throw new Error(`${error.message}; last seen: ${lastSeen}`);
        },
      );

    /** Deadline actions claimed now (their jobs in Redis). */
    const inFlight = (s: Awaited<ReturnType<typeof loaded>>) =>
      sql<{ id: string; claim_no: number }>(
        s.db,
        `SELECT id, claim_no FROM deadline WHERE claimed_at IS NOT NULL`,
      );

    /** How long until every one of these claims is done (claimed again with a higher number counts as not done). */
    async function timeToFinish(
      s: Awaited<ReturnType<typeof loaded>>,
      claims: { id: string; claim_no: number }[],
      from: number,
    ): Promise<number> {
      await eventually(
        async () =>
          (await s.count(
            `SELECT count(*) AS n FROM deadline WHERE id = ANY($1::uuid[]) AND claimed_at IS NOT NULL`,
            [claims.map((c) => c.id)],
          )) === 0,
        60_000,
        'the actions in flight when Redis lost them',
      );
      return Date.now() - from;
    }

    it('FLUSHALL while two workers run: every due action still happens, once, soon after; no restart', async () => {
      const s = await loaded('flush');
      const w = s.workers({
        DEADLINE_MAX_IN_FLIGHT: '60',
        WORKER_CONCURRENCY: '2',
      });
      let lastFlush = 0;
      let lost: { id: string; claim_no: number }[] = [];
      for (let round = 1; round <= 3; round++) {
        // Mid-run: actions in flight, some done.
        lost = await eventually(
          async () => {
            const claims = await inFlight(s);
            return (
              claims.length >= 30 &&
              (await s.count(`SELECT count(*) AS n FROM notification`)) >=
                round * 60 &&
              claims
            );
          },
          60_000,
          'work in flight',
        );
        await rig.redis.flushall();
        lastFlush = Date.now();
      }
      const ms = await timeToFinish(s, lost, lastFlush);
      console.log(
        `FLUSHALL: the ${lost.length} actions in flight at the last flush were all done ${ms} ms after it (tick 300 ms, claim grace 10 s)`,
      );
      expect(ms).toBeLessThan(30_000);
      await allDone(s);
      await sleep(1000);
      await expectEachOnce(s);
      expect(w.running()).toBe(true); // the same workers, never restarted
      expect(
        await s.count(`SELECT count(*) AS n FROM deadline WHERE claim_no > 1`),
      ).toBeGreaterThan(0); // some were claimed again
      await eventually(
        async () => (await s.workersThatActed()) === WORKERS,
        30_000,
        'both workers to have acted',
      );
    });

    it('a Redis restart without persistence while two workers run: writes go on, health names Redis, the workers catch up without a restart', async () => {
      const s = await loaded('restart');
      const w = s.workers({
        DEADLINE_MAX_IN_FLIGHT: '60',
        WORKER_CONCURRENCY: '2',
      });
      const api = await s.apiProcess();
      const lost = await eventually(
        async () => {
          const claims = await inFlight(s);
          return (
            claims.length >= 30 &&
            (await s.count(`SELECT count(*) AS n FROM notification`)) >= 60 &&
            claims
          );
        },
        60_000,
        'work in flight',
      );
      await rig.redisServer.stop();

      // Redis is down: health answers at once and names it.
      const h = await api.health();
      expect(h.ms).toBeLessThan(1000);
      expect(h.status).toBe(503);
      expect(h.body.error?.['redis']?.message).toMatch(/^Redis: /);

      // A caseworker's write still commits: its deadline waits in PostgreSQL.
      const headers = await signedInHeaders(s.db, api.base, s.staff.worker);
      const opened = await fetch(`${api.base}/cases`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          reference: `RD-${Date.now()}`,
          childName: 'Redis Down',
          dateOfBirth: '2013-06-30',
        }),
      });
      expect(opened.status).toBe(201);
      const c = (await opened.json()) as { id: string };
      const decided = await fetch(`${api.base}/cases/${c.id}/decisions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          expectedVersion: 1,
          type: 'refuse_assessment',
          decisionDate: '2026-02-25',
          letterSent: '2026-02-26',
          sections: [],
        }),
      });
      expect(decided.status).toBe(201);
      expect(
        await s.count(
          `SELECT count(*) AS n FROM deadline WHERE case_id = $1 AND next_action_at = $2`,
          [c.id, NOW],
        ),
      ).toBeGreaterThan(0);

      // Sign-in is not refused for want of Redis, and its rate limit still holds: the process counts on its own meanwhile
      // (10 a minute for one address and account by default).
      const attempts: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await fetch(`${api.base}/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            email: 'nobody@council.example',
            password: 'not-the-password',
          }),
        });
        attempts.push(res.status);
      }
      expect(attempts).toEqual([...Array(10).fill(401), 429]);

      // A worker asked to stop while Redis is down stops at once, cleanly (once started: its heartbeat is written as it starts).
      const other = s.worker();
      await eventually(
        async () =>
          (await s.count(`SELECT count(*) AS n FROM worker_heartbeat`)) ===
          WORKERS + 1,
        60_000,
        'another worker started',
      );
      await sleep(1000);
      const asked = Date.now();
      await other.stop('SIGTERM');
      expect(Date.now() - asked).toBeLessThan(4_000);
      expect(await other.exited).toEqual({ code: 0, signal: null });

      await rig.redisServer.start(); // the same port, empty: a restart without persistence
      const back = Date.now();
      const ms = await timeToFinish(s, lost, back);
      console.log(
        `Redis restart: the ${lost.length} actions in flight when it went down were all done ${ms} ms after it came back`,
      );
      expect(ms).toBeLessThan(30_000);
      await allDone(s);
      // The new case's deadlines were looked at and timed.
      await eventually(
        async () =>
          (await s.count(
            `SELECT count(*) AS n FROM deadline WHERE case_id = $1 AND (next_action_at <= $2 OR claimed_at IS NOT NULL)`,
            [c.id, NOW],
          )) === 0,
        30_000,
        "the new case's deadlines timed",
      );
      await sleep(1000);
      await expectEachOnce(s);
      expect(w.running()).toBe(true);
      await eventually(
        async () => (await api.health()).status === 200,
        30_000,
        'health green again',
      );
    });

    it('allkeys-lru eviction under a small maxmemory while two workers run: every action still happens, once', async () => {
      const s = await loaded('evict');
      const admin = rig.redisServer.client();
      try {
        await admin.flushall(); // the earlier tests' keys would be evicted first
        const used = Number(
          /used_memory:(\d+)/.exec(await admin.info('memory'))?.[1],
        );
        await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
        await admin.config('SET', 'maxmemory', String(used + 400_000));
        const w = s.workers({
          DEADLINE_MAX_IN_FLIGHT: '200',
          WORKER_CONCURRENCY: '4',
        });
        await allDone(s);
        await sleep(1000);
        await expectEachOnce(s);
        const evicted = Number(
          /evicted_keys:(\d+)/.exec(await admin.info('stats'))?.[1],
        );
        const again = await s.count(
          `SELECT count(*) AS n FROM deadline WHERE claim_no > 1`,
        );
        console.log(
          `allkeys-lru: Redis evicted ${evicted} keys; ${again} actions had their job evicted and were claimed again`,
        );
        expect(evicted).toBeGreaterThan(0);
        expect(w.running()).toBe(true);
      } finally {
        await admin.config('SET', 'maxmemory', '0');
        await admin.config('SET', 'maxmemory-policy', 'noeviction');
        admin.disconnect();
      }
    });

    it('two workers at once: every reminder, overdue marking and digest exactly once; health stays green through the run', async () => {
      const s = await loaded('two');
      const api = await s.apiProcess();
      const mailsBefore = rig.smtp.mails.length;
      s.workers({ DEADLINE_MAX_IN_FLIGHT: '100' }, 2);
      const states = new Set<string>();
      const failures: string[] = [];
      let started = false;
      await eventually(
        async () => {
          const h = await api.health();
          started ||= h.status === 200; // once both workers have reported
          if (started && h.status !== 200)
            failures.push(JSON.stringify(h.body.error));
          states.add(String(h.body.details?.['deadlineActions']?.state));
          return done(s);
        },
        150_000,
        'every action done',
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last seen: ${lastSeen}`);
      });
      await eventually(
        async () => (await s.effects()).emailsLeft === 0,
        60_000,
        'every email sent',
      );
      await sleep(1000);
      await expectEachOnce(s);
      expect(started).toBe(true);
      expect(failures).toEqual([]);
      expect(states).toContain('run in progress');
      // Both did work, and nothing was emailed twice: one email per reminder, one digest each.
      const workers = await sql<{ actions_done: string }>(
        s.db,
        `SELECT actions_done FROM worker_heartbeat`,
      );
      expect(workers.filter((r) => Number(r.actions_done) > 0)).toHaveLength(2);
      expect(rig.smtp.mails.length - mailsBefore).toBe(REMINDERS + 2);
      expect(s.mailsTo('morgan@council.example')).toBeGreaterThanOrEqual(1);
    });

    it('a worker killed (SIGKILL) mid-action: the other finishes, each effect once; an email may repeat only if it was being sent', async () => {
      const s = await loaded('kill');
      const mailsBefore = rig.smtp.mails.length;
      const env = {
        DEADLINE_MAX_IN_FLIGHT: '100',
        WORKER_CONCURRENCY: '8',
        MAIL_TIMEOUT_MS: '1000',
      };
      const doomed = s.worker(env);
      s.worker(env);
      await eventually(
        async () =>
          (await s.count(`SELECT count(*) AS n FROM notification`)) >= 60 &&
          (await inFlight(s)).length > 0,
        60_000,
        'work under way',
      );
      await doomed.stop('SIGKILL');
      expect((await s.effects()).reminders).toBeLessThan(REMINDERS); // it really was cut short
      await allDone(s);
      await eventually(
        async () => (await s.effects()).emailsLeft === 0,
        60_000,
        'every email sent',
      );
      await sleep(1000);
      await expectEachOnce(s);
      const notifications = await s.count(
        `SELECT count(*) AS n FROM notification`,
      );
      const repeats = rig.smtp.mails.length - mailsBefore - notifications;
      console.log(
        `SIGKILL: ${repeats} email(s) sent twice (being sent when the worker died)`,
      );
      expect(repeats).toBeGreaterThanOrEqual(0);
      expect(repeats).toBeLessThanOrEqual(2);
      expect(
        rig.smtp.mails
          .slice(mailsBefore)
          .every((m) => /\nSubject: .+/.test(m) && m.length > 200),
      ).toBe(true);
    });
  },
);
