import { checkCaseEvent } from './case-rules';
import { applyCaseEvent } from './case-snapshot';
import { summariseCaseEvent } from './case-summary';
import { caseSearchTerms, sameSearchTerms } from './search-terms';
import { openedSnapshot } from './events/case';
import { deadlineEffects } from './deadline-effects';
import { base, contacted, record } from './case-test-support';
import type { CaseEventOf } from './case-events';

const opened = openedSnapshot({
  type: 'case.opened',
  reference: 'RUT-1',
  childName: 'Alex Example',
  dateOfBirth: '2014-03-09',
  caseworker: 'Casey',
  team: 'North',
  openedOn: '2026-01-05',
});

describe('caseSearchTerms', () => {
  it('gives the reference, the name, Tribunal references, contacts, the named school, the mediation provider and its reference, once each', () => {
    const terms = caseSearchTerms({
      ...opened,
      contacts: [
        { id: 'c1', name: 'Sara Khan', relationship: 'Mother' },
        { id: 'c2', name: ' sara khan ', relationship: 'Aunt' },
      ],
      appeals: [
        {
          id: 'a1',
          decisionId: 'd1',
          tribunalReference: 'SE123/45/67',
          lodgedOn: '2026-02-01',
        },
      ],
      orders: [
        {
          id: 'o1',
          appealId: 'a1',
          type: 'name_school_only',
          details: 'Riverside Academy',
          duties: [],
        },
        {
          id: 'o2',
          appealId: 'a1',
          type: 'amend_plan',
          details: 'Section F',
          duties: [],
        },
      ],
      mediations: [
        {
          providerName: 'Global Mediation',
          providerReference: 'GM-2026-0412',
        } as (typeof opened.mediations)[number],
      ],
    } as typeof opened);
    expect(terms).toEqual([
      { kind: 'reference', term: 'RUT-1' },
      { kind: 'child_name', term: 'Alex Example' },
      { kind: 'tribunal_reference', term: 'SE123/45/67' },
      { kind: 'contact_name', term: 'Sara Khan' },
      { kind: 'school', term: 'Riverside Academy' },
      { kind: 'mediation_provider', term: 'Global Mediation' },
      { kind: 'mediation_reference', term: 'GM-2026-0412' },
    ]);
    expect(sameSearchTerms(terms, [...terms])).toBe(true);
    expect(sameSearchTerms(terms, terms.slice(1))).toBe(false);
  });

  it('gives the school section I of a final or amended plan names, before the Tribunal’s', () => {
    const decided = applyCaseEvent(opened, {
      type: 'decision.issued',
      decisionId: 'd1',
      decisionType: 'final_plan_content',
      decisionDate: '2026-01-10',
      letterSent: '2026-01-12',
      sections: ['I'],
      placement: 'Hillside Primary School',
    });
    expect(decided.decisions[0]?.placement).toBe('Hillside Primary School');
    expect(caseSearchTerms(decided)).toContainEqual({
      kind: 'school',
      term: 'Hillside Primary School',
    });
  });
});

describe('decision.issued: the school named in section I', () => {
  const decision = (
    decisionType: CaseEventOf<'decision.issued'>['decisionType'],
  ): CaseEventOf<'decision.issued'> => ({
    type: 'decision.issued',
    decisionId: 'd1',
    decisionType,
    decisionDate: '2026-01-10',
    letterSent: '2026-01-12',
    sections: [],
    placement: 'Hillside Primary School',
  });

  it('is taken with a final or amended plan (SEND Regs 2014 reg 12(1)(i))', () => {
    for (const type of ['final_plan_content', 'amended_plan_content'] as const)
      expect(() =>
        checkCaseEvent(opened, decision(type), { today: '2026-02-01' }),
      ).not.toThrow();
  });

  it('is refused with a decision whose plan names no school, saying why', () => {
    expect(() =>
      checkCaseEvent(opened, decision('refuse_assessment'), {
        today: '2026-02-01',
      }),
    ).toThrow(/Only a final or amended plan names a school/);
  });
});

describe('note.recorded', () => {
  const note = {
    type: 'note.recorded' as const,
    noteId: 'n1',
    kind: 'phone_call' as const,
    notedOn: '2026-01-06',
    text: 'Mother phoned.',
  };

  it('changes nothing on the case and opens no deadline', () => {
    checkCaseEvent(opened, note, { today: '2026-01-07' });
    expect(applyCaseEvent(opened, note)).toEqual(opened);
    const effects = deadlineEffects(opened, note);
    expect(
      Object.values(effects).every((v) => !Array.isArray(v) || v.length === 0),
    ).toBe(true);
    expect(summariseCaseEvent(note)).toBe(
      'Note (phone call, Tue 6 Jan 2026): Mother phoned.',
    );
  });

  it('refuses a note in the future or without text', () => {
    expect(() =>
      checkCaseEvent(opened, note, { today: '2026-01-05' }),
    ).toThrow();
    expect(() =>
      checkCaseEvent(opened, { ...note, text: ' ' }, { today: '2026-01-07' }),
    ).toThrow('Write what the note says.');
  });
});

describe("the mediation provider's reference", () => {
  it('is kept on the mediation, shown in the summary and searchable', () => {
    const withReference = {
      ...(contacted('m1', false) as CaseEventOf<'mediation.adviser_contacted'>),
      providerReference: 'GM-2026-0412',
    };
    const snapshot = record([...base, withReference])!;
    expect(snapshot.mediations[0]?.providerReference).toBe('GM-2026-0412');
    expect(summariseCaseEvent(withReference)).toBe(
      'Family contacted the mediation adviser (Global Mediation, their reference GM-2026-0412) Mon 12 Jan 2026',
    );
    expect(caseSearchTerms(snapshot)).toContainEqual({
      kind: 'mediation_reference',
      term: 'GM-2026-0412',
    });
  });

  it('is left out when none was given', () => {
    const snapshot = record([...base, contacted('m1', false)])!;
    expect(snapshot.mediations[0]).not.toHaveProperty('providerReference');
    expect(caseSearchTerms(snapshot).map((t) => t.kind)).not.toContain(
      'mediation_reference',
    );
  });
});
