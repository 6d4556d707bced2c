import { describeCorrection } from '../correctable-fields';
import { effects } from '../deadline-duties';
import { type EventHandlers, inconsistent, mustBeNew } from './handler';

/**
 * Events about the record itself: a correction of an earlier event (which is never edited; the
 * case and its deadlines become what they would have been had it been recorded right, see
 * `effectiveHistory` and `plannedDeadlines`), and a document attached to an event of the history.
 */
export const RECORD_EVENTS: EventHandlers<
  'event.corrected' | 'document.attached' | 'letter.sent'
> = {
  'event.corrected': {
    dates: ['correctedOn'],
    // Checked against the whole history, corrections applied: see `correctionOf` and `checkHistory`.
    check: () => undefined,
    // A correction changes the case only through the event it corrects: see `effectiveHistory`,
    // which `replayCase` and `checkHistory` use.
    apply: (snapshot) => snapshot,
    // Its effects come from the corrected history as a whole: see `plannedDeadlines`.
    effects: () => effects({}),
    businessDate: (event) => event.correctedOn,
    summary: (event) =>
      `Correction to event ${event.correctsSequence}: ${describeCorrection(event)}`,
  },

  'document.attached': {
    // `attachedOn` is when the file was stored: it may be a full timestamp.
    dates: [],
    check(snapshot, event) {
      mustBeNew([event.documentId], snapshot.documents, 'Document');
      if (!Number.isInteger(event.eventSequence) || event.eventSequence < 1) {
        throw inconsistent(
          'A document must belong to an event of the case history.',
        );
      }
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      documents: [
        ...snapshot.documents,
        {
          id: event.documentId,
          eventSequence: event.eventSequence,
          filename: event.filename,
          contentType: event.contentType,
          size: event.size,
          sha256: event.sha256,
          uploadedAt: event.attachedOn,
        },
      ],
    }),
    effects: () => effects({}),
    businessDate: (event) => event.attachedOn.slice(0, 10),
    summary: (event) => `Document attached: ${event.filename}`,
  },

  'letter.sent': {
    dates: ['sentOn'],
    check(_snapshot, event) {
      if (!Number.isInteger(event.eventSequence) || event.eventSequence < 1)
        throw inconsistent('A letter belongs to an event of the case history.');
    },
    // The case is what the letter's entry made it; sending changes no deadline (the letter's date is the entry's).
    apply: (snapshot) => snapshot,
    effects: () => effects({}),
    businessDate: (event) => event.sentOn,
    summary: (event) =>
      event.how === 'email'
        ? `Letter for entry ${event.eventSequence} sent by email to ${event.to ?? 'the family'}`
        : `Letter for entry ${event.eventSequence} marked as sent by post`,
  },
};
