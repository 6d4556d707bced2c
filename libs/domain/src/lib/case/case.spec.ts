import type { CaseEvent } from './case-events';
import { CaseRuleError } from './case-rule-error';
import { checkCaseEvent } from './case-rules';
import { replayCase } from './case-corrections';
import { applyCaseEvent } from './case-snapshot';
import { deadlineEffects } from './deadline-effects';
import { businessDateOf, summariseCaseEvent } from './case-summary';
import { record } from './case-test-support';

const opened: CaseEvent = {
  type: 'case.opened',
  reference: 'RUT-0001',
  childName: 'Alex Example',
  dateOfBirth: '2015-04-02',
  caseworker: 'Casey Worker',
  team: 'SEND East',
  openedOn: '2026-01-05',
};
const decision: CaseEvent = {
  type: 'decision.issued',
  decisionId: 'd1',
  decisionType: 'final_plan_content',
  decisionDate: '2026-01-05',
  letterSent: '2026-01-06',
  sections: ['F', 'I'],
};
// About the school named only (section I): no mediation certificate is needed (CFA 2014 s.55(2)).
const lodged: CaseEvent = {
  type: 'appeal.lodged',
  appealId: 'a1',
  decisionId: 'd1',
  tribunalReference: 'EH123/26/00001',
  lodgedOn: '2026-02-20',
  sections: ['I'],
};
const decided: CaseEvent = {
  type: 'appeal.decided',
  appealId: 'a1',
  outcome: 'decided_allowed',
  decisionDate: '2026-09-07',
  recommendations: [
    {
      recommendationId: 'r1',
      section: 'G',
      responsibleBody: 'icb',
      text: 'Speech and language therapy',
    },
    {
      recommendationId: 'r2',
      section: 'H1',
      responsibleBody: 'council_social_care',
      text: 'Short breaks',
    },
  ],
};
const responded: CaseEvent = {
  type: 'recommendation.responded',
  recommendationId: 'r1',
  outcome: 'not_followed',
  reasons: 'Provision already in place through the school nursing service.',
  sentOn: '2026-10-09',
  recipient: 'parent',
  sentTo: ['Parent or young person'],
};
const journey = [opened, decision, lodged, decided, responded];

describe('the case reducer', () => {
  it('replays the journey to the snapshot the checked writes built', () => {
    const snapshot = record(journey);
    expect(replayCase(journey)).toEqual(snapshot);
    expect(snapshot?.stage).toBe('compliance');
    expect(
      snapshot?.recommendations.find((r) => r.id === 'r1')?.response?.outcome,
    ).toBe('not_followed');
    expect(
      snapshot?.recommendations.find((r) => r.id === 'r2')?.response,
    ).toBeUndefined();
  });

  it('does not mutate the snapshot it is given', () => {
    const before = record([opened, decision, lodged]);
    const copy = structuredClone(before);
    applyCaseEvent(before, decided);
    expect(before).toEqual(copy);
  });
});

describe('which events are allowed', () => {
  const d1Refusal: CaseEvent = {
    ...decision,
    decisionType: 'refuse_assessment',
  } as CaseEvent;
  it.each<[string, CaseEvent[], CaseEvent, string]>([
    ['nothing before the case is opened', [], decision, 'Open the case'],
    ['a case opened twice', [opened], opened, 'already open'],
    [
      'a letter sent before the decision',
      [opened],
      { ...decision, letterSent: '2026-01-04' } as CaseEvent,
      'cannot have been sent',
    ],
    [
      'an appeal with no decision',
      [opened],
      lodged,
      'record the decision being appealed',
    ],
    [
      'an appeal lodged before the decision',
      [opened, decision],
      { ...lodged, lodgedOn: '2025-12-01' } as CaseEvent,
      'before the decision',
    ],
    [
      'the same Tribunal reference twice',
      [opened, decision, lodged],
      { ...lodged, appealId: 'a2' } as CaseEvent,
      'already recorded',
    ],
    [
      'an outcome with no appeal',
      [opened, decision],
      decided,
      'record the appeal before',
    ],
    [
      'two outcomes for one appeal',
      [opened, decision, lodged, decided],
      decided,
      'already recorded',
    ],
    [
      'a decision before the appeal was lodged',
      [opened, decision, lodged],
      { ...decided, decisionDate: '2026-02-19' } as CaseEvent,
      'before the appeal was lodged',
    ],
    [
      'recommendations on a withdrawn appeal',
      [opened, decision, lodged],
      { ...decided, outcome: 'withdrawn' } as CaseEvent,
      'without recommendations',
    ],
    [
      'recommendations on a refusal to assess (unless confirmed)',
      [opened, d1Refusal, { ...lodged, confirmedUnusual: true } as CaseEvent],
      decided,
      'refusal to assess',
    ],
    [
      'a response with no recommendation',
      [opened, decision, lodged],
      responded,
      'no such recommendation',
    ],
    [
      'two responses to one recommendation',
      journey,
      responded,
      'already recorded',
    ],
    [
      'not followed without reasons',
      [opened, decision, lodged, decided],
      { ...responded, reasons: '  ' } as CaseEvent,
      'Give the reasons',
    ],
    [
      'a response sent before the decision',
      [opened, decision, lodged, decided],
      { ...responded, sentOn: '2026-09-06' } as CaseEvent,
      "before the Tribunal's decision",
    ],
  ])('refuses %s', (_name, history, event, message) => {
    const snapshot = record(history);
    expect(() => checkCaseEvent(snapshot, event)).toThrow(CaseRuleError);
    expect(() => checkCaseEvent(snapshot, event)).toThrow(message);
  });

  it('accepts a partly followed response with reasons', () => {
    const snapshot = record([opened, decision, lodged, decided]);
    expect(() =>
      checkCaseEvent(snapshot, {
        ...responded,
        outcome: 'partly_followed',
      } as CaseEvent),
    ).not.toThrow();
  });
});

describe('deadline effects', () => {
  it('opens a 5-week response deadline per recommendation, from the Tribunal decision', () => {
    expect(
      deadlineEffects(record([opened, decision, lodged]), decided).open,
    ).toEqual([
      {
        ruleId: 'recommendation.response',
        subjectId: 'r1',
        facts: { tribunalDecision: '2026-09-07' },
        dutyHolder: 'icb',
        responsibleBody: 'icb',
      },
      {
        ruleId: 'recommendation.response',
        subjectId: 'r2',
        facts: { tribunalDecision: '2026-09-07' },
        dutyHolder: 'council_social_care',
        responsibleBody: 'council_social_care',
      },
    ]);
  });

  it('closes the response deadline on the date the response was sent', () => {
    expect(
      deadlineEffects(record([opened, decision, lodged, decided]), responded),
    ).toEqual({
      open: [],
      close: [
        {
          ruleId: 'recommendation.response',
          subjectId: 'r1',
          metOn: '2026-10-09',
        },
      ],
      move: [],
      cancel: [],
      miss: [],
      extend: [],
    });
  });

  it('records business dates and plain summaries', () => {
    expect(journey.map(businessDateOf)).toEqual([
      '2026-01-05',
      '2026-01-05',
      '2026-02-20',
      '2026-09-07',
      '2026-10-09',
    ]);
    expect(summariseCaseEvent(decided)).toBe(
      'Tribunal decision Mon 7 Sep 2026: appeal allowed, with 2 health and social care recommendations',
    );
  });
});
