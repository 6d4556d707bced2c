import type { CaseDetail } from './cases';
import type {
  MediationArrangedRequest,
  OrderComplianceRequest,
  RecordAppealOutcomeRequest,
  RecordDecisionRequest,
  RecordRecommendationResponseRequest,
  VersionedWrite,
} from './requests';

/** The letters the service makes (see the domain's `letters.ts` for the law of each). */
export const LETTER_KINDS = [
  'decision_notice',
  'recommendation_response',
  'concession_notice',
  'mediation_arranged',
  'order_compliance',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** The response to a recommendation to record with its letter: as for `POST …/recommendations/:recommendationId/response`, with the recommendation's id. */
export interface RecommendationResponseEntry
  extends Omit<
    RecordRecommendationResponseRequest,
    'expectedVersion' | 'dryRun'
  > {
  recommendationId: string;
}

/** How an appeal ended, to record with the notice of a concession: as for `POST …/appeals/:appealId/outcome`, with the appeal's id. */
export interface AppealOutcomeEntry
  extends Omit<RecordAppealOutcomeRequest, 'expectedVersion' | 'dryRun'> {
  appealId: string;
}

/** Mediation arranged, to record with its letter: as for `POST …/mediations/:mediationId/arranged`, with the mediation's id. */
export interface MediationArrangedEntry
  extends Omit<MediationArrangedRequest, 'expectedVersion' | 'dryRun'> {
  mediationId: string;
}

/** Compliance with one duty of an order, to record with its letter: as for `POST …/orders/:orderId/compliance`, with the order's id. */
export interface OrderComplianceEntry
  extends Omit<OrderComplianceRequest, 'expectedVersion' | 'dryRun'> {
  orderId: string;
}

/**
 * `POST /api/cases/:id/letters/preview` and `POST /api/cases/:id/letters`. Exactly one of: an
 * entry to record with its letter (issue = record): `decision` (its notice),
 * `recommendationResponse`, `appealOutcome` (a concession before the response only: its notice),
 * `mediationArranged` or `orderCompliance`; or `eventSequence`, an entry recorded earlier, for
 * which the letter of `kind` is made and attached.
 */
export interface LetterRequest {
  kind: LetterKind;
  expectedVersion: number;
  decision?: Omit<RecordDecisionRequest, 'expectedVersion' | 'dryRun'>;
  recommendationResponse?: RecommendationResponseEntry;
  appealOutcome?: AppealOutcomeEntry;
  mediationArranged?: MediationArrangedEntry;
  orderCompliance?: OrderComplianceEntry;
  eventSequence?: number;
}

export interface LetterDeadlineView {
  title: string;
  dueOn: string;
  explanation: string;
}

export interface LetterPartView {
  id: string;
  name: string;
  law: string;
}

/** What the letter will say, before it is issued. */
export interface LetterPreview {
  kind: LetterKind;
  /** The template version it is made from; null: the default template. */
  templateId: string | null;
  text: string;
  /** The letter as HTML paragraphs (text escaped), for the preview in the browser. */
  html: string;
  /** The deadlines the entry opens, as the clock counted them. */
  deadlines: LetterDeadlineView[];
  /** The deadlines the entry meets (a response to a recommendation meets its 5 weeks). */
  met: LetterDeadlineView[];
  /** Parts the law requires that the template lacks: a letter with any cannot be issued. */
  missingParts: LetterPartView[];
}

/** A letter issued: the entry (recorded, or recorded earlier), its documents, and the case after. */
export interface IssuedLetter {
  letterId: string;
  eventSequence: number;
  docxDocumentId: string;
  pdfDocumentId: string;
  templateId: string | null;
  case: CaseDetail;
}

/** `POST /api/cases/:id/letters/:letterId/sent`: by email (to `email`, with the PDF) or by post. */
export interface SendLetterRequest extends VersionedWrite {
  how: 'email' | 'post';
  email?: string;
}
