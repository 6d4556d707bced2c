import type { DecisionView } from '@send/contracts';
import { groupByDecision } from './decision-groups';

const decision = (id: string, letterSent: string): DecisionView => ({
  id,
  type: 'refuse_assessment',
  decisionDate: letterSent,
  letterSent,
  sections: [],
});

const DECISIONS = [
  decision('dec-1', '2026-03-05'),
  decision('dec-2', '2026-09-02'),
];

const noDecision = (any: boolean) => (any ? 'Not yet decided' : 'Deadlines');

describe('groupByDecision', () => {
  it('puts each thing under the decision it follows from, the newest decision first, then those of none', () => {
    const items = [
      { name: 'opened' },
      { name: 'mediation', decisionId: 'dec-1' },
      { name: 'appeal', decisionId: 'dec-2' },
      { name: 'gone', decisionId: 'dec-9' },
    ];
    const groups = groupByDecision(DECISIONS, items, (i) => i.decisionId, {
      prefix: 'history',
      noDecision,
    });
    expect(
      groups.map((g) => ({
        id: g.id,
        caption: g.caption,
        heading: g.heading,
        items: g.items.map((i) => i.name),
      })),
    ).toEqual([
      {
        id: 'history-dec-2',
        caption: 'Decision 2 of 2',
        heading:
          'Not to carry out an EHC needs assessment, letter sent Wed 2 Sep 2026',
        items: ['appeal'],
      },
      {
        id: 'history-dec-1',
        caption: 'Decision 1 of 2',
        heading:
          'Not to carry out an EHC needs assessment, letter sent Thu 5 Mar 2026',
        items: ['mediation'],
      },
      // A thing of a decision the case no longer lists is not lost.
      {
        id: 'history-none',
        caption: '',
        heading: 'Not yet decided',
        items: ['opened', 'gone'],
      },
    ]);
  });

  it('keeps a decision that nothing follows from, and has no group of none when every thing has its decision', () => {
    const groups = groupByDecision(
      DECISIONS,
      [{ decisionId: 'dec-1' }],
      (i) => i.decisionId,
      { prefix: 'decision', noDecision },
    );
    expect(groups.map((g) => [g.id, g.items.length])).toEqual([
      ['decision-dec-2', 0],
      ['decision-dec-1', 1],
    ]);
  });

  it('names the group of none knowing that the case has no decision', () => {
    const groups = groupByDecision([], [{}], () => undefined, {
      prefix: 'decision',
      noDecision,
    });
    expect(groups.map((g) => g.heading)).toEqual(['Deadlines']);
  });
});
