import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import {
  londonDate,
  londonDateTime,
  londonInstant,
  londonMinute,
  startOfLondonDay,
} from './london-time';

/** What the time-zone library says, formatted by date-fns: the reference the fast path must match. */
const reference = (at: Date, pattern: string) =>
  format(new TZDate(at, 'Europe/London'), pattern);

describe('London time', () => {
  it('matches the time-zone database every 7 minutes across the clock changes of 2025 to 2027', () => {
    // Around each change (01:00 UTC on the last Sundays of March and October), a day either side.
    const changes = [
      '2025-03-30T01:00:00Z',
      '2025-10-26T01:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T01:00:00Z',
      '2027-03-28T01:00:00Z',
      '2027-10-31T01:00:00Z',
    ];
    for (const change of changes) {
      const from = Date.parse(change) - 86_400_000;
      for (let ms = from; ms < from + 2 * 86_400_000; ms += 7 * 60_000 + 13) {
        const at = new Date(ms);
        expect(londonDateTime(at)).toBe(reference(at, 'yyyy-MM-dd HH:mm:ss'));
        expect(londonMinute(at)).toBe(reference(at, 'yyyy-MM-dd HH:mm'));
        expect(londonDate(at)).toBe(reference(at, 'yyyy-MM-dd'));
      }
    }
  });

  it('matches it at random instants from 1990 to 2060, given as a Date, ISO text or milliseconds', () => {
    let seed = 20261204;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const ms =
        Date.UTC(1990, 0, 1) + (random() / 2 ** 31) * 70 * 365.25 * 86_400_000;
      const at = new Date(Math.floor(ms));
      const expected = reference(at, 'yyyy-MM-dd HH:mm:ss');
      expect(londonDateTime(at)).toBe(expected);
      expect(londonDateTime(at.toISOString())).toBe(expected);
      expect(londonDateTime(at.getTime())).toBe(expected);
    }
  });

  it('refuses what is not a moment', () => {
    expect(() => londonDateTime('not a date')).toThrow(RangeError);
  });

  it('finds the instant of a London wall-clock time, GMT or BST as the day has it', () => {
    expect(startOfLondonDay('2026-01-15').toISOString()).toBe(
      '2026-01-15T00:00:00.000Z',
    );
    expect(startOfLondonDay('2026-07-15').toISOString()).toBe(
      '2026-07-14T23:00:00.000Z',
    );
    // The day the clocks go forward begins in GMT; the day they go back begins in BST.
    expect(startOfLondonDay('2026-03-29').toISOString()).toBe(
      '2026-03-29T00:00:00.000Z',
    );
    expect(startOfLondonDay('2026-10-25').toISOString()).toBe(
      '2026-10-24T23:00:00.000Z',
    );
    expect(londonInstant('2026-07-15', '08:30').toISOString()).toBe(
      '2026-07-15T07:30:00.000Z',
    );
  });
});
