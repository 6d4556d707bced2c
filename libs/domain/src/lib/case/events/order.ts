import { ruleTitle } from '../../clock/rules';
import { formatLongDate } from '../../dates/iso-date';
import { alternativeDuty, effects, ruleIdOf } from '../deadline-duties';
import {
  blank,
  type EventHandlers,
  inconsistent,
  mustFind,
  notAllowed,
  notBefore,
  updateById,
} from './handler';

/**
 * Compliance with the duties of an order: of the Tribunal (SEND Regs reg 44), or after a concession
 * before the council's response (reg 45). Each duty is its own deadline (`ORDER_TYPE_DUTIES`);
 * after an ordered assessment, deciding not to issue a plan and issuing the final plan are
 * alternatives (reg 44(2)(b)(i) and (ii)): doing one cancels the other.
 */
export const ORDER_EVENTS: EventHandlers<'order.complied'> = {
  'order.complied': {
    dates: ['compliedOn'],
    check(snapshot, event) {
      const order = mustFind(
        snapshot.orders,
        event.orderId,
        "There is no such order on this case: record the Tribunal's decision that made it first.",
      );
      const duty = order.duties.find((d) => d.ruleId === event.ruleId);
      if (!duty) {
        throw inconsistent(
          `This order does not impose ${event.ruleId}: its duties are ${order.duties.map((d) => d.ruleId).join(' and ')}.`,
        );
      }
      if (duty.compliedOn !== undefined)
        throw notAllowed(
          `Compliance with this duty is already recorded (${formatLongDate(duty.compliedOn)}).`,
        );
      const alternative = alternativeDuty(event.ruleId);
      const done =
        alternative &&
        order.duties.find(
          (d) => d.ruleId === alternative.ruleId && d.compliedOn !== undefined,
        );
      if (done?.compliedOn) {
        // Why the duty done makes this one moot, in the words of its own alternative.
        const why =
          alternativeDuty(done.ruleId)?.reason ?? 'Its alternative was done';
        throw notAllowed(
          `${why} (${formatLongDate(done.compliedOn)}), so this duty no longer applies.`,
        );
      }
      const appeal = snapshot.appeals.find((a) => a.id === order.appealId);
      const conceded = appeal?.outcome === 'conceded_before_response';
      notBefore(
        event.compliedOn,
        'The council cannot have complied',
        conceded ? appeal.laNotifiedTribunalOn : appeal?.decisionDate,
        conceded ? 'it conceded the appeal' : 'the order was made',
      );
      if (blank(event.evidence))
        throw inconsistent(
          'Say what shows the council complied (the evidence).',
        );
    },
    apply: (snapshot, event) => ({
      ...snapshot,
      orders: updateById(snapshot.orders, event.orderId, (o) => ({
        ...o,
        duties: o.duties.map((d) =>
          d.ruleId === event.ruleId
            ? { ...d, compliedOn: event.compliedOn, evidence: event.evidence }
            : d,
        ),
      })),
    }),
    effects(_before, event) {
      const alternative = alternativeDuty(event.ruleId);
      return effects({
        close: [
          {
            ruleId: ruleIdOf(event.ruleId),
            subjectId: event.orderId,
            metOn: event.compliedOn,
          },
        ],
        cancel: alternative
          ? [
              {
                ruleId: alternative.ruleId,
                subjectId: event.orderId,
                reason: alternative.reason,
              },
            ]
          : [],
      });
    },
    businessDate: (event) => event.compliedOn,
    summary: (event) =>
      `Complied ${formatLongDate(event.compliedOn)}: ${ruleTitle(event.ruleId)}`,
  },
};
