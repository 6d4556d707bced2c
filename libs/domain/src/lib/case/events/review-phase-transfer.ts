import { formatLongDate } from '../../dates/iso-date';
import { effects } from '../deadline-duties';
import {
  answeredBy,
  type EventHandlers,
  mustBeNew,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/**
 * Reviews of an EHC plan and transfers between phases of education (SEND Regs 2014): after an
 * annual review meeting the council decides within 4 weeks (reg 20(10)); once it has proposed
 * amendments (reg 22(2)) the final amended plan is due within 8 weeks of sending them (reg 22(3));
 * before a transfer between phases the plan must be reviewed and amended by 15 February (31 March
 * for a move to post-16) of that year (reg 18(1)). The decisions that answer them are in `decision.ts`.
 */
export const REVIEW_PHASE_TRANSFER_EVENTS: EventHandlers<
  | 'review.meeting_held'
  | 'review.amendments_proposed'
  | 'phase_transfer.recorded'
> = {
  'review.meeting_held': {
    dates: ['heldOn'],
    check(snapshot, event) {
      mustBeNew([event.reviewId], snapshot.reviews, 'Review');
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      reviews: [
        ...snapshot.reviews,
        { id: event.reviewId, meetingOn: event.heldOn },
      ],
    }),
    effects: (_before, event) =>
      effects({
        open: [
          {
            ruleId: 'review.decision',
            subjectId: event.reviewId,
            facts: { reviewMeeting: event.heldOn },
            dutyHolder: 'council',
          },
        ],
      }),
    businessDate: (event) => event.heldOn,
    summary: (event) =>
      `Annual review meeting held ${formatLongDate(event.heldOn)}`,
  },

  'review.amendments_proposed': {
    dates: ['sentOn'],
    check(snapshot, event) {
      const review = mustFind(
        snapshot.reviews,
        event.reviewId,
        'There is no such review on this case: record the review meeting first.',
      );
      if (review.amendmentsProposedOn !== undefined) {
        throw notAllowed(
          `The proposed amendments are already recorded (${formatLongDate(review.amendmentsProposedOn)}).`,
        );
      }
      if (answeredBy(snapshot, 'review', review.id).length > 0)
        throw notAllowed('The council has already decided after this review.');
      notBefore(
        event.sentOn,
        'The proposed amendments cannot have been sent',
        review.meetingOn,
        'the review meeting',
      );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      reviews: updateById(snapshot.reviews, event.reviewId, (r) => ({
        ...r,
        amendmentsProposedOn: event.sentOn,
      })),
    }),
    // Meets reg 20(10); opens reg 22(3).
    effects: (_before, event) =>
      effects({
        close: [
          {
            ruleId: 'review.decision',
            subjectId: event.reviewId,
            metOn: event.sentOn,
          },
        ],
        open: [
          {
            ruleId: 'review.final_amended_plan',
            subjectId: event.reviewId,
            facts: { proposedAmendmentsSent: event.sentOn },
            dutyHolder: 'council',
          },
        ],
      }),
    businessDate: (event) => event.sentOn,
    summary: (event) =>
      `Proposed amendments to the EHC plan sent ${formatLongDate(event.sentOn)}`,
  },

  'phase_transfer.recorded': {
    dates: ['transferDate', 'recordedOn'],
    check(snapshot, event) {
      mustBeNew([event.transferId], snapshot.phaseTransfers, 'Phase transfer');
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      phaseTransfers: [
        ...snapshot.phaseTransfers,
        {
          id: event.transferId,
          transferDate: event.transferDate,
          kind: event.kind,
        },
      ],
    }),
    effects: (_before, event) =>
      effects({
        open: [
          {
            ruleId:
              event.kind === 'post16'
                ? 'phase_transfer.post16'
                : 'phase_transfer.school',
            subjectId: event.transferId,
            facts: { transferDate: event.transferDate },
            dutyHolder: 'council',
          },
        ],
      }),
    businessDate: (event) => event.recordedOn,
    summary: (event) =>
      `Transfer between phases of education on ${formatLongDate(event.transferDate)}${event.kind === 'post16' ? ' (to a post-16 institution)' : ''}`,
  },
};
