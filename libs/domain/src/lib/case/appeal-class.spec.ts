import { APPEAL_OUTCOMES } from '@send/contracts';
import {
  appealRegisterEntries,
  appealResult,
  appealStage,
} from './appeal-class';

describe('appeal classes', () => {
  it('stage: the furthest step recorded', () => {
    expect(appealStage({})).toBe('lodged');
    expect(appealStage({ registeredOn: '2026-01-02' })).toBe('registered');
    expect(
      appealStage({ registeredOn: '2026-01-02', responseSentOn: '2026-02-01' }),
    ).toBe('response_sent');
    expect(
      appealStage({ registeredOn: '2026-01-02', hearingDate: '2026-05-01' }),
    ).toBe('hearing_listed');
    expect(
      appealStage({ hearingDate: '2026-05-01', outcome: 'withdrawn' }),
    ).toBe('ended');
  });

  it('result: how every outcome ended for the council', () => {
    expect(appealResult(undefined)).toBe('open');
    expect(
      Object.fromEntries(APPEAL_OUTCOMES.map((o) => [o, appealResult(o)])),
    ).toEqual({
      decided_allowed: 'lost',
      decided_partly_allowed: 'lost',
      referred_back: 'referred_back',
      conceded_before_response: 'conceded',
      consent_order: 'conceded',
      decided_dismissed: 'upheld',
      withdrawn: 'ended_without_decision',
      struck_out: 'ended_without_decision',
    });
  });

  it('register entries: one per appeal, with the type of the decision appealed', () => {
    const entries = appealRegisterEntries({
      decisions: [{ id: 'd1', type: 'refuse_assessment' }],
      appeals: [
        {
          id: 'a1',
          decisionId: 'd1',
          tribunalReference: 'EH1',
          lodgedOn: '2026-01-05',
          sections: ['B', 'F'],
          outcome: 'consent_order',
          decisionDate: '2026-04-01',
        },
        {
          id: 'a2',
          decisionId: 'gone',
          tribunalReference: 'EH2',
          lodgedOn: '2026-02-05',
        },
      ],
    });
    expect(entries).toEqual([
      expect.objectContaining({
        appealId: 'a1',
        decisionType: 'refuse_assessment',
        sections: ['B', 'F'],
        stage: 'ended',
        result: 'conceded',
        decisionDate: '2026-04-01',
      }),
      expect.objectContaining({
        appealId: 'a2',
        decisionType: null,
        sections: [],
        stage: 'lodged',
        result: 'open',
        outcome: null,
        registeredOn: null,
      }),
    ]);
    expect(appealRegisterEntries({})).toEqual([]);
  });
});
