import { UTCDate } from '@date-fns/utc';
import type { IsoDate } from '../dates/iso-date';
import { toIsoDate } from '../dates/iso-date';

/**
 * Easter Sunday in the Gregorian calendar, by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher). `easterSunday(2035)` → `'2035-03-25'`.
 */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31); // 3 = March, 4 = April
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIsoDate(new UTCDate(year, month - 1, day));
}
