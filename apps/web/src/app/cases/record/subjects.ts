import type {
  AppealView,
  CaseDetail,
  DeadlineView,
  DecisionView,
  DisagreementResolutionView,
  MediationView,
  OrderView,
  RecommendationView,
  WayForwardMeetingView,
} from '@send/contracts';
import {
  CERTIFICATE_KIND_LABELS,
  DECISION_TYPE_LABELS,
  formatLongDate,
  isOutstanding,
  ORDER_TYPE_LABELS,
} from '@send/domain';
import type { FormContext } from './event-form';

/*
 * The things on a case an entry can be about (a decision, a mediation, an appeal…), found from the
 * address's query parameters, and described in words for the top of each form.
 */

const byId = <T extends { id: string }>(
  items: readonly T[],
  id: string | undefined,
) => (id === undefined ? undefined : items.find((i) => i.id === id));

export const decisionOf = (ctx: FormContext): DecisionView | undefined =>
  byId(ctx.detail.decisions, ctx.params['decision']);
export const mediationOf = (ctx: FormContext): MediationView | undefined =>
  byId(ctx.detail.mediations, ctx.params['mediation']);
export const appealOf = (ctx: FormContext): AppealView | undefined =>
  byId(ctx.detail.appeals, ctx.params['appeal']);
export const orderOf = (ctx: FormContext): OrderView | undefined =>
  byId(ctx.detail.orders, ctx.params['order']);
export const meetingOf = (
  ctx: FormContext,
): WayForwardMeetingView | undefined =>
  byId(ctx.detail.wayForwardMeetings, ctx.params['meeting']);
export const resolutionOf = (
  ctx: FormContext,
): DisagreementResolutionView | undefined =>
  byId(ctx.detail.disagreementResolutions, ctx.params['resolution']);
export const deadlineOf = (ctx: FormContext): DeadlineView | undefined =>
  byId(ctx.detail.deadlines, ctx.params['deadline']);
export const recommendationOf = (
  ctx: FormContext,
): RecommendationView | undefined =>
  byId(ctx.detail.recommendations, ctx.params['recommendation']);

/** "Not to carry out an EHC needs assessment, letter sent Mon 5 Jan 2026". */
export function describeDecision(d: DecisionView | undefined): string {
  return d
    ? `${DECISION_TYPE_LABELS[d.type]}, letter sent ${formatLongDate(d.letterSent)}`
    : 'Unknown decision';
}

export function decisionOfMediation(
  detail: CaseDetail,
  m: MediationView,
): DecisionView | undefined {
  return detail.decisions.find((d) => d.id === m.decisionId);
}

/** "Global Mediation (their reference GM-0412); the family contacted the adviser Tue 6 Jan 2026". */
export function describeMediation(m: MediationView): string {
  const reference = m.providerReference
    ? ` (their reference ${m.providerReference})`
    : '';
  return `${m.providerName}${reference}; the family contacted the adviser ${formatLongDate(m.adviserContactedOn)}`;
}

export function describeAppeal(a: AppealView): string {
  return `${a.tribunalReference}, lodged ${formatLongDate(a.lodgedOn)}`;
}

export function describeOrder(o: OrderView): string {
  return o.details
    ? `${ORDER_TYPE_LABELS[o.type]}: ${o.details}`
    : ORDER_TYPE_LABELS[o.type];
}

export const certificateKindLabel = (kind: string) =>
  CERTIFICATE_KIND_LABELS[kind as keyof typeof CERTIFICATE_KIND_LABELS] ?? kind;

/** The summary-list rows that say what a form is about. */
export function aboutMediation(
  ctx: FormContext,
): { key: string; value: string }[] {
  const m = mediationOf(ctx);
  if (!m) return [];
  return [
    {
      key: 'Decision',
      value: describeDecision(decisionOfMediation(ctx.detail, m)),
    },
    { key: 'Mediation', value: describeMediation(m) },
  ];
}

export function aboutAppeal(
  ctx: FormContext,
): { key: string; value: string }[] {
  const a = appealOf(ctx);
  if (!a) return [];
  return [
    { key: 'Appeal', value: describeAppeal(a) },
    {
      key: 'Decision appealed',
      value: describeDecision(
        ctx.detail.decisions.find((d) => d.id === a.decisionId),
      ),
    },
  ];
}

/** The case's deadline of a rule about a subject, if it has one. */
export function deadlineFor(
  detail: CaseDetail,
  ruleId: string,
  subjectId: string,
): DeadlineView | undefined {
  return detail.deadlines.find(
    (d) => d.ruleId === ruleId && d.subjectId === subjectId,
  );
}

/** ", due Wed 4 Mar 2026" when the case has that deadline open. */
export function dueText(
  detail: CaseDetail,
  ruleId: string,
  subjectId: string,
): string {
  const d = deadlineFor(detail, ruleId, subjectId);
  return d && isOutstanding(d)
    ? ` On this case it is due ${formatLongDate(d.dueOn)}.`
    : '';
}
