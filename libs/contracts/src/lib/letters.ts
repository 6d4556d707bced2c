import type { CaseDetail } from './cases';
import type {
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

/**
 * `POST /api/cases/:id/letters/preview` and `POST /api/cases/:id/letters`. Exactly one of:
 * `decision`, the decision to record with its notice (issue = record); `recommendationResponse`,
 * the response to a Tribunal recommendation to record with its letter (issue = record); or
 * `eventSequence`, an entry recorded earlier, for which the letter of `kind` is made and attached.
 */
export interface LetterRequest {
  kind: LetterKind;
  expectedVersion: number;
  decision?: Omit<RecordDecisionRequest, 'expectedVersion' | 'dryRun'>;
  recommendationResponse?: RecommendationResponseEntry;
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
