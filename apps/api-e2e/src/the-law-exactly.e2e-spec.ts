import { api, sql, uniqueReference } from './support/api';
import { declineMediationWithCertificate, lodgeAppeal } from './support/steps';
import { type Detail, tribunalReference, Walk } from './support/walk';

/*
 * Issue "The law, exactly", through the API: each case worked out by hand from statutory-clock.md
 * and the law, next to the dates (weekdays checked with `date -ud`). The run's clock is fixed at
 * Mon 2 Mar 2026, so every fact recorded happened before it.
 *
 * Bank holidays used: 2025 Fri 18 Apr (Good Friday), Mon 21 Apr (Easter Monday), Mon 25 Aug,
 * Thu 25 Dec, Fri 26 Dec; 2026 Thu 1 Jan. SEND Regulations periods never move; the appeal deadline
 * moves once under HESC r.12.
 */

let providerId = '';
beforeAll(async () => {
  await sql(
    `INSERT INTO mediation_provider (name) VALUES ('Global Mediation') ON CONFLICT (name) DO NOTHING`,
  );
  providerId = (
    await api<{ id: string; name: string }[]>('GET', '/mediation-providers')
  ).body.find((p) => p.name === 'Global Mediation')!.id;
});

const WALK = 60_000;
const decisionOf = (d: Detail) => d.decisions.at(-1)!.id;
const mediationOf = (d: Detail) => d.mediations.at(-1)!.id;
const appealOf = (d: Detail) => d.appeals.at(-1)!.id;

async function decided(
  w: Walk,
  letterSent: string,
  type = 'final_plan_content',
  more: Record<string, unknown> = {},
) {
  return w.post(
    '/decisions',
    {
      type,
      decisionDate: letterSent,
      letterSent,
      sections: type.endsWith('_content') ? ['F', 'I'] : [],
      ...more,
    },
    'decision.issued',
  );
}

describe('one deadline ledger, decided by the domain, on the write path', () => {
  it(
    'keeps the Tribunal’s extension of the appeal deadline when a certificate is recorded afterwards',
    async () => {
      const w = await Walk.open('Robin Ledger', '2014-02-01');
      const d = await decided(w, '2025-09-02'); // Tue 2 Sep 2025 + 2 months = Sun 2 Nov → r.12(2) → Mon 3 Nov 2025
      const decisionId = decisionOf(d);
      const appeal = w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-11-03',
      });
      await w.post(
        `/deadlines/${appeal!.id}/extension`,
        {
          toDueOn: '2025-11-10',
          ground: 'tribunal_extended_time',
          reason: 'The Tribunal extended the time for appealing.',
          agreedBy: 'SEND Tribunal',
        },
        'deadline.extended',
      );
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-11-10',
        status: 'overdue',
      }); // open, and past today (Mon 2 Mar 2026)
      const m = await w.post(
        '/mediations',
        {
          decisionId,
          providerId,
          contactedOn: '2025-09-22',
          healthInIssue: false,
          socialCareInIssue: false,
        },
        'mediation.adviser_contacted',
      );
      await w.post(
        `/mediations/${mediationOf(m)}/declined`,
        { adviserInformedOn: '2025-09-22' },
        'mediation.declined',
      );
      // Certificate Thu 25 Sep + 1 month = Sat 25 Oct; the later is still Sun 2 Nov (→ Mon 3 Nov): the extension to Mon 10 Nov stands.
      await w.post(
        `/mediations/${mediationOf(m)}/certificates`,
        { kind: 'information_only', issuedOn: '2025-09-25' },
        'certificate.issued',
      );
      const after = w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-11-10',
        status: 'overdue',
      }); // open, and past today (Mon 2 Mar 2026)
      expect(after?.explanation.join(' | ')).toContain(
        'Extended from Mon 3 Nov 2025 to Mon 10 Nov 2025 on the ground that the Tribunal directed that the time be extended',
      );
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it.each(['decision correction', 'event correction'])(
    'moves an appeal deadline already met when the letter date is corrected (%s): met on time becomes met late',
    async (how) => {
      const w = await Walk.open('Kit Corrected', '2014-02-01');
      const d = await decided(w, '2025-02-28'); // Fri 28 Feb 2025 + 2 months = Mon 28 Apr 2025: a working day
      const decisionId = decisionOf(d);
      await w.post(
        '/appeals',
        {
          decisionId,
          tribunalReference: tribunalReference('25'),
          lodgedOn: '2025-04-25',
          sections: ['I'],
        },
        'appeal.lodged',
      );
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-04-28',
        status: 'met',
        metOn: '2025-04-25',
        metOnTime: true,
      });
      // The letter was in fact sent Thu 20 Feb 2025: + 2 months = Sun 20 Apr (Easter Day) → r.12(2): Mon 21 Apr is Easter Monday → Tue 22 Apr 2025.
      if (how === 'decision correction') {
        await w.post(
          `/decisions/${decisionId}/correction`,
          {
            decisionDate: '2025-02-20',
            letterSent: '2025-02-20',
            reason: 'The letter on file is dated 20 February.',
          },
          'decision.corrected',
        );
      } else {
        await w.post(
          '/events/2/correction',
          {
            changes: { decisionDate: '2025-02-20', letterSent: '2025-02-20' },
            reason: 'The letter on file is dated 20 February.',
          },
          'event.corrected',
        );
      }
      const appeal = w.expect('appeal.lodge', decisionId, {
        dueOn: '2025-04-22',
        status: 'met',
        metOn: '2025-04-25',
        metOnTime: false,
      });
      expect(appeal?.explanation[0]).toBe(
        'Decision letter sent Thu 20 Feb 2025; + 2 months = Sun 20 Apr 2025',
      );
      expect(w.problems).toEqual([]);
    },
    WALK,
  );
});

describe("the law's exceptions and the family's choices", () => {
  it(
    'extends only under an exception the rule allows: never the 5-week recommendation response',
    async () => {
      const w = await Walk.open('Jo Exceptions', '2014-02-01');
      const decisionId = decisionOf(await decided(w, '2025-10-01'));
      const appealId = appealOf(
        await w.post(
          '/appeals',
          {
            decisionId,
            tribunalReference: tribunalReference('25'),
            lodgedOn: '2025-10-20',
            sections: ['I'],
          },
          'appeal.lodged',
        ),
      );
      // Decision Mon 2 Feb 2026 + 5 weeks = Mon 9 Mar 2026; name the school: + 2 weeks = Mon 16 Feb 2026.
      const d = await w.post(
        `/appeals/${appealId}/outcome`,
        {
          outcome: 'decided_allowed',
          decisionDate: '2026-02-02',
          orders: [{ orderType: 'name_school_only' }],
          recommendations: [
            { section: 'G', responsibleBody: 'icb', text: 'Therapy' },
          ],
        },
        'appeal.decided',
      );
      const response = w.expect(
        'recommendation.response',
        d.recommendations[0]!.id,
        { dueOn: '2026-03-09' },
      )!;
      const order = w.expect('order.name_school_only', d.orders[0]!.id, {
        dueOn: '2026-02-16',
      })!;
      const refused = await api('POST', `/deadlines/${response.id}/extension`, {
        expectedVersion: w.version,
        toDueOn: '2026-03-20',
        ground: 'exceptional_personal_circumstances',
        reason: 'The ICB asked for more time.',
        agreedBy: 'Morgan Lee',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toContain('has no statutory exception');
      const wrongGround = await api(
        'POST',
        `/deadlines/${order.id}/extension`,
        {
          expectedVersion: w.version,
          toDueOn: '2026-03-02',
          ground: 'tribunal_extended_time',
          reason: 'Asked.',
          agreedBy: 'Morgan Lee',
        },
      );
      expect(wrongGround.status).toBe(400);
      expect(wrongGround.body.detail).toContain('SEND Regs reg 44(3) allows');
      await w.post(
        `/deadlines/${order.id}/extension`,
        {
          toDueOn: '2026-03-02',
          ground: 'absent_from_area_2_weeks',
          reason: 'The family were abroad from 1 to 20 February.',
          agreedBy: 'Morgan Lee',
        },
        'deadline.extended',
      );
      w.expect('order.name_school_only', d.orders[0]!.id, {
        dueOn: '2026-03-02',
        status: 'open',
      });
      const rules = await api<
        {
          id: string;
          extension?: { source: string; grounds: { id: string }[] };
        }[]
      >('GET', '/rules');
      expect(
        rules.body.find((r) => r.id === 'recommendation.response')?.extension,
      ).toBeUndefined();
      expect(
        rules.body.find((r) => r.id === 'order.amend_plan')?.extension?.source,
      ).toBe('SEND Regs reg 44(3)');
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it(
    'records a family withdrawing from mediation: the certificate follows within 3 working days, the arranging duty ends (reg 34)',
    async () => {
      const w = await Walk.open('Ali Withdrawn', '2014-02-01');
      const decisionId = decisionOf(await decided(w, '2026-01-05'));
      const m = await w.post(
        '/mediations',
        {
          decisionId,
          providerId,
          contactedOn: '2026-01-09',
          healthInIssue: false,
          socialCareInIssue: false,
        },
        'mediation.adviser_contacted',
      );
      const mediationId = mediationOf(m);
      await w.post(
        `/mediations/${mediationId}/requested`,
        { laInformedOn: '2026-01-12' },
        'mediation.requested',
      );
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2026-02-11',
        status: 'overdue',
      }); // Mon 12 Jan + 30 days = Wed 11 Feb (past today)
      // Adviser told Fri 23 Jan: + 3 working days (Mon 26, Tue 27, Wed 28) = Wed 28 Jan 2026.
      await w.post(
        `/mediations/${mediationId}/withdrawn`,
        { adviserInformedOn: '2026-01-23' },
        'mediation.withdrawn',
      );
      w.expect('mediation.arrange', mediationId, { status: 'cancelled' });
      w.expect('mediation.certificate_declined', mediationId, {
        dueOn: '2026-01-28',
        status: 'overdue',
        dutyHolder: 'mediation_adviser',
      });
      await w.post(
        `/mediations/${mediationId}/certificates`,
        { kind: 'information_only', issuedOn: '2026-01-27' },
        'certificate.issued',
      );
      w.expect('mediation.certificate_declined', mediationId, {
        status: 'met',
        metOn: '2026-01-27',
      });
      // Letter Mon 5 Jan + 2 months = Thu 5 Mar; certificate Tue 27 Jan + 1 month = Fri 27 Feb: the later is Thu 5 Mar.
      w.expect('appeal.lodge', decisionId, { dueOn: '2026-03-05' });
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it(
    'closes the arranging duty as missed once the certificate says mediation was not arranged in time',
    async () => {
      const w = await Walk.open('Sol Missed', '2014-02-01');
      const decisionId = decisionOf(await decided(w, '2026-01-05'));
      const mediationId = mediationOf(
        await w.post(
          '/mediations',
          {
            decisionId,
            providerId,
            contactedOn: '2026-01-09',
            healthInIssue: false,
            socialCareInIssue: false,
          },
          'mediation.adviser_contacted',
        ),
      );
      await w.post(
        `/mediations/${mediationId}/requested`,
        { laInformedOn: '2026-01-12' },
        'mediation.requested',
      );
      await w.post(
        `/mediations/${mediationId}/not-arranged`,
        { adviserInformedOn: '2026-02-12' },
        'mediation.not_arranged',
      );
      await w.post(
        `/mediations/${mediationId}/certificates`,
        { kind: 'mediation_not_arranged', issuedOn: '2026-02-16' },
        'certificate.issued',
      );
      w.expect('mediation.arrange', mediationId, {
        dueOn: '2026-02-11',
        status: 'missed',
      });
      const overdueNow = await api<{ id: string }[]>(
        'GET',
        '/deadlines?filter=overdue&limit=200',
      );
      expect(
        overdueNow.body.some((d) =>
          w.detail.deadlines.some(
            (x) => x.id === d.id && x.ruleId === 'mediation.arrange',
          ),
        ),
      ).toBe(false);
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it(
    'health-only mediation: the ICB arranges it and tells the council of the agreement; timescales agreed in writing (regs 35, 42)',
    async () => {
      const w = await Walk.open('Mo Health', '2014-02-01');
      const decisionId = decisionOf(await decided(w, '2026-01-05'));
      const mediationId = mediationOf(
        await w.post(
          '/mediations',
          {
            decisionId,
            providerId,
            contactedOn: '2026-01-09',
            healthInIssue: true,
            socialCareInIssue: false,
          },
          'mediation.adviser_contacted',
        ),
      );
      await w.post(
        `/mediations/${mediationId}/requested`,
        { laInformedOn: '2026-01-12', healthOnly: true },
        'mediation.requested',
      );
      w.absent('mediation.arrange', mediationId);
      w.expect('mediation.notify_health', mediationId, { dueOn: '2026-01-15' }); // Mon 12 Jan + 3 working days
      await w.post(
        `/mediations/${mediationId}/health-notified`,
        { notifiedOn: '2026-01-14' },
        'mediation.health_notified',
      );
      w.expect('mediation.arrange_health_only', mediationId, {
        dueOn: '2026-02-13',
        dutyHolder: 'icb',
      }); // Wed 14 Jan + 30 days = Fri 13 Feb
      await w.post(
        `/mediations/${mediationId}/held`,
        {
          heldOn: '2026-02-10',
          concludedOn: '2026-02-10',
          outcome: 'resolved',
          participants: ['Jo Health (parent)', 'North ICB'],
        },
        'mediation.held',
      );
      const d = await w.post(
        `/mediations/${mediationId}/agreement`,
        {
          agreementDate: '2026-02-10',
          items: [
            {
              description: 'Fund speech and language therapy',
              appealable: false,
              responsibleBody: 'icb',
            },
            {
              description: 'Review the therapy with the family',
              appealable: false,
              responsibleBody: 'icb',
              agreedDueOn: '2026-03-31',
            },
          ],
        },
        'mediation.agreement_reached',
      );
      const [fund, review] = d.mediations.at(-1)!.agreementItems;
      w.expect('agreement.health_notify_la', mediationId, {
        dueOn: '2026-02-17',
        dutyHolder: 'icb',
      }); // Tue 10 Feb + 1 week
      w.expect('agreement.other_matters', fund!.id, {
        dueOn: '2026-02-24',
        dutyHolder: 'icb',
      }); // + 2 weeks
      w.expect('agreement.other_matters', review!.id, {
        dueOn: '2026-03-31',
        dutyHolder: 'icb',
      }); // agreed in writing
      await w.post(
        `/mediations/${mediationId}/health-response`,
        { receivedOn: '2026-02-16' },
        'mediation.health_response_received',
      );
      w.expect('agreement.health_notify_la', mediationId, {
        status: 'met',
        metOn: '2026-02-16',
      });
      expect(w.problems).toEqual([]);
    },
    WALK,
  );
});

describe('what the Tribunal decided, as the law frames it', () => {
  async function refusePlanAppeal(name: string) {
    const w = await Walk.open(name, '2014-02-01');
    const decisionId = decisionOf(
      await decided(w, '2025-10-02', 'refuse_plan'),
    );
    await declineMediationWithCertificate(w, {
      decisionId,
      providerId,
      contactedOn: '2025-10-06',
      certificateOn: '2025-10-08',
    });
    const { id: appealId } = await lodgeAppeal(w, {
      decisionId,
      lodgedOn: '2025-10-20',
    });
    return { w, appealId };
  }

  it(
    'a case referred back opens the council’s duty to reconsider within 2 weeks (reg 44(2)(d))',
    async () => {
      const { w, appealId } = await refusePlanAppeal('Ray Referred');
      const d = await w.post(
        `/appeals/${appealId}/outcome`,
        { outcome: 'referred_back', decisionDate: '2026-02-02' },
        'appeal.decided',
      );
      const order = d.orders.find((o) => o.type === 'reconsider')!;
      w.expect('order.reconsider', order.id, {
        dueOn: '2026-02-16',
        status: 'overdue',
      }); // Mon 2 Feb + 2 weeks = Mon 16 Feb (past today)
      await w.post(
        `/orders/${order.id}/compliance`,
        {
          ruleId: 'order.reconsider',
          compliedOn: '2026-02-13',
          evidence: 'Panel reconsidered; decision letter sent.',
        },
        'order.complied',
      );
      w.expect('order.reconsider', order.id, {
        status: 'met',
        metOn: '2026-02-13',
        metOnTime: true,
      });
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it(
    'takes a period the Tribunal set by direction (reg 44(1))',
    async () => {
      const { w, appealId } = await refusePlanAppeal('Di Directed');
      const d = await w.post(
        `/appeals/${appealId}/outcome`,
        {
          outcome: 'decided_allowed',
          decisionDate: '2026-02-02',
          orders: [
            {
              orderType: 'make_plan',
              directedDueDates: { 'order.make_plan.draft': '2026-03-20' },
            },
          ],
        },
        'appeal.decided',
      );
      const orderId = d.orders[0]!.id;
      // Statutory: Mon 2 Feb + 5 weeks = Mon 9 Mar; directed: Fri 20 Mar. The final plan keeps + 11 weeks = Mon 20 Apr.
      const draft = w.expect('order.make_plan.draft', orderId, {
        dueOn: '2026-03-20',
      })!;
      expect(draft.explanation.at(-1)).toBe(
        'The Tribunal directed a different period (SEND Regs reg 44(1)): due Fri 20 Mar 2026',
      );
      w.expect('order.make_plan.final', orderId, { dueOn: '2026-04-20' });
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it(
    'refuses what the law does not provide for on the route with 422 and the reason; records and flags it when confirmed',
    async () => {
      const w = await Walk.open('Flo Flagged', '2014-02-01');
      const decisionId = decisionOf(await decided(w, '2025-10-01'));
      const body = {
        decisionId,
        tribunalReference: tribunalReference('25'),
        lodgedOn: '2025-10-20',
        sections: ['B', 'F'],
      };
      await w.refused(
        '/appeals',
        body,
        422,
        /mediation certificate.*s\.55\(3\)/,
        'an appeal about content without a certificate',
      );
      await w.refused(
        '/appeals',
        { ...body, sections: ['G'] },
        422,
        /sections B, F and I/,
        'an appeal about section G alone',
      );
      const d = await w.post(
        '/appeals',
        { ...body, confirmedUnusual: true },
        'appeal.lodged',
      );
      expect(d as unknown as { flags: unknown[] }).toMatchObject({
        flags: [{ eventType: 'appeal.lodged', on: '2025-10-20' }],
      });
      const outcome = {
        outcome: 'decided_allowed',
        decisionDate: '2026-02-02',
        orders: [{ orderType: 'make_plan' }],
      };
      await w.refused(
        `/appeals/${appealOf(d)}/outcome`,
        outcome,
        422,
        /reg 43\(2\)/,
        'an order to make a plan on an appeal about content',
      );
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it(
    'a response to the recommendations goes to the parent or the young person',
    async () => {
      const w = await Walk.open('Pat Recipient', '2014-02-01');
      const decisionId = decisionOf(await decided(w, '2025-10-01'));
      const appealId = appealOf(
        await w.post(
          '/appeals',
          {
            decisionId,
            tribunalReference: tribunalReference('25'),
            lodgedOn: '2025-10-20',
            sections: ['F', 'I'],
            confirmedUnusual: true,
          },
          'appeal.lodged',
        ),
      );
      const d = await w.post(
        `/appeals/${appealId}/outcome`,
        {
          outcome: 'decided_allowed',
          decisionDate: '2026-02-02',
          recommendations: [
            {
              section: 'H1',
              responsibleBody: 'council_social_care',
              text: 'Short breaks',
            },
          ],
        },
        'appeal.decided',
      );
      const id = d.recommendations[0]!.id;
      const noRecipient = await api(
        'POST',
        `/cases/${w.id}/recommendations/${id}/response`,
        {
          expectedVersion: w.version,
          outcome: 'followed',
          sentOn: '2026-02-20',
          sentTo: ['Council SEND team'],
        },
      );
      expect(noRecipient.status).toBe(400);
      expect(noRecipient.body.detail).toContain(
        'Recipient must say whether the response was sent to the parent or to the young person',
      );
      await w.post(
        `/recommendations/${id}/response`,
        {
          outcome: 'followed',
          sentOn: '2026-02-20',
          recipient: 'parent',
          sentTo: ['Pat Recipient’s mother', 'Council SEND team'],
        },
        'recommendation.responded',
      );
      w.expect('recommendation.response', id, {
        dueOn: '2026-03-09',
        status: 'met',
        metOnTime: true,
      });
      expect(w.problems).toEqual([]);
    },
    WALK,
  );
});

describe('histories recorded after the fact', () => {
  it(
    'refuses a date after today with a clear message, and accepts a hearing ahead',
    async () => {
      const w = await Walk.open('Fin Future', '2014-02-01');
      await w.refused(
        '/decisions',
        {
          type: 'refuse_amend',
          decisionDate: '2026-03-03',
          letterSent: '2026-03-03',
          sections: [],
        },
        400,
        /after today \(Mon 2 Mar 2026\): record it once it has happened/,
        'a decision dated tomorrow',
      );
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it(
    'records a case’s past in one go, all or nothing, and marks the deadlines that had already passed when recorded',
    async () => {
      const ids = {
        decision: '11111111-0000-4000-8000-000000000001',
        mediation: '11111111-0000-4000-8000-000000000002',
        certificate: '11111111-0000-4000-8000-000000000003',
        appeal: '11111111-0000-4000-8000-000000000004',
      };
      const entries = [
        {
          type: 'decision.issued',
          decisionId: ids.decision,
          decisionType: 'refuse_amend',
          decisionDate: '2025-10-01',
          letterSent: '2025-10-01',
        },
        {
          type: 'mediation.adviser_contacted',
          mediationId: ids.mediation,
          decisionId: ids.decision,
          providerName: 'Global Mediation',
          contactedOn: '2025-10-10',
          healthInIssue: false,
          socialCareInIssue: false,
        },
        {
          type: 'mediation.declined',
          mediationId: ids.mediation,
          adviserInformedOn: '2025-10-10',
        },
        {
          type: 'certificate.issued',
          certificateId: ids.certificate,
          mediationId: ids.mediation,
          kind: 'information_only',
          issuedOn: '2025-10-14',
        },
        {
          type: 'appeal.lodged',
          appealId: ids.appeal,
          decisionId: ids.decision,
          tribunalReference: tribunalReference('25'),
          lodgedOn: '2025-11-20',
        },
        // Received Mon 24 Nov 2025: 30 Tribunal working days (25 Dec–1 Jan skipped) → Tue 13 Jan 2026, past when recorded.
        {
          type: 'appeal.registered',
          appealId: ids.appeal,
          registeredOn: '2025-11-21',
          appealReceivedOn: '2025-11-24',
        },
      ];
      // One bad entry refuses the whole batch, naming it; nothing is saved.
      const bad = await api('POST', '/cases/import', {
        reference: uniqueReference(),
        childName: 'Lee Loaded',
        dateOfBirth: '2014-02-01',
        entries: [
          ...entries,
          {
            type: 'appeal.response_sent',
            appealId: ids.appeal,
            sentOn: '2025-11-01',
          },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.detail).toMatch(
        /^Nothing was recorded\. Entry 7 \(appeal\.response_sent\): /,
      );
      const reference = uniqueReference();
      const res = await api<
        Detail & {
          deadlines: {
            ruleId: string;
            dueOn: string;
            status: string;
            pastWhenRecorded?: boolean;
          }[];
        }
      >('POST', '/cases/import', {
        reference,
        childName: 'Lee Loaded',
        dateOfBirth: '2014-02-01',
        entries,
      });
      expect(res.status).toBe(201);
      const response = res.body.deadlines.find(
        (d) => d.ruleId === 'tribunal.la_response',
      )!;
      expect(response).toMatchObject({
        dueOn: '2026-01-13',
        status: 'overdue',
        pastWhenRecorded: true,
      });
      expect(
        res.body.deadlines.find((d) => d.ruleId === 'appeal.lodge'),
      ).toMatchObject({ status: 'met' });
      const history = await api<{ type: string }[]>(
        'GET',
        `/cases/${res.body.id}/history`,
      );
      expect(history.body.map((e) => e.type)).toEqual([
        'case.opened',
        ...entries.map((e) => e.type),
      ]);
      // A later batch on the same case, then a stale one refused.
      const more = await api('POST', `/cases/${res.body.id}/history`, {
        expectedVersion: res.body.version,
        entries: [
          {
            type: 'appeal.response_sent',
            appealId: ids.appeal,
            sentOn: '2026-01-12',
          },
        ],
      });
      expect(more.status).toBe(201);
      expect(
        (more.body as Detail).deadlines.find(
          (d) => d.ruleId === 'tribunal.la_response',
        ),
      ).toMatchObject({ status: 'met', metOn: '2026-01-12' });
      const stale = await api('POST', `/cases/${res.body.id}/history`, {
        expectedVersion: res.body.version,
        entries: [
          {
            type: 'appeal.hearing_listed',
            appealId: ids.appeal,
            hearingDate: '2026-04-10',
          },
        ],
      });
      expect(stale.status).toBe(409);
    },
    WALK,
  );
});

describe("the decision's own deadline", () => {
  it(
    'a request for an assessment: the council has 6 weeks to decide (reg 5(1)); a refusal that answers it meets it',
    async () => {
      const w = await Walk.open('Ash Requested', '2014-02-01');
      const d = await w.post(
        '/assessment-requests',
        { receivedOn: '2026-01-05' },
        'assessment.requested',
      );
      const requestId = (
        d as unknown as { assessmentRequests: { id: string }[] }
      ).assessmentRequests[0]!.id;
      w.expect('assessment.decide', requestId, {
        dueOn: '2026-02-16',
        status: 'overdue',
        dutyHolder: 'council',
      }); // Mon 5 Jan + 6 weeks (past today)
      await decided(w, '2026-02-13', 'refuse_assessment', {
        answers: { kind: 'assessment_request', id: requestId },
      });
      w.expect('assessment.decide', requestId, {
        status: 'met',
        metOn: '2026-02-13',
        metOnTime: true,
      });
      expect(w.problems).toEqual([]);
    },
    WALK,
  );

  it(
    'an annual review: 4 weeks to decide (reg 20(10)); proposed amendments meet it; the amended plan is due 8 weeks later (reg 22(3))',
    async () => {
      const w = await Walk.open('Bo Reviewed', '2014-02-01');
      const d = await w.post(
        '/reviews',
        { heldOn: '2025-12-01' },
        'review.meeting_held',
      );
      const reviewId = (d as unknown as { reviews: { id: string }[] })
        .reviews[0]!.id;
      w.expect('review.decision', reviewId, { dueOn: '2025-12-29' }); // Mon 1 Dec + 4 weeks = Mon 29 Dec 2025
      await w.post(
        `/reviews/${reviewId}/amendments-proposed`,
        { sentOn: '2025-12-19' },
        'review.amendments_proposed',
      );
      w.expect('review.decision', reviewId, {
        status: 'met',
        metOn: '2025-12-19',
      });
      w.expect('review.final_amended_plan', reviewId, { dueOn: '2026-02-13' }); // Fri 19 Dec + 8 weeks = Fri 13 Feb 2026
      await decided(w, '2026-02-10', 'amended_plan_content', {
        answers: { kind: 'review', id: reviewId },
      });
      w.expect('review.final_amended_plan', reviewId, {
        status: 'met',
        metOn: '2026-02-10',
        metOnTime: true,
      });
      // A phase transfer in September 2026: reviewed and amended by Sun 15 Feb 2026 (reg 18(1)), already past today.
      const t = await w.post(
        '/phase-transfers',
        { transferDate: '2026-09-01', kind: 'school' },
        'phase_transfer.recorded',
      );
      const transferId = (t as unknown as { phaseTransfers: { id: string }[] })
        .phaseTransfers[0]!.id;
      const transfer = w.expect('phase_transfer.school', transferId, {
        dueOn: '2026-02-15',
        status: 'overdue',
      }) as unknown as { pastWhenRecorded?: boolean };
      expect(transfer.pastWhenRecorded).toBe(true);
      expect(w.problems).toEqual([]);
    },
    WALK,
  );
});
