import { formatLongDate } from '../../dates/iso-date';
import type { CaseEventOf } from '../case-events';
import type { CaseSnapshot } from '../case-snapshot';
import { effects } from '../deadline-duties';
import { MEETING_OUTCOME_LABELS } from '../labels';
import {
  blank,
  type EventHandlers,
  inconsistent,
  mustBeNew,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/** Disagreement resolution (SEND Regs reg 53): voluntary, beside the other routes, with no clock. */

/** A meeting or the conclusion: the resolution must be running, and the date not before the referral (nor, to conclude, its last meeting). */
function checkRunning(
  snapshot: CaseSnapshot,
  event: CaseEventOf<
    'disagreement_resolution.meeting_held' | 'disagreement_resolution.concluded'
  >,
): void {
  const resolution = mustFind(
    snapshot.disagreementResolutions,
    event.resolutionId,
    'There is no such disagreement resolution on this case: record the referral first.',
  );
  if (resolution.concludedOn !== undefined) {
    throw notAllowed(
      `This disagreement resolution already concluded (${formatLongDate(resolution.concludedOn)}).`,
    );
  }
  const on =
    event.type === 'disagreement_resolution.meeting_held'
      ? event.heldOn
      : event.concludedOn;
  notBefore(
    on,
    'This cannot have happened',
    resolution.referredOn,
    'the referral to disagreement resolution',
  );
  if (event.type === 'disagreement_resolution.concluded') {
    notBefore(
      on,
      'The disagreement resolution cannot have concluded',
      [...resolution.meetings].sort().at(-1),
      'its last meeting',
    );
  }
}

export const DISAGREEMENT_RESOLUTION_EVENTS: EventHandlers<
  | 'disagreement_resolution.referred'
  | 'disagreement_resolution.meeting_held'
  | 'disagreement_resolution.concluded'
> = {
  'disagreement_resolution.referred': {
    dates: ['referredOn'],
    check(snapshot, event) {
      mustBeNew(
        [event.resolutionId],
        snapshot.disagreementResolutions,
        'Disagreement resolution',
      );
      if (blank(event.subject))
        throw inconsistent('Say what the disagreement is about.');
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      disagreementResolutions: [
        ...snapshot.disagreementResolutions,
        {
          id: event.resolutionId,
          referredOn: event.referredOn,
          subject: event.subject,
          meetings: [],
        },
      ],
    }),
    effects: () => effects({}),
    businessDate: (event) => event.referredOn,
    summary: (event) =>
      `Referred to disagreement resolution ${formatLongDate(event.referredOn)}: ${event.subject}`,
  },

  'disagreement_resolution.meeting_held': {
    dates: ['heldOn'],
    check: checkRunning,
    apply: (snapshot, event) => ({
      ...snapshot,
      disagreementResolutions: updateById(
        snapshot.disagreementResolutions,
        event.resolutionId,
        (r) => ({ ...r, meetings: [...r.meetings, event.heldOn] }),
      ),
    }),
    effects: () => effects({}),
    businessDate: (event) => event.heldOn,
    summary: (event) =>
      `Disagreement resolution meeting held ${formatLongDate(event.heldOn)}`,
  },

  'disagreement_resolution.concluded': {
    dates: ['concludedOn'],
    check: checkRunning,
    apply: (snapshot, event) => ({
      ...snapshot,
      disagreementResolutions: updateById(
        snapshot.disagreementResolutions,
        event.resolutionId,
        (r) => ({
          ...r,
          concludedOn: event.concludedOn,
          outcome: event.outcome,
        }),
      ),
    }),
    effects: () => effects({}),
    businessDate: (event) => event.concludedOn,
    summary: (event) =>
      `Disagreement resolution concluded ${formatLongDate(event.concludedOn)}: ${MEETING_OUTCOME_LABELS[event.outcome]}`,
  },
};
