import {
  MEETING_OUTCOMES,
  type ResolutionConcludedRequest,
  type ResolutionMeetingRequest,
  type ResolutionReferralRequest,
  type WriteBody,
} from '@send/contracts';
import { formatLongDate } from '@send/domain';
import { MEETING_OUTCOME_CHOICES } from '../../../shared/labels';
import type { EventFormSpec, FormContext } from '../event-form';
import { resolutionOf } from '../subjects';
import { answers, casePath, choicesOf, happenedOn } from './common';

const NO_CLOCK =
  'Disagreement resolution is voluntary for everyone and wider than EHC plans. It gives no certificate and moves no clock: the family’s mediation and appeal deadlines keep running.';

const onResolution = {
  requires: ['resolution'],
  exists: (ctx: FormContext) => !!resolutionOf(ctx),
  about: (ctx: FormContext) => {
    const r = resolutionOf(ctx);
    return r
      ? [
          {
            key: 'Disagreement resolution',
            value: `${r.subject} (referred ${formatLongDate(r.referredOn)})`,
          },
        ]
      : [];
  },
} as const;
const referred = (ctx: FormContext) => resolutionOf(ctx)?.referredOn;
const beforeReferral = (d: string) =>
  `This cannot have happened before the referral (${formatLongDate(d)})`;
const notBeforeReferral = (iso: string, _v: unknown, ctx: FormContext) => {
  const limit = referred(ctx);
  return limit !== undefined && iso < limit ? beforeReferral(limit) : undefined;
};

export const resolutionReferredForm: EventFormSpec<
  WriteBody<ResolutionReferralRequest>
> = {
  kind: 'resolution-referred',
  title: () => 'Record a referral to disagreement resolution',
  law: () => [NO_CLOCK],
  fields: () => [
    happenedOn('referredOn', 'Date of the referral'),
    {
      kind: 'text',
      name: 'subject',
      label: 'What is the disagreement about?',
      hint: 'For example, "Transport to the named school".',
    },
  ],
  path: (ctx) => casePath(ctx, '/disagreement-resolutions'),
  body: (parsed) =>
    answers<ResolutionReferralRequest>(parsed)(
      'referredOn',
      'subject',
    ) satisfies WriteBody<ResolutionReferralRequest>,
  saved: 'Referral to disagreement resolution recorded',
};

export const resolutionMeetingForm: EventFormSpec<
  WriteBody<ResolutionMeetingRequest>
> = {
  kind: 'resolution-meeting',
  ...onResolution,
  title: () => 'Record a disagreement resolution meeting',
  law: () => [NO_CLOCK],
  fields: () => [
    happenedOn('heldOn', 'Date the meeting was held', {
      check: notBeforeReferral,
    }),
  ],
  path: (ctx) =>
    casePath(
      ctx,
      `/disagreement-resolutions/${ctx.params['resolution']}/meetings`,
    ),
  body: (parsed) =>
    answers<ResolutionMeetingRequest>(parsed)(
      'heldOn',
    ) satisfies WriteBody<ResolutionMeetingRequest>,
  saved: 'Disagreement resolution meeting recorded',
};

export const resolutionConcludedForm: EventFormSpec<
  WriteBody<ResolutionConcludedRequest>
> = {
  kind: 'resolution-concluded',
  ...onResolution,
  title: () => 'Record how disagreement resolution ended',
  law: () => [NO_CLOCK],
  fields: () => [
    happenedOn('concludedOn', 'Date it ended', { check: notBeforeReferral }),
    {
      kind: 'radios',
      name: 'outcome',
      label: 'What was the outcome?',
      missing: 'Select how disagreement resolution ended',
      options: () => choicesOf(MEETING_OUTCOMES, MEETING_OUTCOME_CHOICES),
    },
  ],
  path: (ctx) =>
    casePath(
      ctx,
      `/disagreement-resolutions/${ctx.params['resolution']}/conclusion`,
    ),
  body: (parsed) =>
    answers<ResolutionConcludedRequest>(parsed)(
      'concludedOn',
      'outcome',
    ) satisfies WriteBody<ResolutionConcludedRequest>,
  saved: 'End of disagreement resolution recorded',
};
