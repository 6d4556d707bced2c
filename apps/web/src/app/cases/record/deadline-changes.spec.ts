import type { DeadlineView } from '@send/contracts';
import { deadlineChanges } from './deadline-changes';

const deadline = (overrides: Partial<DeadlineView>): DeadlineView => ({
  id: 'd-1',
  caseId: 'c-1',
  caseReference: 'R-1',
  childName: 'Robin',
  ruleId: 'appeal.lodge',
  ruleTitle: 'Last day to lodge an appeal with the SEND Tribunal',
  rulesetVersion: '2026.1',
  dueOn: '2026-05-05',
  explanation: [],
  status: 'open',
  displayStatus: 'open',
  dutyHolder: 'family',
  subjectId: 'decision-1',
  owner: 'Casey Worker',
  ...overrides,
});

describe('deadlineChanges', () => {
  it('names what an entry opens, moves, meets and cancels, leaving out what it does not touch', () => {
    const appeal = deadline({});
    const contact = deadline({
      id: 'd-2',
      ruleId: 'mediation.contact_adviser',
      dueOn: '2026-05-05',
    });
    const certificate = deadline({
      id: 'd-3',
      ruleId: 'mediation.certificate_declined',
      subjectId: 'm-1',
      dueOn: '2026-03-04',
    });
    const untouched = deadline({
      id: 'd-4',
      ruleId: 'tribunal.la_response',
      subjectId: 'a-1',
      dueOn: '2026-04-20',
    });
    const changes = deadlineChanges(
      [appeal, contact, certificate, untouched],
      [
        deadline({ dueOn: '2026-06-02' }),
        { ...contact, status: 'met', metOn: '2026-03-01' },
        { ...certificate, status: 'cancelled' },
        untouched,
        // A new deadline has a new id in a dry run.
        deadline({
          id: 'd-new',
          ruleId: 'mediation.certificate_concluded',
          subjectId: 'm-1',
          dueOn: '2026-03-09',
        }),
      ],
    );
    expect(
      changes.map((c) => [
        c.kind,
        c.after.ruleId,
        c.before?.dueOn,
        c.after.dueOn,
      ]),
    ).toEqual([
      ['new', 'mediation.certificate_concluded', undefined, '2026-03-09'],
      ['moved', 'appeal.lodge', '2026-05-05', '2026-06-02'],
      ['met', 'mediation.contact_adviser', '2026-05-05', '2026-05-05'],
      [
        'cancelled',
        'mediation.certificate_declined',
        '2026-03-04',
        '2026-03-04',
      ],
    ]);
  });

  it('matches a deadline by its rule and subject when the id changed', () => {
    const changes = deadlineChanges(
      [deadline({ id: 'old' })],
      [deadline({ id: 'new', dueOn: '2026-06-01' })],
    );
    expect(changes.map((c) => c.kind)).toEqual(['moved']);
  });
});
