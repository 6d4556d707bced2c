import {
  APPEAL_OUTCOMES,
  APPEAL_RESULTS,
  APPEAL_STAGES,
  type AppealResult,
  type AppealStage,
  PLAN_SECTIONS,
} from '@send/contracts';
import { APPEAL_OUTCOME_LABELS } from '@send/domain';

export const STAGE_LABELS: Record<AppealStage, string> = {
  lodged: 'Lodged',
  registered: 'Registered, response due',
  response_sent: 'Response sent',
  hearing_listed: 'Hearing listed',
  ended: 'Ended',
};

export const RESULT_LABELS: Record<AppealResult, string> = {
  open: 'Not ended yet',
  lost: 'Lost',
  referred_back: 'Referred back',
  conceded: 'Conceded',
  upheld: 'Decision upheld',
  ended_without_decision: 'Withdrawn or struck out',
};

/** GOV.UK tag colours for how an appeal ended for the council. */
export const RESULT_TAGS: Record<AppealResult, string> = {
  open: 'govuk-tag govuk-tag--blue',
  lost: 'govuk-tag govuk-tag--red',
  referred_back: 'govuk-tag govuk-tag--yellow',
  conceded: 'govuk-tag govuk-tag--orange',
  upheld: 'govuk-tag govuk-tag--green',
  ended_without_decision: 'govuk-tag govuk-tag--grey',
};

export const capitalise = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1);

export const stageOptions = APPEAL_STAGES.map((s) => ({
  value: s,
  text: STAGE_LABELS[s],
}));
export const resultOptions = APPEAL_RESULTS.map((r) => ({
  value: r,
  text: RESULT_LABELS[r],
}));
export const outcomeOptions = APPEAL_OUTCOMES.map((o) => ({
  value: o,
  text: capitalise(APPEAL_OUTCOME_LABELS[o]),
}));
export const sectionOptions = PLAN_SECTIONS.filter((s) =>
  ['B', 'F', 'I'].includes(s),
).map((s) => ({ value: s, text: `Section ${s}` }));
