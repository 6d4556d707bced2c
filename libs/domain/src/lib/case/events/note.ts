import { NOTE_KIND_LABELS } from '@send/contracts';
import { formatLongDate } from '../../dates/iso-date';
import { effects } from '../deadline-duties';
import { blank, type EventHandlers, inconsistent } from './handler';

/**
 * Case notes: a phone call, an email, a meeting or a letter, dated and written down. A note is part
 * of the case's record (the council's duty to keep a record of what it did and why: UK GDPR art
 * 5(1)(d) and 5(2), accuracy and accountability), not a statutory step: it changes nothing on the
 * case and opens, meets or moves no deadline.
 */
export const NOTE_EVENTS: EventHandlers<'note.recorded'> = {
  'note.recorded': {
    dates: ['notedOn'],
    check(_snapshot, event) {
      if (blank(event.text)) throw inconsistent('Write what the note says.');
      if (!(event.kind in NOTE_KIND_LABELS))
        throw inconsistent(
          'Say whether the note is of a phone call, an email, a meeting, a letter or something else.',
        );
    },
    apply: (snapshot) => snapshot,
    effects: () => effects({}),
    businessDate: (event) => event.notedOn,
    summary: (event) =>
      `Note (${NOTE_KIND_LABELS[event.kind].toLowerCase()}, ${formatLongDate(event.notedOn)}): ${event.text.trim()}`,
  },
};
