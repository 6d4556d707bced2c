import {
  daysOverdue,
  deadlineDisplayStatus,
  dueSoonUntil,
  isOverdueDuty,
  isPassedFamilyLimit,
  isPastDue,
} from './deadline-status';
import { deadlineView, type DeadlineRecord } from './deadline-view';

describe('deadlineDisplayStatus', () => {
  const today = '2026-03-02';
  it('counts today and the 9 days after it as "soon"', () =>
    expect(dueSoonUntil(today)).toBe('2026-03-11'));
  it.each([
    [
      'open, past its date',
      { status: 'open', dueOn: '2026-03-01', extended: false },
      'overdue',
    ],
    [
      'open, due today',
      { status: 'open', dueOn: '2026-03-02', extended: false },
      'due_soon',
    ],
    [
      'open, due on the last day of "soon"',
      { status: 'open', dueOn: '2026-03-11', extended: true },
      'due_soon',
    ],
    [
      'open, later, extended',
      { status: 'open', dueOn: '2026-03-12', extended: true },
      'extended',
    ],
    [
      'open, later',
      { status: 'open', dueOn: '2026-03-12', extended: false },
      'open',
    ],
    [
      'marked overdue',
      { status: 'overdue', dueOn: '2026-02-01', extended: true },
      'overdue',
    ],
    ['met', { status: 'met', dueOn: '2026-03-03', extended: false }, 'met'],
    [
      'cancelled',
      { status: 'cancelled', dueOn: '2026-03-03', extended: false },
      'cancelled',
    ],
  ] as const)('%s → %s', (_, deadline, expected) => {
    expect(deadlineDisplayStatus(deadline, today)).toBe(expected);
  });
});

describe('the overdue test', () => {
  const today = '2026-03-02';
  it.each([
    [{ status: 'open', dueOn: '2026-03-01' }, true],
    [{ status: 'open', dueOn: '2026-03-02' }, false],
    [{ status: 'overdue', dueOn: '2026-03-05' }, true],
    [{ status: 'met', dueOn: '2026-03-01' }, false],
    [{ status: 'missed', dueOn: '2026-03-01' }, false],
  ] as const)('%j past due: %s', (d, expected) =>
    expect(isPastDue(d, today)).toBe(expected),
  );

  it("counts a council's duty as overdue and a family's time limit as passed", () => {
    const past = { status: 'open', dueOn: '2026-03-01' } as const;
    expect(isOverdueDuty({ ...past, dutyHolder: 'council' }, today)).toBe(true);
    expect(isPassedFamilyLimit({ ...past, dutyHolder: 'council' }, today)).toBe(
      false,
    );
    expect(isOverdueDuty({ ...past, dutyHolder: 'family' }, today)).toBe(false);
    expect(isPassedFamilyLimit({ ...past, dutyHolder: 'family' }, today)).toBe(
      true,
    );
  });

  it('days overdue: calendar days past the due date of an overdue duty, else null', () => {
    expect(
      daysOverdue(
        { status: 'open', dueOn: '2026-02-20', dutyHolder: 'council' },
        today,
      ),
    ).toBe(10);
    expect(daysOverdue({ status: 'overdue', dueOn: '2026-03-01' }, today)).toBe(
      1,
    );
    expect(
      daysOverdue({ status: 'open', dueOn: '2026-03-02' }, today),
    ).toBeNull();
    expect(
      daysOverdue(
        { status: 'open', dueOn: '2026-02-20', dutyHolder: 'family' },
        today,
      ),
    ).toBeNull();
    expect(
      daysOverdue({ status: 'met', dueOn: '2026-02-20' }, today),
    ).toBeNull();
  });
});

describe('deadlineView', () => {
  const record: DeadlineRecord = {
    id: 'd1',
    caseId: 'c1',
    caseReference: 'RUT-0001',
    childName: 'Alex Example',
    ruleId: 'recommendation.response',
    rulesetVersion: '2026.1',
    dueOn: '2026-03-01',
    explanation: ['5 weeks from the decision'],
    status: 'open',
    metOn: null,
    cancelledReason: null,
    responsibleBody: 'icb',
    dutyHolder: 'icb',
    extensions: [
      {
        fromDueOn: '2026-02-20',
        toDueOn: '2026-03-01',
        reason: 'Hospital',
        agreedBy: 'Tribunal',
        ground: null,
      },
    ],
    subjectId: 'r1',
    owner: 'Casey Worker',
    timedFrom: '2026-03-02',
  };

  it('shows an open deadline past its date as overdue, with its title, extensions and who is reminded', () => {
    expect(deadlineView(record, '2026-03-02', ['Morgan Lee'])).toEqual({
      id: 'd1',
      caseId: 'c1',
      caseReference: 'RUT-0001',
      childName: 'Alex Example',
      ruleId: 'recommendation.response',
      ruleTitle: 'Respond to the health and social care recommendations',
      rulesetVersion: '2026.1',
      dueOn: '2026-03-01',
      explanation: ['5 weeks from the decision'],
      status: 'overdue',
      displayStatus: 'overdue',
      responsibleBody: 'icb',
      dutyHolder: 'icb',
      extensions: [
        {
          fromDueOn: '2026-02-20',
          toDueOn: '2026-03-01',
          reason: 'Hospital',
          agreedBy: 'Tribunal',
        },
      ],
      pastWhenRecorded: true,
      subjectId: 'r1',
      owner: 'Casey Worker',
      escalatesTo: ['Morgan Lee'],
      remindsStaff: true,
    });
  });

  it('says whether a met deadline was met on time', () => {
    const view = deadlineView(
      {
        ...record,
        status: 'met',
        metOn: '2026-03-02',
        extensions: [],
        timedFrom: undefined,
      },
      '2026-03-10',
    );
    expect(view).toMatchObject({
      status: 'met',
      displayStatus: 'met',
      metOn: '2026-03-02',
      metOnTime: false,
    });
    expect(view).not.toHaveProperty('pastWhenRecorded');
    expect(view).not.toHaveProperty('escalatesTo');
  });
});
