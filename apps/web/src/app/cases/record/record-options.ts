import type {
  CaseDetail,
  CertificateKind,
  MediationView,
  Role,
} from '@send/contracts';
import {
  alternativeDuty,
  CERTIFICATE_KIND_LABELS,
  formatLongDate,
  isOutstanding,
  ruleTitle,
} from '@send/domain';
import { responsibleBodyLabel } from '../../shared/labels';
import {
  decisionOfMediation,
  describeAppeal,
  describeDecision,
  describeMediation,
  describeOrder,
} from './subjects';

/** One thing that can be recorded now: the form that records it and what it is about. */
export interface RecordOption {
  text: string;
  hint?: string;
  /** The form (/cases/:id/record/<kind>). */
  kind: string;
  params: Record<string, string>;
}

export interface RecordGroup {
  heading: string;
  /** What the options are about, e.g. the decision of a mediation. */
  caption?: string;
  options: RecordOption[];
}

const option = (
  kind: string,
  text: string,
  params: Record<string, string> = {},
  hint?: string,
): RecordOption => ({
  kind,
  text,
  params,
  ...(hint ? { hint } : {}),
});

/** What the certificate of each kind needs on record first (as the API checks). */
const CERTIFICATE_FITS: Record<CertificateKind, (m: MediationView) => boolean> =
  {
    information_only: (m) =>
      m.choice === 'declined' || m.withdrawnOn !== undefined,
    mediation_concluded: (m) => m.heldOn !== undefined,
    mediation_not_arranged: (m) => m.notArranged === true,
  };

function mediationOptions(m: MediationView): RecordOption[] {
  const p = { mediation: m.id };
  const options: RecordOption[] = [];
  if (!m.choice) {
    options.push(
      option('mediation-declined', 'The family declined mediation', p),
    );
    options.push(
      option('mediation-requested', 'The family wants mediation', p),
    );
  }
  if (m.choice === 'requested') {
    if (m.healthInIssue && !m.healthNotifiedOn) {
      options.push(
        option(
          'mediation-health-notified',
          'The integrated care board was told about the mediation',
          p,
        ),
      );
    }
    if (!m.heldOn && !m.withdrawnOn) {
      options.push(
        option('mediation-arranged', 'The mediation was arranged', p),
      );
      if (!m.notArranged)
        options.push(
          option(
            'mediation-not-arranged',
            'The mediation could not be arranged within 30 days',
            p,
          ),
        );
      options.push(option('mediation-held', 'The mediation was held', p));
      if (m.certificates.length === 0)
        options.push(
          option(
            'mediation-withdrawn',
            'The family no longer wishes to pursue mediation',
            p,
          ),
        );
    }
    if (m.heldOn && !m.agreementDate)
      options.push(
        option('mediation-agreement', 'What was agreed at mediation', p),
      );
  }
  for (const item of m.agreementItems.filter((i) => !i.completedOn)) {
    options.push(
      option(
        'agreement-item-completed',
        `Agreed item done: ${item.description}`,
        { ...p, item: item.id },
      ),
    );
  }
  // Only where the council was not a party (health care the only issue): reg 42(4).
  if (m.agreementDate && m.healthOnly && !m.healthResponseReceivedOn) {
    options.push(
      option(
        'mediation-health-response',
        'The integrated care board told the council of the agreement',
        p,
      ),
    );
  }
  for (const kind of Object.keys(CERTIFICATE_FITS) as CertificateKind[]) {
    if (
      CERTIFICATE_FITS[kind](m) &&
      !m.certificates.some((c) => c.kind === kind)
    ) {
      options.push(
        option(
          'certificate',
          `Mediation certificate: ${CERTIFICATE_KIND_LABELS[kind].toLowerCase()}`,
          { ...p, kind },
        ),
      );
    }
  }
  return options;
}

/**
 * What can be recorded on the case now, grouped by what it is about, derived from the case as it
 * stands (the API checks the same things and refuses anything out of order): a decision at any
 * time; for each decision, contact with the mediation adviser and an appeal; each route's next
 * steps; each open deadline's extension; the case's contacts and, for a manager, its reassignment;
 * and a correction of any entry.
 */
export function recordOptions(detail: CaseDetail, role?: Role): RecordGroup[] {
  const groups: RecordGroup[] = [
    {
      heading: 'Decisions and meetings',
      options: [
        option(
          'decision',
          'A decision the council issued',
          {},
          'For example, not to carry out an EHC needs assessment',
        ),
        option(
          'assessment-requested',
          'A request for an EHC needs assessment',
          {},
          'The council must decide within 6 weeks',
        ),
        ...detail.assessmentRequests
          .filter(
            (r) =>
              !r.agreedOn &&
              !detail.decisions.some((d) => d.answers?.id === r.id),
          )
          .map((r) =>
            option(
              'assessment-agreed',
              `The council decided to assess (request of ${formatLongDate(r.receivedOn)})`,
              { request: r.id },
            ),
          ),
        option('draft-plan-served', 'A draft EHC plan served on the family'),
        ...detail.draftPlans
          .filter((d) => !d.commentsReceivedOn)
          .map((d) =>
            option(
              'draft-plan-comments',
              `The family's comments on the draft of ${formatLongDate(d.servedOn)}`,
              { draft: d.id },
            ),
          ),
        option(
          'review-meeting',
          'An annual review meeting',
          {},
          'The council must decide within 4 weeks',
        ),
        ...detail.reviews
          .filter(
            (r) =>
              !r.amendmentsProposedOn &&
              !detail.decisions.some((d) => d.answers?.id === r.id),
          )
          .map((r) =>
            option(
              'review-amendments-proposed',
              `Proposed amendments after the review of ${formatLongDate(r.meetingOn)}`,
              { review: r.id },
            ),
          ),
        option(
          'phase-transfer',
          'A transfer between phases of education ahead',
        ),
        option(
          'way-forward-requested',
          'A request for a SEND way forward meeting',
        ),
        ...detail.wayForwardMeetings
          .filter((w) => !w.heldOn)
          .map((w) =>
            option(
              'way-forward-held',
              `The way forward meeting requested ${formatLongDate(w.requestedOn)} was held`,
              { meeting: w.id },
            ),
          ),
        option('resolution-referred', 'A referral to disagreement resolution'),
        ...detail.disagreementResolutions
          .filter((r) => !r.concludedOn)
          .flatMap((r) => [
            option(
              'resolution-meeting',
              `A disagreement resolution meeting: ${r.subject}`,
              { resolution: r.id },
            ),
            option(
              'resolution-concluded',
              `Disagreement resolution ended: ${r.subject}`,
              { resolution: r.id },
            ),
          ]),
      ],
    },
  ];

  for (const decision of detail.decisions) {
    const mediations = detail.mediations.filter(
      (m) => m.decisionId === decision.id,
    );
    groups.push({
      heading: `Decision: ${describeDecision(decision)}`,
      caption: 'Mediation and appeal',
      options: [
        option(
          'mediation-adviser-contacted',
          'The family contacted the mediation adviser',
          { decision: decision.id },
        ),
        option('appeal-lodged', 'An appeal to the Tribunal', {
          decision: decision.id,
        }),
      ],
    });
    for (const m of mediations) {
      const options = mediationOptions(m);
      if (options.length) {
        groups.push({
          heading: `Mediation: ${describeMediation(m)}`,
          caption: `About the decision: ${describeDecision(decisionOfMediation(detail, m))}`,
          options,
        });
      }
    }
  }

  for (const appeal of detail.appeals) {
    const p = { appeal: appeal.id };
    const options: RecordOption[] = [];
    if (!appeal.outcome) {
      if (!appeal.registeredOn)
        options.push(
          option('appeal-registered', 'The Tribunal registered the appeal', p),
        );
      if (appeal.appealReceivedOn && !appeal.responseSentOn)
        options.push(
          option('appeal-response-sent', 'The council sent its response', p),
        );
      options.push(
        option(
          'hearing-listed',
          appeal.hearingDate ? 'A new hearing date' : 'The hearing date',
          p,
        ),
      );
      options.push(
        option(
          'appeal-outcome',
          'How the appeal ended: the Tribunal’s decision, orders and recommendations',
          p,
        ),
      );
    }
    for (const order of detail.orders.filter((o) => o.appealId === appeal.id)) {
      for (const duty of order.duties.filter((d) => !d.compliedOn)) {
        const alternative = alternativeDuty(duty.ruleId);
        if (
          alternative &&
          order.duties.some(
            (d) => d.ruleId === alternative.ruleId && d.compliedOn,
          )
        )
          continue;
        options.push(
          option(
            'order-compliance',
            `Complied: ${ruleTitle(duty.ruleId)}`,
            { order: order.id, duty: duty.ruleId },
            describeOrder(order),
          ),
        );
      }
    }
    for (const rec of detail.recommendations.filter(
      (r) => r.appealId === appeal.id && !r.response,
    )) {
      options.push(
        option(
          'recommendation-response',
          `The response to the recommendation on section ${rec.section}`,
          { recommendation: rec.id },
          rec.text,
        ),
      );
    }
    if (options.length)
      groups.push({ heading: `Appeal ${describeAppeal(appeal)}`, options });
  }

  const open = detail.deadlines.filter(isOutstanding);
  if (open.length) {
    groups.push({
      heading: 'Deadlines',
      options: open.map((d) =>
        option(
          'extension',
          `Extend: ${d.ruleTitle}`,
          { deadline: d.id },
          [
            `Due ${formatLongDate(d.dueOn)}`,
            d.responsibleBody ? responsibleBodyLabel(d.responsibleBody) : '',
          ]
            .filter(Boolean)
            .join('; '),
        ),
      ),
    });
  }
  groups.push({
    heading: 'The case',
    options: [
      option(
        'contact',
        'A parent, carer or other contact',
        {},
        detail.contacts.length
          ? `${detail.contacts.length} on record`
          : 'None on record yet',
      ),
      ...(role === 'manager'
        ? [
            option(
              'reassignment',
              'Reassign the case to another caseworker',
              {},
              `Now ${detail.caseworker}`,
            ),
          ]
        : []),
    ],
  });
  return groups;
}
