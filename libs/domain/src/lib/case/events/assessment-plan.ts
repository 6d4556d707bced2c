import { formatLongDate } from '../../dates/iso-date';
import { effects, find, recorded } from '../deadline-duties';
import {
  answeredBy,
  defined,
  type EventHandlers,
  mustBeNew,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/**
 * A request for an EHC needs assessment and the plan that may follow (SEND Regs 2014): the council
 * decides whether to assess within 6 weeks (reg 5(1)); having decided to, it has 16 weeks from the
 * request to decide not to issue a plan (reg 10(1)) or 20 to issue the final plan (reg 13(2)); a
 * draft plan gives the family 15 days, beginning with the day it was served, to comment (reg 13(1)).
 * The decisions that answer a request are in `decision.ts`.
 */
export const ASSESSMENT_PLAN_EVENTS: EventHandlers<
  | 'assessment.requested'
  | 'assessment.agreed'
  | 'draft_plan.served'
  | 'draft_plan.comments_received'
> = {
  'assessment.requested': {
    dates: ['receivedOn'],
    check(snapshot, event) {
      mustBeNew(
        [event.requestId],
        snapshot.assessmentRequests,
        'Request for an assessment',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      assessmentRequests: [
        ...snapshot.assessmentRequests,
        { id: event.requestId, receivedOn: event.receivedOn },
      ],
    }),
    // reg 5(1): the council decides within 6 weeks of receiving the request.
    effects: (_before, event) =>
      effects({
        open: [
          {
            ruleId: 'assessment.decide',
            subjectId: event.requestId,
            facts: { requestReceived: event.receivedOn },
            dutyHolder: 'council',
          },
        ],
      }),
    businessDate: (event) => event.receivedOn,
    summary: (event) =>
      `Request for an EHC needs assessment received ${formatLongDate(event.receivedOn)}`,
  },

  'assessment.agreed': {
    dates: ['notifiedOn'],
    check(snapshot, event) {
      const request = mustFind(
        snapshot.assessmentRequests,
        event.requestId,
        'There is no such request for an assessment on this case: record the request first.',
      );
      if (request.agreedOn !== undefined)
        throw notAllowed(
          `The decision to assess is already recorded (${formatLongDate(request.agreedOn)}).`,
        );
      if (answeredBy(snapshot, 'assessment_request', request.id).length > 0) {
        throw notAllowed(
          'The council already decided not to assess on this request.',
        );
      }
      notBefore(
        event.notifiedOn,
        'The council cannot have decided to assess',
        request.receivedOn,
        'the request was received',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      assessmentRequests: updateById(
        snapshot.assessmentRequests,
        event.requestId,
        (r) => ({ ...r, agreedOn: event.notifiedOn }),
      ),
    }),
    // Meets reg 5(1); opens the alternatives reg 10(1) (no plan, 16 weeks) and reg 13(2) (final plan, 20 weeks), both from the request.
    effects(before, event) {
      const request = find(
        recorded(before).assessmentRequests,
        event.requestId,
        'request for an assessment',
      );
      const facts = { requestReceived: request.receivedOn };
      return effects({
        close: [
          {
            ruleId: 'assessment.decide',
            subjectId: request.id,
            metOn: event.notifiedOn,
          },
        ],
        open: [
          {
            ruleId: 'assessment.no_plan_decision',
            subjectId: request.id,
            facts,
            dutyHolder: 'council',
          },
          {
            ruleId: 'assessment.final_plan',
            subjectId: request.id,
            facts,
            dutyHolder: 'council',
          },
        ],
      });
    },
    businessDate: (event) => event.notifiedOn,
    summary: (event) =>
      `The council decided to carry out the EHC needs assessment; family told ${formatLongDate(event.notifiedOn)}`,
  },

  'draft_plan.served': {
    dates: ['servedOn'],
    check(snapshot, event) {
      mustBeNew([event.draftId], snapshot.draftPlans, 'Draft plan');
      if (event.requestId !== undefined) {
        const request = mustFind(
          snapshot.assessmentRequests,
          event.requestId,
          'There is no such request for an assessment on this case.',
        );
        notBefore(
          event.servedOn,
          'The draft plan cannot have been served',
          request.receivedOn,
          'the request was received',
        );
      }
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      draftPlans: [
        ...snapshot.draftPlans,
        defined({
          id: event.draftId,
          servedOn: event.servedOn,
          requestId: event.requestId,
        }),
      ],
    }),
    // reg 13(1): 15 days beginning with the day the draft was served, for the family's comments.
    effects: (_before, event) =>
      effects({
        open: [
          {
            ruleId: 'draft_plan.comments',
            subjectId: event.draftId,
            facts: { draftServed: event.servedOn },
            dutyHolder: 'family',
          },
        ],
      }),
    businessDate: (event) => event.servedOn,
    summary: (event) =>
      `Draft EHC plan served ${formatLongDate(event.servedOn)}`,
  },

  'draft_plan.comments_received': {
    dates: ['receivedOn'],
    check(snapshot, event) {
      const draft = mustFind(
        snapshot.draftPlans,
        event.draftId,
        'There is no such draft plan on this case: record that it was served first.',
      );
      if (draft.commentsReceivedOn !== undefined)
        throw notAllowed(
          `The family's comments are already recorded (${formatLongDate(draft.commentsReceivedOn)}).`,
        );
      notBefore(
        event.receivedOn,
        "The family's comments cannot have been received",
        draft.servedOn,
        'the draft plan was served',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      draftPlans: updateById(snapshot.draftPlans, event.draftId, (d) => ({
        ...d,
        commentsReceivedOn: event.receivedOn,
      })),
    }),
    effects: (_before, event) =>
      effects({
        close: [
          {
            ruleId: 'draft_plan.comments',
            subjectId: event.draftId,
            metOn: event.receivedOn,
          },
        ],
      }),
    businessDate: (event) => event.receivedOn,
    summary: (event) =>
      `Family's comments on the draft plan received ${formatLongDate(event.receivedOn)}`,
  },
};
