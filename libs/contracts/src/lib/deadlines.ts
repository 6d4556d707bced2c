import type { DeadlineStatus, DutyHolder, ResponsibleBody } from './enums';

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
  metOn?: string;
  metOnTime?: boolean;
  /** Why a cancelled deadline no longer applies (e.g. "The appeal was withdrawn"). */
  cancelledReason?: string;
  /** For a recommendation response: who must answer. */
  responsibleBody?: ResponsibleBody;
  /** Who must act: the council, the family, the mediation adviser, the ICB or council social care. */
  dutyHolder: DutyHolder;
  /** Extensions agreed under a statutory exception, oldest first; `dueOn` is the current date. */
  extensions?: { fromDueOn: string; toDueOn: string; reason: string; agreedBy: string }[];
  /** What the deadline belongs to, e.g. the recommendation's id. */
  subjectId: string;
  /** The caseworker who owns it (the case's caseworker when it opened). */
  owner: string;
  /** Who an overdue deadline escalates to: the managers of the case's team (names). */
  escalatesTo?: string[];
  /** Whether staff are reminded of it (not for family or mediation-adviser deadlines, which only show). */
  remindsStaff?: boolean;
}

/** `due_soon`: open and due within the next 10 days (today included); `overdue`: past due and not met. */
export type DeadlineFilter = 'all' | 'open' | 'due_soon' | 'overdue' | 'met' | 'cancelled';
