import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventually,
  hasRedisServer,
  seedDeadlines,
  signedInHeaders,
  sleep,
  sql,
} from './support/harness';
import {
  PASSED,
  REMINDER_TODAY,
  Rig,
  startHangingSmtp,
  startSmtp,
} from './support/rig';

const describeWithRedis = hasRedisServer ? describe : describe.skip;

describeWithRedis(
  'deadline work, mail and health against real services, two workers at once (real PostgreSQL, a dedicated redis-server)',
  () => {
    const rig = new Rig();
    beforeAll(() => rig.beforeAll());
    afterEach(() => rig.afterEach());
    afterAll(() => rig.afterAll());

    it('health turns red, naming the part, within the threshold: a frozen tick (Redis hangs) and a dead worker; details only for a monitor or an administrator', async () => {
      const s = await rig.system('health', { HEALTH_STALE_SECONDS: '4' });
      const { staff } = await seedDeadlines(s.db, 1, '2026-06-30');
      const api = await s.apiProcess();
      const w = s.workers();
      let h = await eventually(
        async () => {
          const answer = await api.health();
          return answer.status === 200 && answer;
        },
        30_000,
        'health green',
      );
      expect(Object.keys(h.body.details ?? {}).sort()).toEqual([
        'deadlineActions',
        'deadlineQueue',
        'deadlineTick',
        'mail',
        'postgres',
        'redis',
        'worker',
      ]);
      // Anyone else sees the status only; a wrong token too; a signed-in administrator sees everything.
      expect((await api.health(null)).body).toEqual({ status: 'ok' });
      expect(
        (await api.health('not-the-token-not-the-token-not-the-token')).body,
      ).toEqual({ status: 'ok' });
      await sql(
        s.db,
        `UPDATE staff_user SET role = 'administrator', team = 'Systems' WHERE id = $1`,
        [staff.manager],
      );
      const admin = await signedInHeaders(s.db, api.base, staff.manager);
      const asAdmin = (await (
        await fetch(`${api.base}/health`, {
          headers: { cookie: admin['cookie']! },
        })
      ).json()) as { details?: unknown };
      expect(asAdmin.details).toBeDefined();

      // Redis hangs (SIGSTOP): the tick cannot claim; health still answers within a second and says so.
      rig.redisServer.freeze();
      const frozen = Date.now();
      const slowest: number[] = [];
      h = await eventually(
        async () => {
          const answer = await api.health();
          slowest.push(answer.ms);
          return (
            answer.status === 503 &&
            answer.body.error?.['deadlineTick'] &&
            answer
          );
        },
        30_000,
        'the frozen tick reported',
      );
      console.log(
        `frozen tick: red after ${Date.now() - frozen} ms (threshold 4 s); slowest health answer ${Math.max(...slowest)} ms`,
      );
      expect(Math.max(...slowest)).toBeLessThan(1000);
      expect(h.body.error?.['deadlineTick']).toMatchObject({
        message: expect.stringContaining('has not completed'),
        lastError: expect.stringContaining('Redis'),
      });
      expect(h.body.error?.['redis']?.message).toContain('did not answer');
      expect(h.body.info?.['worker']).toMatchObject({ status: 'up' }); // alive: it is the tick that is stuck
      expect((await api.health(null)).body).toEqual({ status: 'error' });
      rig.redisServer.thaw();
      await eventually(
        async () => (await api.health()).status === 200,
        30_000,
        'health green again',
      );

      // The workers die.
      await w.stop('SIGKILL');
      const died = Date.now();
      h = await eventually(
        async () => {
          const answer = await api.health();
          return (
            answer.status === 503 && answer.body.error?.['worker'] && answer
          );
        },
        30_000,
        'the dead worker reported',
      );
      console.log(
        `dead workers: red after ${Date.now() - died} ms (threshold 4 s)`,
      );
      expect(h.body.error?.['worker']?.message).toMatch(
        /No worker has reported for \d+ s/,
      );
    });

    it('a mail server that hangs, then is unreachable, then returns: emails wait and are retried, deadline work goes on, health names the mail', async () => {
      const hanging = await startHangingSmtp();
      const port = hanging.port;
      let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
      try {
        const s = await rig.system('mail', {
          SMTP_URL: hanging.url,
          MAIL_TIMEOUT_MS: '700',
          HEALTH_STALE_SECONDS: '4',
        });
        await seedDeadlines(s.db, 20, REMINDER_TODAY);
        await seedDeadlines(s.db, 20, PASSED, {
          ruleId: 'order.amend_plan',
          dutyHolder: 'council',
          responsibleBody: '',
        });
        const api = await s.apiProcess();
        s.workers();
        // The deadline work is done whatever the mail server does.
        await eventually(
          async () => {
            const e = await s.effects();
            return (
              e.reminders === 20 &&
              e.overdue === 20 &&
              e.digests === 2 &&
              e.left === 0
            );
          },
          60_000,
          'reminders, overdue markings and digests',
        );
        const h = await eventually(
          async () => {
            const answer = await api.health();
            return (
              answer.status === 503 && answer.body.error?.['mail'] && answer
            );
          },
          30_000,
          'mail reported',
        );
        expect(h.body.error?.['mail']).toMatchObject({
          backlog: 22,
          message: expect.stringContaining('Mail cannot leave'),
        });
        expect(Object.keys(h.body.error ?? {})).toEqual(['mail']); // the tick, the worker and the rest are fine
        expect(
          await s.count(
            `SELECT count(*) AS n FROM notification WHERE emailed_at IS NOT NULL`,
          ),
        ).toBe(0);
        await eventually(
          async () =>
            (await s.count(
              `SELECT count(*) AS n FROM notification WHERE email_attempts >= 2`,
            )) > 0,
          30_000,
          'retries',
        );
        const [error] = await sql<{ e: string }>(
          s.db,
          `SELECT email_last_error AS e FROM notification WHERE email_last_error IS NOT NULL LIMIT 1`,
        );
        expect(error!.e).toMatch(
          /Greeting never received|timeout|did not answer/i,
        );

        // Nothing listens any more (connection refused), then a working server on the same address.
        await hanging.close();
        await sleep(1500);
        smtp = await startSmtp(() => false, port);
        await eventually(
          async () => (await s.effects()).emailsLeft === 0,
          60_000,
          'every email sent',
        );
        await sleep(1000);
        expect(smtp.mails).toHaveLength(22); // 20 reminders and 2 digests, each once
        await eventually(
          async () => (await api.health()).status === 200,
          30_000,
          'health green again',
        );
      } finally {
        await hanging.close().catch(() => undefined);
        await smtp?.close();
      }
    });

    it('a refused email is retried alone: those sent before and after it are not sent again', async () => {
      let mode: 'refuse all' | 'refuse the third' | 'accept' = 'refuse all';
      let offered = 0;
      const flaky = await startSmtp(() => {
        offered++;
        return (
          mode === 'refuse all' ||
          (mode === 'refuse the third' && offered === 3)
        );
      });
      try {
        const s = await rig.system('mailfail', {
          SMTP_URL: flaky.url,
          MAIL_RETRY_MS: '400',
        });
        await seedDeadlines(s.db, 5, REMINDER_TODAY);
        const emailed = () =>
          s.count(
            `SELECT count(*) AS n FROM notification WHERE emailed_at IS NOT NULL`,
          );
        s.workers();
        await eventually(
          async () =>
            (await s.count(`SELECT count(*) AS n FROM notification`)) === 5 &&
            offered >= 3,
          60_000,
          'refused sends',
        );
        expect(await emailed()).toBe(0);
        mode = 'refuse the third';
        offered = 0;
        await eventually(
          async () => (await emailed()) === 5,
          60_000,
          'all emailed in the end',
        );
        await sleep(1500);
        expect(flaky.mails).toHaveLength(5);
        expect(
          new Set(flaky.mails.map((m) => /Message-ID: (.+)/i.exec(m)?.[1]))
            .size,
        ).toBe(5);
      } finally {
        await flaky.close();
      }
    });

    it('time travel: reminders only from when the deadline was recorded, overdue at midnight, one daily digest each naming the ICB, met late', async () => {
      const s = await rig.system('travel');
      const morganBefore = rig.smtp.mails.length;
      const { staff } = await seedDeadlines(s.db, 1, '2026-06-30'); // staff: Casey Worker (caseworker), Morgan Lee (manager), SEND North
      let api = await s.apiProcess();
      const sessions = new Map<string, Record<string, string>>();
      const call = async (
        method: string,
        path: string,
        body?: unknown,
        as = staff.worker,
      ) => {
        if (!sessions.has(as))
          sessions.set(as, await signedInHeaders(s.db, api.base, as));
        const res = await fetch(`${api.base}${path}`, {
          method,
          headers: sessions.get(as)!,
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      // Recorded Mon 2 Mar 2026 09:00: the Tribunal decided Mon 2 Feb, so the responses are due Mon 9 Mar.
      const opened = await call('POST', '/cases', {
        reference: `TT-${Date.now()}`,
        childName: 'Time Travel',
        dateOfBirth: '2013-06-30',
      });
      const id = opened.body.id as string;
      const decided = await call('POST', `/cases/${id}/decisions`, {
        expectedVersion: 1,
        type: 'amended_plan_content',
        decisionDate: '2025-06-02',
        letterSent: '2025-06-03',
        sections: ['F', 'I'],
      });
      const appealed = await call('POST', `/cases/${id}/appeals`, {
        expectedVersion: 2,
        decisionId: decided.body.decisions[0].id,
        tribunalReference: 'EH857/26/00001',
        lodgedOn: '2025-07-28',
        confirmedUnusual: true, // no mediation certificate recorded (s.55(3)): confirmed, as the API asks
      });
      const outcome = await call(
        'POST',
        `/cases/${id}/appeals/${appealed.body.appeals[0].id}/outcome`,
        {
          expectedVersion: 3,
          outcome: 'decided_partly_allowed',
          decisionDate: '2026-02-02',
          recommendations: [
            {
              section: 'G',
              responsibleBody: 'icb',
              text: 'Occupational therapy assessment and programme.',
            },
          ],
        },
      );
      expect(outcome.status).toBe(201);
      const deadline = outcome.body.deadlines.find(
        (d: { ruleId: string }) => d.ruleId === 'recommendation.response',
      );
      expect(deadline.dueOn).toBe('2026-03-09');
      const row = async () =>
        (
          await sql<{ next: string | null; status: string }>(
            s.db,
            `SELECT next_action_at AS next, status FROM deadline WHERE id = $1`,
            [deadline.id],
          )
        )[0]!;

      // Mon 2 Mar: the 5-day point (08:00 today) was before the deadline was recorded: not sent. Next: 1 day before, Fri 6 Mar 08:00.
      let w = s.workers();
      await eventually(
        async () =>
          (await row()).next !== null &&
          new Date((await row()).next!).toISOString() ===
            '2026-03-06T08:00:00.000Z',
        30_000,
        'timed',
      );
      expect(
        await s.count(
          `SELECT count(*) AS n FROM notification WHERE deadline_id = $1`,
          [deadline.id],
        ),
      ).toBe(0);
      await w.stop();

      // Fri 6 Mar 09:00: the 1-day reminder, naming the ICB.
      w = s.workers({ CLOCK_NOW: '2026-03-06T09:00:00Z' });
      const reminder = await eventually(
        async () => {
          const mine = await call('GET', '/notifications');
          return mine.body.find(
            (n: { point: string; deadlineId: string }) =>
              n.point === 'before-1' && n.deadlineId === deadline.id,
          );
        },
        30_000,
        'the 1-working-day reminder',
      );
      expect(reminder.title).toMatch(
        /^Due in 1 working day: .+ \(the integrated care board \(ICB\)\) - case TT-/,
      );
      expect(reminder.title).toContain('integrated care board (ICB)');
      await w.stop();

      // Tue 10 Mar 09:00: marked overdue (00:00 Tue), in the history; one digest to the caseworker and one to the manager, each naming the ICB.
      w = s.workers({ CLOCK_NOW: '2026-03-10T09:00:00Z' });
      await eventually(
        async () => (await row()).status === 'overdue',
        30_000,
        'overdue',
      );
      const digests = await eventually(
        async () => {
          const rows = await sql<{
            recipient_id: string;
            title: string;
            body: string;
            for_date: string;
          }>(
            s.db,
            `SELECT recipient_id, title, body, for_date::text FROM notification WHERE kind = 'digest' AND for_date = '2026-03-10'`,
          );
          return rows.length === 2 && rows;
        },
        30_000,
        'two digests',
      );
      const mine = digests.find((d) => d.recipient_id === staff.worker)!;
      const managers = digests.find((d) => d.recipient_id === staff.manager)!;
      expect(mine.title).toMatch(/of yours/);
      expect(managers.title).toMatch(/escalation.* in SEND North/);
      for (const d of [mine, managers]) {
        expect(d.body).toContain(`1 day overdue (due Mon 9 Mar 2026)`);
        expect(d.body).toContain('the integrated care board (ICB)');
      }
      const managerView = await call(
        'GET',
        '/notifications',
        undefined,
        staff.manager,
      );
      expect(
        managerView.body.filter((n: { kind: string }) => n.kind === 'digest'),
      ).toHaveLength(1);
      await eventually(
        async () =>
          rig.smtp.mails
            .slice(morganBefore)
            .some((m) => m.includes('To: morgan@council.example')),
        30_000,
        'the escalation email',
      );
      const history = await call('GET', `/cases/${id}/history`);
      expect(
        history.body.filter(
          (e: { type: string; payload: { deadlineId?: string } }) =>
            e.type === 'deadline.overdue' &&
            e.payload.deadlineId === deadline.id,
        ),
      ).toHaveLength(1);
      expect((await row()).next).toBeNull(); // overdue: its daily reminders are in the digest
      await w.stop();

      // Wed 11 Mar: the response is sent, two days late; the deadline is closed and has nothing left to do.
      await api.p.stop();
      api = await s.apiProcess({ CLOCK_NOW: '2026-03-11T09:00:00Z' });
      sessions.clear();
      const current = await call('GET', `/cases/${id}`);
      const responded = await call(
        'POST',
        `/cases/${id}/recommendations/${current.body.recommendations[0].id}/response`,
        {
          expectedVersion: current.body.version,
          outcome: 'followed',
          sentOn: '2026-03-11',
          recipient: 'parent', // to the parent or young person (Recommendations Power Regs 2017 regs 6-7)
          sentTo: ['Parent'],
        },
      );
      expect(responded.status).toBe(201);
      const met = await call('GET', '/deadlines?filter=met');
      expect(
        met.body.find((d: { id: string }) => d.id === deadline.id),
      ).toMatchObject({ status: 'met', metOn: '2026-03-11', metOnTime: false });
      expect(await row()).toEqual({ next: null, status: 'met' });
    });

    it('a history entered after the fact: a deadline already past is marked overdue only after the next working day', async () => {
      const s = await rig.system('grace');
      const { staff } = await seedDeadlines(s.db, 1, '2026-06-30');
      const api = await s.apiProcess();
      const headers = await signedInHeaders(s.db, api.base, staff.worker);
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${api.base}${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(201);
        return (await res.json()) as any;
      };
      // Recorded Mon 2 Mar 2026: a refusal to issue a plan whose letter went on Mon 3 Nov 2025, so the appeal was due
      // Mon 5 Jan 2026 (+ 2 months, SEND Regs reg 33 / HESC r.12), long past when recorded.
      const c = await post('/cases', {
        reference: `GR-${Date.now()}`,
        childName: 'After The Fact',
        dateOfBirth: '2013-06-30',
      });
      const decided = await post(`/cases/${c.id}/decisions`, {
        expectedVersion: 1,
        type: 'refuse_plan',
        decisionDate: '2025-11-03',
        letterSent: '2025-11-03',
        sections: [],
      });
      const lodge = decided.deadlines.find(
        (d: { ruleId: string }) => d.ruleId === 'appeal.lodge',
      );
      expect(lodge.dueOn < '2026-03-02').toBe(true);
      expect(lodge.status).toBe('overdue'); // shown as overdue at once…
      let w = s.workers();
      const stored = async () =>
        (
          await sql<{ status: string; next: Date | null }>(
            s.db,
            `SELECT status, next_action_at AS next FROM deadline WHERE id = $1`,
            [lodge.id],
          )
        )[0]!;
      await eventually(
        async () =>
          (await stored()).next?.toISOString() === '2026-03-04T00:00:00.000Z',
        30_000,
        'the grace timed',
      );
      expect((await stored()).status).toBe('open'); // …but not marked (no history event) before 00:00 Wed 4 Mar
      expect(
        await s.count(
          `SELECT count(*) AS n FROM case_event WHERE case_id = $1 AND type = 'deadline.overdue'`,
          [c.id],
        ),
      ).toBe(0);
      await w.stop();
      w = s.workers({ CLOCK_NOW: '2026-03-04T09:00:00Z' });
      await eventually(
        async () => (await stored()).status === 'overdue',
        30_000,
        'marked overdue after the grace',
      );
      expect(
        await s.count(
          `SELECT count(*) AS n FROM case_event WHERE case_id = $1 AND type = 'deadline.overdue' AND payload->>'deadlineId' = $2`,
          [c.id, lodge.id],
        ),
      ).toBe(1);
    });

    it('a reminder point missed while the worker was down is sent late, once', async () => {
      const s = await rig.system('missed');
      // Due Fri 13 Mar 2026: its "5 working days before" reminder is due Fri 6 Mar 2026 at 08:00.
      const {
        ids: [d],
      } = await seedDeadlines(s.db, 1, '2026-03-13', {
        dutyHolder: 'council',
        responsibleBody: '',
        ruleId: 'order.amend_plan',
        nextActionAt: '2026-03-06T08:00:00Z', // as the worker left it after the 10-day reminder
      });
      const next = async () =>
        (
          await sql<{ next: Date | null }>(
            s.db,
            `SELECT next_action_at AS next FROM deadline WHERE id = $1`,
            [d],
          )
        )[0]!.next;
      // Mon 9 Mar: the worker did not run on Friday, when the deadline's next action was due; back now, it is due (late).
      s.workers({ CLOCK_NOW: '2026-03-09T09:00:00Z' });
      const [sent] = await eventually(
        async () => {
          const rows = await sql<{
            point: string;
            for_date: string;
            title: string;
            body: string;
          }>(
            s.db,
            `SELECT point, for_date::text, title, body FROM notification WHERE deadline_id = $1`,
            [d],
          );
          return rows.length > 0 && rows;
        },
        30_000,
        'the late reminder',
      );
      expect(sent).toMatchObject({ point: 'before-5', for_date: '2026-03-06' });
      expect(sent!.title).toMatch(/^Due Fri(day)? 13 Mar(ch)? 2026: /);
      expect(sent!.body).toContain('This reminder was due on');
      await eventually(
        async () =>
          (await s.count(
            `SELECT count(*) AS n FROM notification WHERE emailed_at IS NOT NULL`,
          )) === 1,
        30_000,
        'its email',
      );
      await eventually(
        async () =>
          (await next())?.toISOString() === '2026-03-12T08:00:00.000Z',
        30_000,
        'timed for the 1-day point',
      );
      expect(await s.count(`SELECT count(*) AS n FROM notification`)).toBe(1);
    });

    it('the mail folder without SMTP_URL: reminders and digests are whole .eml files (written aside, then renamed)', async () => {
      const s = await rig.system('eml');
      await seedDeadlines(s.db, 3, REMINDER_TODAY, {
        responsibleBody: 'council_social_care',
        dutyHolder: 'council_social_care',
      });
      await seedDeadlines(s.db, 2, PASSED, {
        responsibleBody: 'icb',
        dutyHolder: 'icb',
      });
      const dir = mkdtempSync(join(tmpdir(), 'send-mail-'));
      s.workers({ SMTP_URL: '', MAIL_DIR: dir });
      await eventually(
        async () =>
          readdirSync(dir).filter((f) => f.endsWith('.eml')).length === 5,
        30_000,
        'five .eml files',
      );
      const files = readdirSync(dir);
      expect(files.filter((f) => !f.endsWith('.eml'))).toEqual([]); // nothing half-written left
      const emls = files.map((f) => readFileSync(join(dir, f), 'utf8'));
      for (const f of files)
        expect(statSync(join(dir, f)).size).toBeGreaterThan(200);
      const reminder = emls.find((e) =>
        /^Subject: .*Due in 5 working days/m.test(e),
      )!;
      expect(reminder).toMatch(/^To: casey@council\.example$/m);
      expect(reminder).toContain("the council's social care service");
      const digests = emls.filter((e) =>
        /^Subject: Overdue deadlines, /m.test(e),
      );
      expect(digests).toHaveLength(2);
      expect(digests.join('\n')).toContain('the integrated care board (ICB)');
      expect(
        digests.some((e) => /^To: morgan@council\.example$/m.test(e)),
      ).toBe(true);
    });
  },
);
