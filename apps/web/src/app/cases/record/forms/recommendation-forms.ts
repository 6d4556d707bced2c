import {
  RESPONSE_OUTCOMES,
  type RecordRecommendationResponseRequest,
  type ResponseOutcome,
  type ResponseRecipient,
  type WriteBody,
} from '@send/contracts';
import { formatLongDate, RESPONSE_RECIPIENT_LABELS } from '@send/domain';
import type { Choice } from '../../../shared/forms/form-types';
import {
  outcomeLabel,
  responsibleBodyLabel,
  sectionLabel,
} from '../../../shared/labels';
import type {
  EventFormSpec,
  FieldSpec,
  FormContext,
  Values,
} from '../event-form';
import { deadlineFor, recommendationOf } from '../subjects';
import { answers, casePath, happenedOn, notes, ticked } from './common';

/** Who the response goes to: the parent or the young person, one of them always (Recommendations Power Regs 2017 regs 6–7); the letter names them. */
const RECIPIENTS: Readonly<Record<ResponseRecipient, string>> =
  RESPONSE_RECIPIENT_LABELS;
/** A copy to the council's SEND team, as the response's list of recipients names it. */
const SEND_TEAM = 'Council SEND team';

const outcomeIs =
  (...outcomes: (ResponseOutcome | '')[]) =>
  (values: Values) =>
    outcomes.includes(String(values['outcome'] ?? '') as ResponseOutcome | '');

/**
 * The reasons: asked for always, required when the recommendation was not followed in full or at
 * all (with the message for each), optional otherwise. One field shows at a time.
 */
const reasons = (extra: Partial<Extract<FieldSpec, { kind: 'text' }>>) =>
  notes('reasons', 'Reasons', {
    rows: 6,
    hint: 'The response must give reasons for any recommendation not followed, in full or in part.',
    ...extra,
  });

/** The response of the responsible body to one of the Tribunal's health or social care recommendations. */
export const recommendationResponseForm: EventFormSpec<
  WriteBody<RecordRecommendationResponseRequest>
> = {
  kind: 'recommendation-response',
  requires: ['recommendation'],
  exists: (ctx) => !!recommendationOf(ctx) && !recommendationOf(ctx)?.response,
  title: () => 'Record the response to a recommendation',
  about: (ctx) => {
    const r = recommendationOf(ctx);
    if (!r) return [];
    const due = deadlineFor(ctx.detail, 'recommendation.response', r.id)?.dueOn;
    return [
      { key: 'Section', value: sectionLabel(r.section) },
      {
        key: 'Responsible body',
        value: responsibleBodyLabel(r.responsibleBody),
      },
      { key: 'Recommendation', value: r.text },
      ...(due ? [{ key: 'Response due', value: formatLongDate(due) }] : []),
    ];
  },
  law: () => [
    'The responsible body must respond in writing within 5 weeks of the Tribunal’s decision, saying whether it will follow the recommendation and giving reasons for any part it will not follow (Recommendations Power Regs 2017 reg 6).',
    'The response goes to the parent or to the young person (regs 6–7); others may be copied.',
  ],
  fields: () => [
    {
      kind: 'radios',
      name: 'outcome',
      label: 'Outcome',
      missing: 'Select whether the recommendation was followed',
      options: (): Choice[] =>
        RESPONSE_OUTCOMES.map((value) => ({
          value,
          text: outcomeLabel(value),
        })),
    },
    reasons({ optional: true, when: outcomeIs('', 'followed') }),
    reasons({
      when: outcomeIs('partly_followed'),
      missing: 'Enter the reasons for not following the recommendation in full',
    }),
    reasons({
      when: outcomeIs('not_followed'),
      missing: 'Enter the reasons for not following the recommendation',
    }),
    happenedOn('sentOn', 'Date the response was sent'),
    {
      kind: 'radios',
      name: 'recipient',
      label: 'Sent to',
      hint: 'The response must go to the parent or to the young person.',
      missing:
        'Select whether the response was sent to the parent or the young person',
      options: () =>
        (Object.keys(RECIPIENTS) as ResponseRecipient[]).map((value) => ({
          value,
          text: RECIPIENTS[value],
        })),
    },
    {
      kind: 'checkboxes',
      name: 'sentTo',
      label: 'Copies',
      optional: true,
      options: () => [{ value: SEND_TEAM, text: `Copied to the ${SEND_TEAM}` }],
    },
  ],
  path: (ctx: FormContext) =>
    casePath(
      ctx,
      `/recommendations/${encodeURIComponent(ctx.params['recommendation'] ?? '')}/response`,
    ),
  body: (parsed) => {
    const { recipient, ...rest } = answers<RecordRecommendationResponseRequest>(
      parsed,
    )('outcome', 'reasons', 'sentOn', 'recipient');
    return {
      ...rest,
      recipient,
      sentTo: [RECIPIENTS[recipient], ...ticked(parsed, 'sentTo')],
    } satisfies WriteBody<RecordRecommendationResponseRequest>;
  },
  saved: 'Response recorded',
  // The written response the law requires (reg 6), issued as the entry is recorded.
  letter: {
    request: (body, ctx) => ({
      kind: 'recommendation_response',
      recommendationResponse: {
        ...body,
        recommendationId: ctx.params['recommendation'] ?? '',
      },
    }),
    issued: 'The response is recorded as entry',
  },
};
