import type { IsoDate, Page } from './cases';
import type { DeadlineView } from './deadlines';
import type { AppealOutcome, DecisionType, PlanSection } from './enums';

/** A calendar month, written YYYY-MM. */
export type IsoMonth = string;

/**
 * The four families of statutory deadlines a manager watches over time:
 * `order_compliance` (`order.*` and `concession.*`), `recommendation_responses`
 * (`recommendation.response`), `mediation_arrangements` (`mediation.arrange`) and
 * `tribunal_responses` (`tribunal.la_response`).
 */
export const COMPLIANCE_CATEGORIES = [
  'order_compliance',
  'recommendation_responses',
  'mediation_arrangements',
  'tribunal_responses',
] as const;
export type ComplianceCategory = (typeof COMPLIANCE_CATEGORIES)[number];

/** The filters a report was made with, as the server applied them. */
export interface ReportFilters {
  /** The team reported on; null for every team (auditors only). */
  team: string | null;
  /** First month of the period (YYYY-MM, inclusive). */
  from: IsoMonth;
  /** Last month of the period (YYYY-MM, inclusive). */
  to: IsoMonth;
  /** Only deadlines that follow a decision of this type; null for every type. */
  decisionType: DecisionType | null;
}

/**
 * How the deadlines that fell due in a period came out. Cancelled deadlines are left out; a
 * deadline counts in the month of its (current) due date.
 */
export interface DeadlineOutcomeCounts {
  /** Deadlines due in the period (met on time + met late + missed + pending). */
  due: number;
  /** Met on or before the due date. */
  metOnTime: number;
  /** Met after the due date. */
  metLate: number;
  /** Past the due date and not met (overdue). */
  missed: number;
  /** Not met yet and not yet past the due date. */
  pending: number;
  /** metOnTime as a whole percentage of the deadlines whose outcome is known (met on time, met late or missed); null when there are none. */
  percentOnTime: number | null;
}

/** One row of a breakdown of the team's deadlines (by caseworker, rule or responsible body). */
export interface DeadlineBreakdownRow extends DeadlineOutcomeCounts {
  /** What the row is about: the caseworker's name, the rule id, or the responsible body. */
  key: string;
  /** The same in words. */
  label: string;
  /** Open and due from today to the end of this week (Sunday). */
  dueThisWeek: number;
  /** Past the due date and not met, whenever it was due. */
  overdue: number;
}

/**
 * The team's statutory deadlines now (due this week, overdue) and in the period (how the deadlines
 * due in it came out), overall and by caseworker, rule and responsible body. Only the deadlines of
 * the council and its partners (the ICB, council social care) count: the family's and the mediation
 * adviser's are left out.
 */
export interface DeadlineDashboard {
  filters: ReportFilters;
  /** Today in Europe/London. */
  today: IsoDate;
  /** The Sunday that ends this week. */
  weekEnds: IsoDate;
  dueThisWeek: number;
  overdue: number;
  /** Open and not yet past the due date. */
  open: number;
  /** The deadlines due in the period. */
  period: DeadlineOutcomeCounts;
  /** By the case's current caseworker. */
  byCaseworker: DeadlineBreakdownRow[];
  byRule: DeadlineBreakdownRow[];
  /** Recommendation responses by who must answer: the ICB (health) or council social care. */
  byResponsibleBody: DeadlineBreakdownRow[];
  /** Cases of the scope with facts the law does not provide for on their route, recorded on the caseworker's confirmation (first 100, by reference). */
  flaggedCases: {
    caseId: string;
    reference: string;
    childName: string;
    flags: number;
  }[];
  /** The teams the caller may report on. */
  teams: string[];
}

export interface ComplianceMonth extends DeadlineOutcomeCounts {
  month: IsoMonth;
}

/** Compliance with one family of deadlines, month by month (by due month). */
export interface ComplianceSeries {
  category: ComplianceCategory;
  title: string;
  /** Every month of the period, oldest first, including months with nothing due. */
  months: ComplianceMonth[];
  total: DeadlineOutcomeCounts;
}

export interface ComplianceReport {
  filters: ReportFilters;
  today: IsoDate;
  series: ComplianceSeries[];
}

/** Which deadlines a drill-down lists. */
export const DEADLINE_REPORT_STATUSES = [
  'due_this_week',
  'overdue',
  'open',
  'met_on_time',
  'met_late',
  'missed',
  'due',
] as const;
export type DeadlineReportStatus = (typeof DEADLINE_REPORT_STATUSES)[number];

/**
 * How a drill-down list may be sorted (server-side, so that paging stays right): a field, or `-`
 * and the field for the other order. `daysOverdue` is the due date turned round (most overdue first).
 */
export const REPORT_DEADLINE_SORTS = [
  'dueOn',
  '-dueOn',
  'daysOverdue',
  '-daysOverdue',
  'childName',
  '-childName',
  'caseReference',
  '-caseReference',
  'ruleId',
  '-ruleId',
  'caseworker',
  '-caseworker',
] as const;
export type ReportDeadlineSort = (typeof REPORT_DEADLINE_SORTS)[number];

/** A deadline in a drill-down list: its view, its case's current caseworker, and how many days it is overdue. */
export interface ReportDeadline extends DeadlineView {
  /** The case's caseworker now (the deadline's `owner` is who held the case when it opened). */
  caseworker: string;
  /** Calendar days past the due date for an overdue duty (the domain's overdue test); null otherwise. */
  daysOverdue: number | null;
}

/** A page of deadlines behind a number on the dashboard (a drill-down). */
export interface DeadlinePage extends Page<ReportDeadline> {
  /** The caseworkers of the scope's cases, for the caseworker filter (by name; none when the scope is every team). */
  caseworkers: string[];
  /** The teams the caller may choose between. */
  teams: string[];
}

/** The tables of the dashboard that export to CSV (`GET /api/reports/deadlines/:table.csv`). */
export const DASHBOARD_TABLES = [
  'by-caseworker',
  'by-rule',
  'by-responsible-body',
  'compliance',
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

/** Where an appeal has got to. */
export const APPEAL_STAGES = [
  'lodged',
  'registered',
  'response_sent',
  'hearing_listed',
  'ended',
] as const;
export type AppealStage = (typeof APPEAL_STAGES)[number];

/**
 * How an appeal ended for the council: `lost` (allowed or partly allowed: the Tribunal ordered the
 * council to act, SEND Regs reg 43(2)), `referred_back` (the Tribunal referred the case back for
 * the council to reconsider whether to make a plan, reg 43(2)(d), which it must do within 2 weeks,
 * reg 44(2)(d): neither won nor lost), `conceded` (conceded before the response, or a consent order), `upheld` (dismissed, reg
 * 43(2)(a): the council's decision stands), `ended_without_decision` (withdrawn or struck out), or
 * `open`.
 */
export const APPEAL_RESULTS = [
  'open',
  'lost',
  'referred_back',
  'conceded',
  'upheld',
  'ended_without_decision',
] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

/** One appeal in the register. */
export interface AppealRegisterRow {
  caseId: string;
  caseReference: string;
  childName: string;
  team: string;
  caseworker: string;
  appealId: string;
  tribunalReference: string;
  /** The decision appealed against. */
  decisionType: DecisionType | null;
  /** The plan sections appealed (for appeals about plan content). */
  sections: PlanSection[];
  lodgedOn: IsoDate;
  registeredOn?: IsoDate;
  responseSentOn?: IsoDate;
  hearingDate?: IsoDate;
  /** When the council's response to the Tribunal is due (its `tribunal.la_response` deadline), while one is recorded. */
  responseDueOn?: IsoDate;
  stage: AppealStage;
  outcome?: AppealOutcome;
  result: AppealResult;
  /** When the Tribunal decided it (or the appeal otherwise ended). */
  decisionDate?: IsoDate;
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/** A row of appeals counted by how they ended for the council. */
export interface AppealResultCounts {
  key: string;
  label: string;
  total: number;
  open: number;
  lost: number;
  referredBack: number;
  conceded: number;
  upheld: number;
  endedWithoutDecision: number;
}

export interface AppealRegisterCounts {
  total: number;
  byStage: CountRow[];
  byOutcome: CountRow[];
  byResult: CountRow[];
  byDecisionType: AppealResultCounts[];
  /** An appeal about several sections counts once in each. */
  bySection: AppealResultCounts[];
}

/** The appeals register: a page of appeals matching the filters, and counts of all of them. */
export interface AppealRegister extends Page<AppealRegisterRow> {
  counts: AppealRegisterCounts;
  teams: string[];
}
