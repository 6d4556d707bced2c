import { formatLongDate } from '../../dates/iso-date';
import { effects } from '../deadline-duties';
import { RESPONSE_OUTCOME_LABELS } from '../labels';
import {
  blank,
  defined,
  type EventHandlers,
  inconsistent,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/**
 * The response to a health or social care recommendation of the Tribunal (Recommendations Power
 * Regs 2017): the responsible body answers within 5 weeks of the decision (reg 6), with reasons
 * where it does not follow it, to the parent or the young person (regs 6–7).
 */
export const RECOMMENDATION_EVENTS: EventHandlers<'recommendation.responded'> =
  {
    'recommendation.responded': {
      dates: ['sentOn'],
      check(snapshot, event) {
        const recommendation = mustFind(
          snapshot.recommendations,
          event.recommendationId,
          'There is no such recommendation on this case.',
        );
        if (recommendation.response)
          throw notAllowed(
            'A response to this recommendation is already recorded.',
          );
        if (event.outcome !== 'followed' && blank(event.reasons)) {
          throw inconsistent(
            'Give the reasons for not following the recommendation, in full or in part.',
          );
        }
        if (event.recipient === undefined) {
          throw inconsistent(
            'Say whether the response was sent to the parent or to the young person: it must go to them (Recommendations Power Regs 2017 regs 6–7); others may be copied.',
          );
        }
        const appeal = snapshot.appeals.find(
          (a) => a.id === recommendation.appealId,
        );
        notBefore(
          event.sentOn,
          'The response cannot have been sent',
          appeal?.decisionDate,
          "the Tribunal's decision",
        );
      },
      apply: (snapshot, event) => ({
        ...snapshot,
        recommendations: updateById(
          snapshot.recommendations,
          event.recommendationId,
          (r) => ({
            ...r,
            response: defined({
              outcome: event.outcome,
              sentOn: event.sentOn,
              recipient: event.recipient,
              sentTo: event.sentTo,
              reasons: event.reasons,
            }),
          }),
        ),
      }),
      effects: (_before, event) =>
        effects({
          close: [
            {
              ruleId: 'recommendation.response',
              subjectId: event.recommendationId,
              metOn: event.sentOn,
            },
          ],
        }),
      businessDate: (event) => event.sentOn,
      summary(event) {
        const to = event.recipient
          ? ` to the ${event.recipient === 'young_person' ? 'young person' : 'parent'}`
          : '';
        return `Response to recommendation sent${to} ${formatLongDate(event.sentOn)}: ${RESPONSE_OUTCOME_LABELS[event.outcome]}`;
      },
    },
  };
