import {
  AGREEMENT_BODIES,
  APPEAL_OUTCOMES,
  APPELLANTS,
  CERTIFICATE_KINDS,
  DECISION_ANSWERS,
  DECISION_TYPES,
  EXTENSION_GROUND_IDS,
  MEETING_OUTCOMES,
  NOTE_KINDS,
  ORDER_TYPES,
  PHASE_TRANSFER_KINDS,
  PLAN_SECTIONS,
  RECOMMENDATION_SECTIONS,
  RESPONSE_OUTCOMES,
  RESPONSE_RECIPIENTS,
  RESPONSIBLE_BODIES,
} from '@send/contracts';
import type { CaseEvent, CaseEventType } from '@send/domain';
import { z } from 'zod';

/**
 * The entries of a case's past that can be recorded in one go (`POST /api/cases/:id/history`, and
 * `import-cases` from a file): the case events a caseworker records, in the shape of the history
 * export, with the ids of what each entry creates chosen by the importer (UUIDs), so that later
 * entries can refer to earlier ones. The domain then checks each entry exactly as the single-entry
 * endpoints do, in order, in one transaction. An extension names its deadline by rule and subject.
 */

const id = z.uuid({
  error:
    'must be a UUID (the id this entry gives what it creates, or the id of something recorded earlier)',
});
const date = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' });
const text = (max = 2000) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be ${max} characters or fewer` });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });
const dates = z.record(z.string(), date);

const ENTRY_SCHEMAS = [
  z.strictObject({
    type: z.literal('contact.added'),
    contactId: id,
    name: text(200),
    relationship: text(100),
    email: text(254).optional(),
    phone: text(40).optional(),
    addedOn: date,
  }),
  z.strictObject({
    type: z.literal('decision.issued'),
    decisionId: id,
    decisionType: oneOf(DECISION_TYPES),
    decisionDate: date,
    letterSent: date,
    sections: z.array(oneOf(PLAN_SECTIONS)).max(12).default([]),
    letterChecklist: z
      .strictObject({
        mediationInformation: z.boolean(),
        appealRights: z.boolean(),
        timeLimits: z.boolean(),
        disagreementResolution: z.boolean(),
      })
      .optional(),
    rationale: text(10_000).optional(),
    answers: z.strictObject({ kind: oneOf(DECISION_ANSWERS), id }).optional(),
  }),
  z.strictObject({
    type: z.literal('decision.corrected'),
    decisionId: id,
    decisionDate: date,
    letterSent: date,
  }),
  z.strictObject({
    type: z.literal('assessment.requested'),
    requestId: id,
    receivedOn: date,
  }),
  z.strictObject({
    type: z.literal('assessment.agreed'),
    requestId: id,
    notifiedOn: date,
  }),
  z.strictObject({
    type: z.literal('draft_plan.served'),
    draftId: id,
    requestId: id.optional(),
    servedOn: date,
  }),
  z.strictObject({
    type: z.literal('draft_plan.comments_received'),
    draftId: id,
    receivedOn: date,
  }),
  z.strictObject({
    type: z.literal('review.meeting_held'),
    reviewId: id,
    heldOn: date,
  }),
  z.strictObject({
    type: z.literal('review.amendments_proposed'),
    reviewId: id,
    sentOn: date,
  }),
  z.strictObject({
    type: z.literal('phase_transfer.recorded'),
    transferId: id,
    transferDate: date,
    kind: oneOf(PHASE_TRANSFER_KINDS),
    recordedOn: date,
  }),
  z.strictObject({
    type: z.literal('way_forward.requested'),
    meetingId: id,
    decisionId: id.optional(),
    requestedOn: date,
  }),
  z.strictObject({
    type: z.literal('way_forward.held'),
    meetingId: id,
    heldOn: date,
    outcome: oneOf(MEETING_OUTCOMES),
    notes: text(10_000).optional(),
  }),
  z.strictObject({
    type: z.literal('mediation.adviser_contacted'),
    mediationId: id,
    decisionId: id,
    providerName: text(200),
    providerReference: text(200).optional(),
    contactedOn: date,
    healthInIssue: z.boolean(),
    socialCareInIssue: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('mediation.declined'),
    mediationId: id,
    adviserInformedOn: date,
  }),
  z.strictObject({
    type: z.literal('mediation.requested'),
    mediationId: id,
    laInformedOn: date,
    healthOnly: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('mediation.withdrawn'),
    mediationId: id,
    adviserInformedOn: date,
  }),
  z.strictObject({
    type: z.literal('mediation.health_notified'),
    mediationId: id,
    notifiedOn: date,
  }),
  z.strictObject({
    type: z.literal('mediation.arranged'),
    mediationId: id,
    arrangedOn: date,
    mediationDate: date,
  }),
  z.strictObject({
    type: z.literal('mediation.not_arranged'),
    mediationId: id,
    adviserInformedOn: date,
  }),
  z.strictObject({
    type: z.literal('mediation.held'),
    mediationId: id,
    heldOn: date,
    concludedOn: date,
    outcome: oneOf(MEETING_OUTCOMES),
    participants: z.array(text(200)).max(20).optional(),
  }),
  z.strictObject({
    type: z.literal('mediation.agreement_reached'),
    mediationId: id,
    agreementDate: date,
    items: z
      .array(
        z.strictObject({
          itemId: id,
          description: text(),
          appealable: z.boolean(),
          orderType: oneOf(ORDER_TYPES).optional(),
          responsibleBody: oneOf(AGREEMENT_BODIES).optional(),
          agreedDueOn: date.optional(),
        }),
      )
      .min(1, { error: 'must list at least one thing agreed' })
      .max(20),
  }),
  z.strictObject({
    type: z.literal('mediation.agreement_item_completed'),
    mediationId: id,
    itemId: id,
    completedOn: date,
    evidence: text(),
  }),
  z.strictObject({
    type: z.literal('mediation.health_response_received'),
    mediationId: id,
    receivedOn: date,
  }),
  z.strictObject({
    type: z.literal('certificate.issued'),
    certificateId: id,
    mediationId: id,
    kind: oneOf(CERTIFICATE_KINDS),
    issuedOn: date,
  }),
  z.strictObject({
    type: z.literal('disagreement_resolution.referred'),
    resolutionId: id,
    referredOn: date,
    subject: text(),
  }),
  z.strictObject({
    type: z.literal('disagreement_resolution.meeting_held'),
    resolutionId: id,
    heldOn: date,
  }),
  z.strictObject({
    type: z.literal('disagreement_resolution.concluded'),
    resolutionId: id,
    concludedOn: date,
    outcome: oneOf(MEETING_OUTCOMES),
  }),
  z.strictObject({
    type: z.literal('appeal.lodged'),
    appealId: id,
    decisionId: id,
    tribunalReference: z.string().regex(/^[A-Z]{2}\d{3}\/\d{2}\/\d{5}$/, {
      error: 'must look like EH857/26/00123',
    }),
    lodgedOn: date,
    appellant: oneOf(APPELLANTS).optional(),
    sections: z.array(oneOf(PLAN_SECTIONS)).max(12).optional(),
    healthAndSocialCareSought: z.boolean().optional(),
    confirmedUnusual: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('appeal.registered'),
    appealId: id,
    registeredOn: date,
    appealReceivedOn: date,
  }),
  z.strictObject({
    type: z.literal('appeal.response_sent'),
    appealId: id,
    sentOn: date,
  }),
  z.strictObject({
    type: z.literal('appeal.hearing_listed'),
    appealId: id,
    hearingDate: date,
  }),
  z.strictObject({
    type: z.literal('appeal.decided'),
    appealId: id,
    outcome: oneOf(APPEAL_OUTCOMES),
    decisionDate: date,
    orderSentOn: date.optional(),
    laNotifiedTribunalOn: date.optional(),
    orders: z
      .array(
        z.strictObject({
          orderId: id,
          orderType: oneOf(ORDER_TYPES),
          details: text(10_000).optional(),
          agreedDueDates: dates.optional(),
          directedDueDates: dates.optional(),
        }),
      )
      .max(10)
      .optional(),
    recommendations: z
      .array(
        z.strictObject({
          recommendationId: id,
          section: oneOf(RECOMMENDATION_SECTIONS),
          responsibleBody: oneOf(RESPONSIBLE_BODIES),
          text: text(),
        }),
      )
      .max(20)
      .default([]),
    confirmedUnusual: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('order.complied'),
    orderId: id,
    ruleId: z.string().regex(/^(order|concession)\.[a-z_.]+$/, {
      error: 'must be one of the order’s duties, e.g. order.make_plan.draft',
    }),
    compliedOn: date,
    evidence: text(),
  }),
  z.strictObject({
    type: z.literal('recommendation.responded'),
    recommendationId: id,
    outcome: oneOf(RESPONSE_OUTCOMES),
    reasons: text(10_000).optional(),
    sentOn: date,
    recipient: oneOf(RESPONSE_RECIPIENTS),
    sentTo: z
      .array(text(200))
      .min(1, { error: 'must name at least one recipient' })
      .max(10),
  }),
  z.strictObject({
    type: z.literal('deadline.extended'),
    ruleId: z.string().max(100),
    subjectId: id,
    toDueOn: date,
    ground: oneOf(EXTENSION_GROUND_IDS),
    reason: text(),
    agreedBy: text(200),
    extendedOn: date,
  }),
  z.strictObject({
    type: z.literal('note.recorded'),
    noteId: id,
    kind: oneOf(NOTE_KINDS),
    notedOn: date,
    text: text(10_000),
  }),
] as const;

/** An entry of a case's past: a case event, except that an extension names its deadline by rule and subject. */
export const HISTORY_ENTRY = z.discriminatedUnion('type', ENTRY_SCHEMAS, {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `type must be one of: ${ENTRY_SCHEMAS.map((s) => s.shape.type.value).join(', ')}`
      : undefined,
});
export type HistoryEntry = z.output<typeof HISTORY_ENTRY>;

/** The entry types a history load accepts (for the API's documentation). */
export const HISTORY_ENTRY_TYPES: readonly CaseEventType[] = ENTRY_SCHEMAS.map(
  (s) => s.shape.type.value,
);

/**
 * The event types a history load does not take, and why: the case is opened by the load itself
 * (or exists already), reassignment goes through its own endpoint, and the rest are the system's
 * own records. With `ENTRY_SCHEMAS`, every event type is one or the other: a new event type does
 * not compile until it is given a schema here or named below.
 */
type NotLoaded =
  | 'case.opened'
  | 'case.reassigned'
  | 'deadline.overdue'
  | 'document.attached'
  | 'letter.sent'
  | 'event.corrected';
type Unplaced = Exclude<
  CaseEventType,
  NotLoaded | (typeof ENTRY_SCHEMAS)[number]['shape']['type']['value']
>;
export const EVERY_EVENT_TYPE_PLACED: [Unplaced] extends [never]
  ? true
  : { unplaced: Unplaced } = true;

/**
 * Parses entries; the problems come back as "entry 3 (appeal.lodged): lodgedOn must be a date
 * written YYYY-MM-DD", in order, so that a caseworker can fix the file.
 */
export function parseHistoryEntries(entries: readonly unknown[]): {
  entries: HistoryEntry[];
  problems: string[];
} {
  const parsed: HistoryEntry[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const result = HISTORY_ENTRY.safeParse(entry);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    const type =
      typeof (entry as { type?: unknown } | null)?.type === 'string'
        ? ` (${String((entry as { type: string }).type).slice(0, 60)})`
        : '';
    for (const issue of result.error.issues.slice(0, 5)) {
      const where = issue.path.length ? `${issue.path.join('.')} ` : '';
      problems.push(`entry ${index + 1}${type}: ${where}${issue.message}`);
    }
  });
  return { entries: parsed, problems };
}

/** An entry other than an extension is already a case event. */
export function entryEvent(
  entry: Exclude<HistoryEntry, { type: 'deadline.extended' }>,
): CaseEvent {
  return entry as CaseEvent;
}
