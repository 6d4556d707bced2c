import type { MediationView } from '@send/contracts';
import { caseDetail, deadlineView } from '../../testing/fixtures';
import { mayFollow, recordOptions } from './record-options';

const texts = (groups: ReturnType<typeof recordOptions>) =>
  groups.map((g) => [g.heading, g.options.map((o) => o.text)]);

const mediation = (overrides: Partial<MediationView>): MediationView => ({
  id: 'm-1',
  decisionId: 'dec-1',
  providerName: 'Global Mediation',
  adviserContactedOn: '2026-01-10',
  healthInIssue: true,
  socialCareInIssue: false,
  agreementItems: [],
  certificates: [],
  ...overrides,
});

/** Today as the checks see it: after every date of the fixtures (which are in 2099). */
const TODAY = '2100-01-04';

const parts = (groups: ReturnType<typeof recordOptions>) =>
  groups.flatMap((g) => g.parts ?? []);

describe('recordOptions: what can be recorded now', () => {
  it('offers, per decision (newest first), what can happen next on its route, and the extension of each open deadline', () => {
    const groups = recordOptions(
      caseDetail({
        decisions: [
          ...caseDetail().decisions,
          {
            id: 'dec-2',
            type: 'cease_plan',
            decisionDate: '2099-06-01',
            letterSent: '2099-06-02',
            sections: [],
          },
        ],
        appeals: [
          {
            id: 'a-2',
            decisionId: 'dec-2',
            tribunalReference: 'EH857/99/00002',
            lodgedOn: '2099-06-10',
          },
        ],
      }),
      'caseworker',
      TODAY,
    );
    expect(texts(groups)).toEqual([
      [
        'Decisions, requests and meetings',
        [
          'A decision the council issued',
          'A request for an EHC needs assessment',
          'A draft EHC plan served on the family',
          'An annual review meeting',
          'A transfer between phases of education ahead',
          'A request for a SEND way forward meeting',
          'A referral to disagreement resolution',
        ],
      ],
      [
        // The domain refuses a second appeal while one runs against the decision: not offered.
        'Decision 2 of 2: To cease to maintain the EHC plan, letter sent Tue 2 Jun 2099',
        ['The family contacted the mediation adviser'],
      ],
      [
        'Decision 1 of 2: Not to carry out an EHC needs assessment, letter sent Thu 5 Mar 2099',
        [
          'The family contacted the mediation adviser',
          'An appeal to the Tribunal',
        ],
      ],
      [
        'Deadlines',
        // The time to contact the mediation adviser has no statutory exception: not offered.
        ['Extend: Last day to lodge an appeal with the SEND Tribunal'],
      ],
      ['The case', ['A parent, carer or other contact']],
    ]);
    expect(groups[1]?.id).toBe('decision-dec-2');
    expect(
      parts(groups).map((p) => [p.heading, p.options.map((o) => o.kind)]),
    ).toEqual([
      [
        'Appeal EH857/99/00002, lodged Wed 10 Jun 2099',
        ['appeal-registered', 'hearing-listed', 'appeal-outcome'],
      ],
    ]);
    expect(groups[2]?.options[0]).toMatchObject({
      kind: 'mediation-adviser-contacted',
      params: { decision: 'dec-1' },
    });
  });

  it('asks the domain whether an entry may follow', () => {
    const detail = caseDetail();
    expect(
      mayFollow(
        detail,
        {
          type: 'appeal.registered',
          appealId: 'a-9',
          registeredOn: TODAY,
          appealReceivedOn: TODAY,
        },
        TODAY,
      ),
    ).toBe(false);
    expect(
      mayFollow(
        detail,
        {
          type: 'mediation.adviser_contacted',
          mediationId: 'new',
          decisionId: 'dec-1',
          providerName: 'x',
          contactedOn: TODAY,
          healthInIssue: false,
          socialCareInIssue: false,
        },
        TODAY,
      ),
    ).toBe(true);
  });

  it('follows a mediation step by step: the choice, then health notice and arrangements, then certificates', () => {
    const mediationGroup = (m: MediationView) =>
      parts(
        recordOptions(
          caseDetail({ mediations: [m], deadlines: [] }),
          'caseworker',
          TODAY,
        ),
      ).find((g) => g.heading.startsWith('Mediation:'));
    expect(mediationGroup(mediation({}))?.options.map((o) => o.kind)).toEqual([
      'mediation-declined',
      'mediation-requested',
    ]);
    expect(
      mediationGroup(
        mediation({ choice: 'declined', adviserContactedOn: '2026-01-10' }),
      )?.options.map((o) => [o.kind, o.params['kind']]),
    ).toEqual([['certificate', 'information_only']]);
    expect(
      mediationGroup(
        mediation({ choice: 'requested', laInformedOn: '2026-01-11' }),
      )?.options.map((o) => o.kind),
    ).toEqual([
      'mediation-health-notified',
      'mediation-arranged',
      'mediation-not-arranged',
      'mediation-held',
      'mediation-withdrawn',
    ]);
    const held = mediation({
      choice: 'requested',
      laInformedOn: '2026-01-11',
      healthNotifiedOn: '2026-01-12',
      heldOn: '2026-02-01',
      certificates: [
        { id: 'c', kind: 'mediation_concluded', issuedOn: '2026-02-02' },
      ],
    });
    expect(mediationGroup(held)?.options.map((o) => o.kind)).toEqual([
      'mediation-agreement',
    ]);
  });

  it('offers an appeal’s next steps, each order duty not yet met, and the recommendations’ responses', () => {
    const groups = recordOptions(
      caseDetail({
        appeals: [
          {
            id: 'a-1',
            decisionId: 'dec-1',
            tribunalReference: 'EH857/26/00001',
            lodgedOn: '2026-01-20',
            outcome: 'decided_allowed',
            decisionDate: '2026-02-02',
          },
        ],
        orders: [
          {
            id: 'o-1',
            appealId: 'a-1',
            type: 'make_plan',
            duties: [
              { ruleId: 'order.make_plan.draft', compliedOn: '2026-02-20' },
              { ruleId: 'order.make_plan.final' },
            ],
          },
        ],
        recommendations: [
          {
            id: 'r-1',
            appealId: 'a-1',
            section: 'G',
            responsibleBody: 'icb',
            text: 'Therapy',
          },
        ],
        deadlines: [deadlineView({ id: 'd-9', status: 'met' })],
      }),
      'caseworker',
      TODAY,
    );
    const appeal = parts(groups).find((g) => g.heading.startsWith('Appeal'));
    expect(appeal?.options.map((o) => o.text)).toEqual([
      'Complied: Tribunal order: issue the final EHC plan',
      'The response to the recommendation on section G',
    ]);
    // The response is recorded on the form engine, like every other entry.
    expect(appeal?.options[1]).toMatchObject({
      kind: 'recommendation-response',
      params: { recommendation: 'r-1' },
      hint: 'Therapy',
    });
    expect(groups.some((g) => g.heading === 'Deadlines')).toBe(false);
  });

  it('offers a contact to everyone who records, and reassignment to a manager only', () => {
    const caseGroup = (role: 'caseworker' | 'manager') =>
      recordOptions(caseDetail(), role).find((g) => g.heading === 'The case');
    expect(caseGroup('caseworker')?.options.map((o) => o.kind)).toEqual([
      'contact',
    ]);
    expect(caseGroup('manager')?.options.map((o) => [o.kind, o.hint])).toEqual([
      ['contact', 'None on record yet'],
      ['reassignment', `Now ${caseDetail().caseworker}`],
    ]);
  });
});
