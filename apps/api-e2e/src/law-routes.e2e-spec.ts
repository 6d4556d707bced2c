import { type CaseEvent, replayCase } from '@send/domain';
import { isDeepStrictEqual } from 'node:util';
import { api, sql } from './support/api';
import { type Detail, tribunalReference, Walk } from './support/walk';

/*
 * What the law provides for on each route (issue 10), through the API: facts it does not provide for
 * are refused with the reason unless the caseworker confirms them (then recorded and flagged); the
 * Tribunal's directions; health-only mediation (the ICB's duties, reg 35, reg 42(4)); a family that no
 * longer wishes to pursue mediation (reg 34); the decisions' own time limits (regs 5, 13, 18, 20, 22);
 * the appeal deadline's single HESC r.12 move. The run's clock is fixed at Mon 2 Mar 2026; every due
 * date is worked out by hand from statutory-clock.md, next to it.
 */

let providerId = '';

beforeAll(async () => {
  await sql(
    `INSERT INTO mediation_provider (name) VALUES ('Global Mediation') ON CONFLICT (name) DO NOTHING`,
  );
  const providers = await api<{ id: string; name: string }[]>(
    'GET',
    '/mediation-providers',
  );
  providerId = providers.body.find((p) => p.name === 'Global Mediation')!.id;
});

type Flag = Detail['flags'][number];

/** Ends a walk: no deadline disagrees with the law, and the stored snapshot is the replayed history. */
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

describe('facts the law does not provide for on the route: refused with the reason, or confirmed and flagged', () => {
  it('an appeal about plan content without a certificate, or about health and social care alone', async () => {
    const w = await Walk.open('Indigo Unusual-Appeal', '2013-05-05');
    const d = await w.post(
      '/decisions',
      {
        type: 'final_plan_content',
        decisionDate: '2026-01-12',
        letterSent: '2026-01-13',
        sections: ['B', 'F', 'G'],
      },
      'decision.issued',
    );
    const decisionId = d.decisions[0]!.id;
    const appeal = {
      decisionId,
      tribunalReference: tribunalReference('26'),
      lodgedOn: '2026-01-26',
    };
    // CFA 2014 s.55(3): no certificate, and not about section I alone.
    await w.refused(
      '/appeals',
      { ...appeal, sections: ['F'] },
      422,
      /No mediation certificate is recorded for this decision.*s\.55\(3\).*confirmedUnusual: true/,
      'no certificate',
    );
    // Health and social care sections can only be raised alongside B, F or I.
    await w.refused(
      '/appeals',
      { ...appeal, sections: ['G', 'H1'], confirmedUnusual: false },
      422,
      /names only sections G, H1/,
      'health and social care alone',
    );
    expect(w.detail.flags).toEqual([]);

    const lodged = await w.post(
      '/appeals',
      { ...appeal, sections: ['F'], confirmedUnusual: true },
      'appeal.lodged',
    );
    expect(lodged.flags).toHaveLength(1);
    expect(lodged.flags[0]).toMatchObject<Partial<Flag>>({
      eventType: 'appeal.lodged',
      on: '2026-01-26',
      reason: expect.stringContaining('s.55(3)'),
    });
    // Recorded as any other appeal: letter Tue 13 Jan 2026 + 2 months = Fri 13 Mar 2026; lodged Mon 26 Jan, on time.
    w.expect('appeal.lodge', decisionId, {
      dueOn: '2026-03-13',
      status: 'met',
      metOn: '2026-01-26',
      metOnTime: true,
    });
    await finish(w);
  });

  it("orders the Tribunal cannot make on the appeal, and a referral back of anything but a refusal to issue a plan; a direction sets a duty's period", async () => {
    const w = await Walk.open('Jules Tribunal-Orders', '2012-02-02');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_amend',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-06',
      },
      'decision.issued',
    );
    const a = await w.post(
      '/appeals',
      {
        decisionId: d.decisions[0]!.id,
        tribunalReference: tribunalReference('26'),
        lodgedOn: '2026-01-19',
        sections: ['F'],
        confirmedUnusual: true,
      },
      'appeal.lodged',
    );
    const appealId = a.appeals[0]!.id;
    await w.post(
      `/appeals/${appealId}/registration`,
      { registeredOn: '2026-01-21', appealReceivedOn: '2026-01-22' },
      'appeal.registered',
    );
    const outcome = `/appeals/${appealId}/outcome`;
    const allowed = {
      outcome: 'decided_allowed',
      decisionDate: '2026-02-20',
      orderSentOn: '2026-02-23',
      recommendations: [],
    };

    await w.refused(
      outcome,
      { ...allowed, outcome: 'referred_back' },
      400,
      /Only an appeal against a refusal to issue a plan can be referred back.*reg 43\(2\)\(d\)/,
      'referred back',
    );
    await w.refused(
      outcome,
      { ...allowed, orders: [{ orderType: 'assess' }] },
      422,
      /An order to assess is not among what the Tribunal can order on an appeal about a refusal to amend the plan \(SEND Regs reg 43\(2\)\).*confirmedUnusual/,
      'an order to assess on a refusal to amend',
    );
    await w.refused(
      outcome,
      {
        ...allowed,
        outcome: 'decided_dismissed',
        orders: [{ orderType: 'amend_plan' }],
      },
      422,
      /An order to amend the plan on a dismissed appeal/,
      'an order on a dismissed appeal',
    );
    expect(w.detail.flags.map((f) => f.eventType)).toEqual(['appeal.lodged']);

    // reg 44(1): the duties run "subject to any direction": the Tribunal directed the amended plan by Fri 10 Apr 2026,
    // later than reg 44(2)(e)'s order Fri 20 Feb 2026 + 5 weeks = Fri 27 Mar 2026.
    const decided = await w.post(
      outcome,
      {
        ...allowed,
        orders: [
          {
            orderType: 'amend_plan',
            directedDueDates: { 'order.amend_plan': '2026-04-10' },
          },
        ],
      },
      'appeal.decided',
    );
    const order = decided.orders.find((o) => o.appealId === appealId)!;
    expect(order.duties).toEqual([
      { ruleId: 'order.amend_plan', directedDueOn: '2026-04-10' },
    ]);
    const duty = w.expect('order.amend_plan', order.id, {
      dueOn: '2026-04-10',
      status: 'open',
      dutyHolder: 'council',
    });
    expect(duty?.explanation.join(' ')).toContain('Fri 27 Mar 2026');
    expect(decided.flags.map((f) => f.eventType)).toEqual(['appeal.lodged']);
    await finish(w);
  });

  it('an order to cease on an appeal that was allowed: refused, then confirmed, recorded and flagged', async () => {
    const w = await Walk.open('Kit Cease-Allowed', '2006-06-06');
    const d = await w.post(
      '/decisions',
      {
        type: 'cease_plan',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-06',
      },
      'decision.issued',
    );
    const a = await w.post(
      '/appeals',
      {
        decisionId: d.decisions[0]!.id,
        tribunalReference: tribunalReference('26'),
        lodgedOn: '2026-01-19',
        appellant: 'young_person',
        confirmedUnusual: true,
      },
      'appeal.lodged',
    );
    const appealId = a.appeals[0]!.id;
    const body = {
      outcome: 'decided_allowed',
      decisionDate: '2026-02-20',
      orders: [{ orderType: 'cease' }],
      recommendations: [],
    };
    await w.refused(
      `/appeals/${appealId}/outcome`,
      body,
      422,
      /cease to maintain the plan follows only when the appeal against ceasing it is dismissed \(SEND Regs reg 44\(2\)\(a\)\)/,
      'cease on an allowed appeal',
    );
    const decided = await w.post(
      `/appeals/${appealId}/outcome`,
      { ...body, confirmedUnusual: true },
      'appeal.decided',
    );
    expect(decided.flags.map((f) => [f.eventType, f.on])).toEqual([
      ['appeal.lodged', '2026-01-19'],
      ['appeal.decided', '2026-02-20'],
    ]);
    expect(decided.flags[1]!.reason).toContain('reg 44(2)(a)');
    // Recorded as decided: reg 44(2)(a), immediately = the order date, Fri 20 Feb 2026 (past: overdue).
    w.expect('order.cease', decided.orders[0]!.id, {
      dueOn: '2026-02-20',
      status: 'overdue',
    });
    await finish(w);
  });
});

describe('mediation: health only, and a family that no longer wishes to pursue it', () => {
  it('health-only mediation: the ICB arranges it once told, and tells the council of the agreement within a week (reg 35, reg 42(4))', async () => {
    const w = await Walk.open('Lou Health-Only', '2014-07-07');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_amend',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-06',
      },
      'decision.issued',
    );
    const decisionId = d.decisions[0]!.id;
    const m = await w.post(
      '/mediations',
      {
        decisionId,
        providerId,
        contactedOn: '2026-01-12',
        healthInIssue: true,
        socialCareInIssue: false,
      },
      'mediation.adviser_contacted',
    );
    const mediationId = m.mediations[0]!.id;
    await w.post(
      `/mediations/${mediationId}/requested`,
      { laInformedOn: '2026-01-14', healthOnly: true },
      'mediation.requested',
    );
    // reg 35: the council tells the ICB: Wed 14 Jan 2026 + 3 working days: Thu 15, Fri 16, Mon 19 → Mon 19 Jan 2026.
    w.expect('mediation.notify_health', mediationId, {
      dueOn: '2026-01-19',
      status: 'overdue',
      dutyHolder: 'council',
    });
    // The council does not arrange health-only mediation.
    w.absent('mediation.arrange');

    await w.post(
      `/mediations/${mediationId}/health-notified`,
      { notifiedOn: '2026-01-16' },
      'mediation.health_notified',
    );
    w.expect('mediation.notify_health', mediationId, {
      status: 'met',
      metOn: '2026-01-16',
      metOnTime: true,
    });
    // reg 35: the ICB arranges it within 30 days of being told: Fri 16 Jan 2026 + 30 days = Sun 15 Feb 2026.
    w.expect('mediation.arrange_health_only', mediationId, {
      dueOn: '2026-02-15',
      status: 'overdue',
      dutyHolder: 'icb',
    });

    await w.post(
      `/mediations/${mediationId}/held`,
      {
        heldOn: '2026-02-10',
        concludedOn: '2026-02-10',
        outcome: 'resolved',
        participants: ['Jo Smith (parent)', 'North ICB'],
      },
      'mediation.held',
    );
    w.expect('mediation.arrange_health_only', mediationId, {
      dueOn: '2026-02-15',
      status: 'met',
      metOn: '2026-02-10',
      metOnTime: true,
    });
    const agreed = await w.post(
      `/mediations/${mediationId}/agreement`,
      {
        agreementDate: '2026-02-10',
        items: [
          {
            description: 'Occupational therapy review by the community team.',
            appealable: false,
            responsibleBody: 'icb',
          },
        ],
      },
      'mediation.agreement_reached',
    );
    const item = agreed.mediations[0]!.agreementItems[0]!;
    // reg 42(3): Tue 10 Feb 2026 + 2 weeks = Tue 24 Feb 2026, by the ICB.
    w.expect('agreement.other_matters', item.id, {
      dueOn: '2026-02-24',
      status: 'overdue',
      dutyHolder: 'icb',
      responsibleBody: 'icb',
    });
    // reg 42(4): the council was not a party: the ICB tells it within 1 week: Tue 17 Feb 2026.
    w.expect('agreement.health_notify_la', mediationId, {
      dueOn: '2026-02-17',
      status: 'overdue',
      dutyHolder: 'icb',
    });

    await w.post(
      `/mediations/${mediationId}/health-response`,
      { receivedOn: '2026-02-16' },
      'mediation.health_response_received',
    );
    w.expect('agreement.health_notify_la', mediationId, {
      dueOn: '2026-02-17',
      status: 'met',
      metOn: '2026-02-16',
      metOnTime: true,
    });
    await finish(w);
  });

  it('withdrawn (reg 34): the arranging duty ends, the certificate is due in 3 working days and starts the family’s month', async () => {
    const w = await Walk.open('Max Withdrawn', '2015-08-08');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_plan',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-06',
      },
      'decision.issued',
    );
    const decisionId = d.decisions[0]!.id;
    const m = await w.post(
      '/mediations',
      {
        decisionId,
        providerId,
        contactedOn: '2026-02-02',
        healthInIssue: false,
        socialCareInIssue: false,
      },
      'mediation.adviser_contacted',
    );
    const mediationId = m.mediations[0]!.id;
    await w.post(
      `/mediations/${mediationId}/requested`,
      { laInformedOn: '2026-02-03' },
      'mediation.requested',
    );
    // regs 36–37: Tue 3 Feb 2026 + 30 days = Thu 5 Mar 2026.
    w.expect('mediation.arrange', mediationId, {
      dueOn: '2026-03-05',
      status: 'open',
    });

    const withdrawn = await w.post(
      `/mediations/${mediationId}/withdrawn`,
      { adviserInformedOn: '2026-02-11' },
      'mediation.withdrawn',
    );
    expect(withdrawn.mediations[0]).toMatchObject({
      withdrawnOn: '2026-02-11',
    });
    const arrange = w.expect('mediation.arrange', mediationId, {
      dueOn: '2026-03-05',
      status: 'cancelled',
    });
    expect(arrange?.cancelledReason).toBe(
      'The family no longer wishes to pursue mediation',
    );
    // reg 34: adviser told Wed 11 Feb 2026 + 3 working days: Thu 12, Fri 13, Mon 16 → Mon 16 Feb 2026.
    w.expect('mediation.certificate_declined', mediationId, {
      dueOn: '2026-02-16',
      status: 'overdue',
      dutyHolder: 'mediation_adviser',
    });

    await w.post(
      `/mediations/${mediationId}/certificates`,
      { kind: 'information_only', issuedOn: '2026-02-13' },
      'certificate.issued',
    );
    w.expect('mediation.certificate_declined', mediationId, {
      status: 'met',
      metOn: '2026-02-13',
      metOnTime: true,
    });
    // Later of: letter Tue 6 Jan 2026 + 2 months = Fri 6 Mar 2026; certificate Fri 13 Feb 2026 + 1 month = Fri 13 Mar 2026
    // (a working day) → Fri 13 Mar 2026.
    w.expect('appeal.lodge', decisionId, {
      dueOn: '2026-03-13',
      status: 'open',
      dutyHolder: 'family',
    });

    // With the certificate, the appeal is an ordinary one: nothing to confirm, nothing flagged.
    await w.post(
      '/appeals',
      {
        decisionId,
        tribunalReference: tribunalReference('26'),
        lodgedOn: '2026-02-27',
      },
      'appeal.lodged',
    );
    expect(w.detail.flags).toEqual([]);
    w.expect('appeal.lodge', decisionId, {
      dueOn: '2026-03-13',
      status: 'met',
      metOn: '2026-02-27',
      metOnTime: true,
    });
    await finish(w);
  });
});

describe('one deadline ledger, decided by the domain', () => {
  it('keeps an extension of the appeal deadline when a certificate recorded later recomputes it', async () => {
    const w = await Walk.open('Oak Extended-Appeal', '2013-10-10');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_plan',
        decisionDate: '2026-02-23',
        letterSent: '2026-02-24',
      },
      'decision.issued',
    );
    const decisionId = d.decisions[0]!.id;
    // HESC r.20(1)(c): letter Tue 24 Feb 2026 + 2 months = Fri 24 Apr 2026.
    const appeal = w.expect('appeal.lodge', decisionId, {
      dueOn: '2026-04-24',
      status: 'open',
    })!;
    const m = await w.post(
      '/mediations',
      {
        decisionId,
        providerId,
        contactedOn: '2026-02-25',
        healthInIssue: false,
        socialCareInIssue: false,
      },
      'mediation.adviser_contacted',
    );
    const mediationId = m.mediations[0]!.id;
    await w.post(
      `/mediations/${mediationId}/declined`,
      { adviserInformedOn: '2026-02-26' },
      'mediation.declined',
    );
    // HESC r.5(3)(a): the Tribunal extended the time to Fri 1 May 2026 (the only ground the appeal deadline has).
    await w.post(
      `/deadlines/${appeal.id}/extension`,
      {
        toDueOn: '2026-05-01',
        ground: 'tribunal_extended_time',
        reason: 'Directions of 26 February.',
        agreedBy: 'First-tier Tribunal (SEND)',
      },
      'deadline.extended',
    );
    const line =
      'Extended from Fri 24 Apr 2026 to Fri 1 May 2026 on the ground that the Tribunal directed that the time be extended: Directions of 26 February. (agreed by First-tier Tribunal (SEND))';
    expect(
      w.expect('appeal.lodge', decisionId, {
        dueOn: '2026-05-01',
        status: 'open',
      })?.explanation,
    ).toContain(line);

    await w.post(
      `/mediations/${mediationId}/certificates`,
      { kind: 'information_only', issuedOn: '2026-02-27' },
      'certificate.issued',
    );
    // Later of: Fri 24 Apr 2026; certificate Fri 27 Feb 2026 + 1 month = Fri 27 Mar 2026 → Fri 24 Apr 2026, extended to Fri 1 May 2026.
    const after = w.expect('appeal.lodge', decisionId, {
      dueOn: '2026-05-01',
      status: 'open',
    });
    expect(after?.explanation).toContain(line);
    expect(after?.extensions).toEqual([
      {
        fromDueOn: '2026-04-24',
        toDueOn: '2026-05-01',
        reason: 'Directions of 26 February.',
        agreedBy: 'First-tier Tribunal (SEND)',
        ground: 'tribunal_extended_time',
      },
    ]);
    // The row is what the API shows.
    const [row] = await sql<{ due_on: string }>(
      `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM deadline WHERE id = $1`,
      [appeal.id],
    );
    expect(row!.due_on).toBe('2026-05-01');
    await finish(w);
  });

  it('refuses an extension on a ground the rule does not allow (400) and of a time limit the law gives no exception (409)', async () => {
    const w = await Walk.open('Pip Extension-Refused', '2013-11-11');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_plan',
        decisionDate: '2026-02-23',
        letterSent: '2026-02-24',
      },
      'decision.issued',
    );
    const decisionId = d.decisions[0]!.id;
    const extend = (deadlineId: string, ground: string) =>
      api<{ detail: string }>('POST', `/deadlines/${deadlineId}/extension`, {
        expectedVersion: w.version,
        toDueOn: '2026-05-29',
        ground,
        reason: 'The family were abroad.',
        agreedBy: 'Morgan Lee, SEND manager',
      });
    const wrong = await extend(
      w.find('appeal.lodge', decisionId)!.id,
      'absent_from_area_4_weeks',
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toContain(
      'That exception does not apply to this time limit. HESC Rules r.5(3)(a), r.20(4) allows: tribunal_extended_time',
    );
    // reg 33 gives the family's 2 months to contact the adviser no exception.
    const none = await extend(
      w.find('mediation.contact_adviser', decisionId)!.id,
      'exceptional_personal_circumstances',
    );
    expect(none.status).toBe(409);
    expect(none.body.detail).toContain(
      'has no statutory exception, so it cannot be extended',
    );
    expect((await w.history()).map((e) => e.type)).toEqual([
      'case.opened',
      'decision.issued',
    ]);
    await finish(w);
  });
});

describe("the decisions' own time limits", () => {
  it('a request for an assessment, an annual review, a draft plan and a phase transfer open their deadlines; what answers them meets them', async () => {
    const w = await Walk.open('Noor Own-Deadlines', '2014-09-09');
    const requested = await w.post(
      '/assessment-requests',
      { receivedOn: '2026-01-05' },
      'assessment.requested',
    );
    const requestId = requested.assessmentRequests[0]!.id;
    // reg 5(1): received Mon 5 Jan 2026 + 6 weeks = Mon 16 Feb 2026.
    w.expect('assessment.decide', requestId, {
      dueOn: '2026-02-16',
      status: 'overdue',
      dutyHolder: 'council',
    });
    await w.post(
      '/decisions',
      {
        type: 'refuse_assessment',
        decisionDate: '2026-02-12',
        letterSent: '2026-02-13',
        answers: { kind: 'assessment_request', id: requestId },
      },
      'decision.issued',
    );
    // Met on the day the letter was sent, Fri 13 Feb 2026: on time.
    w.expect('assessment.decide', requestId, {
      dueOn: '2026-02-16',
      status: 'met',
      metOn: '2026-02-13',
      metOnTime: true,
    });

    const reviewed = await w.post(
      '/reviews',
      { heldOn: '2026-02-09' },
      'review.meeting_held',
    );
    const reviewId = reviewed.reviews[0]!.id;
    // reg 20(10): meeting Mon 9 Feb 2026 + 4 weeks = Mon 9 Mar 2026.
    w.expect('review.decision', reviewId, {
      dueOn: '2026-03-09',
      status: 'open',
      dutyHolder: 'council',
    });
    await w.post(
      `/reviews/${reviewId}/amendments-proposed`,
      { sentOn: '2026-02-27' },
      'review.amendments_proposed',
    );
    w.expect('review.decision', reviewId, {
      dueOn: '2026-03-09',
      status: 'met',
      metOn: '2026-02-27',
      metOnTime: true,
    });
    // reg 22(3): proposed amendments sent Fri 27 Feb 2026 + 8 weeks = Fri 24 Apr 2026.
    w.expect('review.final_amended_plan', reviewId, {
      dueOn: '2026-04-24',
      status: 'open',
      dutyHolder: 'council',
    });

    const drafted = await w.post(
      '/draft-plans',
      { servedOn: '2026-02-20' },
      'draft_plan.served',
    );
    const draftId = drafted.draftPlans[0]!.id;
    // reg 13(1): 15 days beginning with Fri 20 Feb 2026 = Fri 6 Mar 2026, the family's.
    w.expect('draft_plan.comments', draftId, {
      dueOn: '2026-03-06',
      status: 'open',
      dutyHolder: 'family',
    });
    await w.post(
      `/draft-plans/${draftId}/comments`,
      { receivedOn: '2026-02-27' },
      'draft_plan.comments_received',
    );
    w.expect('draft_plan.comments', draftId, {
      status: 'met',
      metOn: '2026-02-27',
      metOnTime: true,
    });

    // A transfer ahead may be recorded (its date has not come): reg 18(1), by 15 February of the year of the transfer.
    const transfer = await w.post(
      '/phase-transfers',
      { transferDate: '2027-09-01', kind: 'school' },
      'phase_transfer.recorded',
    );
    w.expect('phase_transfer.school', transfer.phaseTransfers[0]!.id, {
      dueOn: '2027-02-15',
      status: 'open',
      dutyHolder: 'council',
    });
    await finish(w);
  });
});

describe('the appeal deadline: exactly one HESC r.12 move, chosen by the day the time ends', () => {
  it.each([
    // Letter Mon 31 May 2021 + 2 months = Sat 31 Jul 2021: not a working day (r.12(2)) → Mon 2 Aug 2021, not September.
    ['2021-05-31', '2021-08-02', 'r.12(2)'],
    // Mon 24 Oct 2022 + 2 months = Sat 24 Dec 2022 (r.12(2)): Sun 25, Mon 26 (Boxing Day), Tue 27 (Christmas, substitute) → Wed 28 Dec 2022.
    ['2022-10-24', '2022-12-28', 'r.12(2)'],
    // Thu 5 Jun 2025 + 2 months = Tue 5 Aug 2025, in August (r.12(3)(a)) → the first working day after 31 Aug: Mon 1 Sep 2025.
    ['2025-06-05', '2025-09-01', 'r.12(3)(a)'],
    // Mon 27 Oct 2025 + 2 months = Sat 27 Dec 2025, between 25 Dec and 1 Jan (r.12(3)(a)) → Fri 2 Jan 2026 (Thu 1 Jan a holiday).
    ['2025-10-27', '2026-01-02', 'r.12(3)(a)'],
  ])('letter sent %s: due %s (%s)', async (decisionLetterSent, dueOn, rule) => {
    const res = await api<{ dueOn: string; explanation: string[] }>(
      'POST',
      '/deadlines/calculation',
      { ruleId: 'appeal.lodge', facts: { decisionLetterSent } },
    );
    expect(res.status).toBe(200);
    expect(res.body.dueOn).toBe(dueOn);
    expect(res.body.explanation.join(' ')).toContain(`HESC Rules ${rule}`);
  });
});
