import { formatLongDate } from '../../dates/iso-date';
import { effects } from '../deadline-duties';
import { MEETING_OUTCOME_LABELS } from '../labels';
import {
  defined,
  type EventHandlers,
  mustBeNew,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/** The SEND way forward meeting: local and non-statutory, so it runs beside mediation and an appeal and has no clock. */
export const WAY_FORWARD_EVENTS: EventHandlers<
  'way_forward.requested' | 'way_forward.held'
> = {
  'way_forward.requested': {
    dates: ['requestedOn'],
    check(snapshot, event) {
      mustBeNew(
        [event.meetingId],
        snapshot.wayForwardMeetings,
        'Way forward meeting',
      );
      if (event.decisionId !== undefined) {
        const decision = mustFind(
          snapshot.decisions,
          event.decisionId,
          'There is no such decision on this case: record the decision first.',
        );
        notBefore(
          event.requestedOn,
          'The way forward meeting cannot have been requested',
          decision.decisionDate,
          'the decision',
        );
      }
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      wayForwardMeetings: [
        ...snapshot.wayForwardMeetings,
        defined({
          id: event.meetingId,
          decisionId: event.decisionId,
          requestedOn: event.requestedOn,
        }),
      ],
    }),
    effects: () => effects({}),
    businessDate: (event) => event.requestedOn,
    summary: (event) =>
      `SEND way forward meeting requested ${formatLongDate(event.requestedOn)}`,
  },

  'way_forward.held': {
    dates: ['heldOn'],
    check(snapshot, event) {
      const meeting = mustFind(
        snapshot.wayForwardMeetings,
        event.meetingId,
        'There is no such way forward meeting on this case: record the request for it first.',
      );
      if (meeting.heldOn !== undefined)
        throw notAllowed(
          `This way forward meeting is already recorded as held (${formatLongDate(meeting.heldOn)}).`,
        );
      notBefore(
        event.heldOn,
        'The way forward meeting cannot have been held',
        meeting.requestedOn,
        'it was requested',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      wayForwardMeetings: updateById(
        snapshot.wayForwardMeetings,
        event.meetingId,
        (m) =>
          defined({
            ...m,
            heldOn: event.heldOn,
            outcome: event.outcome,
            notes: event.notes,
          }),
      ),
    }),
    effects: () => effects({}),
    businessDate: (event) => event.heldOn,
    summary: (event) =>
      `SEND way forward meeting held ${formatLongDate(event.heldOn)}: ${MEETING_OUTCOME_LABELS[event.outcome]}`,
  },
};
