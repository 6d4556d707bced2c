import type {
  AppealRegisterRow,
  ComplianceReport,
  DeadlineBreakdownRow,
  ReportDeadline,
} from '@send/contracts';
import {
  APPEAL_OUTCOME_LABELS,
  DECISION_TYPE_LABELS,
  deadlineStatusWords,
  RESPONSIBLE_BODY_LABELS,
} from '@send/domain';
import type { CsvColumn } from '../http/csv';
import {
  APPEAL_RESULT_LABELS,
  APPEAL_STAGE_LABELS,
} from './appeal-register.service';

/** The columns of each report table's CSV, headed in words as on the screen. */

export const DRILL_DOWN_COLUMNS = (
  today: string,
): CsvColumn<ReportDeadline>[] => [
  { header: 'Case reference', value: (d) => d.caseReference },
  { header: 'Child', value: (d) => d.childName },
  { header: 'What is due', value: (d) => d.ruleTitle },
  {
    header: 'Responsible body',
    value: (d) =>
      d.responsibleBody ? RESPONSIBLE_BODY_LABELS[d.responsibleBody] : '',
  },
  { header: 'Due date', value: (d) => d.dueOn },
  { header: 'Status', value: (d) => deadlineStatusWords(d, today).text },
  { header: 'Days overdue', value: (d) => d.daysOverdue },
  { header: 'Met on', value: (d) => d.metOn },
  { header: 'Caseworker', value: (d) => d.caseworker },
];

export const BREAKDOWN_COLUMNS = (
  first: string,
): CsvColumn<DeadlineBreakdownRow>[] => [
  { header: first, value: (r) => r.label },
  { header: 'Due this week', value: (r) => r.dueThisWeek },
  { header: 'Overdue now', value: (r) => r.overdue },
  { header: 'Due in the period', value: (r) => r.due },
  { header: 'Met on time', value: (r) => r.metOnTime },
  { header: 'Met late', value: (r) => r.metLate },
  { header: 'Missed', value: (r) => r.missed },
  { header: 'Not yet due', value: (r) => r.pending },
  { header: 'Per cent on time', value: (r) => r.percentOnTime },
];

type ComplianceRow = {
  title: string;
} & ComplianceReport['series'][number]['months'][number];

/** The compliance charts as a table: one row per family of deadlines and month. */
export const complianceRows = (report: ComplianceReport): ComplianceRow[] =>
  report.series.flatMap((s) => s.months.map((m) => ({ title: s.title, ...m })));

export const COMPLIANCE_COLUMNS: CsvColumn<ComplianceRow>[] = [
  { header: 'Deadlines', value: (r) => r.title },
  { header: 'Month due', value: (r) => r.month },
  { header: 'Due', value: (r) => r.due },
  { header: 'Met on time', value: (r) => r.metOnTime },
  { header: 'Met late', value: (r) => r.metLate },
  { header: 'Missed', value: (r) => r.missed },
  { header: 'Not yet due', value: (r) => r.pending },
  { header: 'Per cent on time', value: (r) => r.percentOnTime },
];

export const APPEAL_COLUMNS: CsvColumn<AppealRegisterRow>[] = [
  { header: 'Case reference', value: (a) => a.caseReference },
  { header: 'Child', value: (a) => a.childName },
  { header: 'Team', value: (a) => a.team },
  { header: 'Caseworker', value: (a) => a.caseworker },
  { header: 'Tribunal reference', value: (a) => a.tribunalReference },
  {
    header: 'Decision appealed',
    value: (a) => (a.decisionType ? DECISION_TYPE_LABELS[a.decisionType] : ''),
  },
  { header: 'Sections', value: (a) => a.sections.join(' ') },
  { header: 'Lodged', value: (a) => a.lodgedOn },
  { header: 'Registered', value: (a) => a.registeredOn },
  { header: 'Response due', value: (a) => a.responseDueOn },
  { header: 'Response sent', value: (a) => a.responseSentOn },
  { header: 'Hearing date', value: (a) => a.hearingDate },
  { header: 'Stage', value: (a) => APPEAL_STAGE_LABELS[a.stage] },
  {
    header: 'Outcome for the council',
    value: (a) => APPEAL_RESULT_LABELS[a.result],
  },
  {
    header: "Tribunal's outcome",
    value: (a) => (a.outcome ? APPEAL_OUTCOME_LABELS[a.outcome] : ''),
  },
  { header: 'Decided on', value: (a) => a.decisionDate },
];
