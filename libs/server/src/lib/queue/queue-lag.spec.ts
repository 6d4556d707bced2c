import { dueTimeOfWaiting, lagOf } from './queue-lag-time';

const NOW = Date.parse('2026-03-09T08:00:05Z');
const WEEK = 7 * 24 * 3600_000;
const score = (runAt: number, n = 0) => String(runAt * 0x1000 + n);

describe('queue lag: how late the most overdue job is, from when it should have run', () => {
  it('is 0 for an empty queue, and for a delayed head still in the future', () => {
    expect(lagOf({ now: NOW })).toBe(0);
    expect(lagOf({ now: NOW, delayedHeadScore: score(NOW + 60_000, 7) })).toBe(0);
  });

  it('measures a delayed job nobody promoted from its run-at time', () => {
    expect(lagOf({ now: NOW, delayedHeadScore: score(NOW - 10 * 60_000, 4095) })).toBe(10 * 60_000);
  });

  it('does not count a timer made weeks ago for today, promoted now, as weeks late', () => {
    // Created three weeks ago with a three-week delay; BullMQ zeroes the hash's `delay` when it promotes.
    const created = NOW - 3 * WEEK;
    const oldestWaiting = { timestamp: String(created), opts: JSON.stringify({ attempts: 5, delay: 3 * WEEK - 5_000 }), data: '{"deadlineId":"d","dueOn":"2026-03-20"}' };
    expect(dueTimeOfWaiting(oldestWaiting)).toBe(NOW - 5_000);
    expect(lagOf({ now: NOW, oldestWaiting })).toBe(5_000);
  });

  it('uses the run-at a re-timed job keeps in its data', () => {
    const oldestWaiting = {
      timestamp: String(NOW - 4 * WEEK),
      opts: JSON.stringify({ delay: 60_000 }),
      data: JSON.stringify({ deadlineId: 'd', dueOn: '2026-03-20', runAt: NOW - 2_000 }),
    };
    expect(lagOf({ now: NOW, oldestWaiting })).toBe(2_000);
  });

  it('counts a job added to run at once from its creation', () => {
    expect(lagOf({ now: NOW, oldestWaiting: { timestamp: String(NOW - 7 * 60_000), opts: '{"attempts":5}', data: '{}' } })).toBe(7 * 60_000);
  });

  it('takes the worse of the two, and survives odd fields', () => {
    expect(lagOf({ now: NOW, delayedHeadScore: score(NOW - 1_000), oldestWaiting: { timestamp: String(NOW - 9_000), opts: null, data: 'not json' } })).toBe(9_000);
    expect(lagOf({ now: NOW, oldestWaiting: { timestamp: null, opts: null, data: null } })).toBe(0);
  });
});
