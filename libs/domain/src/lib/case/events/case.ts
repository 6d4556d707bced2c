import type { CaseEventOf } from '../case-events';
import type { CaseSnapshot } from '../case-snapshot';
import { effects } from '../deadline-duties';
import {
  blank,
  defined,
  type EventHandlers,
  inconsistent,
  mustBeNew,
} from './handler';

/** The case itself: opening it (the child, the caseworker, the team), its contacts, and its reassignment. No clock. */

/** The snapshot of a newly opened case: stage `open`, nothing recorded on it yet. */
export function openedSnapshot(
  event: CaseEventOf<'case.opened'>,
): CaseSnapshot {
  return {
    reference: event.reference,
    childName: event.childName,
    dateOfBirth: event.dateOfBirth,
    caseworker: event.caseworker,
    team: event.team,
    stage: 'open',
    contacts: [],
    decisions: [],
    wayForwardMeetings: [],
    mediations: [],
    disagreementResolutions: [],
    appeals: [],
    orders: [],
    recommendations: [],
    assessmentRequests: [],
    reviews: [],
    draftPlans: [],
    phaseTransfers: [],
    flags: [],
    documents: [],
  };
}

export const CASE_EVENTS: EventHandlers<
  'case.opened' | 'contact.added' | 'case.reassigned'
> = {
  'case.opened': {
    dates: ['dateOfBirth', 'openedOn'],
    // Only a case not yet open may be opened: `checkCaseEvent` refuses it on an open one.
    check: () => undefined,
    apply: (_snapshot, event) => openedSnapshot(event),
    effects: () => effects({}),
    businessDate: (event) => event.openedOn,
    summary: (event) =>
      `Case opened for ${event.childName} (${event.reference}); caseworker ${event.caseworker}, ${event.team}`,
  },

  'contact.added': {
    dates: ['addedOn'],
    check(snapshot, event) {
      mustBeNew([event.contactId], snapshot.contacts, 'Contact');
      if (blank(event.name)) throw inconsistent("Give the contact's name.");
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      contacts: [
        ...snapshot.contacts,
        defined({
          id: event.contactId,
          name: event.name,
          relationship: event.relationship,
          email: event.email,
          phone: event.phone,
        }),
      ],
    }),
    effects: () => effects({}),
    businessDate: (event) => event.addedOn,
    summary: (event) => `Contact added: ${event.name} (${event.relationship})`,
  },

  'case.reassigned': {
    dates: ['reassignedOn'],
    check(snapshot, event) {
      if (
        event.caseworker === snapshot.caseworker &&
        event.team === snapshot.team
      ) {
        throw inconsistent(
          `This case is already with ${event.caseworker} (${event.team}).`,
        );
      }
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      caseworker: event.caseworker,
      team: event.team,
    }),
    effects: () => effects({}),
    businessDate: (event) => event.reassignedOn,
    summary: (event) => `Case reassigned to ${event.caseworker}, ${event.team}`,
  },
};
