import { EXTENSION_GROUNDS, ruleInfo, ruleTitle } from '../../clock/rules';
import { formatLongDate } from '../../dates/iso-date';
import type { CaseSnapshot } from '../case-snapshot';
import { effects, isRuleId, ruleIdOf } from '../deadline-duties';
import { lowerFirst } from '../labels';
import {
  blank,
  type EventHandlers,
  inconsistent,
  notAllowed,
  unknown,
} from './handler';

/**
 * Events about a deadline itself: an extension under a statutory exception (never silent: both
 * dates stay in the history; only where the law gives the exception, see `RuleInfo.extension`),
 * and the system's record that a deadline passed unmet. Deadlines live in their own table, so
 * neither changes the snapshot.
 */

/** Which subjects of the case each family of deadline rules belongs to (first matching prefix wins). */
const RULE_SUBJECTS: readonly {
  prefix: string;
  subjects: (s: CaseSnapshot) => readonly { id: string }[];
}[] = [
  { prefix: 'appeal.lodge', subjects: (s) => s.decisions },
  { prefix: 'mediation.contact_adviser', subjects: (s) => s.decisions },
  { prefix: 'mediation.', subjects: (s) => s.mediations },
  { prefix: 'agreement.health_notify_la', subjects: (s) => s.mediations },
  {
    prefix: 'agreement.',
    subjects: (s) => s.mediations.flatMap((m) => m.agreementItems),
  },
  { prefix: 'tribunal.', subjects: (s) => s.appeals },
  { prefix: 'order.', subjects: (s) => s.orders },
  { prefix: 'concession.', subjects: (s) => s.orders },
  { prefix: 'recommendation.', subjects: (s) => s.recommendations },
  { prefix: 'assessment.', subjects: (s) => s.assessmentRequests },
  { prefix: 'draft_plan.', subjects: (s) => s.draftPlans },
  { prefix: 'review.', subjects: (s) => s.reviews },
  { prefix: 'phase_transfer.', subjects: (s) => s.phaseTransfers },
];

export const DEADLINE_EVENTS: EventHandlers<
  'deadline.extended' | 'deadline.overdue'
> = {
  'deadline.extended': {
    dates: ['fromDueOn', 'toDueOn', 'extendedOn'],
    check(snapshot, event) {
      if (!isRuleId(event.ruleId))
        throw inconsistent(`There is no deadline rule called ${event.ruleId}.`);
      const subjects =
        RULE_SUBJECTS.find((r) => event.ruleId.startsWith(r.prefix))?.subjects(
          snapshot,
        ) ?? [];
      if (!subjects.some((s) => s.id === event.subjectId))
        throw unknown(
          `This case has no ${event.ruleId} deadline for that subject.`,
        );
      if (event.toDueOn <= event.fromDueOn) {
        throw inconsistent(
          `An extension must give a later due date than ${formatLongDate(event.fromDueOn)}.`,
        );
      }
      const rule = ruleInfo(event.ruleId);
      if (!rule?.extension) {
        throw notAllowed(
          `This time limit (${rule?.title ?? event.ruleId}, ${rule?.source ?? 'the law'}) has no statutory exception, so it cannot be extended: record what happened when it happens; if it is late, it will show as late.`,
        );
      }
      if (
        event.ground === undefined ||
        !rule.extension.grounds.includes(event.ground)
      ) {
        const grounds = rule.extension.grounds.map(
          (g) =>
            `${g} (${EXTENSION_GROUNDS[g].charAt(0).toLowerCase()}${EXTENSION_GROUNDS[g].slice(1)})`,
        );
        throw inconsistent(
          `${event.ground === undefined ? 'Say which statutory exception applies.' : 'That exception does not apply to this time limit.'} ${rule.extension.source} allows: ${grounds.join('; ')}.`,
        );
      }
      if (blank(event.reason))
        throw inconsistent(
          'Give the reason for the extension: what happened that makes the exception apply.',
        );
      if (blank(event.agreedBy))
        throw inconsistent('Say who agreed the extension.');
    },
    // Deadlines live in their own table: the snapshot stays as it is.
    apply: (snapshot) => snapshot,
    effects: (_before, event) =>
      effects({
        extend: [
          {
            ruleId: ruleIdOf(event.ruleId),
            subjectId: event.subjectId,
            toDueOn: event.toDueOn,
            reason: event.reason,
            agreedBy: event.agreedBy,
            ...(event.ground ? { ground: event.ground } : {}),
          },
        ],
      }),
    businessDate: (event) => event.extendedOn,
    summary(event) {
      const ground = event.ground
        ? ` under a statutory exception (${lowerFirst(EXTENSION_GROUNDS[event.ground])})`
        : '';
      return `Deadline extended from ${formatLongDate(event.fromDueOn)} to ${formatLongDate(event.toDueOn)}${ground} (${ruleTitle(event.ruleId)}): ${event.reason}`;
    },
  },

  'deadline.overdue': {
    dates: ['dueOn', 'overdueOn'],
    // Recorded by the system when a deadline passes unmet.
    check: () => undefined,
    apply: (snapshot) => snapshot,
    effects: () => effects({}),
    businessDate: (event) => event.overdueOn,
    summary: (event) =>
      `Deadline missed: ${ruleTitle(event.ruleId)} was due ${formatLongDate(event.dueOn)}`,
  },
};
