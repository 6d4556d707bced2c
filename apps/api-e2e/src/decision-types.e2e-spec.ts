import { type CaseEvent, replayCase } from '@send/domain';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { isDeepStrictEqual } from 'node:util';
import { api, eventually, sql } from './support/api';
import {
  contactAdviser,
  declineMediation,
  issueCertificate,
  issueDecision,
  lodgeAppeal,
  registerAppeal,
} from './support/steps';
import {
  caseEventCount,
  type Detail,
  tribunalReference,
  Walk,
} from './support/walk';

/*
 * One realistic walk per kind of decision a family can disagree with (CFA 2014 s.51(2)), from the
 * decision letter to the council's compliance, checking every deadline against dates worked out
 * by hand from /work/shared/domain/statutory-clock.md (the arithmetic is next to each date).
 *
 * The run's clock is fixed at Mon 2 Mar 2026. Business dates are before it, except: due dates of
 * duties still running on 2 Mar 2026 (order and recommendation deadlines, the Tribunal response
 * deadline of a concession walk that crosses Easter 2026), one hearing listed for 10 Mar 2026,
 * and one extension to a later due date. An open deadline due before 2 Mar 2026 shows `overdue`.
 *
 * Bank holidays of England and Wales used (weekdays checked with `date -d`):
 *   2024: Wed 25 Dec, Thu 26 Dec. 2025: Wed 1 Jan, Fri 18 Apr (Good Friday), Mon 21 Apr (Easter
 *   Monday), Mon 5 May, Mon 26 May, Mon 25 Aug, Thu 25 Dec, Fri 26 Dec. 2026: Thu 1 Jan,
 *   Fri 3 Apr (Good Friday), Mon 6 Apr (Easter Monday).
 * Working days skip weekends and those; Tribunal working days (HESC r.12) also skip 25 Dec–1 Jan
 * and all of August. SEND Regulations periods (weeks, days, months) never move; the appeal
 * deadline (HESC r.20(1)(c), r.12) moves off non-working days, out of 25 Dec–1 Jan and out of August.
 */

const WALK_TIMEOUT = 120_000;
let providerId = '';

beforeAll(async () => {
  await sql(
    `INSERT INTO mediation_provider (name) VALUES ('Global Mediation') ON CONFLICT (name) DO NOTHING`,
  );
  const providers = await api<{ id: string; name: string }[]>(
    'GET',
    '/mediation-providers',
  );
  expect(providers.status).toBe(200);
  providerId = providers.body.find((p) => p.name === 'Global Mediation')!.id;
});

const last = <T>(items: T[]): T => items[items.length - 1]!;
const mediationOf = (d: Detail, decisionId: string) =>
  last(d.mediations.filter((m) => m.decisionId === decisionId));

/** Asks to extend a deadline, expecting a refusal: checks the status and reason, and that nothing was written. */
async function refusedExtension(
  w: Walk,
  deadlineId: string,
  body: Record<string, unknown>,
  status: number,
  detail: RegExp,
  label: string,
): Promise<void> {
  const before = await caseEventCount(w.id);
  const res = await api<{ detail?: string }>(
    'POST',
    `/deadlines/${deadlineId}/extension`,
    { expectedVersion: w.version, ...body },
  );
  if (res.status !== status || !detail.test(String(res.body?.detail))) {
    w.problems.push(
      `${label}: expected ${status} /${detail.source}/, got ${res.status} ${res.text.slice(0, 400)}`,
    );
  }
  if ((await caseEventCount(w.id)) !== before)
    w.problems.push(
      `${label}: an event was written although the extension was refused`,
    );
}

/** Ends every walk: the history has one event per step, in order, and no deadline disagrees with the law. */
async function finish(w: Walk, endsWith: string[]): Promise<void> {
  const history = await w.history();
  // The deadline monitor's own events (`deadline.overdue`) come between steps; every step is one event.
  const stepEvents = history
    .filter((e) => e.type !== 'deadline.overdue')
    .map((e) => e.type);
  const problems = [...w.problems];
  if (
    JSON.stringify(history.map((e) => e.sequence)) !==
    JSON.stringify(history.map((_, i) => i + 1))
  ) {
    problems.push(
      `history sequences are not 1..${history.length}: ${history.map((e) => e.sequence)}`,
    );
  }
  if (JSON.stringify(stepEvents) !== JSON.stringify(w.steps)) {
    problems.push(
      `history should be one event per step ${JSON.stringify(w.steps)} but is ${JSON.stringify(stepEvents)}`,
    );
  }
  if (
    JSON.stringify(stepEvents.slice(-endsWith.length)) !==
    JSON.stringify(endsWith)
  ) {
    problems.push(`history should end with ${JSON.stringify(endsWith)}`);
  }
  if (w.serverErrors.length)
    console.warn(
      `${w.detail.reference ?? w.id}: writes sent again after a 5xx:\n${w.serverErrors.join('\n')}`,
    );
  // The stored snapshot is what replaying the stored history through the domain reducer gives.
  const rows = await sql<{ type: string; payload: Record<string, unknown> }>(
    `SELECT type, payload FROM case_event WHERE case_id = $1 ORDER BY sequence`,
    [w.id],
  );
  const [stored] = await sql<{ snapshot: unknown }>(
    `SELECT snapshot FROM "case" WHERE id = $1`,
    [w.id],
  );
  const replayed = JSON.parse(
    JSON.stringify(
      replayCase(
        rows.map((r) => ({ type: r.type, ...r.payload }) as CaseEvent),
      ) ?? null,
    ),
  );
  if (!isDeepStrictEqual(replayed, stored?.snapshot)) {
    problems.push('the stored snapshot differs from the replayed history');
  }
  expect(problems).toEqual([]);
}

describe('a walk through each kind of decision, with the statutory clock checked at every step', () => {
  /*
   * Refusal to assess (and, as a parameter, refusal to re-assess): mediation declined
   * (information-only certificate), a certificate that moves the appeal deadline into the Christmas
   * closure, a decided appeal with an order to assess, and (re-assessment only) a recommendation.
   */
  it.each(['refuse_assessment', 'refuse_reassessment'] as const)(
    '%s: declined mediation, appeal deadline moved past Christmas, appeal allowed with an order to assess',
    async (type) => {
      const w = await Walk.open(`Ashley ${type}`, '2016-04-11');

      const decisionId = await issueDecision(w, {
        type,
        decisionDate: '2025-10-16', // Thu
        letterSent: '2025-10-20', // Mon
        letterChecklist: {
          mediationInformation: true,
          appealRights: true,
          timeLimits: true,
          disagreementResolution: true,
        },
        rationale:
          'Needs can be met from resources ordinarily available to the school.',
      });
      // Letter Mon 20 Oct 2025 + 2 months = Sat 20 Dec 2025; not a working day (r.12) → Mon 22 Dec 2025.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-12-22',
        status: 'overdue',
        dutyHolder: 'family',
      });
      // reg 33: letter Mon 20 Oct 2025 + 2 months = Sat 20 Dec 2025 (SEND Regs periods do not move).
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2025-12-20',
        status: 'overdue',
        dutyHolder: 'family',
      });

      const mediationId = await contactAdviser(w, {
        decisionId,
        providerId,
        contactedOn: '2025-11-17',
        healthInIssue: false,
        socialCareInIssue: false,
      });
      // Contacted Mon 17 Nov 2025 ≤ Sat 20 Dec 2025: met on time.
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2025-12-20',
        status: 'met',
        metOn: '2025-11-17',
        metOnTime: true,
      });

      await declineMediation(w, mediationId, '2025-11-21');
      // reg 34: informed Fri 21 Nov 2025 + 3 working days: Mon 24 (1), Tue 25 (2), Wed 26 (3) → Wed 26 Nov 2025.
      w.expect('mediation.certificate_declined', mediationId, {
        dueOn: '2025-11-26',
        status: 'overdue',
        dutyHolder: 'mediation_adviser',
      });
      w.absent('mediation.arrange');

      await issueCertificate(w, mediationId, 'information_only', '2025-11-26');
      w.expect('mediation.certificate_declined', mediationId, {
        dueOn: '2025-11-26',
        status: 'met',
        metOn: '2025-11-26',
        metOnTime: true,
      });
      // Later of: letter + 2 months = Sat 20 Dec 2025; certificate Wed 26 Nov 2025 + 1 month = Fri 26 Dec 2025.
      // Fri 26 Dec falls in 25 Dec–1 Jan → first working day after 1 Jan (Thu 1 Jan is a bank holiday) = Fri 2 Jan 2026.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2026-01-02',
        status: 'overdue',
        dutyHolder: 'family',
      });

      const { id: appealId } = await lodgeAppeal(w, {
        decisionId,
        lodgedOn: '2026-01-02',
        appellant: 'parent',
      });
      // Lodged on the last day (Fri 2 Jan 2026): met on time (it would be late against the letter date alone).
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2026-01-02',
        status: 'met',
        metOn: '2026-01-02',
        metOnTime: true,
      });

      await registerAppeal(w, appealId, '2026-01-07', '2026-01-08');
      // HESC r.21: received Thu 8 Jan 2026 + 30 Tribunal working days: Jan 9,12–16,19–23,26–30 (16), Feb 2–6 (21),
      // 9–13 (26), 16,17,18,19 (30) → Thu 19 Feb 2026.
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2026-02-19',
        status: 'overdue',
        dutyHolder: 'council',
      });

      await w.post(
        `/appeals/${appealId}/response`,
        { sentOn: '2026-02-17' },
        'appeal.response_sent',
      );
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2026-02-19',
        status: 'met',
        metOn: '2026-02-17',
        metOnTime: true,
      });

      await w.post(
        `/appeals/${appealId}/hearing`,
        { hearingDate: '2026-02-25' },
        'appeal.hearing_listed',
      );

      const outcome = {
        outcome: 'decided_allowed',
        decisionDate: '2026-02-27', // Fri
        orderSentOn: '2026-03-02',
        orders: [
          {
            orderType: 'assess',
            details:
              type === 'refuse_assessment'
                ? 'Carry out an EHC needs assessment.'
                : 'Carry out an EHC needs re-assessment.',
          },
        ],
      };
      if (type === 'refuse_assessment') {
        // Recommendations Power Regs 2017 reg 3: no health and social care recommendations on a refusal to assess;
        // refused (422) unless the caseworker confirms that is what the Tribunal did.
        await w.refused(
          `/appeals/${appealId}/outcome`,
          {
            ...outcome,
            recommendations: [
              {
                section: 'G',
                responsibleBody: 'icb',
                text: 'Physiotherapy review.',
              },
            ],
          },
          422,
          /cannot make health and social care recommendations on an appeal against a refusal to assess.*confirmedUnusual/,
          'recommendations on a refusal to assess',
        );
      }
      const recommendations =
        type === 'refuse_reassessment'
          ? [
              {
                section: 'G',
                responsibleBody: 'icb',
                text: 'Community paediatric review of sensory needs.',
              },
            ]
          : [];
      const decidedAppeal = await w.post(
        `/appeals/${appealId}/outcome`,
        { ...outcome, recommendations },
        'appeal.decided',
      );
      const order = decidedAppeal.orders.find((o) => o.appealId === appealId)!;
      expect(order.duties.map((d) => d.ruleId)).toEqual([
        'order.assess.notify',
        'order.assess.no_plan_decision',
        'order.assess.final_plan',
      ]);
      // reg 44(2)(b): order Fri 27 Feb 2026 + 2 weeks = Fri 13 Mar 2026.
      w.expect('order.assess.notify', order.id, {
        dueOn: '2026-03-13',
        status: 'open',
        dutyHolder: 'council',
      });
      // reg 44(2)(b)(i): order Fri 27 Feb 2026 + 10 weeks (70 days) = Fri 8 May 2026, if the council decides not to issue a plan.
      w.expect('order.assess.no_plan_decision', order.id, {
        dueOn: '2026-05-08',
        status: 'open',
        dutyHolder: 'council',
      });
      // reg 44(2)(b)(ii): order Fri 27 Feb 2026 + 14 weeks (98 days) = Fri 5 Jun 2026.
      w.expect('order.assess.final_plan', order.id, {
        dueOn: '2026-06-05',
        status: 'open',
        dutyHolder: 'council',
      });
      // The response was already sent: the Tribunal response deadline stays met.
      w.expect('tribunal.la_response', appealId, {
        status: 'met',
        metOnTime: true,
      });

      await w.post(
        `/orders/${order.id}/compliance`,
        {
          ruleId: 'order.assess.notify',
          compliedOn: '2026-03-02',
          evidence:
            'Letter to the parent: assessment started, advice requested.',
        },
        'order.complied',
      );
      w.expect('order.assess.notify', order.id, {
        dueOn: '2026-03-13',
        status: 'met',
        metOn: '2026-03-02',
        metOnTime: true,
      });
      w.expect('order.assess.final_plan', order.id, {
        dueOn: '2026-06-05',
        status: 'open',
      });

      // A statutory exception (reg 44(3)): never silent, both dates kept.
      const finalPlan = w.find('order.assess.final_plan', order.id)!;
      await w.post(
        `/deadlines/${finalPlan.id}/extension`,
        {
          toDueOn: '2026-06-19',
          ground: 'exceptional_personal_circumstances',
          reason: 'The child is in hospital for three weeks in May.',
          agreedBy: 'Morgan Lee, SEND manager',
        },
        'deadline.extended',
      );
      const extended = w.expect(
        'order.assess.final_plan',
        order.id,
        { dueOn: '2026-06-19', status: 'open' },
        { explained: false },
      );
      const ext = extended?.extensions ?? [];
      if (
        ext.length !== 1 ||
        ext[0]!.fromDueOn !== '2026-06-05' ||
        ext[0]!.toDueOn !== '2026-06-19' ||
        ext[0]!.agreedBy !== 'Morgan Lee, SEND manager'
      ) {
        w.problems.push(
          `the extension should be kept as from 2026-06-05 to 2026-06-19 agreed by Morgan Lee, but extensions are ${JSON.stringify(ext)}`,
        );
      }
      const extensionLine =
        'Extended from Fri 5 Jun 2026 to Fri 19 Jun 2026 on the ground that exceptional personal circumstances affect the child or their parent, or the young person: The child is in hospital for three weeks in May. (agreed by Morgan Lee, SEND manager)';
      if (!extended?.explanation.includes(extensionLine)) {
        w.problems.push(
          `the explanation should say ${JSON.stringify(extensionLine)} but is ${JSON.stringify(extended?.explanation)}`,
        );
      }
      // A school closing is an exception for the assessment time limits (regs 5(4), 10(4), 13(3)), not for an
      // order (reg 44(3)): refused with the grounds the law allows, nothing written.
      await refusedExtension(
        w,
        finalPlan.id,
        {
          toDueOn: '2026-07-03',
          ground: 'school_closure',
          reason: 'The school closes for the summer.',
          agreedBy: 'Morgan Lee, SEND manager',
        },
        400,
        /That exception does not apply to this time limit\. SEND Regs reg 44\(3\) allows: exceptional_personal_circumstances/,
        'an assessment ground for an order',
      );

      if (type === 'refuse_reassessment') {
        const rec = decidedAppeal.recommendations.find(
          (r) => r.appealId === appealId,
        )!;
        // Recommendations Power Regs regs 6–7: decision Fri 27 Feb 2026 + 5 weeks = Fri 3 Apr 2026 (Good Friday; weeks do not move).
        w.expect('recommendation.response', rec.id, {
          dueOn: '2026-04-03',
          status: 'open',
          dutyHolder: 'icb',
          responsibleBody: 'icb',
        });
        // The Recommendations Power Regs give the 5 weeks no exception: an extension is refused (409).
        await refusedExtension(
          w,
          w.find('recommendation.response', rec.id)!.id,
          {
            toDueOn: '2026-04-17',
            ground: 'exceptional_personal_circumstances',
            reason: 'The clinic is closed.',
            agreedBy: 'Morgan Lee, SEND manager',
          },
          409,
          /has no statutory exception, so it cannot be extended/,
          'extending the recommendation response',
        );
        await w.post(
          `/recommendations/${rec.id}/response`,
          {
            outcome: 'partly_followed',
            reasons:
              'A sensory review is offered; the paediatric clinic waiting list cannot be bypassed.',
            sentOn: '2026-03-02',
            recipient: 'parent',
            sentTo: ['Parent', 'Council SEND team'],
          },
          'recommendation.responded',
        );
        w.expect('recommendation.response', rec.id, {
          dueOn: '2026-04-03',
          status: 'met',
          metOn: '2026-03-02',
          metOnTime: true,
        });
      } else {
        expect(decidedAppeal.recommendations).toEqual([]);
        w.absent('recommendation.response');
      }

      w.expectDeadlines(
        [
          'appeal.lodge@2026-01-02:met',
          'mediation.certificate_declined@2025-11-26:met',
          'mediation.contact_adviser@2025-12-20:met',
          'order.assess.final_plan@2026-06-19:open',
          'order.assess.no_plan_decision@2026-05-08:open',
          'order.assess.notify@2026-03-13:met',
          'tribunal.la_response@2026-02-19:met',
          ...(type === 'refuse_reassessment'
            ? ['recommendation.response@2026-04-03:met']
            : []),
        ],
        'at the end',
      );
      await finish(
        w,
        type === 'refuse_reassessment'
          ? [
              'appeal.decided',
              'order.complied',
              'deadline.extended',
              'recommendation.responded',
            ]
          : [
              'appeal.hearing_listed',
              'appeal.decided',
              'order.complied',
              'deadline.extended',
            ],
      );
    },
    WALK_TIMEOUT,
  );

  /*
   * Refusal to issue a plan: mediation wanted with health in issue across Easter 2025, not arranged
   * within 30 days (certificate late; the council's duty then closes as missed), Tribunal working days
   * across August 2025, referred back (the duty to reconsider, reg 44(2)(d)) with a health and a social
   * care recommendation (one answered late).
   */
  it(
    'refuse_plan: mediation not arranged in time, Tribunal response across August, referred back with recommendations',
    async () => {
      const w = await Walk.open('Bailey Refuse-Plan', '2015-09-02');
      const decisionId = await issueDecision(w, {
        type: 'refuse_plan',
        decisionDate: '2025-03-12',
        letterSent: '2025-03-14',
      });
      // Letter Fri 14 Mar 2025 + 2 months = Wed 14 May 2025, a working day.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-05-14',
        status: 'overdue',
      });
      // reg 33: Fri 14 Mar 2025 + 2 months = Wed 14 May 2025.
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2025-05-14',
        status: 'overdue',
      });

      const mediationId = await contactAdviser(w, {
        decisionId,
        providerId,
        contactedOn: '2025-04-07',
        healthInIssue: true,
        socialCareInIssue: true,
      });
      w.expect('mediation.contact_adviser', decisionId, {
        status: 'met',
        metOn: '2025-04-07',
        metOnTime: true,
      });

      await w.post(
        `/mediations/${mediationId}/requested`,
        { laInformedOn: '2025-04-16' },
        'mediation.requested',
      );
      // reg 35: informed Wed 16 Apr 2025 + 3 working days: Thu 17 (1); Fri 18 Good Friday, Sat, Sun,
      // Mon 21 Easter Monday skipped; Tue 22 (2), Wed 23 (3) → Wed 23 Apr 2025.
      w.expect('mediation.notify_health', mediationId, {
        dueOn: '2025-04-23',
        status: 'overdue',
        dutyHolder: 'council',
      });
      // regs 36–37: Wed 16 Apr 2025 + 30 days = Fri 16 May 2025.
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2025-05-16',
        status: 'overdue',
        dutyHolder: 'council',
      });

      await w.post(
        `/mediations/${mediationId}/health-notified`,
        { notifiedOn: '2025-04-23' },
        'mediation.health_notified',
      );
      w.expect('mediation.notify_health', mediationId, {
        dueOn: '2025-04-23',
        status: 'met',
        metOn: '2025-04-23',
        metOnTime: true,
      });

      await w.post(
        `/mediations/${mediationId}/not-arranged`,
        { adviserInformedOn: '2025-05-19' },
        'mediation.not_arranged',
      );
      // reg 37: adviser informed Mon 19 May 2025 + 3 working days: Tue 20, Wed 21, Thu 22 → Thu 22 May 2025.
      w.expect('mediation.certificate_not_arranged', mediationId, {
        dueOn: '2025-05-22',
        status: 'overdue',
        dutyHolder: 'mediation_adviser',
      });
      // The 30 days were missed: the arrange deadline is unmet (overdue since Sat 17 May 2025) until the certificate.
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2025-05-16',
        status: 'overdue',
      });

      await issueCertificate(
        w,
        mediationId,
        'mediation_not_arranged',
        '2025-05-23',
      );
      // Issued Fri 23 May 2025, a day after Thu 22 May: met late.
      w.expect('mediation.certificate_not_arranged', mediationId, {
        dueOn: '2025-05-22',
        status: 'met',
        metOn: '2025-05-23',
        metOnTime: false,
      });
      // The certificate says mediation could not be arranged: the council's 30 days close as missed (no longer overdue, reg 37).
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2025-05-16',
        status: 'missed',
      });
      // Later of: Wed 14 May 2025; certificate Fri 23 May 2025 + 1 month = Mon 23 Jun 2025 (a working day) → Mon 23 Jun 2025.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-06-23',
        status: 'overdue',
      });

      const { id: appealId } = await lodgeAppeal(w, {
        decisionId,
        lodgedOn: '2025-06-20',
        appellant: 'parent',
        healthAndSocialCareSought: true,
      });
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-06-23',
        status: 'met',
        metOn: '2025-06-20',
        metOnTime: true,
      });

      await registerAppeal(w, appealId, '2025-07-03', '2025-07-07');
      // Received Mon 7 Jul 2025 + 30 Tribunal working days: Jul 8–11 (4), 14–18 (9), 21–25 (14), 28–31 (18);
      // all of August skipped; Sep 1–5 (23), 8–12 (28), 15 (29), 16 (30) → Tue 16 Sep 2025.
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2025-09-16',
        status: 'overdue',
        dutyHolder: 'council',
      });

      await w.post(
        `/appeals/${appealId}/response`,
        { sentOn: '2025-09-15' },
        'appeal.response_sent',
      );
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2025-09-16',
        status: 'met',
        metOn: '2025-09-15',
        metOnTime: true,
      });

      await w.post(
        `/appeals/${appealId}/hearing`,
        { hearingDate: '2025-11-11' },
        'appeal.hearing_listed',
      );

      const referred = await w.post(
        `/appeals/${appealId}/outcome`,
        {
          outcome: 'referred_back',
          decisionDate: '2025-11-19', // Wed
          orderSentOn: '2025-11-20',
          recommendations: [
            {
              section: 'G',
              responsibleBody: 'icb',
              text: 'Speech and language therapy assessment by the community team.',
            },
            {
              section: 'H1',
              responsibleBody: 'council_social_care',
              text: 'Short breaks: one overnight stay a month.',
            },
          ],
        },
        'appeal.decided',
      );
      // Referred back (reg 43(2)(d)): the council's duty to reconsider opens by itself, as an order.
      const reconsider = referred.orders.filter((o) => o.appealId === appealId);
      expect(
        reconsider.map((o) => [o.type, o.duties.map((d) => d.ruleId)]),
      ).toEqual([['reconsider', ['order.reconsider']]]);
      // reg 44(2)(d): decision Wed 19 Nov 2025 + 2 weeks = Wed 3 Dec 2025.
      w.expect('order.reconsider', reconsider[0]!.id, {
        dueOn: '2025-12-03',
        status: 'overdue',
        dutyHolder: 'council',
      });
      const health = referred.recommendations.find(
        (r) => r.responsibleBody === 'icb',
      )!;
      const social = referred.recommendations.find(
        (r) => r.responsibleBody === 'council_social_care',
      )!;
      // Wed 19 Nov 2025 + 5 weeks (35 days) = Wed 24 Dec 2025 (weeks do not move for Christmas).
      w.expect('recommendation.response', health.id, {
        dueOn: '2025-12-24',
        status: 'overdue',
        dutyHolder: 'icb',
        responsibleBody: 'icb',
      });
      w.expect('recommendation.response', social.id, {
        dueOn: '2025-12-24',
        status: 'overdue',
        dutyHolder: 'council_social_care',
        responsibleBody: 'council_social_care',
      });

      await w.post(
        `/recommendations/${health.id}/response`,
        {
          outcome: 'followed',
          sentOn: '2025-12-22',
          recipient: 'parent',
          sentTo: ['Parent', 'Council SEND team'],
        },
        'recommendation.responded',
      );
      w.expect('recommendation.response', health.id, {
        dueOn: '2025-12-24',
        status: 'met',
        metOn: '2025-12-22',
        metOnTime: true,
      });

      await w.post(
        `/recommendations/${social.id}/response`,
        {
          outcome: 'not_followed',
          reasons:
            'The child and family assessment found no eligible need for overnight short breaks; a day-time offer is made instead.',
          sentOn: '2026-01-09',
          recipient: 'parent',
          sentTo: ['Parent'],
        },
        'recommendation.responded',
      );
      // Sent Fri 9 Jan 2026, after Wed 24 Dec 2025: met late.
      w.expect('recommendation.response', social.id, {
        dueOn: '2025-12-24',
        status: 'met',
        metOn: '2026-01-09',
        metOnTime: false,
      });

      await w.post(
        `/orders/${reconsider[0]!.id}/compliance`,
        {
          ruleId: 'order.reconsider',
          compliedOn: '2025-12-01',
          evidence:
            'Decision reconsidered: a plan will be issued; letter to the parent 1 Dec 2025.',
        },
        'order.complied',
      );
      // Mon 1 Dec 2025 ≤ Wed 3 Dec 2025: on time.
      w.expect('order.reconsider', reconsider[0]!.id, {
        dueOn: '2025-12-03',
        status: 'met',
        metOn: '2025-12-01',
        metOnTime: true,
      });

      w.expectDeadlines(
        [
          'appeal.lodge@2025-06-23:met',
          'mediation.arrange@2025-05-16:missed',
          'mediation.certificate_not_arranged@2025-05-22:met',
          'mediation.contact_adviser@2025-05-14:met',
          'mediation.notify_health@2025-04-23:met',
          'order.reconsider@2025-12-03:met',
          'recommendation.response@2025-12-24:met',
          'recommendation.response@2025-12-24:met',
          'tribunal.la_response@2025-09-16:met',
        ],
        'at the end',
      );
      await finish(w, [
        'appeal.hearing_listed',
        'appeal.decided',
        'recommendation.responded',
        'recommendation.responded',
        'order.complied',
      ]);
    },
    WALK_TIMEOUT,
  );

  /*
   * Content of the final plan: the letter's 2 months end in August (the appeal deadline moves to
   * 1 Sep, the contact deadline does not), mediation held and concluded, a certificate whose month
   * ends on Sun 31 Aug, the council's response late, partly allowed with an order to amend.
   */
  it(
    'final_plan_content: mediation concluded, appeal deadline out of August, partly allowed with an order to amend',
    async () => {
      const w = await Walk.open('Casey Final-Plan', '2014-01-20');
      const decisionId = await issueDecision(w, {
        type: 'final_plan_content',
        decisionDate: '2025-06-02',
        letterSent: '2025-06-05',
        sections: ['B', 'F', 'I'],
      });
      // Letter Thu 5 Jun 2025 + 2 months = Tue 5 Aug 2025; in August → first working day after 31 Aug = Mon 1 Sep 2025.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-09-01',
        status: 'overdue',
      });
      // reg 33: Thu 5 Jun 2025 + 2 months = Tue 5 Aug 2025 (SEND Regs periods do not leave August).
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2025-08-05',
        status: 'overdue',
      });

      const mediationId = await contactAdviser(w, {
        decisionId,
        providerId,
        contactedOn: '2025-06-20',
        healthInIssue: false,
        socialCareInIssue: true,
      });
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2025-08-05',
        status: 'met',
        metOn: '2025-06-20',
        metOnTime: true,
      });

      await w.post(
        `/mediations/${mediationId}/requested`,
        { laInformedOn: '2025-06-23' },
        'mediation.requested',
      );
      // regs 36–37: Mon 23 Jun 2025 + 30 days = Wed 23 Jul 2025.
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2025-07-23',
        status: 'overdue',
      });
      // Health provision is not in issue: no duty to tell the ICB (reg 35).
      w.absent('mediation.notify_health');

      const before = w.deadlineSummary();
      await w.post(
        `/mediations/${mediationId}/arranged`,
        { arrangedOn: '2025-07-01', mediationDate: '2025-07-22' },
        'mediation.arranged',
      );
      w.expectDeadlines(before);

      await w.post(
        `/mediations/${mediationId}/held`,
        {
          heldOn: '2025-07-22',
          concludedOn: '2025-07-28',
          outcome: 'not_resolved',
        },
        'mediation.held',
      );
      // Held Tue 22 Jul 2025 ≤ Wed 23 Jul 2025.
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2025-07-23',
        status: 'met',
        metOn: '2025-07-22',
        metOnTime: true,
      });
      // reg 39: concluded Mon 28 Jul 2025 + 3 working days: Tue 29, Wed 30, Thu 31 → Thu 31 Jul 2025.
      w.expect('mediation.certificate_concluded', mediationId, {
        dueOn: '2025-07-31',
        status: 'overdue',
        dutyHolder: 'mediation_adviser',
      });

      await issueCertificate(
        w,
        mediationId,
        'mediation_concluded',
        '2025-07-31',
      );
      w.expect('mediation.certificate_concluded', mediationId, {
        status: 'met',
        metOn: '2025-07-31',
        metOnTime: true,
      });
      // Later of: Tue 5 Aug 2025; certificate Thu 31 Jul 2025 + 1 month = Sun 31 Aug 2025 → 31 Aug; in August
      // (and a Sunday) → first working day after 31 Aug = Mon 1 Sep 2025.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-09-01',
        status: 'overdue',
      });

      const { id: appealId } = await lodgeAppeal(w, {
        decisionId,
        lodgedOn: '2025-08-29',
        sections: ['B', 'F', 'I'],
        healthAndSocialCareSought: true,
      });
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-09-01',
        status: 'met',
        metOn: '2025-08-29',
        metOnTime: true,
      });

      await registerAppeal(w, appealId, '2025-09-03', '2025-09-04');
      // Received Thu 4 Sep 2025 + 30 Tribunal working days: Sep 5 (1), 8–12 (6), 15–19 (11), 22–26 (16),
      // 29–30 (18), Oct 1–3 (21), 6–10 (26), 13–16 (30) → Thu 16 Oct 2025.
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2025-10-16',
        status: 'overdue',
      });

      await w.post(
        `/appeals/${appealId}/response`,
        { sentOn: '2025-10-17' },
        'appeal.response_sent',
      );
      // Sent Fri 17 Oct 2025, a day late.
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2025-10-16',
        status: 'met',
        metOn: '2025-10-17',
        metOnTime: false,
      });

      await w.post(
        `/appeals/${appealId}/hearing`,
        { hearingDate: '2026-01-13' },
        'appeal.hearing_listed',
      );

      const partly = await w.post(
        `/appeals/${appealId}/outcome`,
        {
          outcome: 'decided_partly_allowed',
          decisionDate: '2026-01-19', // Mon
          orderSentOn: '2026-01-21',
          orders: [
            {
              orderType: 'amend_plan',
              details:
                'Section B to describe sensory processing needs; section F: 10 hours of 1:1 support a week.',
            },
          ],
          recommendations: [
            {
              section: 'G',
              responsibleBody: 'icb',
              text: 'Occupational therapy programme reviewed each term.',
            },
            {
              section: 'H2',
              responsibleBody: 'council_social_care',
              text: 'Personal assistant support after school.',
            },
          ],
        },
        'appeal.decided',
      );
      const order = partly.orders.find((o) => o.appealId === appealId)!;
      expect(order.duties.map((d) => d.ruleId)).toEqual(['order.amend_plan']);
      // reg 44(2)(e): order Mon 19 Jan 2026 + 5 weeks = Mon 23 Feb 2026.
      w.expect('order.amend_plan', order.id, {
        dueOn: '2026-02-23',
        status: 'overdue',
        dutyHolder: 'council',
      });
      const health = partly.recommendations.find(
        (r) => r.responsibleBody === 'icb',
      )!;
      const social = partly.recommendations.find(
        (r) => r.responsibleBody === 'council_social_care',
      )!;
      // Mon 19 Jan 2026 + 5 weeks = Mon 23 Feb 2026.
      w.expect('recommendation.response', health.id, {
        dueOn: '2026-02-23',
        status: 'overdue',
        dutyHolder: 'icb',
      });
      w.expect('recommendation.response', social.id, {
        dueOn: '2026-02-23',
        status: 'overdue',
        dutyHolder: 'council_social_care',
      });

      await w.post(
        `/orders/${order.id}/compliance`,
        {
          ruleId: 'order.amend_plan',
          compliedOn: '2026-02-20',
          evidence: 'Amended final plan issued to the parent on 20 Feb 2026.',
        },
        'order.complied',
      );
      w.expect('order.amend_plan', order.id, {
        dueOn: '2026-02-23',
        status: 'met',
        metOn: '2026-02-20',
        metOnTime: true,
      });

      await w.post(
        `/recommendations/${health.id}/response`,
        {
          outcome: 'partly_followed',
          reasons: 'A programme is provided; reviews are twice a year.',
          sentOn: '2026-02-23',
          recipient: 'parent',
          sentTo: ['Parent', 'Council SEND team'],
        },
        'recommendation.responded',
      );
      // Sent on the last day, Mon 23 Feb 2026: on time.
      w.expect('recommendation.response', health.id, {
        dueOn: '2026-02-23',
        status: 'met',
        metOn: '2026-02-23',
        metOnTime: true,
      });

      await w.post(
        `/recommendations/${social.id}/response`,
        {
          outcome: 'followed',
          sentOn: '2026-03-02',
          recipient: 'parent',
          sentTo: ['Parent'],
        },
        'recommendation.responded',
      );
      w.expect('recommendation.response', social.id, {
        dueOn: '2026-02-23',
        status: 'met',
        metOn: '2026-03-02',
        metOnTime: false,
      });

      w.expectDeadlines(
        [
          'appeal.lodge@2025-09-01:met',
          'mediation.arrange@2025-07-23:met',
          'mediation.certificate_concluded@2025-07-31:met',
          'mediation.contact_adviser@2025-08-05:met',
          'order.amend_plan@2026-02-23:met',
          'recommendation.response@2026-02-23:met',
          'recommendation.response@2026-02-23:met',
          'tribunal.la_response@2025-10-16:met',
        ],
        'at the end',
      );
      await finish(w, [
        'appeal.decided',
        'order.complied',
        'recommendation.responded',
        'recommendation.responded',
      ]);
    },
    WALK_TIMEOUT,
  );

  /*
   * Refusal to amend: mediation over Christmas 2024 with health in issue, an agreement with an
   * appealable matter (order periods, reg 42(2)) and another matter (2 weeks, reg 42(3)), the
   * appeal on what was left, dismissed with a social care recommendation.
   */
  it(
    'refuse_amend: mediation agreement over Christmas, appeal dismissed with a recommendation',
    async () => {
      const w = await Walk.open('Dakota Refuse-Amend', '2012-11-30');
      const decisionId = await issueDecision(w, {
        type: 'refuse_amend',
        decisionDate: '2024-11-04',
        letterSent: '2024-11-05',
        rationale: 'The annual review found the plan still meets the needs.',
      });
      // Letter Tue 5 Nov 2024 + 2 months = Sun 5 Jan 2025; not a working day (and after 1 Jan) → Mon 6 Jan 2025.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-01-06',
        status: 'overdue',
      });
      // reg 33: Tue 5 Nov 2024 + 2 months = Sun 5 Jan 2025 (no move).
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2025-01-05',
        status: 'overdue',
      });

      const mediationId = await contactAdviser(w, {
        decisionId,
        providerId,
        contactedOn: '2024-11-11',
        healthInIssue: true,
        socialCareInIssue: false,
      });
      w.expect('mediation.contact_adviser', decisionId, {
        status: 'met',
        metOn: '2024-11-11',
        metOnTime: true,
      });

      await w.post(
        `/mediations/${mediationId}/requested`,
        { laInformedOn: '2024-11-20' },
        'mediation.requested',
      );
      // reg 35: Wed 20 Nov 2024 + 3 working days: Thu 21, Fri 22, Mon 25 → Mon 25 Nov 2024.
      w.expect('mediation.notify_health', mediationId, {
        dueOn: '2024-11-25',
        status: 'overdue',
      });
      // regs 36–37: Wed 20 Nov 2024 + 30 days = Fri 20 Dec 2024.
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2024-12-20',
        status: 'overdue',
      });

      await w.post(
        `/mediations/${mediationId}/health-notified`,
        { notifiedOn: '2024-11-26' },
        'mediation.health_notified',
      );
      // Told the ICB Tue 26 Nov 2024, a day late.
      w.expect('mediation.notify_health', mediationId, {
        dueOn: '2024-11-25',
        status: 'met',
        metOn: '2024-11-26',
        metOnTime: false,
      });

      await w.post(
        `/mediations/${mediationId}/arranged`,
        { arrangedOn: '2024-12-02', mediationDate: '2024-12-19' },
        'mediation.arranged',
      );
      await w.post(
        `/mediations/${mediationId}/held`,
        {
          heldOn: '2024-12-19',
          concludedOn: '2024-12-23',
          outcome: 'partly_resolved',
        },
        'mediation.held',
      );
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2024-12-20',
        status: 'met',
        metOn: '2024-12-19',
        metOnTime: true,
      });
      // reg 39: concluded Mon 23 Dec 2024 + 3 working days: Tue 24 (1); Wed 25, Thu 26 bank holidays; Fri 27 (2);
      // Sat, Sun; Mon 30 (3) → Mon 30 Dec 2024 (ordinary working days do not skip the whole Christmas week).
      w.expect('mediation.certificate_concluded', mediationId, {
        dueOn: '2024-12-30',
        status: 'overdue',
      });

      await w.post(
        `/mediations/${mediationId}/agreement`,
        {
          agreementDate: '2024-12-23',
          items: [
            {
              description:
                'Amend section F: weekly speech and language therapy from a qualified therapist.',
              appealable: true,
              orderType: 'amend_plan',
            },
            {
              description: 'Review home-to-school transport arrangements.',
              appealable: false,
            },
          ],
        },
        'mediation.agreement_reached',
      );
      const items = mediationOf(w.detail, decisionId).agreementItems;
      const appealable = items.find((i) => i.appealable)!;
      const other = items.find((i) => !i.appealable)!;
      // reg 42(2) with reg 44(2)(e): agreement Mon 23 Dec 2024 + 5 weeks = Mon 27 Jan 2025.
      w.expect('agreement.appealable_matters.amend_plan', appealable.id, {
        dueOn: '2025-01-27',
        status: 'overdue',
        dutyHolder: 'council',
      });
      // reg 42(3): Mon 23 Dec 2024 + 2 weeks = Mon 6 Jan 2025.
      w.expect('agreement.other_matters', other.id, {
        dueOn: '2025-01-06',
        status: 'overdue',
        dutyHolder: 'council',
      });
      // reg 42(4) (the ICB tells the council of the agreement) applies only where the council was not a party:
      // health was in issue, but the council took part in this mediation.
      w.absent('agreement.health_notify_la');

      await issueCertificate(
        w,
        mediationId,
        'mediation_concluded',
        '2024-12-30',
      );
      w.expect('mediation.certificate_concluded', mediationId, {
        dueOn: '2024-12-30',
        status: 'met',
        metOn: '2024-12-30',
        metOnTime: true,
      });
      // Later of: Sun 5 Jan 2025; certificate Mon 30 Dec 2024 + 1 month = Thu 30 Jan 2025 (a working day) → Thu 30 Jan 2025.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-01-30',
        status: 'overdue',
      });

      await w.refused(
        `/mediations/${mediationId}/health-response`,
        { receivedOn: '2025-01-03' },
        400,
        /reg 42\(4\) applies only where the council was not a party/,
        "the ICB's notice of an agreement the council was party to",
      );

      await w.post(
        `/mediations/${mediationId}/agreement/items/${other.id}/completed`,
        {
          completedOn: '2025-01-08',
          evidence: 'Transport review letter sent 8 Jan 2025.',
        },
        'mediation.agreement_item_completed',
      );
      // Wed 8 Jan 2025 after Mon 6 Jan 2025: late.
      w.expect('agreement.other_matters', other.id, {
        dueOn: '2025-01-06',
        status: 'met',
        metOn: '2025-01-08',
        metOnTime: false,
      });

      await w.post(
        `/mediations/${mediationId}/agreement/items/${appealable.id}/completed`,
        {
          completedOn: '2025-01-24',
          evidence: 'Amended plan issued 24 Jan 2025.',
        },
        'mediation.agreement_item_completed',
      );
      w.expect('agreement.appealable_matters.amend_plan', appealable.id, {
        dueOn: '2025-01-27',
        status: 'met',
        metOn: '2025-01-24',
        metOnTime: true,
      });

      const { id: appealId } = await lodgeAppeal(w, {
        decisionId,
        lodgedOn: '2025-01-28',
        appellant: 'parent',
        sections: ['B', 'F'],
        healthAndSocialCareSought: true,
      });
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-01-30',
        status: 'met',
        metOn: '2025-01-28',
        metOnTime: true,
      });

      await registerAppeal(w, appealId, '2025-02-03', '2025-02-04');
      // Received Tue 4 Feb 2025 + 30 Tribunal working days: Feb 5–7 (3), 10–14 (8), 17–21 (13), 24–28 (18),
      // Mar 3–7 (23), 10–14 (28), 17 (29), 18 (30) → Tue 18 Mar 2025.
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2025-03-18',
        status: 'overdue',
      });

      await w.post(
        `/appeals/${appealId}/response`,
        { sentOn: '2025-03-14' },
        'appeal.response_sent',
      );
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2025-03-18',
        status: 'met',
        metOn: '2025-03-14',
        metOnTime: true,
      });

      await w.post(
        `/appeals/${appealId}/hearing`,
        { hearingDate: '2025-06-11' },
        'appeal.hearing_listed',
      );

      const dismissed = await w.post(
        `/appeals/${appealId}/outcome`,
        {
          outcome: 'decided_dismissed',
          decisionDate: '2025-06-16', // Mon
          orderSentOn: '2025-06-17',
          recommendations: [
            {
              section: 'H2',
              responsibleBody: 'council_social_care',
              text: 'Holiday activity scheme place with 1:1 support.',
            },
          ],
        },
        'appeal.decided',
      );
      expect(dismissed.orders.filter((o) => o.appealId === appealId)).toEqual(
        [],
      );
      const rec = dismissed.recommendations.find(
        (r) => r.appealId === appealId,
      )!;
      // Mon 16 Jun 2025 + 5 weeks = Mon 21 Jul 2025.
      w.expect('recommendation.response', rec.id, {
        dueOn: '2025-07-21',
        status: 'overdue',
        dutyHolder: 'council_social_care',
      });

      await w.post(
        `/recommendations/${rec.id}/response`,
        {
          outcome: 'partly_followed',
          reasons:
            'A scheme place is offered; 1:1 support for half of each day.',
          sentOn: '2025-07-18',
          recipient: 'parent',
          sentTo: ['Parent', 'Council SEND team'],
        },
        'recommendation.responded',
      );
      w.expect('recommendation.response', rec.id, {
        dueOn: '2025-07-21',
        status: 'met',
        metOn: '2025-07-18',
        metOnTime: true,
      });

      w.expectDeadlines(
        [
          'agreement.appealable_matters.amend_plan@2025-01-27:met',
          'agreement.other_matters@2025-01-06:met',
          'appeal.lodge@2025-01-30:met',
          'mediation.arrange@2024-12-20:met',
          'mediation.certificate_concluded@2024-12-30:met',
          'mediation.contact_adviser@2025-01-05:met',
          'mediation.notify_health@2024-11-25:met',
          'recommendation.response@2025-07-21:met',
          'tribunal.la_response@2025-03-18:met',
        ],
        'at the end',
      );
      await finish(w, [
        'appeal.registered',
        'appeal.response_sent',
        'appeal.hearing_listed',
        'appeal.decided',
        'recommendation.responded',
      ]);
    },
    WALK_TIMEOUT,
  );

  /*
   * Content of an amended plan: a letter date corrected (31 Dec + 2 months = 28 Feb), disagreement
   * resolution (moves no clock), mediation declined with a certificate that does NOT move the appeal
   * deadline, Tribunal working days across Easter 2026, conceded before the response (reg 45).
   */
  it(
    'amended_plan_content: corrected letter date, disagreement resolution, conceded before the response across Easter 2026',
    async () => {
      const w = await Walk.open('Emery Amended-Plan', '2009-07-15'); // 16: over compulsory school age, appeals in their own right
      const decisionId = await issueDecision(w, {
        type: 'amended_plan_content',
        decisionDate: '2025-12-29',
        letterSent: '2025-12-31',
        sections: ['F', 'I'],
      });
      // Wed 31 Dec 2025 + 2 months: February has no 31st → its last day, Sat 28 Feb 2026; not a working day → Mon 2 Mar 2026.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2026-03-02',
        status: 'open',
      });
      // reg 33: Sat 28 Feb 2026 (no move); before today: overdue.
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2026-02-28',
        status: 'overdue',
      });

      await w.post(
        `/decisions/${decisionId}/correction`,
        {
          decisionDate: '2026-01-05',
          letterSent: '2026-01-06',
          reason:
            'The letter was held back for the manager’s signature and posted on 6 January.',
        },
        'decision.corrected',
      );
      // Tue 6 Jan 2026 + 2 months = Fri 6 Mar 2026, a working day.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2026-03-06',
        status: 'open',
      });
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2026-03-06',
        status: 'open',
      });

      const before = w.deadlineSummary();
      const referred = await w.post(
        '/disagreement-resolutions',
        {
          referredOn: '2026-01-07',
          subject: 'Transport to the school named in section I',
        },
        'disagreement_resolution.referred',
      );
      const resolutionId = last(referred.disagreementResolutions).id;
      await w.post(
        `/disagreement-resolutions/${resolutionId}/meetings`,
        { heldOn: '2026-01-09' },
        'disagreement_resolution.meeting_held',
      );
      await w.post(
        `/disagreement-resolutions/${resolutionId}/conclusion`,
        { concludedOn: '2026-01-09', outcome: 'not_resolved' },
        'disagreement_resolution.concluded',
      );
      // Disagreement resolution gives no certificate and moves no clock.
      w.expectDeadlines(before);

      const mediationId = await contactAdviser(w, {
        decisionId,
        providerId,
        contactedOn: '2026-01-12',
        healthInIssue: false,
        socialCareInIssue: false,
      });
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2026-03-06',
        status: 'met',
        metOn: '2026-01-12',
        metOnTime: true,
      });

      await declineMediation(w, mediationId, '2026-01-12');
      // reg 34: Mon 12 Jan 2026 + 3 working days: Tue 13, Wed 14, Thu 15 → Thu 15 Jan 2026.
      w.expect('mediation.certificate_declined', mediationId, {
        dueOn: '2026-01-15',
        status: 'overdue',
      });

      await issueCertificate(w, mediationId, 'information_only', '2026-01-15');
      w.expect('mediation.certificate_declined', mediationId, {
        dueOn: '2026-01-15',
        status: 'met',
        metOn: '2026-01-15',
        metOnTime: true,
      });
      // Later of: Fri 6 Mar 2026; certificate Thu 15 Jan 2026 + 1 month = Sun 15 Feb 2026 → the letter date wins: Fri 6 Mar 2026.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2026-03-06',
        status: 'open',
      });

      const { id: appealId } = await lodgeAppeal(w, {
        decisionId,
        lodgedOn: '2026-01-19',
        appellant: 'young_person',
        sections: ['F', 'I'],
      });
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2026-03-06',
        status: 'met',
        metOn: '2026-01-19',
        metOnTime: true,
      });

      await registerAppeal(w, appealId, '2026-02-20', '2026-02-23');
      // Received Mon 23 Feb 2026 + 30 Tribunal working days: Feb 24–27 (4), Mar 2–6 (9), 9–13 (14), 16–20 (19),
      // 23–27 (24), 30–31 (26), Apr 1 (27), 2 (28); Fri 3 Good Friday, Sat, Sun, Mon 6 Easter Monday skipped;
      // Tue 7 (29), Wed 8 (30) → Wed 8 Apr 2026.
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2026-04-08',
        status: 'open',
        dutyHolder: 'council',
      });

      const concession = {
        outcome: 'conceded_before_response',
        decisionDate: '2026-03-02', // the Tribunal confirmed the appeal ended
        laNotifiedTribunalOn: '2026-02-27', // Fri: the council told the Tribunal it would not oppose
        orders: [
          {
            orderType: 'amend_plan',
            details:
              'Section F: occupational therapy as specified by the family’s expert; section I: the school the family asked for.',
          },
        ],
      };
      // A concession ends with no Tribunal decision, so no recommendations.
      await w.refused(
        `/appeals/${appealId}/outcome`,
        {
          ...concession,
          recommendations: [
            {
              section: 'D',
              responsibleBody: 'council_social_care',
              text: 'Social care assessment.',
            },
          ],
        },
        409,
        /conceded/,
        'recommendations on a concession',
      );
      const conceded = await w.post(
        `/appeals/${appealId}/outcome`,
        concession,
        'appeal.decided',
      );
      const order = conceded.orders.find((o) => o.appealId === appealId)!;
      expect(order.duties.map((d) => d.ruleId)).toEqual([
        'concession.amend_plan',
      ]);
      // The response is no longer needed.
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2026-04-08',
        status: 'cancelled',
      });
      // reg 45: told the Tribunal Fri 27 Feb 2026 + 5 weeks = Fri 3 Apr 2026 (Good Friday: SEND Regs periods do not move).
      w.expect('concession.amend_plan', order.id, {
        dueOn: '2026-04-03',
        status: 'open',
        dutyHolder: 'council',
      });
      w.absent('order.amend_plan');

      await w.post(
        `/orders/${order.id}/compliance`,
        {
          ruleId: 'concession.amend_plan',
          compliedOn: '2026-03-02',
          evidence:
            'Amended plan with the conceded sections F and I issued 2 Mar 2026.',
        },
        'order.complied',
      );
      w.expect('concession.amend_plan', order.id, {
        dueOn: '2026-04-03',
        status: 'met',
        metOn: '2026-03-02',
        metOnTime: true,
      });

      w.expectDeadlines(
        [
          'appeal.lodge@2026-03-06:met',
          'concession.amend_plan@2026-04-03:met',
          'mediation.certificate_declined@2026-01-15:met',
          'mediation.contact_adviser@2026-03-06:met',
          'tribunal.la_response@2026-04-08:cancelled',
        ],
        'at the end',
      );
      await finish(w, [
        'appeal.lodged',
        'appeal.registered',
        'appeal.decided',
        'order.complied',
      ]);
      const corrected = (await w.history()).find(
        (e) => e.type === 'decision.corrected',
      );
      expect(corrected).toBeDefined();
    },
    WALK_TIMEOUT,
  );

  /*
   * Ceasing to maintain the plan: a way forward meeting and mediation side by side, the certificate
   * late and moving the appeal deadline to a Saturday (→ Monday), a consent order to continue to
   * maintain the plan (immediately) with a social care recommendation.
   */
  it(
    'cease_plan: way forward meeting and mediation, late certificate, consent order to continue to maintain',
    async () => {
      const w = await Walk.open('Frankie Cease-Plan', '2008-05-05');
      const decisionId = await issueDecision(w, {
        type: 'cease_plan',
        decisionDate: '2025-10-01',
        letterSent: '2025-10-01',
        rationale: 'The young person has left education.',
      });
      // Wed 1 Oct 2025 + 2 months = Mon 1 Dec 2025, a working day.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-12-01',
        status: 'overdue',
      });
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2025-12-01',
        status: 'overdue',
      });

      const before = w.deadlineSummary();
      const requested = await w.post(
        '/way-forward-meetings',
        { decisionId, requestedOn: '2025-10-03' },
        'way_forward.requested',
      );
      const meetingId = last(requested.wayForwardMeetings).id;
      await w.post(
        `/way-forward-meetings/${meetingId}/held`,
        {
          heldOn: '2025-10-10',
          outcome: 'not_resolved',
          notes:
            'The young person is starting an apprenticeship with training; the family want the plan kept.',
        },
        'way_forward.held',
      );
      // A way forward meeting pauses no clock.
      w.expectDeadlines(before);

      const mediationId = await contactAdviser(w, {
        decisionId,
        providerId,
        contactedOn: '2025-10-13',
        healthInIssue: false,
        socialCareInIssue: true,
      });
      w.expect('mediation.contact_adviser', decisionId, {
        dueOn: '2025-12-01',
        status: 'met',
        metOn: '2025-10-13',
        metOnTime: true,
      });

      await w.post(
        `/mediations/${mediationId}/requested`,
        { laInformedOn: '2025-10-14' },
        'mediation.requested',
      );
      // regs 36–37: Tue 14 Oct 2025 + 30 days = Thu 13 Nov 2025.
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2025-11-13',
        status: 'overdue',
      });
      w.absent('mediation.notify_health');

      await w.post(
        `/mediations/${mediationId}/arranged`,
        { arrangedOn: '2025-10-20', mediationDate: '2025-11-13' },
        'mediation.arranged',
      );
      await w.post(
        `/mediations/${mediationId}/held`,
        {
          heldOn: '2025-11-13',
          concludedOn: '2025-11-13',
          outcome: 'not_resolved',
        },
        'mediation.held',
      );
      // Held on the last day, Thu 13 Nov 2025: on time.
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2025-11-13',
        status: 'met',
        metOn: '2025-11-13',
        metOnTime: true,
      });
      // reg 39: Thu 13 Nov 2025 + 3 working days: Fri 14, Mon 17, Tue 18 → Tue 18 Nov 2025.
      w.expect('mediation.certificate_concluded', mediationId, {
        dueOn: '2025-11-18',
        status: 'overdue',
      });

      await issueCertificate(
        w,
        mediationId,
        'mediation_concluded',
        '2025-11-20',
      );
      // Issued Thu 20 Nov 2025, two days late.
      w.expect('mediation.certificate_concluded', mediationId, {
        dueOn: '2025-11-18',
        status: 'met',
        metOn: '2025-11-20',
        metOnTime: false,
      });
      // Later of: Mon 1 Dec 2025; certificate Thu 20 Nov 2025 + 1 month = Sat 20 Dec 2025 → not a working day → Mon 22 Dec 2025.
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-12-22',
        status: 'overdue',
      });

      const { id: appealId } = await lodgeAppeal(w, {
        decisionId,
        lodgedOn: '2025-12-22',
        appellant: 'young_person',
        healthAndSocialCareSought: true,
      });
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-12-22',
        status: 'met',
        metOn: '2025-12-22',
        metOnTime: true,
      });

      await registerAppeal(w, appealId, '2026-01-05', '2026-01-06');
      // Received Tue 6 Jan 2026 + 30 Tribunal working days: Jan 7–9 (3), 12–16 (8), 19–23 (13), 26–30 (18),
      // Feb 2–6 (23), 9–13 (28), 16 (29), 17 (30) → Tue 17 Feb 2026.
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2026-02-17',
        status: 'overdue',
      });

      await w.post(
        `/appeals/${appealId}/response`,
        { sentOn: '2026-02-16' },
        'appeal.response_sent',
      );
      w.expect('tribunal.la_response', appealId, {
        dueOn: '2026-02-17',
        status: 'met',
        metOn: '2026-02-16',
        metOnTime: true,
      });

      await w.post(
        `/appeals/${appealId}/hearing`,
        { hearingDate: '2026-03-10' },
        'appeal.hearing_listed',
      );

      const consent = await w.post(
        `/appeals/${appealId}/outcome`,
        {
          outcome: 'consent_order',
          decisionDate: '2026-02-25', // Wed, before the listed hearing
          orderSentOn: '2026-02-26',
          orders: [{ orderType: 'continue_to_maintain' }],
          recommendations: [
            {
              section: 'H1',
              responsibleBody: 'council_social_care',
              text: 'Travel training to the apprenticeship provider.',
            },
          ],
        },
        'appeal.decided',
      );
      const order = consent.orders.find((o) => o.appealId === appealId)!;
      expect(order.duties.map((d) => d.ruleId)).toEqual([
        'order.continue_to_maintain',
      ]);
      // reg 44: immediately = the order date, Wed 25 Feb 2026.
      w.expect('order.continue_to_maintain', order.id, {
        dueOn: '2026-02-25',
        status: 'overdue',
        dutyHolder: 'council',
      });
      const rec = consent.recommendations.find((r) => r.appealId === appealId)!;
      // Wed 25 Feb 2026 + 5 weeks = Wed 1 Apr 2026.
      w.expect('recommendation.response', rec.id, {
        dueOn: '2026-04-01',
        status: 'open',
        dutyHolder: 'council_social_care',
      });

      await w.post(
        `/orders/${order.id}/compliance`,
        {
          ruleId: 'order.continue_to_maintain',
          compliedOn: '2026-02-25',
          evidence:
            'Cessation withdrawn; letter to the young person 25 Feb 2026.',
        },
        'order.complied',
      );
      w.expect('order.continue_to_maintain', order.id, {
        dueOn: '2026-02-25',
        status: 'met',
        metOn: '2026-02-25',
        metOnTime: true,
      });

      await w.post(
        `/recommendations/${rec.id}/response`,
        {
          outcome: 'followed',
          sentOn: '2026-03-02',
          recipient: 'young_person',
          sentTo: ['Young person', 'Council SEND team'],
        },
        'recommendation.responded',
      );
      w.expect('recommendation.response', rec.id, {
        dueOn: '2026-04-01',
        status: 'met',
        metOn: '2026-03-02',
        metOnTime: true,
      });

      w.expectDeadlines(
        [
          'appeal.lodge@2025-12-22:met',
          'mediation.arrange@2025-11-13:met',
          'mediation.certificate_concluded@2025-11-18:met',
          'mediation.contact_adviser@2025-12-01:met',
          'order.continue_to_maintain@2026-02-25:met',
          'recommendation.response@2026-04-01:met',
          'tribunal.la_response@2026-02-17:met',
        ],
        'at the end',
      );
      await finish(w, [
        'appeal.hearing_listed',
        'appeal.decided',
        'order.complied',
        'recommendation.responded',
      ]);
    },
    WALK_TIMEOUT,
  );
});

describe('writes racing with the deadline monitor', () => {
  /*
   * A deadline opened by a write is looked at by the worker at once: the tick claims it, and its job
   * locks the case row, then the deadline row (the order every write uses), to work out what is due
   * (here: a past deadline recorded late, timed for after the grace). A caseworker's write locks the
   * case row, then the deadline rows it meets or moves. Whatever the timing, the caseworker must get
   * the case back (201) or a 409 to reload, never a 500.
   *
   * The interleaving is forced: the deadline queue is paused while the tick claims the deadlines,
   * the test then holds their rows, resumes the queue so that the job queues first for them (holding
   * the case row) and the caseworker's write queues second (for the case row), then lets go.
   */
  it('never answers 500 when a write meets a deadline the monitor is working on', async () => {
    const waiting = async (db: string) =>
      Number(
        (
          await sql(
            `SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
            [db],
          )
        )[0].count,
      );
    const db = (await sql(`SELECT current_database() AS db`))[0].db as string;
    const url = new URL(process.env['E2E_REDIS_URL']!);
    const queue = new Queue('deadlines', {
      prefix: process.env['E2E_REDIS_PREFIX']!,
      connection: {
        host: url.hostname,
        port: Number(url.port || 6379),
        db: Number(url.pathname.slice(1) || 0),
      },
    });
    const outcomes: string[] = [];
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const w = await Walk.open(`Race ${attempt}`, '2015-01-01');
        const holder = new Client({
          connectionString: process.env['E2E_DATABASE_URL'],
        });
        await holder.connect();
        await queue.pause();
        try {
          // Letter Mon 3 Nov 2025 + 2 months = Sat 3 Jan 2026 (contact the adviser) and Mon 5 Jan 2026 (appeal): both past.
          const decided = await w.post(
            '/decisions',
            {
              type: 'refuse_plan',
              decisionDate: '2025-11-03',
              letterSent: '2025-11-03',
            },
            'decision.issued',
          );
          const claimed = async () =>
            Number(
              (
                await sql(
                  `SELECT count(*) FROM deadline WHERE case_id = $1 AND claimed_at IS NOT NULL`,
                  [w.id],
                )
              )[0].count,
            );
          await eventually(async () => (await claimed()) > 0, 15_000);
          await holder.query('BEGIN');
          await holder.query(
            `SELECT id FROM deadline WHERE case_id = $1 FOR UPDATE`,
            [w.id],
          );
          await queue.resume();
          const monitorWaits = await eventually(
            async () => (await waiting(db)) >= 1,
            5_000,
          ).catch(() => false);
          if (!monitorWaits) continue; // the job had run already: try again
          // Lodging the appeal meets appeal.lodge, a deadline the monitor is looking at.
          const write = api('POST', `/cases/${w.id}/appeals`, {
            expectedVersion: decided.version,
            decisionId: last(decided.decisions).id,
            tribunalReference: tribunalReference('26'),
            lodgedOn: '2026-01-05',
            // No mediation certificate on this case: confirmed (CFA 2014 s.55(3)).
            confirmedUnusual: true,
          });
          await eventually(async () => (await waiting(db)) >= 2, 30_000);
          await holder.query('COMMIT');
          const res = await write;
          outcomes.push(
            `${res.status} ${res.status >= 500 ? String((res.body as { detail?: string }).detail) : ''}`.trim(),
          );
        } finally {
          await queue.resume().catch(() => undefined);
          await holder.query('ROLLBACK').catch(() => undefined);
          await holder.end();
        }
      }
    } finally {
      await queue.close();
    }
    console.log(
      `answers to writes racing with the monitor: ${outcomes.join('; ')}`,
    );
    expect(outcomes.length).toBeGreaterThan(0);
    expect(
      outcomes.filter((o) => !o.startsWith('201') && !o.startsWith('409')),
    ).toEqual([]);
  }, 60_000);
});
