import type { CertificateKind, MediationView } from '@send/contracts';
import type { RuleId } from '../../clock/rules';
import { formatLongDate, invalidDateReason } from '../../dates/iso-date';
import type { CaseEventOf } from '../case-events';
import type { CaseSnapshot } from '../case-snapshot';
import {
  agreementItemRuleIds,
  appealLodgeFacts,
  CERTIFICATE_DEADLINE_RULES,
  certificateDatesOf,
  type DeadlineToOpen,
  effects,
  find,
  recorded,
} from '../deadline-duties';
import {
  CERTIFICATE_KIND_LABELS,
  lowerFirst,
  MEETING_OUTCOME_LABELS,
  plural,
} from '../labels';
import {
  atLeast,
  blank,
  defined,
  type EventHandlers,
  inconsistent,
  mustBeNew,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/**
 * Mediation (SEND Regs 2014 regs 32–42; Children and Families Act 2014 ss.52–55): the family
 * contacts the mediation adviser; declined or withdrawn, the adviser issues a certificate within 3
 * working days (reg 34); wanted, the council arranges it within 30 days (regs 36–37) and tells the
 * ICB within 3 working days where health provision is in issue (reg 35), or the ICB arranges it when
 * health care is the only issue (reg 35); held, the certificate follows within 3 working days
 * (reg 39); not arranged in time, within 3 working days (reg 37). An agreement (reg 42) binds the
 * council: appealable matters as if ordered (reg 42(2)), other matters within 2 weeks (reg 42(3)).
 * A certificate moves the appeal deadline (HESC r.20(1)(c)).
 */

const findMediation = (snapshot: CaseSnapshot, id: string) =>
  mustFind(
    snapshot.mediations,
    id,
    "There is no such mediation on this case: record the family's contact with the mediation adviser first.",
  );

/** The mediation, once the family has asked for it (the council has been told). */
function requestedMediation(
  snapshot: CaseSnapshot,
  id: string,
  recording: string,
): MediationView & { laInformedOn: string } {
  const mediation = findMediation(snapshot, id);
  if (
    mediation.choice !== 'requested' ||
    mediation.laInformedOn === undefined
  ) {
    throw notAllowed(
      `Record that the family asked for mediation before recording ${recording}.`,
    );
  }
  return { ...mediation, laInformedOn: mediation.laInformedOn };
}

/** What each kind of certificate needs on record first, and the date it cannot precede. */
const CERTIFICATE_PRECONDITIONS: Record<
  CertificateKind,
  {
    fits: (m: MediationView) => boolean;
    first: string;
    after: (m: MediationView) => string | undefined;
    afterWhat: string;
  }
> = {
  information_only: {
    fits: (m) => m.choice === 'declined' || m.withdrawnOn !== undefined,
    first:
      'Record that the family declined mediation, or no longer wish to pursue it, before recording an information-only certificate.',
    after: (m) => m.adviserContactedOn,
    afterWhat: 'the family contacted the mediation adviser',
  },
  mediation_concluded: {
    fits: (m) => m.heldOn !== undefined,
    first:
      'Record the mediation meeting before recording the certificate that mediation concluded.',
    after: (m) => m.heldOn,
    afterWhat: 'the mediation was held',
  },
  mediation_not_arranged: {
    fits: (m) => m.notArranged === true,
    first:
      'Record that the council could not arrange mediation in time before recording that certificate.',
    after: (m) => m.laInformedOn,
    afterWhat: 'the council was told mediation was wanted',
  },
};

/** The family's choice (to decline or to ask for mediation), once, after contacting the adviser. */
function checkChoice(
  snapshot: CaseSnapshot,
  event: CaseEventOf<'mediation.declined' | 'mediation.requested'>,
): void {
  const mediation = findMediation(snapshot, event.mediationId);
  if (mediation.choice) {
    throw notAllowed(
      `The family's choice is already recorded: they ${mediation.choice === 'declined' ? 'declined' : 'asked for'} mediation.`,
    );
  }
  const informed =
    event.type === 'mediation.declined'
      ? event.adviserInformedOn
      : event.laInformedOn;
  notBefore(
    informed,
    'The family cannot have made their choice',
    mediation.adviserContactedOn,
    'they contacted the mediation adviser',
  );
  if (
    event.type === 'mediation.requested' &&
    event.healthOnly &&
    !mediation.healthInIssue
  ) {
    throw inconsistent(
      'Mediation about health care provision only needs health provision to be in issue: record that it is, or leave "health only" unticked.',
    );
  }
}

function checkAgreement(
  snapshot: CaseSnapshot,
  event: CaseEventOf<'mediation.agreement_reached'>,
): void {
  const mediation = findMediation(snapshot, event.mediationId);
  if (mediation.heldOn === undefined)
    throw notAllowed(
      'Record the mediation meeting before recording what was agreed.',
    );
  if (mediation.agreementDate !== undefined) {
    throw notAllowed(
      `The agreement from this mediation is already recorded (${formatLongDate(mediation.agreementDate)}).`,
    );
  }
  notBefore(
    event.agreementDate,
    'The agreement cannot have been made',
    mediation.heldOn,
    'the mediation was held',
  );
  if (event.items.length === 0)
    throw inconsistent('List what was agreed: at least one item.');
  for (const item of event.items) {
    if (item.appealable && !item.orderType) {
      throw inconsistent(
        `Say what the agreed item "${item.description}" requires (assess, make a plan, amend the plan…): as a matter that could have been appealed, it takes the time limits of that order.`,
      );
    }
    if (!item.appealable && item.orderType) {
      throw inconsistent(
        `The agreed item "${item.description}" is not a matter that could have been appealed, so it takes no order type.`,
      );
    }
    if (item.orderType === 'reconsider') {
      throw inconsistent(
        `A mediation agreement cannot refer a case back to the council: say what the agreed item "${item.description}" requires.`,
      );
    }
    if (item.appealable && item.responsibleBody !== undefined) {
      throw inconsistent(
        `The agreed item "${item.description}" could have been appealed: the council does it, as if the agreement were an order (SEND Regs reg 42(2)).`,
      );
    }
    if (item.responsibleBody === 'icb' && !mediation.healthInIssue) {
      throw inconsistent(
        `Health provision was not in issue in this mediation, so the ICB cannot be the one to do "${item.description}".`,
      );
    }
    if (item.agreedDueOn !== undefined) {
      const reason = invalidDateReason(item.agreedDueOn);
      if (reason !== undefined)
        throw inconsistent(
          `Check the date agreed for "${item.description}": ${reason}.`,
        );
      notBefore(
        item.agreedDueOn,
        'An agreed date cannot fall',
        event.agreementDate,
        'the agreement',
      );
    }
  }
  mustBeNew(
    event.items.map((i) => i.itemId),
    snapshot.mediations.flatMap((m) => m.agreementItems),
    'Agreement item',
  );
}

/** The mediation events (and certificates): they move a case not yet at appeal to the `mediation` stage. */
function withMediation(
  snapshot: CaseSnapshot,
  mediationId: string,
  change: (m: MediationView) => MediationView,
): CaseSnapshot {
  return {
    ...snapshot,
    stage: atLeast(snapshot.stage, 'mediation'),
    mediations: updateById(snapshot.mediations, mediationId, change),
  };
}

/** The arrange deadline of a mediation: the council's (regs 36–37), or the ICB's when health care is the only issue (reg 35). */
const arrangeRule = (mediation: { healthOnly?: boolean }): RuleId =>
  mediation.healthOnly ? 'mediation.arrange_health_only' : 'mediation.arrange';

/** The mediation's arrange deadline, once it has one (the ICB's starts when the council tells it). */
function arrangeDeadline(mediation: MediationView): RuleId[] {
  if (mediation.choice !== 'requested') return [];
  return mediation.healthOnly && mediation.healthNotifiedOn === undefined
    ? []
    : [arrangeRule(mediation)];
}

export const MEDIATION_EVENTS: EventHandlers<
  | 'mediation.adviser_contacted'
  | 'mediation.declined'
  | 'mediation.requested'
  | 'mediation.withdrawn'
  | 'mediation.health_notified'
  | 'mediation.arranged'
  | 'mediation.not_arranged'
  | 'mediation.held'
  | 'mediation.agreement_reached'
  | 'mediation.agreement_item_completed'
  | 'mediation.health_response_received'
  | 'certificate.issued'
> = {
  'mediation.adviser_contacted': {
    dates: ['contactedOn'],
    check(snapshot, event) {
      const decision = mustFind(
        snapshot.decisions,
        event.decisionId,
        'There is no such decision on this case: record the decision before recording contact with the mediation adviser.',
      );
      mustBeNew([event.mediationId], snapshot.mediations, 'Mediation');
      notBefore(
        event.contactedOn,
        'The family cannot have contacted the mediation adviser',
        decision.decisionDate,
        'the decision',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      stage: atLeast(snapshot.stage, 'mediation'),
      mediations: [
        ...snapshot.mediations,
        {
          id: event.mediationId,
          decisionId: event.decisionId,
          providerName: event.providerName,
          ...(event.providerReference
            ? { providerReference: event.providerReference }
            : {}),
          adviserContactedOn: event.contactedOn,
          healthInIssue: event.healthInIssue,
          socialCareInIssue: event.socialCareInIssue,
          agreementItems: [],
          certificates: [],
        },
      ],
    }),
    // Meets `mediation.contact_adviser` for the decision (CFA 2014 s.55(2)).
    effects: (_before, event) =>
      effects({
        close: [
          {
            ruleId: 'mediation.contact_adviser',
            subjectId: event.decisionId,
            metOn: event.contactedOn,
          },
        ],
      }),
    businessDate: (event) => event.contactedOn,
    summary(event) {
      const inIssue = [
        event.healthInIssue && 'health',
        event.socialCareInIssue && 'social care',
      ].filter(Boolean);
      const issue =
        inIssue.length === 0 ? '' : `; ${inIssue.join(' and ')} in issue`;
      const reference = event.providerReference
        ? `, their reference ${event.providerReference}`
        : '';
      return `Family contacted the mediation adviser (${event.providerName}${reference}) ${formatLongDate(event.contactedOn)}${issue}`;
    },
  },

  'mediation.declined': {
    dates: ['adviserInformedOn'],
    check: checkChoice,
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        choice: 'declined',
      })),
    // reg 34: the adviser's certificate within 3 working days.
    effects: (_before, event) =>
      effects({
        open: [
          {
            ruleId: 'mediation.certificate_declined',
            subjectId: event.mediationId,
            facts: { adviserInformed: event.adviserInformedOn },
            dutyHolder: 'mediation_adviser',
          },
        ],
      }),
    businessDate: (event) => event.adviserInformedOn,
    summary: (event) =>
      `Mediation declined; adviser informed ${formatLongDate(event.adviserInformedOn)}`,
  },

  'mediation.requested': {
    dates: ['laInformedOn'],
    check: checkChoice,
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) =>
        defined({
          ...m,
          choice: 'requested' as const,
          laInformedOn: event.laInformedOn,
          healthOnly: event.healthOnly || undefined,
        }),
      ),
    effects(before, event) {
      const mediation = find(
        recorded(before).mediations,
        event.mediationId,
        'mediation',
      );
      const facts = { laInformed: event.laInformedOn };
      return effects({
        open: [
          // Health care provision the only issue: the ICB arranges it once the council has told it (reg 35).
          ...(event.healthOnly
            ? []
            : [
                {
                  ruleId: 'mediation.arrange' as const,
                  subjectId: event.mediationId,
                  facts,
                  dutyHolder: 'council' as const,
                },
              ]),
          ...(mediation.healthInIssue
            ? [
                {
                  ruleId: 'mediation.notify_health' as const,
                  subjectId: event.mediationId,
                  facts,
                  dutyHolder: 'council' as const,
                },
              ]
            : []),
        ],
      });
    },
    businessDate: (event) => event.laInformedOn,
    summary: (event) =>
      `Mediation requested${event.healthOnly ? ' about health care provision only (the ICB arranges it)' : ''}; council informed ${formatLongDate(event.laInformedOn)}`,
  },

  'mediation.withdrawn': {
    dates: ['adviserInformedOn'],
    check(snapshot, event) {
      const mediation = requestedMediation(
        snapshot,
        event.mediationId,
        'that the family no longer wishes to pursue it',
      );
      if (mediation.withdrawnOn !== undefined)
        throw notAllowed(
          `The family's withdrawal is already recorded (${formatLongDate(mediation.withdrawnOn)}).`,
        );
      if (mediation.heldOn !== undefined)
        throw notAllowed(
          `This mediation already took place (${formatLongDate(mediation.heldOn)}).`,
        );
      if (mediation.certificates.length > 0)
        throw notAllowed(
          'A certificate has already been issued for this mediation.',
        );
      notBefore(
        event.adviserInformedOn,
        'The adviser cannot have been told',
        mediation.laInformedOn,
        'the council was told mediation was wanted',
      );
    },
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        withdrawnOn: event.adviserInformedOn,
      })),
    // The arrangements no longer apply; the certificate follows within 3 working days (reg 34).
    effects(before, event) {
      const mediation = find(
        recorded(before).mediations,
        event.mediationId,
        'mediation',
      );
      const reason = 'The family no longer wishes to pursue mediation';
      return effects({
        cancel: [
          ...arrangeDeadline(mediation).map((ruleId) => ({
            ruleId,
            subjectId: mediation.id,
            reason,
          })),
          ...(mediation.healthInIssue
            ? [
                {
                  ruleId: 'mediation.notify_health' as const,
                  subjectId: mediation.id,
                  reason,
                },
              ]
            : []),
        ],
        open: [
          {
            ruleId: 'mediation.certificate_declined',
            subjectId: mediation.id,
            facts: { adviserInformed: event.adviserInformedOn },
            dutyHolder: 'mediation_adviser',
          },
        ],
      });
    },
    businessDate: (event) => event.adviserInformedOn,
    summary: (event) =>
      `The family no longer wishes to pursue mediation; adviser informed ${formatLongDate(event.adviserInformedOn)}`,
  },

  'mediation.health_notified': {
    dates: ['notifiedOn'],
    check(snapshot, event) {
      const mediation = findMediation(snapshot, event.mediationId);
      if (!mediation.healthInIssue) {
        throw inconsistent(
          'Health provision is not in issue in this mediation, so the integrated care board need not be told.',
        );
      }
      const requested = requestedMediation(
        snapshot,
        event.mediationId,
        'that the health commissioner was told',
      );
      if (mediation.healthNotifiedOn !== undefined) {
        throw notAllowed(
          `The health commissioner was already told about this mediation (${formatLongDate(mediation.healthNotifiedOn)}).`,
        );
      }
      notBefore(
        event.notifiedOn,
        'The health commissioner cannot have been told',
        requested.laInformedOn,
        'the council knew mediation was wanted',
      );
    },
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        healthNotifiedOn: event.notifiedOn,
      })),
    effects(before, event) {
      const mediation = find(
        recorded(before).mediations,
        event.mediationId,
        'mediation',
      );
      return effects({
        close: [
          {
            ruleId: 'mediation.notify_health',
            subjectId: event.mediationId,
            metOn: event.notifiedOn,
          },
        ],
        open: mediation.healthOnly
          ? [
              {
                ruleId: 'mediation.arrange_health_only',
                subjectId: mediation.id,
                facts: { healthCommissionerInformed: event.notifiedOn },
                dutyHolder: 'icb',
                responsibleBody: 'icb',
              },
            ]
          : [],
      });
    },
    businessDate: (event) => event.notifiedOn,
    summary: (event) =>
      `Health commissioner (ICB) told about the mediation ${formatLongDate(event.notifiedOn)}`,
  },

  'mediation.arranged': {
    dates: ['arrangedOn', 'mediationDate'],
    check(snapshot, event) {
      const mediation = requestedMediation(
        snapshot,
        event.mediationId,
        'its arrangements',
      );
      if (mediation.heldOn !== undefined)
        throw notAllowed(
          `This mediation already took place (${formatLongDate(mediation.heldOn)}).`,
        );
      if (mediation.withdrawnOn !== undefined)
        throw notAllowed(
          'The family no longer wishes to pursue this mediation.',
        );
      notBefore(
        event.arrangedOn,
        'The mediation cannot have been arranged',
        mediation.laInformedOn,
        'the council was told it was wanted',
      );
      notBefore(
        event.mediationDate,
        'The mediation cannot take place',
        event.arrangedOn,
        'it was arranged',
      );
    },
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        arrangedFor: event.mediationDate,
      })),
    // Arranging it does not meet regs 36–37: holding it does.
    effects: () => effects({}),
    businessDate: (event) => event.arrangedOn,
    summary: (event) =>
      `Mediation arranged for ${formatLongDate(event.mediationDate)}`,
  },

  'mediation.not_arranged': {
    dates: ['adviserInformedOn'],
    check(snapshot, event) {
      const mediation = requestedMediation(
        snapshot,
        event.mediationId,
        'that it could not be arranged',
      );
      if (mediation.heldOn !== undefined) {
        throw inconsistent(
          `This mediation took place on ${formatLongDate(mediation.heldOn)}, so it cannot be recorded as not arranged.`,
        );
      }
      if (mediation.notArranged)
        throw notAllowed(
          'This mediation is already recorded as not arranged in time.',
        );
      if (mediation.withdrawnOn !== undefined)
        throw notAllowed(
          'The family no longer wishes to pursue this mediation.',
        );
      notBefore(
        event.adviserInformedOn,
        'The adviser cannot have been told',
        mediation.laInformedOn,
        'the council was told mediation was wanted',
      );
    },
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        notArranged: true,
      })),
    // The arrange deadline stays as it is until the certificate says mediation was not arranged (reg 37).
    effects: (_before, event) =>
      effects({
        open: [
          {
            ruleId: 'mediation.certificate_not_arranged',
            subjectId: event.mediationId,
            facts: { adviserInformed: event.adviserInformedOn },
            dutyHolder: 'mediation_adviser',
          },
        ],
      }),
    businessDate: (event) => event.adviserInformedOn,
    summary: (event) =>
      `Mediation could not be arranged in time; adviser informed ${formatLongDate(event.adviserInformedOn)}`,
  },

  'mediation.held': {
    dates: ['heldOn', 'concludedOn'],
    check(snapshot, event) {
      const mediation = requestedMediation(
        snapshot,
        event.mediationId,
        'the mediation meeting',
      );
      if (mediation.heldOn !== undefined)
        throw notAllowed(
          `This mediation is already recorded as held (${formatLongDate(mediation.heldOn)}).`,
        );
      if (mediation.withdrawnOn !== undefined)
        throw notAllowed(
          'The family no longer wishes to pursue this mediation: it cannot have been held.',
        );
      if (event.participants?.some((p) => blank(p)))
        throw inconsistent('Give each participant a name.');
      notBefore(
        event.heldOn,
        'The mediation cannot have been held',
        mediation.laInformedOn,
        'the council was told it was wanted',
      );
      notBefore(
        event.concludedOn,
        'The mediation cannot have concluded',
        event.heldOn,
        'it was held',
      );
    },
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) =>
        defined({
          ...m,
          heldOn: event.heldOn,
          outcome: event.outcome,
          participants: event.participants?.length
            ? event.participants
            : undefined,
        }),
      ),
    // Meets the arrange deadline; the certificate follows within 3 working days of its end (reg 39).
    effects(before, event) {
      const mediation = find(
        recorded(before).mediations,
        event.mediationId,
        'mediation',
      );
      return effects({
        close: arrangeDeadline(mediation).map((ruleId) => ({
          ruleId,
          subjectId: event.mediationId,
          metOn: event.heldOn,
        })),
        open: [
          {
            ruleId: 'mediation.certificate_concluded',
            subjectId: event.mediationId,
            facts: { mediationConcluded: event.concludedOn },
            dutyHolder: 'mediation_adviser',
          },
        ],
      });
    },
    businessDate: (event) => event.heldOn,
    summary(event) {
      const who = event.participants?.length
        ? `; taking part: ${event.participants.join(', ')}`
        : '';
      return `Mediation held ${formatLongDate(event.heldOn)}: ${MEETING_OUTCOME_LABELS[event.outcome]}${who}`;
    },
  },

  'mediation.agreement_reached': {
    dates: ['agreementDate'],
    check: checkAgreement,
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        agreementDate: event.agreementDate,
        agreementItems: [
          ...m.agreementItems,
          ...event.items.map((item) =>
            defined({
              id: item.itemId,
              description: item.description,
              appealable: item.appealable,
              orderType: item.orderType,
              responsibleBody: item.responsibleBody,
              agreedDueOn: item.agreedDueOn,
            }),
          ),
        ],
      })),
    // reg 42(2): appealable matters take the order periods; reg 42(3): other matters 2 weeks; reg 42(5): a timescale agreed in writing.
    effects(before, event) {
      const mediation = find(
        recorded(before).mediations,
        event.mediationId,
        'mediation',
      );
      const facts = { agreementDate: event.agreementDate };
      return effects({
        open: [
          ...event.items.flatMap((item) =>
            agreementItemRuleIds(item).map((ruleId): DeadlineToOpen => {
              const icb = !item.appealable && item.responsibleBody === 'icb';
              return {
                ruleId,
                subjectId: item.itemId,
                facts,
                dutyHolder: icb ? 'icb' : 'council',
                ...(icb ? { responsibleBody: 'icb' as const } : {}),
                ...(item.agreedDueOn
                  ? {
                      agreedDueOn: item.agreedDueOn,
                      setBy: 'written_agreement' as const,
                    }
                  : {}),
              };
            }),
          ),
          // Only where the council was not a party to the mediation (reg 42(4)).
          ...(mediation.healthOnly
            ? [
                {
                  ruleId: 'agreement.health_notify_la' as const,
                  subjectId: event.mediationId,
                  facts,
                  dutyHolder: 'icb' as const,
                  responsibleBody: 'icb' as const,
                },
              ]
            : []),
        ],
      });
    },
    businessDate: (event) => event.agreementDate,
    summary: (event) =>
      `Mediation agreement ${formatLongDate(event.agreementDate)}: ${plural(event.items.length, 'item')} agreed`,
  },

  'mediation.agreement_item_completed': {
    dates: ['completedOn'],
    check(snapshot, event) {
      const mediation = findMediation(snapshot, event.mediationId);
      const item = mustFind(
        mediation.agreementItems,
        event.itemId,
        'There is no such item in the agreement from this mediation.',
      );
      if (item.completedOn !== undefined)
        throw notAllowed(
          `This agreed item is already recorded as done (${formatLongDate(item.completedOn)}).`,
        );
      notBefore(
        event.completedOn,
        'The agreed item cannot have been done',
        mediation.agreementDate,
        'the agreement was made',
      );
      if (blank(event.evidence))
        throw inconsistent(
          'Say what shows the agreed item was done (the evidence).',
        );
    },
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        agreementItems: updateById(m.agreementItems, event.itemId, (item) => ({
          ...item,
          completedOn: event.completedOn,
          evidence: event.evidence,
        })),
      })),
    effects(before, event) {
      const mediation = find(
        recorded(before).mediations,
        event.mediationId,
        'mediation',
      );
      const item = find(
        mediation.agreementItems,
        event.itemId,
        'agreement item',
      );
      return effects({
        close: agreementItemRuleIds(item).map((ruleId) => ({
          ruleId,
          subjectId: item.id,
          metOn: event.completedOn,
        })),
      });
    },
    businessDate: (event) => event.completedOn,
    summary: (event) =>
      `Mediation agreement item done ${formatLongDate(event.completedOn)}: ${event.evidence}`,
  },

  'mediation.health_response_received': {
    dates: ['receivedOn'],
    check(snapshot, event) {
      const mediation = findMediation(snapshot, event.mediationId);
      if (mediation.agreementDate === undefined)
        throw notAllowed(
          'Record the mediation agreement before the ICB’s notice of it.',
        );
      if (!mediation.healthOnly) {
        throw inconsistent(
          'The council took part in this mediation, so the ICB need not notify it of the agreement (SEND Regs reg 42(4) applies only where the council was not a party).',
        );
      }
      if (mediation.healthResponseReceivedOn !== undefined) {
        throw notAllowed(
          `The ICB’s response is already recorded (${formatLongDate(mediation.healthResponseReceivedOn)}).`,
        );
      }
      notBefore(
        event.receivedOn,
        'The ICB’s response cannot have been received',
        mediation.agreementDate,
        'the agreement was made',
      );
    },
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        healthResponseReceivedOn: event.receivedOn,
      })),
    // Meets `agreement.health_notify_la` (reg 42(4)).
    effects: (_before, event) =>
      effects({
        close: [
          {
            ruleId: 'agreement.health_notify_la',
            subjectId: event.mediationId,
            metOn: event.receivedOn,
          },
        ],
      }),
    businessDate: (event) => event.receivedOn,
    summary: (event) =>
      `ICB told the council what it will do under the mediation agreement, ${formatLongDate(event.receivedOn)}`,
  },

  'certificate.issued': {
    dates: ['issuedOn'],
    check(snapshot, event) {
      const mediation = findMediation(snapshot, event.mediationId);
      const kind = CERTIFICATE_PRECONDITIONS[event.kind];
      if (!kind.fits(mediation)) throw notAllowed(kind.first);
      if (mediation.certificates.some((c) => c.kind === event.kind)) {
        throw notAllowed(
          `A certificate of this kind (${CERTIFICATE_KIND_LABELS[event.kind].toLowerCase()}) is already recorded for this mediation.`,
        );
      }
      mustBeNew(
        [event.certificateId],
        snapshot.mediations.flatMap((m) => m.certificates),
        'Certificate',
      );
      notBefore(
        event.issuedOn,
        'The certificate cannot have been issued',
        kind.after(mediation),
        kind.afterWhat,
      );
    },
    apply: (snapshot, event) =>
      withMediation(snapshot, event.mediationId, (m) => ({
        ...m,
        certificates: [
          ...m.certificates,
          {
            id: event.certificateId,
            kind: event.kind,
            issuedOn: event.issuedOn,
          },
        ],
      })),
    // Meets its certificate deadline and moves `appeal.lodge` (HESC r.20(1)(c): 1 month from the certificate, if later).
    effects(before, event) {
      const snapshot = recorded(before);
      const mediation = find(
        snapshot.mediations,
        event.mediationId,
        'mediation',
      );
      const decision = find(
        snapshot.decisions,
        mediation.decisionId,
        'decision',
      );
      return effects({
        close: [
          {
            ruleId: CERTIFICATE_DEADLINE_RULES[event.kind],
            subjectId: mediation.id,
            metOn: event.issuedOn,
          },
        ],
        // The certificate says the mediation was not arranged in time: that duty can no longer be met.
        miss:
          event.kind === 'mediation_not_arranged'
            ? arrangeDeadline(mediation).map((ruleId) => ({
                ruleId,
                subjectId: mediation.id,
                reason:
                  'Mediation was not arranged in time: the adviser issued a certificate saying so',
              }))
            : [],
        move: [
          {
            ruleId: 'appeal.lodge',
            subjectId: decision.id,
            facts: appealLodgeFacts(decision.letterSent, [
              ...certificateDatesOf(snapshot, decision.id),
              event.issuedOn,
            ]),
          },
        ],
      });
    },
    businessDate: (event) => event.issuedOn,
    summary: (event) =>
      `Mediation certificate issued ${formatLongDate(event.issuedOn)}: ${lowerFirst(CERTIFICATE_KIND_LABELS[event.kind])}`,
  },
};
