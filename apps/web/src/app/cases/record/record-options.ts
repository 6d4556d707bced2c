import type {
  AppealView,
  CaseDetail,
  CertificateKind,
  MediationView,
  Role,
} from '@send/contracts';
import {
  alternativeDuty,
  type CaseEvent,
  CaseRuleError,
  type CaseSnapshot,
  CERTIFICATE_KIND_LABELS,
  checkCaseEvent,
  formatLongDate,
  isOutstanding,
  ruleInfo,
  ruleTitle,
} from '@send/domain';
import { londonToday } from '../../shared/dates';
import { responsibleBodyLabel } from '../../shared/labels';
import {
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
  /** The group's anchor (a decision's: `decision-<id>`, which the case page links to). */
  id?: string;
  /** What the options are about, e.g. the decision of a mediation. */
  caption?: string;
  options: RecordOption[];
  /** A decision's route, part by part: each mediation and each appeal about it, with what can happen next on it. */
  parts?: { heading: string; options: RecordOption[] }[];
}

/**
 * Whether the domain lets `event` follow on the case as it stands (its own checks, `checkCaseEvent`):
 * refused only when something must happen first or the subject is not on the case; a placeholder
 * date or fact the real entry will give (`INCONSISTENT_FACT`) or a fact to confirm (`UNUSUAL_FACT`)
 * do not keep an entry off the menu.
 */
export function mayFollow(
  detail: CaseDetail,
  event: CaseEvent,
  today: string,
): boolean {
  try {
    checkCaseEvent(detail as unknown as CaseSnapshot, event, { today });
    return true;
  } catch (error) {
    if (error instanceof CaseRuleError)
      return (
        error.code === 'INCONSISTENT_FACT' || error.code === 'UNUSUAL_FACT'
      );
    throw error;
  }
}

/** The placeholder id of a thing an entry would create (the check needs one). */
const NEW = 'new';

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

/** The domain's check of an entry, on this case, today. */
type May = (event: CaseEvent) => boolean;

function mediationOptions(
  m: MediationView,
  may: May,
  today: string,
): RecordOption[] {
  const p = { mediation: m.id };
  const mediationId = m.id;
  const options: RecordOption[] = [];
  const offer = (event: CaseEvent, o: RecordOption) => {
    if (may(event)) options.push(o);
  };
  if (!m.choice) {
    offer(
      { type: 'mediation.declined', mediationId, adviserInformedOn: today },
      option('mediation-declined', 'The family declined mediation', p),
    );
    offer(
      { type: 'mediation.requested', mediationId, laInformedOn: today },
      option('mediation-requested', 'The family wants mediation', p),
    );
  }
  if (m.choice === 'requested') {
    if (m.healthInIssue && !m.healthNotifiedOn) {
      offer(
        { type: 'mediation.health_notified', mediationId, notifiedOn: today },
        option(
          'mediation-health-notified',
          'The ICB was told about the mediation',
          p,
        ),
      );
    }
    if (!m.heldOn && !m.withdrawnOn) {
      offer(
        {
          type: 'mediation.arranged',
          mediationId,
          arrangedOn: today,
          mediationDate: today,
        },
        option('mediation-arranged', 'The mediation was arranged', p),
      );
      if (!m.notArranged)
        offer(
          {
            type: 'mediation.not_arranged',
            mediationId,
            adviserInformedOn: today,
          },
          option(
            'mediation-not-arranged',
            'The mediation could not be arranged within 30 days',
            p,
          ),
        );
      offer(
        {
          type: 'mediation.held',
          mediationId,
          heldOn: today,
          concludedOn: today,
          outcome: 'resolved',
        },
        option('mediation-held', 'The mediation was held', p),
      );
      if (m.certificates.length === 0)
        offer(
          {
            type: 'mediation.withdrawn',
            mediationId,
            adviserInformedOn: today,
          },
          option(
            'mediation-withdrawn',
            'The family no longer wishes to pursue mediation',
            p,
          ),
        );
    }
    if (m.heldOn && !m.agreementDate)
      offer(
        {
          type: 'mediation.agreement_reached',
          mediationId,
          agreementDate: today,
          items: [{ itemId: NEW, description: NEW, appealable: false }],
        },
        option('mediation-agreement', 'What was agreed at mediation', p),
      );
  }
  for (const item of m.agreementItems.filter((i) => !i.completedOn)) {
    offer(
      {
        type: 'mediation.agreement_item_completed',
        mediationId,
        itemId: item.id,
        completedOn: today,
        evidence: NEW,
      },
      option(
        'agreement-item-completed',
        `Agreed item done: ${item.description}`,
        { ...p, item: item.id },
      ),
    );
  }
  // Only where the council was not a party (health care the only issue): reg 42(4).
  if (m.agreementDate && m.healthOnly && !m.healthResponseReceivedOn) {
    offer(
      {
        type: 'mediation.health_response_received',
        mediationId,
        receivedOn: today,
      },
      option(
        'mediation-health-response',
        'The ICB told the council of the agreement',
        p,
      ),
    );
  }
  for (const kind of Object.keys(CERTIFICATE_FITS) as CertificateKind[]) {
    if (
      CERTIFICATE_FITS[kind](m) &&
      !m.certificates.some((c) => c.kind === kind)
    ) {
      offer(
        {
          type: 'certificate.issued',
          certificateId: NEW,
          mediationId,
          kind,
          issuedOn: today,
        },
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

/** What can happen next on an appeal: its steps to the hearing and outcome, then compliance with each order and the response to each recommendation. */
function appealOptions(
  detail: CaseDetail,
  appeal: AppealView,
  may: May,
  today: string,
): RecordOption[] {
  const p = { appeal: appeal.id };
  const appealId = appeal.id;
  const options: RecordOption[] = [];
  const offer = (event: CaseEvent, o: RecordOption) => {
    if (may(event)) options.push(o);
  };
  if (!appeal.outcome) {
    if (!appeal.registeredOn)
      offer(
        {
          type: 'appeal.registered',
          appealId,
          registeredOn: today,
          appealReceivedOn: today,
        },
        option('appeal-registered', 'The Tribunal registered the appeal', p),
      );
    if (appeal.appealReceivedOn && !appeal.responseSentOn)
      offer(
        { type: 'appeal.response_sent', appealId, sentOn: today },
        option('appeal-response-sent', 'The council sent its response', p),
      );
    offer(
      { type: 'appeal.hearing_listed', appealId, hearingDate: today },
      option(
        'hearing-listed',
        appeal.hearingDate ? 'A new hearing date' : 'The hearing date',
        p,
      ),
    );
    offer(
      {
        type: 'appeal.decided',
        appealId,
        outcome: 'withdrawn',
        decisionDate: today,
        recommendations: [],
      },
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
      offer(
        {
          type: 'order.complied',
          orderId: order.id,
          ruleId: duty.ruleId,
          compliedOn: today,
          evidence: NEW,
        },
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
    offer(
      {
        type: 'recommendation.responded',
        recommendationId: rec.id,
        outcome: 'followed',
        sentOn: today,
        sentTo: [NEW],
      },
      option(
        'recommendation-response',
        `The response to the recommendation on section ${rec.section}`,
        { recommendation: rec.id },
        rec.text,
      ),
    );
  }
  return options;
}

/**
 * What can be recorded on the case now, derived from the case as it stands and the domain's own
 * checks of what may follow (`mayFollow`; the API checks the same and refuses anything out of
 * order): a decision, request, review or meeting at any time; for each decision (newest first),
 * what can happen next on its route — a way forward meeting held, contact with the mediation
 * adviser, an appeal, and each mediation's and appeal's next steps, orders and recommendations; each
 * open deadline's extension; the case's contacts and, for a manager, its reassignment.
 */
export function recordOptions(
  detail: CaseDetail,
  role?: Role,
  today = londonToday(),
): RecordGroup[] {
  const may: May = (event) => mayFollow(detail, event, today);
  const groups: RecordGroup[] = [
    {
      heading: 'Decisions, requests and meetings',
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
          .filter((w) => !w.heldOn && !w.decisionId)
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

  const decisions = detail.decisions;
  decisions.forEach((decision, index) => {
    const decisionId = decision.id;
    const options: RecordOption[] = [];
    for (const w of detail.wayForwardMeetings.filter(
      (m) => m.decisionId === decisionId && !m.heldOn,
    )) {
      if (
        may({
          type: 'way_forward.held',
          meetingId: w.id,
          heldOn: today,
          outcome: 'resolved',
        })
      )
        options.push(
          option(
            'way-forward-held',
            `The way forward meeting requested ${formatLongDate(w.requestedOn)} was held`,
            { meeting: w.id },
          ),
        );
    }
    if (
      may({
        type: 'mediation.adviser_contacted',
        mediationId: NEW,
        decisionId,
        providerName: NEW,
        contactedOn: today,
        healthInIssue: false,
        socialCareInIssue: false,
      })
    )
      options.push(
        option(
          'mediation-adviser-contacted',
          'The family contacted the mediation adviser',
          { decision: decisionId },
        ),
      );
    if (
      may({
        type: 'appeal.lodged',
        appealId: NEW,
        decisionId,
        tribunalReference: NEW,
        lodgedOn: today,
      })
    )
      options.push(
        option('appeal-lodged', 'An appeal to the Tribunal', {
          decision: decisionId,
        }),
      );
    const parts: { heading: string; options: RecordOption[] }[] = [];
    for (const m of detail.mediations.filter(
      (m) => m.decisionId === decisionId,
    )) {
      const next = mediationOptions(m, may, today);
      if (next.length)
        parts.push({
          heading: `Mediation: ${describeMediation(m)}`,
          options: next,
        });
    }
    for (const appeal of detail.appeals.filter(
      (a) => a.decisionId === decisionId,
    )) {
      const next = appealOptions(detail, appeal, may, today);
      if (next.length)
        parts.push({
          heading: `Appeal ${describeAppeal(appeal)}`,
          options: next,
        });
    }
    groups.push({
      heading: `Decision ${index + 1} of ${decisions.length}: ${describeDecision(decision)}`,
      id: `decision-${decisionId}`,
      caption: 'What can happen next on this decision’s route',
      options,
      ...(parts.length ? { parts } : {}),
    });
  });
  // Newest decision first, after the general entries.
  groups.splice(1, decisions.length, ...groups.slice(1).reverse());

  // Only a time limit the law lets be extended (a statutory exception, see `ruleInfo(...).extension`).
  const open = detail.deadlines.filter(
    (d) => isOutstanding(d) && !!ruleInfo(d.ruleId)?.extension,
  );
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
