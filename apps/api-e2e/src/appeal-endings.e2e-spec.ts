import { type CaseEvent, replayCase } from '@send/domain';
import { isDeepStrictEqual } from 'node:util';
import { api, type Role, sql, uniqueReference } from './support/api';
import { issueDecision, lodgeAppeal, registerAppeal } from './support/steps';
import { type Detail, Walk } from './support/walk';

/*
 * The orders and endings the six decision walks (decision-types.e2e-spec.ts) do not reach: an
 * order to make a plan, to name a school only, to cease; appeals withdrawn and struck out; and
 * the case around them (reassignment, search). The run's clock is fixed at Mon 2 Mar 2026; every
 * due date is worked out by hand from statutory-clock.md, next to it.
 */

async function finish(w: Walk): Promise<void> {
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
  if (!isDeepStrictEqual(replayed, stored?.snapshot))
    w.problems.push('the stored snapshot differs from the replayed history');
  expect(w.problems).toEqual([]);
}

/**
 * A decision, an appeal lodged and registered, and the council's response sent. These walks record no
 * mediation certificate: unless `appeal` says otherwise, the caseworker confirms the appeal was lodged
 * without one (CFA 2014 s.55(3)), and it is recorded and flagged.
 */
async function appealed(
  w: Walk,
  decision: Record<string, unknown>,
  lodgedOn: string,
  registeredOn: string,
  receivedOn: string,
  appeal: Record<string, unknown> = { confirmedUnusual: true },
) {
  const decisionId = await issueDecision(w, decision);
  const { id: appealId } = await lodgeAppeal(w, {
    decisionId,
    lodgedOn,
    ...appeal,
  });
  await registerAppeal(w, appealId, registeredOn, receivedOn);
  return { decisionId, appealId };
}

describe('the other orders and endings, through the API', () => {
  it('refuse_plan allowed: an order to make a plan (draft 5 weeks, final 11 weeks) and a health recommendation', async () => {
    const w = await Walk.open('Harper Make-Plan', '2015-07-21');
    const { decisionId, appealId } = await appealed(
      w,
      {
        type: 'refuse_plan',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-06',
      },
      '2026-02-02',
      '2026-02-04',
      '2026-02-05',
    );
    // HESC r.20(1)(c): letter Tue 6 Jan 2026 + 2 months = Fri 6 Mar 2026; lodged Mon 2 Feb.
    w.expect('appeal.lodge', decisionId, {
      dueOn: '2026-03-06',
      status: 'met',
      metOn: '2026-02-02',
      metOnTime: true,
    });
    // HESC r.21, r.12: received Thu 5 Feb 2026 + 30 Tribunal working days (no holidays between) = Thu 19 Mar 2026.
    w.expect('tribunal.la_response', appealId, {
      dueOn: '2026-03-19',
      status: 'open',
    });
    await w.post(
      `/appeals/${appealId}/response`,
      { sentOn: '2026-02-27' },
      'appeal.response_sent',
    );
    const decided = await w.post(
      `/appeals/${appealId}/outcome`,
      {
        outcome: 'decided_allowed',
        decisionDate: '2026-03-02',
        orderSentOn: '2026-03-02',
        orders: [
          { orderType: 'make_plan', details: 'Make and maintain an EHC plan.' },
        ],
        recommendations: [
          {
            section: 'C',
            responsibleBody: 'icb',
            text: 'Specify the health needs arising from epilepsy.',
          },
        ],
      },
      'appeal.decided',
    );
    const order = decided.orders[0]!;
    expect(order.duties.map((d) => d.ruleId)).toEqual([
      'order.make_plan.draft',
      'order.make_plan.final',
    ]);
    // reg 44(2)(c): order Mon 2 Mar 2026 + 5 weeks = Mon 6 Apr 2026 (Easter Monday: weeks do not move).
    w.expect('order.make_plan.draft', order.id, {
      dueOn: '2026-04-06',
      status: 'open',
      dutyHolder: 'council',
    });
    // reg 44(2)(c): + 11 weeks = Mon 18 May 2026.
    w.expect('order.make_plan.final', order.id, {
      dueOn: '2026-05-18',
      status: 'open',
    });
    // Recommendations Power Regs: Mon 2 Mar 2026 + 5 weeks = Mon 6 Apr 2026, answered by the ICB.
    const rec = decided.recommendations[0]!;
    w.expect('recommendation.response', rec.id, {
      dueOn: '2026-04-06',
      status: 'open',
      responsibleBody: 'icb',
      dutyHolder: 'icb',
    });
    await w.post(
      `/orders/${order.id}/compliance`,
      {
        ruleId: 'order.make_plan.draft',
        compliedOn: '2026-03-02',
        evidence: 'Draft plan sent to the parent.',
      },
      'order.complied',
    );
    w.expect('order.make_plan.draft', order.id, {
      status: 'met',
      metOn: '2026-03-02',
      metOnTime: true,
    });
    // A response that does not follow the recommendation must give reasons (the API says so).
    await w.refused(
      `/recommendations/${rec.id}/response`,
      {
        outcome: 'not_followed',
        sentOn: '2026-03-02',
        recipient: 'parent',
        sentTo: ['Parent'],
      },
      400,
      /reasons/,
      'no reasons',
    );
    expect(decided.stage).toBe('compliance');
    await finish(w);
  });

  it('final_plan_content on section I only: no mediation, a consent order naming the school (2 weeks)', async () => {
    const w = await Walk.open('Quinn School-Only', '2011-11-30');
    const { decisionId, appealId } = await appealed(
      w,
      {
        type: 'final_plan_content',
        decisionDate: '2026-01-12',
        letterSent: '2026-01-13',
        sections: ['I'],
      },
      '2026-01-23',
      '2026-01-27',
      '2026-01-28',
      { sections: ['I'] },
    );
    // No certificate is needed for section I alone (CFA 2014 s.55(2)): nothing to confirm, nothing flagged;
    // the family's window to contact the adviser no longer matters.
    expect(w.detail.flags).toEqual([]);
    w.expect('mediation.contact_adviser', decisionId, { status: 'cancelled' });
    const ended = await w.post(
      `/appeals/${appealId}/outcome`,
      {
        outcome: 'consent_order',
        decisionDate: '2026-02-20',
        orders: [
          {
            orderType: 'name_school_only',
            details: 'Name Oakham Church of England School.',
          },
        ],
        recommendations: [],
      },
      'appeal.decided',
    );
    // reg 44(2)(f): order Fri 20 Feb 2026 + 2 weeks = Fri 6 Mar 2026.
    w.expect('order.name_school_only', ended.orders[0]!.id, {
      dueOn: '2026-03-06',
      status: 'open',
    });
    w.expect('tribunal.la_response', appealId, { status: 'cancelled' });
    await finish(w);
  });

  it('refuse_amend by consent order with a shorter agreed period: due on the agreed date, the statutory one explained', async () => {
    const w = await Walk.open('Rowan Consent', '2013-03-03');
    const { appealId } = await appealed(
      w,
      {
        type: 'refuse_amend',
        decisionDate: '2026-01-12',
        letterSent: '2026-01-13',
      },
      '2026-01-26',
      '2026-01-28',
      '2026-01-29',
    );
    const order = {
      orderType: 'amend_plan',
      details: 'Amend section F.',
      agreedDueDates: { 'order.amend_plan': '2026-03-13' },
    };
    // reg 44(2)(e): order Fri 20 Feb 2026 + 5 weeks = Fri 27 Mar 2026: 30 Mar would not be shorter.
    await w.refused(
      `/appeals/${appealId}/outcome`,
      {
        outcome: 'consent_order',
        decisionDate: '2026-02-20',
        orders: [
          { ...order, agreedDueDates: { 'order.amend_plan': '2026-03-30' } },
        ],
        recommendations: [],
      },
      400,
      /due Fri 27 Mar 2026 at the latest/,
      'a longer agreed period',
    );
    const ended = await w.post(
      `/appeals/${appealId}/outcome`,
      {
        outcome: 'consent_order',
        decisionDate: '2026-02-20',
        orders: [order],
        recommendations: [],
      },
      'appeal.decided',
    );
    const d = w.expect('order.amend_plan', ended.orders[0]!.id, {
      dueOn: '2026-03-13',
      status: 'open',
    });
    expect(d?.explanation).toEqual([
      'Tribunal order made Fri 20 Feb 2026; + 5 weeks = Fri 27 Mar 2026',
      'Due Fri 27 Mar 2026 (SEND Regs reg 44(2)(e))',
      'The consent order agreed a shorter period: due Fri 13 Mar 2026',
    ]);
    expect(ended.orders[0]!.duties).toEqual([
      { ruleId: 'order.amend_plan', agreedDueOn: '2026-03-13' },
    ]);
    await finish(w);
  });

  it('cease_plan dismissed: the order to cease falls due at once', async () => {
    const w = await Walk.open('Sasha Cease', '2006-04-02');
    const { decisionId, appealId } = await appealed(
      w,
      {
        type: 'cease_plan',
        decisionDate: '2025-12-01',
        letterSent: '2025-12-02',
      },
      '2026-02-02',
      '2026-02-04',
      '2026-02-05',
      { appellant: 'young_person', confirmedUnusual: true },
    );
    // Letter Tue 2 Dec 2025 + 2 months = Mon 2 Feb 2026: lodged on the last day, on time.
    w.expect('appeal.lodge', decisionId, {
      dueOn: '2026-02-02',
      status: 'met',
      metOnTime: true,
    });
    await w.post(
      `/appeals/${appealId}/response`,
      { sentOn: '2026-02-20' },
      'appeal.response_sent',
    );
    const ended = await w.post(
      `/appeals/${appealId}/outcome`,
      {
        outcome: 'decided_dismissed',
        decisionDate: '2026-02-27',
        orders: [{ orderType: 'cease' }],
        recommendations: [],
      },
      'appeal.decided',
    );
    const order = ended.orders[0]!;
    // reg 44(2)(a): immediately, the order date Fri 27 Feb 2026.
    w.expect('order.cease', order.id, {
      dueOn: '2026-02-27',
      status: 'overdue',
    });
    await w.post(
      `/orders/${order.id}/compliance`,
      {
        ruleId: 'order.cease',
        compliedOn: '2026-03-02',
        evidence: 'Plan ceased; notice sent.',
      },
      'order.complied',
    );
    w.expect('order.cease', order.id, {
      status: 'met',
      metOn: '2026-03-02',
      metOnTime: false,
    });
    await finish(w);
  });

  it.each([
    ['withdrawn', 'The appeal was withdrawn'],
    ['struck_out', 'The appeal was struck out'],
  ])(
    'an appeal %s: no orders, no recommendations, the response deadline cancelled, the case closed',
    async (outcome, reason) => {
      const w = await Walk.open(`Morgan ${outcome}`, '2012-02-12');
      const { appealId } = await appealed(
        w,
        {
          type: 'refuse_amend',
          decisionDate: '2026-01-19',
          letterSent: '2026-01-20',
        },
        '2026-02-09',
        '2026-02-11',
        '2026-02-12',
      );
      await w.refused(
        `/appeals/${appealId}/outcome`,
        {
          outcome,
          decisionDate: '2026-02-26',
          orders: [{ orderType: 'amend_plan' }],
          recommendations: [],
        },
        409,
        /ends without orders/,
        'orders',
      );
      await w.refused(
        `/appeals/${appealId}/outcome`,
        {
          outcome,
          decisionDate: '2026-02-26',
          recommendations: [
            {
              section: 'D',
              responsibleBody: 'council_social_care',
              text: 'Assess.',
            },
          ],
        },
        409,
        /ends without recommendations/,
        'recommendations',
      );
      const ended = await w.post(
        `/appeals/${appealId}/outcome`,
        { outcome, decisionDate: '2026-02-26', recommendations: [] },
        'appeal.decided',
      );
      expect(ended.stage).toBe('closed');
      expect(
        w.expect('tribunal.la_response', appealId, { status: 'cancelled' })
          ?.cancelledReason,
      ).toBe(reason);
      await finish(w);
    },
  );
});

describe('the case around the disagreement', () => {
  it('reassignment moves the live deadlines to the new owner, and is an event', async () => {
    const w = await Walk.open('Jesse Reassigned', '2013-08-08');
    await w.post(
      '/decisions',
      {
        type: 'refuse_amend',
        decisionDate: '2026-02-23',
        letterSent: '2026-02-24',
      },
      'decision.issued',
    );
    const managerId = (
      JSON.parse(process.env['E2E_USERS']!) as Record<Role, string>
    ).manager;
    const moved = await w.post(
      '/reassignment',
      { staffUserId: managerId, reason: 'Caseworker on leave.' },
      'case.reassigned',
      'manager',
    );
    expect(moved.deadlines.map((d) => d.owner)).toEqual(
      moved.deadlines.map(() => 'Test Manager'),
    );
    const history = await w.history();
    expect(history.at(-1)).toMatchObject({
      type: 'case.reassigned',
      summary: 'Case reassigned to Test Manager, SEND North',
    });
  });

  it('finds cases by any part of a reference or name, or by date of birth, a page at a time, never by URL', async () => {
    const marker = `Zebedee${Date.now().toString(36)}`;
    for (const i of [1, 2, 3]) {
      const res = await api<Detail>('POST', '/cases', {
        reference: uniqueReference(),
        childName: `${marker} Child${i}`,
        dateOfBirth: '2014-04-0' + i,
      });
      expect(res.status).toBe(201);
    }
    const search = (body: Record<string, unknown>) =>
      api<{ items: { childName: string }[]; total: number }>(
        'POST',
        '/cases/search',
        body,
      );
    const page1 = await search({
      text: marker.slice(2).toUpperCase(),
      limit: 2,
      offset: 0,
    });
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(3);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await search({
      text: marker.slice(2).toUpperCase(),
      limit: 2,
      offset: 2,
    });
    expect(page2.body.items).toHaveLength(1);
    const byBirth = await search({ text: marker, dateOfBirth: '2014-04-02' });
    expect(byBirth.body.items.map((c) => c.childName)).toEqual([
      `${marker} Child2`,
    ]);
    const tooShort = await search({ text: 'Z' });
    expect(tooShort.status).toBe(400);
    expect((tooShort.body as unknown as { detail: string }).detail).toContain(
      'at least 2 characters',
    );
  });
});
