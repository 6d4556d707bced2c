import type { Problem } from '@send/contracts';
import { caseDetail } from '../../testing/fixtures';
import {
  answersOf,
  checkAnswers,
  type EventFormSpec,
  type FormContext,
  formPages,
  initialValues,
  pageOfField,
  problemToErrors,
} from './event-form';
import { EVENT_FORMS } from './forms';

const ctx = (
  params: Record<string, string> = {},
  detail = caseDetail(),
): FormContext => ({
  detail,
  params,
  today: '2026-03-02',
  providers: [{ value: 'p-1', text: 'Global Mediation' }],
  staff: [
    { value: 'u-1', text: caseDetail().caseworker },
    { value: 'u-2', text: 'Sam Okafor' },
  ],
  history: [],
});

const form = (kind: string): EventFormSpec => {
  const spec = EVENT_FORMS.get(kind);
  if (!spec) throw new Error(`no form ${kind}`);
  return spec;
};

describe('the event form engine', () => {
  it('asks for every required answer in page order, the GOV.UK way', () => {
    const spec = form('decision');
    const { errors } = checkAnswers(spec, initialValues(spec, ctx()), ctx());
    expect(errors.map((e) => [e.field, e.targetId, e.message])).toEqual([
      ['type', 'type', 'Select what the council decided'],
      ['decisionDate', 'decisionDate-day', 'Enter the date of the decision'],
      [
        'letterSent',
        'letterSent-day',
        'Enter the date the decision letter was sent',
      ],
    ]);
  });

  it('checks dates (real, 4-digit year, not in the future unless allowed) and against the case', () => {
    const spec = form('decision');
    const values = {
      ...initialValues(spec, ctx()),
      type: 'refuse_assessment',
      decisionDate: { day: '30', month: '2', year: '2026' },
      letterSent: { day: '3', month: '3', year: '2026' },
    };
    expect(
      checkAnswers(spec, values, ctx()).errors.map((e) => e.message),
    ).toEqual([
      'Date of the decision must be a real date',
      'Date the decision letter was sent must be today or in the past',
    ]);
    const hearing = form('hearing-listed');
    const appeal = {
      id: 'a-1',
      decisionId: 'dec-1',
      tribunalReference: 'EH857/26/00001',
      lodgedOn: '2026-02-01',
    };
    const withAppeal = ctx(
      { appeal: 'a-1' },
      caseDetail({ appeals: [appeal] }),
    );
    expect(
      checkAnswers(
        hearing,
        { hearingDate: { day: '1', month: '6', year: '26' } },
        withAppeal,
      ).errors[0]?.message,
    ).toBe('Year must include 4 numbers');
    expect(
      checkAnswers(
        hearing,
        { hearingDate: { day: '1', month: '6', year: '2026' } },
        withAppeal,
      ).errors,
    ).toEqual([]);
    const registered = form('appeal-registered');
    expect(
      checkAnswers(
        registered,
        {
          registeredOn: { day: '20', month: '1', year: '2026' },
          appealReceivedOn: { day: '21', month: '1', year: '2026' },
        },
        withAppeal,
      ).errors[0]?.message,
    ).toBe(
      'The appeal cannot have been registered before it was lodged (Sun 1 Feb 2026)',
    );
  });

  it('shows, checks and sends a question only when it applies', () => {
    const spec = form('decision');
    const base = {
      type: 'refuse_assessment',
      decisionDate: { day: '2', month: '2', year: '2026' },
      letterSent: { day: '3', month: '2', year: '2026' },
    };
    const refusal = checkAnswers(
      spec,
      {
        ...initialValues(spec, ctx()),
        ...base,
        sections: ['F'],
        placement: 'Hillside Primary School',
      },
      ctx(),
    );
    expect(refusal.errors).toEqual([]);
    expect(spec.body(refusal.parsed, ctx())).toEqual({
      type: 'refuse_assessment',
      decisionDate: '2026-02-02',
      letterSent: '2026-02-03',
      sections: [],
      letterChecklist: {
        mediationInformation: false,
        appealRights: false,
        timeLimits: false,
        disagreementResolution: false,
      },
    });
    const content = checkAnswers(
      spec,
      {
        ...initialValues(spec, ctx()),
        ...base,
        type: 'final_plan_content',
        sections: ['F', 'I'],
        letterChecklist: ['appealRights'],
        placement: '  Hillside Primary School ',
      },
      ctx(),
    );
    // The school section I names: asked of a final or amended plan only (SEND Regs 2014 reg 12(1)(i)).
    expect(spec.body(content.parsed, ctx())).toMatchObject({
      sections: ['F', 'I'],
      letterChecklist: { appealRights: true, timeLimits: false },
      placement: 'Hillside Primary School',
    });
  });

  it('checks each item of a list, with ids the API errors map onto', () => {
    const mediation = {
      id: 'm-1',
      decisionId: 'dec-1',
      providerName: 'Global Mediation',
      adviserContactedOn: '2026-01-10',
      healthInIssue: false,
      socialCareInIssue: false,
      choice: 'requested' as const,
      laInformedOn: '2026-01-11',
      heldOn: '2026-02-01',
      agreementItems: [],
      certificates: [],
    };
    const c = ctx(
      { mediation: 'm-1' },
      caseDetail({ mediations: [mediation] }),
    );
    const spec = form('mediation-agreement');
    const values = {
      agreementDate: { day: '1', month: '2', year: '2026' },
      items: [
        { description: 'Weekly therapy', appealable: 'yes', orderType: '' },
        { description: '', appealable: 'no', orderType: '' },
      ],
    };
    const { errors } = checkAnswers(spec, values, c);
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      [
        'items-0-orderType',
        'Select what it requires of the council (agreed item 1)',
      ],
      ['items-1-description', 'Enter what was agreed (agreed item 2)'],
    ]);
    const fixed = {
      ...values,
      items: [
        { ...values.items[0], orderType: 'amend_plan' },
        {
          description: 'Transport review',
          appealable: 'no',
          orderType: 'assess',
        },
      ],
    };
    const ok = checkAnswers(spec, fixed, c);
    expect(ok.errors).toEqual([]);
    expect(spec.body(ok.parsed, c)).toEqual({
      agreementDate: '2026-02-01',
      items: [
        {
          description: 'Weekly therapy',
          appealable: true,
          orderType: 'amend_plan',
        },
        { description: 'Transport review', appealable: false },
      ],
    });
    const problem: Problem = {
      type: 'about:blank',
      title: 'The request has a problem',
      status: 400,
      detail: 'bad',
      errors: [
        {
          field: 'items.1.description',
          message: 'items.1.description must not be empty',
        },
        {
          field: 'agreementDate',
          message:
            'agreementDate must be a real date written YYYY-MM-DD (got "x")',
        },
      ],
    };
    expect(problemToErrors(problem, spec, fixed, c)).toEqual([
      {
        field: 'items-1-description',
        targetId: 'items-1-description',
        message: 'What was agreed must not be empty (agreed item 2)',
      },
      {
        field: 'agreementDate',
        targetId: 'agreementDate-day',
        message:
          'Date of the agreement must be a real date written YYYY-MM-DD (got "x")',
        parts: ['day', 'month', 'year'],
      },
    ]);
    expect(
      problemToErrors(
        {
          ...problem,
          errors: undefined,
          detail: 'Record the mediation meeting first.',
        },
        spec,
        fixed,
        c,
      ),
    ).toEqual([{ message: 'Record the mediation meeting first.' }]);
    expect(
      answersOf(spec, fixed, ok.parsed, c).map((a) => [
        a.key,
        a.value,
        a.field,
      ]),
    ).toEqual([
      ['Date of the agreement', 'Sun 1 Feb 2026', 'agreementDate-day'],
      [
        'Agreed item 1',
        'What was agreed: Weekly therapy\nCould this matter have been appealed to the Tribunal? Yes\nWhat does it require of the council? Amend the EHC plan (sections B, F, I)\nDate agreed in writing for doing it (if the parties agreed one): Not given',
        'items-0-description',
      ],
      [
        'Agreed item 2',
        'What was agreed: Transport review\nCould this matter have been appealed to the Tribunal? No\nDate agreed in writing for doing it (if the parties agreed one): Not given',
        'items-1-description',
      ],
    ]);
  });

  it('refuses a Tribunal reference the API would refuse', () => {
    const spec = form('appeal-lodged');
    const decided = caseDetail();
    const c = ctx(
      { decision: 'dec-1' },
      {
        ...decided,
        decisions: [
          {
            ...decided.decisions[0]!,
            decisionDate: '2026-01-05',
            letterSent: '2026-01-06',
          },
        ],
      },
    );
    const values = {
      ...initialValues(spec, c),
      tribunalReference: 'EH857-26',
      lodgedOn: { day: '1', month: '3', year: '2026' },
    };
    expect(checkAnswers(spec, values, c).errors.map((e) => e.message)).toEqual([
      'Enter the Tribunal reference in the form EH857/26/00123',
    ]);
  });
});

describe('a long form, a page at a time', () => {
  const c = ctx(
    { appeal: 'a-1' },
    caseDetail({
      decisions: [
        {
          id: 'dec-2',
          type: 'final_plan_content',
          decisionDate: '2026-01-05',
          letterSent: '2026-01-06',
          sections: ['F'],
        },
      ],
      appeals: [
        {
          id: 'a-1',
          decisionId: 'dec-2',
          tribunalReference: 'EH857/26/00001',
          lodgedOn: '2026-01-20',
          appellant: 'parent',
          sections: [],
        },
      ],
    } as never),
  );
  const spec = form('appeal-outcome');
  const titles = (values: Record<string, unknown>) =>
    formPages(spec, { ...initialValues(spec, c), ...values }, c).map((p) => [
      p.title,
      p.fields.map((f) => f.name),
    ]);

  it('asks only the pages that apply to the answers so far, the confirmation on the last', () => {
    expect(titles({ outcome: 'withdrawn' })).toEqual([
      [
        'How the appeal ended',
        [
          'outcome',
          'decisionDate',
          'orderSentOn',
          'laNotifiedTribunalOn',
          'confirmedUnusual',
        ],
      ],
    ]);
    expect(titles({ outcome: 'decided_allowed' }).map(([t]) => t)).toEqual([
      'How the appeal ended',
      'What the Tribunal ordered the council to do',
      'The Tribunal’s health and social care recommendations',
    ]);
    expect(titles({ outcome: 'decided_allowed' }).at(-1)?.[1]).toEqual([
      'recommendations',
      'confirmedUnusual',
    ]);
  });

  it('finds the page of a field, a date part or a list item (for errors and "Change")', () => {
    const pages = formPages(
      spec,
      { ...initialValues(spec, c), outcome: 'decided_allowed' },
      c,
    );
    expect(pageOfField(pages, 'decisionDate-day')).toBe(0);
    expect(pageOfField(pages, 'orders-0-orderType')).toBe(1);
    expect(pageOfField(pages, 'recommendations-add')).toBe(2);
    expect(pageOfField(pages, 'nothing')).toBe(-1);
  });

  it('keeps a short form on one page', () => {
    expect(formPages(form('decision'), {}, ctx())).toHaveLength(1);
  });
});

describe('corrections', () => {
  const history = [
    {
      id: 'e-2',
      sequence: 2,
      type: 'decision.issued',
      summary: 'Decision issued',
      businessDate: '2026-01-05',
      recordedAt: '2026-01-06T10:00:00Z',
      actorName: 'Priya Shah',
      actorRole: 'caseworker',
      payload: {
        decisionId: 'dec-1',
        decisionType: 'refuse_assessment',
        decisionDate: '2026-01-05',
        letterSent: '2026-01-06',
        sections: [],
      },
      hash: 'h',
      previousHash: null,
    },
    {
      id: 'e-3',
      sequence: 3,
      type: 'event.corrected',
      summary: 'Correction',
      businessDate: '2026-01-07',
      recordedAt: '2026-01-07T10:00:00Z',
      actorName: 'Priya Shah',
      actorRole: 'caseworker',
      payload: {
        correctsSequence: 2,
        correctsType: 'decision.issued',
        changes: { letterSent: '2026-01-07' },
        previous: { letterSent: '2026-01-06' },
      },
      hash: 'h',
      previousHash: 'h',
    },
  ];
  const c: FormContext = { ...ctx({ sequence: '2' }), history };
  const spec = form('correction');

  it('starts from the entry as it now stands (earlier corrections applied) and sends only what changed, with the reason', () => {
    const values = initialValues(spec, c);
    expect(values['letterSent']).toEqual({
      day: '7',
      month: '1',
      year: '2026',
    });
    expect(values['decisionType']).toBe('refuse_assessment');
    const unchanged = checkAnswers(spec, { ...values, reason: 'Typo' }, c);
    expect(unchanged.errors.map((e) => e.message)).toEqual([
      'Change at least one answer: these are the values already recorded',
    ]);
    const changed = checkAnswers(
      spec,
      {
        ...values,
        decisionDate: { day: '4', month: '1', year: '2026' },
        reason: 'The panel met on the 4th.',
      },
      c,
    );
    expect(changed.errors).toEqual([]);
    expect(spec.body(changed.parsed, c)).toEqual({
      changes: { decisionDate: '2026-01-04' },
      reason: 'The panel met on the 4th.',
    });
    expect(spec.path(c)).toBe('/cases/case-1/events/2/correction');
  });

  it('is not offered for an entry the system made or that does not exist', () => {
    expect(spec.exists?.({ ...c, params: { sequence: '3' } })).toBe(false);
    expect(spec.exists?.({ ...c, params: { sequence: '9' } })).toBe(false);
    expect(spec.exists?.(c)).toBe(true);
  });
});

describe('the case’s own entries: contacts and reassignment', () => {
  it('asks for a contact’s name and relationship, checks an email address and telephone number if given, and sends only what was given', () => {
    const spec = form('contact');
    const empty = checkAnswers(spec, initialValues(spec, ctx()), ctx());
    expect(empty.errors.map((e) => e.message)).toEqual([
      'Enter full name',
      'Enter how they are related to the child or young person',
    ]);
    const wrong = checkAnswers(
      spec,
      {
        ...initialValues(spec, ctx()),
        name: 'Sara Khan',
        relationship: 'Mother',
        email: 'sara.khan',
        phone: '12',
      },
      ctx(),
    );
    expect(wrong.errors.map((e) => [e.field, e.message])).toEqual([
      [
        'email',
        'Enter an email address in the correct format, like name@example.com',
      ],
      [
        'phone',
        'Enter a telephone number, like 01572 722577 or +44 7700 900982',
      ],
    ]);
    const right = checkAnswers(
      spec,
      {
        ...initialValues(spec, ctx()),
        name: ' Sara Khan ',
        relationship: 'Mother',
        email: '',
        phone: '01572 000000',
      },
      ctx(),
    );
    expect(right.errors).toEqual([]);
    expect(spec.body(right.parsed, ctx())).toEqual({
      name: 'Sara Khan',
      relationship: 'Mother',
      phone: '01572 000000',
    });
    expect(spec.path(ctx())).toBe('/cases/case-1/contacts');
  });

  it('offers the team’s other caseworkers and managers for a reassignment, and needs a reason', () => {
    const spec = form('reassignment');
    expect(spec.needs).toBe('staff');
    const [who] = spec.fields(ctx());
    expect(
      who?.kind === 'radios' && who.options(ctx(), {}).map((o) => o.text),
    ).toEqual(['Sam Okafor']);
    const empty = checkAnswers(spec, initialValues(spec, ctx()), ctx());
    expect(empty.errors.map((e) => e.message)).toEqual([
      'Select who will own the case',
      'Enter why the case is being reassigned',
    ]);
    const right = checkAnswers(
      spec,
      { staffUserId: 'u-2', reason: 'Caseload balanced across the team' },
      ctx(),
    );
    expect(spec.body(right.parsed, ctx())).toEqual({
      staffUserId: 'u-2',
      reason: 'Caseload balanced across the team',
    });
  });
});
