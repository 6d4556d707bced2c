import { Calendar } from '@send/domain';

/**
 * A `Calendar` whose every property and method is the current calendar's: what the case write
 * path and the reminders are given (the CALENDAR token), so that a reload reaches them without
 * their knowing. A proxy rather than a subclass, so whatever `Calendar` grows is delegated too.
 * `current` is only called when the calendar is used.
 */
export function delegatingCalendar(current: () => Calendar): Calendar {
  // The target only makes it a Calendar (instanceof); every read goes to the current one.
  return new Proxy(Object.create(Calendar.prototype) as Calendar, {
    get(_target, property) {
      const target = current();
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
