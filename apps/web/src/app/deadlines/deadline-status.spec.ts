import {
  deadlineStatusTag,
  type TaggedDeadline,
  tagClass,
} from './deadline-status';

type Input = TaggedDeadline;
const TODAY = '2026-06-10';

describe('deadlineStatusTag', () => {
  it.each<[string, Input, string, string]>([
    [
      'open, due in 10 days or more',
      { status: 'open', dueOn: '2026-06-20' },
      'Open',
      'blue',
    ],
    [
      'open, due in 9 days',
      { status: 'open', dueOn: '2026-06-19' },
      'Due soon',
      'yellow',
    ],
    [
      'open, due today',
      { status: 'open', dueOn: '2026-06-10' },
      'Due soon',
      'yellow',
    ],
    [
      'open but past its date',
      { status: 'open', dueOn: '2026-06-09' },
      'Overdue',
      'red',
    ],
    ['overdue', { status: 'overdue', dueOn: '2026-06-01' }, 'Overdue', 'red'],
    [
      'met on time',
      {
        status: 'met',
        dueOn: '2026-06-01',
        metOn: '2026-05-30',
        metOnTime: true,
      },
      'Met on time',
      'green',
    ],
    [
      'met late',
      {
        status: 'met',
        dueOn: '2026-06-01',
        metOn: '2026-06-03',
        metOnTime: false,
      },
      'Met late',
      'orange',
    ],
    [
      'met, lateness worked out from the dates',
      { status: 'met', dueOn: '2026-06-01', metOn: '2026-06-02' },
      'Met late',
      'orange',
    ],
    [
      'cancelled',
      { status: 'cancelled', dueOn: '2026-06-01' },
      'Cancelled',
      'grey',
    ],
    [
      'the family’s time limit, gone by',
      { status: 'overdue', dueOn: '2026-06-01', dutyHolder: 'family' },
      'Passed',
      'grey',
    ],
    [
      'the family’s time limit, past but not yet marked',
      { status: 'open', dueOn: '2026-06-09', dutyHolder: 'family' },
      'Passed',
      'grey',
    ],
    [
      'the family’s time limit, still running',
      { status: 'open', dueOn: '2026-06-12', dutyHolder: 'family' },
      'Due soon',
      'yellow',
    ],
    [
      'the ICB’s response, late',
      { status: 'overdue', dueOn: '2026-06-01', dutyHolder: 'icb' },
      'Overdue',
      'red',
    ],
  ])('%s', (_name, deadline, text, colour) => {
    expect(deadlineStatusTag(deadline, TODAY)).toEqual({ text, colour });
  });

  it('crosses a month and the clocks going forward without losing a day', () => {
    expect(
      deadlineStatusTag({ status: 'open', dueOn: '2026-04-05' }, '2026-03-27')
        .text,
    ).toBe('Due soon');
    expect(
      deadlineStatusTag({ status: 'open', dueOn: '2026-04-06' }, '2026-03-27')
        .text,
    ).toBe('Open');
  });

  it('uses GOV.UK tag classes (blue is the plain tag)', () => {
    expect(tagClass('blue')).toBe('govuk-tag');
    expect(tagClass('yellow')).toBe('govuk-tag govuk-tag--yellow');
  });
});
