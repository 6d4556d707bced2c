const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** '2026-01' → 'Jan 2026'. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** '2026-01' → 'January 2026'. */
export function longMonthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${LONG_MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** The month `delta` months after `month` (YYYY-MM). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months up to and including `last`, newest first (for a month select). */
export function recentMonths(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, -i));
}
