import { caseDetail } from '../../../testing/fixtures';
import {
  checkAnswers,
  type FormContext,
  initialValues,
  type Values,
} from '../event-form';
import { recommendationResponseForm as spec } from './recommendation-forms';

/*
 * The response to a recommendation, on the form engine: the same rules as the API's (an outcome,
 * reasons unless followed in full, a real date not in the future, the parent or the young person),
 * checked and sent from the form itself.
 */

const TODAY = '2026-06-10';
const ctx = (): FormContext => ({
  detail: caseDetail({
    appeals: [
      {
        id: 'a-1',
        decisionId: 'dec-1',
        tribunalReference: 'EH857/26/00001',
        lodgedOn: '2026-01-20',
        outcome: 'decided_allowed',
        decisionDate: '2026-05-01',
      },
    ],
    recommendations: [
      {
        id: 'rec-1',
        appealId: 'a-1',
        section: 'G',
        responsibleBody: 'icb',
        text: 'Provide speech therapy.',
      },
    ],
  }),
  params: { recommendation: 'rec-1' },
  today: TODAY,
  providers: [],
  staff: [],
  history: [],
});

const valid = (): Values => ({
  ...initialValues(spec, ctx()),
  outcome: 'followed',
  sentOn: { day: '3', month: '6', year: '2026' },
  recipient: 'parent',
});

const check = (values: Values) => checkAnswers(spec, values, ctx());
const messages = (values: Values) => check(values).errors.map((e) => e.message);

describe('the recommendation response form', () => {
  it('is checked (with its deadline preview) before it is saved, to the recommendation’s response', () => {
    expect(spec.saveFromForm).toBeUndefined();
    expect(spec.continueText).toBeUndefined();
    expect(spec.path(ctx())).toBe(
      '/cases/case-1/recommendations/rec-1/response',
    );
    expect(spec.title(ctx())).toBe('Record the response to a recommendation');
  });

  it('accepts a followed recommendation without reasons', () => {
    const { errors, parsed } = check(valid());
    expect(errors).toEqual([]);
    expect(spec.body(parsed, ctx())).toEqual({
      outcome: 'followed',
      sentOn: '2026-06-03',
      recipient: 'parent',
      sentTo: ['Parent'],
    });
  });

  it('reports every missing answer of an empty form, in page order', () => {
    const { errors } = check(initialValues(spec, ctx()));
    expect(errors.map((e) => [e.field, e.targetId, e.message])).toEqual([
      ['outcome', 'outcome', 'Select whether the recommendation was followed'],
      ['sentOn', 'sentOn-day', 'Enter the date the response was sent'],
      [
        'recipient',
        'recipient',
        'Select whether the response was sent to the parent or the young person',
      ],
    ]);
  });

  it.each([
    [
      'partly_followed',
      'Enter the reasons for not following the recommendation in full',
    ],
    ['not_followed', 'Enter the reasons for not following the recommendation'],
  ])('requires reasons when %s', (outcome, message) => {
    expect(
      check({ ...valid(), outcome, reasons: '   ' }).errors.map((e) => [
        e.field,
        e.message,
      ]),
    ).toEqual([['reasons', message]]);
    const { errors, parsed } = check({
      ...valid(),
      outcome,
      reasons: ' The ICB does not commission this therapy. ',
    });
    expect(errors).toEqual([]);
    expect(spec.body(parsed, ctx()).reasons).toBe(
      'The ICB does not commission this therapy.',
    );
  });

  it.each([
    [
      { day: '31', month: '2', year: '2026' },
      'Date the response was sent must be a real date',
      ['day', 'month', 'year'],
    ],
    [
      { day: '', month: '6', year: '2026' },
      'Date the response was sent must include a day',
      ['day'],
    ],
    [
      { day: '3', month: '', year: '' },
      'Date the response was sent must include a month and year',
      ['month', 'year'],
    ],
    [
      { day: 'x', month: '6', year: '2026' },
      'Date the response was sent must be a real date',
      ['day', 'month', 'year'],
    ],
    [
      { day: '3', month: '6', year: '26' },
      'Year must include 4 numbers',
      ['year'],
    ],
    [
      { day: '11', month: '6', year: '2026' },
      'Date the response was sent must be today or in the past',
      ['day', 'month', 'year'],
    ],
  ])('checks the date %o', (sentOn, message, parts) => {
    expect(check({ ...valid(), sentOn }).errors).toEqual([
      expect.objectContaining({ field: 'sentOn', message, parts }),
    ]);
  });

  it('accepts today', () => {
    expect(
      messages({ ...valid(), sentOn: { day: '10', month: '6', year: '2026' } }),
    ).toEqual([]);
  });

  it('sends the recipients as words, the parent or the young person first, then any copy', () => {
    const { parsed } = check({
      ...valid(),
      recipient: 'young_person',
      sentTo: ['Council SEND team'],
    });
    expect(spec.body(parsed, ctx())).toMatchObject({
      recipient: 'young_person',
      sentTo: ['Young person', 'Council SEND team'],
    });
  });

  it('is not offered for a recommendation already answered, or one the case does not have', () => {
    const answered = ctx();
    answered.detail = caseDetail({
      recommendations: [
        {
          id: 'rec-1',
          appealId: 'a-1',
          section: 'G',
          responsibleBody: 'icb',
          text: 'x',
          response: {
            outcome: 'followed',
            sentOn: '2026-06-01',
            sentTo: ['Parent'],
          },
        },
      ],
    });
    expect(spec.exists?.(answered)).toBe(false);
    expect(
      spec.exists?.({ ...ctx(), params: { recommendation: 'rec-9' } }),
    ).toBe(false);
    expect(spec.exists?.(ctx())).toBe(true);
  });
});
