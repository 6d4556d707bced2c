import {
  DECISION_TYPES,
  type DeadlineDashboard,
  type DecisionType,
  type Role,
} from '@send/contracts';
import { DECISION_TYPE_LABELS } from '@send/domain';
import type { FilterField } from '../shared/filter-panel';
import { addMonths, longMonthLabel, recentMonths } from '../shared/months';

/** The filters of the dashboard and its lists, as the URL carries them. */
export interface ReportFilterValues {
  team?: string;
  from?: string;
  to?: string;
  decisionType?: string;
}

export const REPORT_FILTER_NAMES = [
  'team',
  'from',
  'to',
  'decisionType',
] as const;

/** Only the filters that are set, for query parameters. */
export function definedFilters(
  values: ReportFilterValues,
): Record<string, string> {
  return Object.fromEntries(
    REPORT_FILTER_NAMES.filter((n) => values[n]).map((n) => [
      n,
      values[n] as string,
    ]),
  );
}

export const decisionTypeOptions = DECISION_TYPES.map((t: DecisionType) => ({
  value: t,
  text: DECISION_TYPE_LABELS[t],
}));

/**
 * The MoJ filter's fields: the team (auditors only: managers see their own team), the period as
 * months (three years to choose from), and the decision type. Values are those the server applied.
 */
export function reportFilterFields(
  role: Role | undefined,
  today: string,
  applied: DeadlineDashboard['filters'] | undefined,
  teams: readonly string[],
): FilterField[] {
  const thisMonth = today.slice(0, 7);
  const months = recentMonths(thisMonth, 36).map((m) => ({
    value: m,
    text: longMonthLabel(m),
  }));
  const fields: FilterField[] = [];
  if (role === 'auditor') {
    fields.push({
      name: 'team',
      label: 'Team',
      anyText: 'All teams',
      options: teams.map((t) => ({ value: t, text: t })),
      value: applied?.team ?? '',
    });
  }
  fields.push(
    {
      name: 'from',
      label: 'From',
      options: months,
      value: applied?.from ?? addMonths(thisMonth, -11),
      defaultValue: addMonths(thisMonth, -11),
      hint: 'First month of the period',
    },
    {
      name: 'to',
      label: 'To',
      options: months,
      value: applied?.to ?? thisMonth,
      defaultValue: thisMonth,
      hint: 'Last month of the period',
    },
    {
      name: 'decisionType',
      label: 'Decision type',
      anyText: 'All decisions',
      options: decisionTypeOptions,
      value: applied?.decisionType ?? '',
    },
  );
  return fields;
}
