import type { CaseSummary } from './cases';
import type { VersionedWrite } from './requests';

/** What a case note records: a conversation or a piece of correspondence that is not itself a statutory step. */
export const NOTE_KINDS = [
  'phone_call',
  'email',
  'meeting',
  'letter',
  'other',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  phone_call: 'Phone call',
  email: 'Email',
  meeting: 'Meeting',
  letter: 'Letter',
  other: 'Other',
};

/** `POST /api/cases/:id/notes`: a dated note in the case's history (opens no deadline). */
export interface RecordNoteRequest extends VersionedWrite {
  kind: NoteKind;
  /** When the call, email or meeting happened (YYYY-MM-DD, not in the future). */
  notedOn: string;
  text: string;
}

/** What a case search term is: the words people remember a case by. */
export const SEARCH_TERM_KINDS = [
  'reference',
  'child_name',
  'tribunal_reference',
  'contact_name',
  'school',
  'mediation_provider',
  'mediation_reference',
] as const;
export type SearchTermKind = (typeof SEARCH_TERM_KINDS)[number];

export const SEARCH_TERM_LABELS: Record<SearchTermKind, string> = {
  reference: 'Reference',
  child_name: 'Name',
  tribunal_reference: 'Tribunal reference',
  contact_name: 'Parent or contact',
  school: 'School',
  mediation_provider: 'Mediation provider',
  mediation_reference: 'Mediation provider’s reference',
};

/** Why a case is in the search results: "Matched: Tribunal reference SE123/45/67". */
export interface SearchMatch {
  kind: SearchTermKind | 'date_of_birth';
  /** The term as recorded on the case. */
  term: string;
}

/** `GET /api/notifications/unread-count`. */
export interface UnreadCount {
  unread: number;
}

/** `POST /api/me/calendar-feed`: the feed's URL, shown once. */
export interface CalendarFeedIssued {
  url: string;
}

/** A case in search results, with why it matched (absent when listing without search words). */
export interface CaseSearchResult extends CaseSummary {
  matched?: SearchMatch;
}

/** A page of search results. */
export interface CaseSearchPage {
  items: CaseSearchResult[];
  total: number;
}
