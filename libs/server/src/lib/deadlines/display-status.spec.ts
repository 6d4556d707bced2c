import { displayStatus } from './display-status';

describe('displayStatus', () => {
  const today = '2026-03-02';
  const until = '2026-03-11';
  it.each([
    ['open, past its date', { status: 'open', dueOn: '2026-03-01', extended: false }, 'overdue'],
    ['open, due today', { status: 'open', dueOn: '2026-03-02', extended: false }, 'due_soon'],
    ['open, due on the last day of "soon"', { status: 'open', dueOn: '2026-03-11', extended: true }, 'due_soon'],
    ['open, later, extended', { status: 'open', dueOn: '2026-03-12', extended: true }, 'extended'],
    ['open, later', { status: 'open', dueOn: '2026-03-12', extended: false }, 'open'],
    ['marked overdue', { status: 'overdue', dueOn: '2026-02-01', extended: true }, 'overdue'],
    ['met', { status: 'met', dueOn: '2026-03-03', extended: false }, 'met'],
    ['cancelled', { status: 'cancelled', dueOn: '2026-03-03', extended: false }, 'cancelled'],
  ] as const)('%s → %s', (_, deadline, expected) => {
    expect(displayStatus(deadline, today, until)).toBe(expected);
  });
});
