import type {
  DeadlineStatus,
  DutyHolder,
  ExtensionGroundId,
  ResponsibleBody,
} from './enums';

/**
 * How a deadline is shown: its stored status, with two states derived for display (never stored):
 * `due_soon` (open and due within the next 10 days, today included) and `extended` (open, not due
 * soon, with an extension agreed). An open deadline past its date shows as `overdue`.
 */
export type DeadlineDisplayStatus =
  | 'open'
  | 'due_soon'
  | 'extended'
  | 'overdue'
  | 'met'
  | 'cancelled'
  | 'missed';

export interface DeadlineView {
  id: string;
  caseId: string;
  caseReference: string;
  childName: string;
  ruleId: string;
  /** The rule in plain words, e.g. "Respond to the Tribunal's health and social care recommendations". */
  ruleTitle: string;
  rulesetVersion: string;
  dueOn: string;
  /** The computation in words a caseworker can check. */
  explanation: string[];
  status: DeadlineStatus;
  /** The status to show: `status`, or the derived `due_soon` or `extended` (see DeadlineDisplayStatus). */
  displayStatus: DeadlineDisplayStatus;
  metOn?: string;
  metOnTime?: boolean;
  /** Why a cancelled deadline no longer applies (e.g. "The appeal was withdrawn"). */
  cancelledReason?: string;
  /** For a recommendation response: who must answer. */
  responsibleBody?: ResponsibleBody;
  /** Who must act: the council, the family, the mediation adviser, the ICB or council social care. */
  dutyHolder: DutyHolder;
  /** Extensions agreed under a statutory exception, oldest first; `dueOn` is the current date. */
  extensions?: {
    fromDueOn: string;
    toDueOn: string;
    reason: string;
    agreedBy: string;
    ground?: ExtensionGroundId;
  }[];
  /**
   * Present (true) on a deadline still open whose due date had already passed on the day it was
   * recorded (an entry made after the fact): overdue marking and escalation wait for a grace (the
   * end of the next working day) so that the rest of the history can be recorded.
   */
  pastWhenRecorded?: true;
  /** What the deadline belongs to, e.g. the recommendation's id. */
  subjectId: string;
  /**
   * On the case page (`CaseDetail.deadlines`): the decision the deadline follows from, as the
   * domain's `decisionOf` works it out from the case's history; absent when it follows from none
   * (a request's or review's own time limit not yet answered by a decision).
   */
  decisionId?: string;
  /** The caseworker who owns it (the case's caseworker when it opened). */
  owner: string;
  /** Who an overdue deadline escalates to: the managers of the case's team (names). */
  escalatesTo?: string[];
  /** Whether staff are reminded of it (not for family or mediation-adviser deadlines, which only show). */
  remindsStaff?: boolean;
}

/**
 * `open`: open and not yet past; `due_soon`: open and due within the next 10 days (today included);
 * `overdue`: past due and not met; `outstanding`: open or overdue (not met, not cancelled).
 */
export type DeadlineFilter =
  | 'all'
  | 'open'
  | 'due_soon'
  | 'overdue'
  | 'outstanding'
  | 'met'
  | 'missed'
  | 'cancelled';

/** Whose deadlines: the signed-in member of staff's own (`me`), or everyone's in scope (`all`). */
export type DeadlineOwnerFilter = 'me' | 'all';

/** How a deadline list can be sorted: a field, descending with a leading `-`. */
export const DEADLINE_SORTS = [
  'dueOn',
  '-dueOn',
  'childName',
  '-childName',
  'ruleId',
  '-ruleId',
  'owner',
  '-owner',
] as const;
export type DeadlineSort = (typeof DEADLINE_SORTS)[number];

/** The query of `GET /api/deadlines`; every part is optional. */
export interface DeadlineQuery {
  filter?: DeadlineFilter;
  owner?: DeadlineOwnerFilter;
  /** Due on or after (YYYY-MM-DD). */
  dueFrom?: string;
  /** Due on or before (YYYY-MM-DD). */
  dueTo?: string;
  ruleId?: string;
  responsibleBody?: ResponsibleBody;
  sort?: DeadlineSort;
  limit?: number;
  offset?: number;
}

/** A statutory rule of the clock, for choosing one and entering its dates. */
export interface RuleView {
  id: string;
  title: string;
  /** The period in words, e.g. "5 weeks", "3 working days". */
  period: string;
  /** Where the law sets it, e.g. "SEND Regs reg 34". */
  source: string;
  /** The dates it counts from, in the order to ask for them. */
  facts: { name: string; label: string; required: boolean }[];
  /** The statutory exceptions under which it may be extended, and where the law gives them; absent: it may not be extended. */
  extension?: {
    source: string;
    grounds: { id: ExtensionGroundId; label: string }[];
  };
}

/** `POST /api/deadlines/calculation`: a rule and the dates it counts from. */
export interface DeadlineCalculationRequest {
  ruleId: string;
  /** By fact name, e.g. `{ "decisionLetterSent": "2026-10-01" }`. */
  facts: Record<string, string>;
}

/** A due date worked out by the server's statutory clock and calendar, with how. */
export interface DeadlineCalculation {
  ruleId: string;
  ruleTitle: string;
  rulesetVersion: string;
  dueOn: string;
  explanation: string[];
}
