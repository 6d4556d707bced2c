/** The longest period a report covers, in months (five years). */
export const MAX_REPORT_MONTHS = 60;
/** The period when none is given: the twelve months up to and including this one. */
export const DEFAULT_REPORT_MONTHS = 12;

/** A period a report cannot cover; `field` names the query parameter to change. */
export class ReportPeriodError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ReportPeriod {
  /** First month, YYYY-MM. */
  from: string;
  /** Last month, YYYY-MM. */
  to: string;
  /** First day of the first month, YYYY-MM-DD. */
  firstDay: string;
  /** Last day of the last month, YYYY-MM-DD. */
  lastDay: string;
  /** Every month from `from` to `to`, oldest first. */
  months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
};
const monthOf = (index: number) =>
  `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
const daysInMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/**
 * The months a report covers, from the query's `from` and `to` (YYYY-MM, already checked for
 * form). Missing ends default to the twelve months up to this one (`today`'s month); a period that
 * runs backwards or is longer than five years is refused (`ReportPeriodError`, a 400 naming the field).
 */
export function reportPeriod(
  today: string,
  from?: string,
  to?: string,
): ReportPeriod {
  const current = monthIndex(today.slice(0, 7));
  const end = to
    ? monthIndex(to)
    : from
      ? Math.max(monthIndex(from), current)
      : current;
  const start = from ? monthIndex(from) : end - (DEFAULT_REPORT_MONTHS - 1);
  if (start > end) {
    throw new ReportPeriodError(
      'from',
      'from must be the same month as to or earlier',
    );
  }
  if (end - start + 1 > MAX_REPORT_MONTHS) {
    throw new ReportPeriodError(
      'from',
      `a report covers at most ${MAX_REPORT_MONTHS} months: choose a shorter period`,
    );
  }
  const months = Array.from({ length: end - start + 1 }, (_, i) =>
    monthOf(start + i),
  );
  const last = monthOf(end);
  return {
    from: monthOf(start),
    to: last,
    firstDay: `${monthOf(start)}-01`,
    lastDay: `${last}-${pad(daysInMonth(last))}`,
    months,
  };
}

/** The Sunday that ends the week (Monday to Sunday) of `today` (YYYY-MM-DD). */
export function weekEnding(today: string): string {
  const date = new Date(`${today}T12:00:00Z`);
  const toSunday = (7 - date.getUTCDay()) % 7;
  date.setUTCDate(date.getUTCDate() + toSunday);
  return date.toISOString().slice(0, 10);
}

/** A whole percentage of met on time among the deadlines whose outcome is known; null when none is. */
export function percentOnTime(counts: {
  metOnTime: number;
  metLate: number;
  missed: number;
}): number | null {
  const known = counts.metOnTime + counts.metLate + counts.missed;
  return known === 0 ? null : Math.round((100 * counts.metOnTime) / known);
}

/** The period of a report, or a 400 naming the query parameter when it cannot be. */
export function periodOrBadRequest(
  today: string,
  from: string | undefined,
  to: string | undefined,
  badRequest: (field: string, message: string) => Error,
): ReportPeriod {
  try {
    return reportPeriod(today, from, to);
  } catch (error) {
    if (error instanceof ReportPeriodError)
      throw badRequest(error.field, error.message);
    throw error;
  }
}
