import {
  deadlineStatusWords,
  type StatusColour,
  type TaggedDeadline,
} from '@send/domain';

/**
 * How a deadline's status is shown: the domain's words and colour (`deadlineStatusWords`, with the
 * overdue test `isPastDue` and the "due soon" window the API's lists use too), as a GOV.UK tag.
 */
export {
  DUE_SOON_DAYS,
  isOverdueDuty,
  isPassedFamilyLimit,
  isPastDue as isPast,
  type TaggedDeadline,
} from '@send/domain';

export type TagColour = StatusColour;

export interface StatusTag {
  text: string;
  colour: TagColour;
}

/**
 * How a deadline's status is shown, as a GOV.UK tag. `today` is the date in Europe/London. A
 * family's own time limit (to contact the mediation adviser, to appeal) that went by is "Passed",
 * not "Overdue": nobody at the council failed a duty, and there is nothing to chase.
 */
export function deadlineStatusTag(
  deadline: TaggedDeadline,
  today: string,
): StatusTag {
  return deadlineStatusWords(deadline, today);
}

/** GOV.UK Frontend's tag is blue without a modifier. */
export function tagClass(colour: TagColour): string {
  return colour === 'blue' ? 'govuk-tag' : `govuk-tag govuk-tag--${colour}`;
}
