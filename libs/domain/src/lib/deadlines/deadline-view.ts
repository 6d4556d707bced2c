import type {
  DeadlineView,
  DutyHolder,
  ExtensionGroundId,
  ResponsibleBody,
  DeadlineStatus,
} from '@send/contracts';
import {
  EXTENSION_GROUNDS,
  type ExtensionGround,
  ruleTitle,
} from '../clock/rules';
import { lowerFirst, RESPONSIBLE_BODY_LABELS } from '../case/labels';
import { formatLongDate } from '../dates/iso-date';
import {
  currentStatus,
  deadlineDisplayStatus,
  deadlineStatusWords,
  DUTY_HOLDER_LABELS,
  isOutstanding,
  remindsStaff,
  type StatusColour,
  type TaggedDeadline,
} from './deadline-status';

/** The view of a deadline every list and page returns, and how a deadline row is presented (see `deadline-status.ts` for its status). */

/** A deadline as stored (one `deadline` row with its case's reference and child), whatever reads it. */
export interface DeadlineRecord {
  id: string;
  caseId: string;
  caseReference: string;
  childName: string;
  ruleId: string;
  rulesetVersion: string;
  dueOn: string;
  explanation: string[];
  status: DeadlineStatus;
  metOn?: string | null;
  cancelledReason?: string | null;
  responsibleBody?: ResponsibleBody | null;
  dutyHolder: DutyHolder;
  extensions: readonly {
    fromDueOn: string;
    toDueOn: string;
    reason: string;
    agreedBy: string;
    ground?: ExtensionGroundId | null;
  }[];
  subjectId: string;
  owner: string;
  /** The date (Europe/London) its due date was recorded on, when known: a deadline already past then is `pastWhenRecorded`. */
  timedFrom?: string;
}

/** The view of a deadline every list and page returns (see `DeadlineView`); `escalatesTo`: the managers of the case's team, when known. */
export function deadlineView(
  d: DeadlineRecord,
  today: string,
  escalatesTo?: string[],
): DeadlineView {
  const status = currentStatus(d, today);
  const outstanding = isOutstanding(d);
  return {
    id: d.id,
    caseId: d.caseId,
    caseReference: d.caseReference,
    childName: d.childName,
    ruleId: d.ruleId,
    ruleTitle: ruleTitle(d.ruleId),
    rulesetVersion: d.rulesetVersion,
    dueOn: d.dueOn,
    explanation: d.explanation,
    status,
    displayStatus: deadlineDisplayStatus(
      { status, dueOn: d.dueOn, extended: d.extensions.length > 0 },
      today,
    ),
    ...(d.metOn ? { metOn: d.metOn, metOnTime: d.metOn <= d.dueOn } : {}),
    ...(d.cancelledReason ? { cancelledReason: d.cancelledReason } : {}),
    ...(d.responsibleBody ? { responsibleBody: d.responsibleBody } : {}),
    dutyHolder: d.dutyHolder,
    ...(d.extensions.length
      ? {
          extensions: d.extensions.map(
            ({ fromDueOn, toDueOn, reason, agreedBy, ground }) => ({
              fromDueOn,
              toDueOn,
              reason,
              agreedBy,
              ...(ground ? { ground } : {}),
            }),
          ),
        }
      : {}),
    ...(outstanding && d.timedFrom !== undefined && d.dueOn < d.timedFrom
      ? { pastWhenRecorded: true as const }
      : {}),
    subjectId: d.subjectId,
    owner: d.owner,
    ...(escalatesTo ? { escalatesTo } : {}),
    remindsStaff: remindsStaff(d.dutyHolder),
  };
}

/** An extension's line, in a deadline's explanation and wherever the deadline is shown. */
export function extensionLine(x: {
  fromDueOn: string;
  toDueOn: string;
  reason: string;
  agreedBy: string;
  ground?: ExtensionGround;
}): string {
  const ground = x.ground
    ? ` on the ground that ${lowerFirst(EXTENSION_GROUNDS[x.ground])}`
    : '';
  return `Extended from ${formatLongDate(x.fromDueOn)} to ${formatLongDate(x.toDueOn)}${ground}: ${x.reason} (agreed by ${x.agreedBy})`;
}

/** A deadline row as shown anywhere (the case page, a deadline list, a calendar feed): what is due, by when, its status, who must act, and its extensions. */
export interface DeadlinePresentation {
  /** The rule in plain words. */
  title: string;
  /** For a recommendation response: the body that must answer, in words. */
  responsibleBody?: string;
  /** The due date written out, e.g. "Fri 1 May 2026". */
  due: string;
  status: { text: string; colour: StatusColour };
  whoMustAct: string;
  /** One line per extension, oldest first, as in the explanation of the due date. */
  extensions: string[];
}

/** How a deadline row is presented: one function for the web app's case page and lists and the API's feeds. */
export function presentDeadline(
  d: TaggedDeadline &
    Pick<DeadlineView, 'ruleId' | 'dutyHolder'> &
    Partial<Pick<DeadlineView, 'ruleTitle' | 'responsibleBody' | 'extensions'>>,
  today: string,
): DeadlinePresentation {
  return {
    // The title the API sent (the same `ruleTitle`, of the ruleset the deadline was worked out under), else the rules here.
    title: d.ruleTitle ?? ruleTitle(d.ruleId),
    ...(d.responsibleBody
      ? {
          responsibleBody:
            RESPONSIBLE_BODY_LABELS[d.responsibleBody] ?? d.responsibleBody,
        }
      : {}),
    due: formatLongDate(d.dueOn),
    status: deadlineStatusWords(d, today),
    whoMustAct: DUTY_HOLDER_LABELS[d.dutyHolder] ?? d.dutyHolder,
    extensions: (d.extensions ?? []).map((x) =>
      extensionLine({ ...x, ground: x.ground ?? undefined }),
    ),
  };
}
