import {
  type AdviserContactedRequest,
  type AgreementItemCompletedRequest,
  CERTIFICATE_KINDS,
  type CertificateKind,
  type CertificateRequest,
  type HealthNotifiedRequest,
  type HealthResponseRequest,
  type MediationAgreementRequest,
  type MediationArrangedRequest,
  type MediationDeclinedRequest,
  type MediationHeldRequest,
  type MediationNotArrangedRequest,
  type MediationRequestedRequest,
  type MediationWithdrawnRequest,
  MEETING_OUTCOMES,
  type NewAgreementItem,
  ORDER_TYPES,
  type WriteBody,
} from '@send/contracts';
import { formatLongDate, ORDER_TYPE_LABELS } from '@send/domain';
import { MEETING_OUTCOME_CHOICES } from '../../../shared/labels';
import type { EventFormSpec, FormContext, Parsed } from '../event-form';
import {
  aboutMediation,
  certificateKindLabel,
  decisionOf,
  describeDecision,
  dueText,
  mediationOf,
} from '../subjects';
import {
  answers,
  casePath,
  choicesOf,
  dateError,
  happenedOn,
  notBefore,
  notes,
  yes,
  YES_NO,
} from './common';

const mediationPath = (ctx: FormContext, rest: string) =>
  casePath(ctx, `/mediations/${ctx.params['mediation']}${rest}`);
const onMediation = {
  requires: ['mediation'],
  exists: (ctx: FormContext) => !!mediationOf(ctx),
  about: aboutMediation,
} as const;
const contacted = (ctx: FormContext) => mediationOf(ctx)?.adviserContactedOn;
const councilTold = (ctx: FormContext) => mediationOf(ctx)?.laInformedOn;

export const adviserContactedForm: EventFormSpec<
  WriteBody<AdviserContactedRequest>
> = {
  kind: 'mediation-adviser-contacted',
  requires: ['decision'],
  needs: 'providers',
  exists: (ctx) => !!decisionOf(ctx),
  title: () => 'Record that the family contacted the mediation adviser',
  about: (ctx) => [
    { key: 'Decision', value: describeDecision(decisionOf(ctx)) },
  ],
  law: (ctx) => [
    `The family must contact the mediation adviser within 2 months of the decision letter (SEND Regulations, reg 33) before they can appeal, unless the appeal is only about the school or placement named in section I.${dueText(ctx.detail, 'mediation.contact_adviser', ctx.params['decision'] ?? '')}`,
    'After the contact, the family either declines mediation (the adviser must then issue a certificate within 3 working days) or asks for it (the council must then arrange it within 30 days).',
  ],
  fields: (ctx) => [
    {
      kind: 'radios',
      name: 'providerId',
      label: 'Which mediation service did they contact?',
      missing: 'Select the mediation service the family contacted',
      options: () => ctx.providers,
    },
    {
      kind: 'text',
      name: 'providerReference',
      label: 'The mediation service’s reference',
      hint: 'If the family or the service quoted one: the case can then be found by it.',
      optional: true,
      width: '20',
      maxLength: 200,
    },
    happenedOn(
      'contactedOn',
      'Date the family contacted the mediation adviser',
      {
        check: notBefore(
          (c) => decisionOf(c)?.decisionDate,
          (d) =>
            `The family cannot have contacted the adviser before the decision (${formatLongDate(d)})`,
        ),
      },
    ),
    {
      kind: 'radios',
      name: 'healthInIssue',
      label: 'Is health provision in issue?',
      missing: 'Select yes if health provision is in issue',
      hint: 'If so, the council must tell the integrated care board within 3 working days of being told the family wants mediation (reg 35).',
      inline: true,
      options: () => YES_NO,
    },
    {
      kind: 'radios',
      name: 'socialCareInIssue',
      label: 'Is social care provision in issue?',
      missing: 'Select yes if social care provision is in issue',
      inline: true,
      options: () => YES_NO,
    },
  ],
  path: (ctx) => casePath(ctx, '/mediations'),
  body: (parsed, ctx) =>
    ({
      decisionId: ctx.params['decision'] ?? '',
      ...answers<AdviserContactedRequest>(parsed)(
        'providerId',
        'providerReference',
        'contactedOn',
      ),
      healthInIssue: yes(parsed, 'healthInIssue'),
      socialCareInIssue: yes(parsed, 'socialCareInIssue'),
    }) satisfies WriteBody<AdviserContactedRequest>,
  saved: 'Contact with the mediation adviser recorded',
};

export const mediationDeclinedForm: EventFormSpec<
  WriteBody<MediationDeclinedRequest>
> = {
  kind: 'mediation-declined',
  ...onMediation,
  title: () => 'Record that the family declined mediation',
  law: () => [
    'The mediation adviser must issue a certificate within 3 working days of being told that the family does not want mediation (reg 34).',
    'The family can then appeal until the later of 2 months after the decision letter and 1 month after the certificate.',
  ],
  fields: () => [
    happenedOn(
      'adviserInformedOn',
      'Date the family told the mediation adviser',
      {
        hint: 'The certificate is due 3 working days after this date.',
        check: notBefore(
          contacted,
          (d) =>
            `The family cannot have declined before they contacted the adviser (${formatLongDate(d)})`,
        ),
      },
    ),
  ],
  path: (ctx) => mediationPath(ctx, '/declined'),
  body: (parsed) =>
    answers<MediationDeclinedRequest>(parsed)(
      'adviserInformedOn',
    ) satisfies WriteBody<MediationDeclinedRequest>,
  saved: 'Mediation declined recorded',
};

export const mediationRequestedForm: EventFormSpec<
  WriteBody<MediationRequestedRequest>
> = {
  kind: 'mediation-requested',
  ...onMediation,
  title: () => 'Record that the family wants mediation',
  law: (ctx) => [
    'The council must arrange mediation within 30 days of being told the family wants it (regs 36 and 37).',
    ...(mediationOf(ctx)?.healthInIssue
      ? [
          'Health provision is in issue: the council must also tell the integrated care board within 3 working days (reg 35).',
        ]
      : []),
  ],
  fields: () => [
    happenedOn(
      'laInformedOn',
      'Date the council was told the family wants mediation',
      {
        hint: 'The 30 days count from this date.',
        check: notBefore(
          contacted,
          (d) =>
            `The council cannot have been told before the family contacted the adviser (${formatLongDate(d)})`,
        ),
      },
    ),
    {
      kind: 'radios',
      name: 'healthOnly',
      label: 'Is health care provision the only issue?',
      hint: 'If so, the integrated care board arranges the mediation within 30 days of the council telling it, and the council is not a party (reg 35).',
      missing: 'Select yes if health care provision is the only issue',
      inline: true,
      when: (_v, ctx) => !!mediationOf(ctx)?.healthInIssue,
      options: () => YES_NO,
    },
  ],
  path: (ctx) => mediationPath(ctx, '/requested'),
  body: (parsed) =>
    ({
      ...answers<MediationRequestedRequest>(parsed)('laInformedOn'),
      ...(parsed['healthOnly'] === 'yes' ? { healthOnly: true } : {}),
    }) satisfies WriteBody<MediationRequestedRequest>,
  saved: 'Request for mediation recorded',
};

export const mediationWithdrawnForm: EventFormSpec<
  WriteBody<MediationWithdrawnRequest>
> = {
  kind: 'mediation-withdrawn',
  ...onMediation,
  title: () => 'Record that the family no longer wishes to pursue mediation',
  law: () => [
    'A family that asked for mediation may decide not to pursue it. The duty to arrange it ends, and the mediation adviser must issue a certificate within 3 working days of being told (reg 34).',
    'The family can then appeal until the later of 2 months after the decision letter and 1 month after the certificate.',
  ],
  fields: () => [
    happenedOn('adviserInformedOn', 'Date the mediation adviser was told', {
      hint: 'The certificate is due 3 working days after this date.',
      check: notBefore(
        councilTold,
        (d) =>
          `The adviser cannot have been told before the council knew mediation was wanted (${formatLongDate(d)})`,
      ),
    }),
  ],
  path: (ctx) => mediationPath(ctx, '/withdrawn'),
  body: (parsed) =>
    answers<MediationWithdrawnRequest>(parsed)(
      'adviserInformedOn',
    ) satisfies WriteBody<MediationWithdrawnRequest>,
  saved: 'Withdrawal from mediation recorded',
};

export const healthNotifiedForm: EventFormSpec<
  WriteBody<HealthNotifiedRequest>
> = {
  kind: 'mediation-health-notified',
  ...onMediation,
  title: () =>
    'Record that the integrated care board was told about the mediation',
  law: (ctx) => [
    `Where health provision is in issue, the council must tell the integrated care board within 3 working days of being told the family wants mediation (reg 35).${dueText(ctx.detail, 'mediation.notify_health', ctx.params['mediation'] ?? '')}`,
    ...(mediationOf(ctx)?.healthOnly
      ? [
          'Health care provision is the only issue: the board must arrange the mediation within 30 days of being told.',
        ]
      : []),
  ],
  fields: () => [
    happenedOn(
      'notifiedOn',
      'Date the council told the integrated care board',
      {
        check: notBefore(
          councilTold,
          (d) =>
            `The board cannot have been told before the council knew mediation was wanted (${formatLongDate(d)})`,
        ),
      },
    ),
  ],
  path: (ctx) => mediationPath(ctx, '/health-notified'),
  body: (parsed) =>
    answers<HealthNotifiedRequest>(parsed)(
      'notifiedOn',
    ) satisfies WriteBody<HealthNotifiedRequest>,
  saved: 'Notice to the integrated care board recorded',
};

export const mediationArrangedForm: EventFormSpec<
  WriteBody<MediationArrangedRequest>
> = {
  kind: 'mediation-arranged',
  ...onMediation,
  title: () => 'Record the mediation arrangements',
  law: (ctx) => [
    `The council must arrange mediation to take place within 30 days of being told the family wants it (regs 36 and 37).${dueText(ctx.detail, 'mediation.arrange', ctx.params['mediation'] ?? '')}`,
    'Arranging it does not meet the duty on its own: record the mediation when it has been held.',
  ],
  fields: () => [
    happenedOn('arrangedOn', 'Date the mediation was arranged', {
      check: notBefore(
        councilTold,
        (d) =>
          `The mediation cannot have been arranged before the council knew it was wanted (${formatLongDate(d)})`,
      ),
    }),
    happenedOn('mediationDate', 'Date the mediation will take place', {
      future: true,
    }),
  ],
  validate: (parsed) =>
    String(parsed['mediationDate']) < String(parsed['arrangedOn'])
      ? [
          dateError(
            'mediationDate',
            'Date the mediation will take place must be the same as or after the date it was arranged',
          ),
        ]
      : [],
  path: (ctx) => mediationPath(ctx, '/arranged'),
  body: (parsed) =>
    answers<MediationArrangedRequest>(parsed)(
      'arrangedOn',
      'mediationDate',
    ) satisfies WriteBody<MediationArrangedRequest>,
  saved: 'Mediation arrangements recorded',
  // The letter telling the family when the mediation the council arranged takes place (SEND Regs
  // 2014 regs 36–37: within 30 days), issued as the arrangements are recorded.
  letter: {
    request: (body, ctx) => ({
      kind: 'mediation_arranged',
      mediationArranged: {
        ...body,
        mediationId: ctx.params['mediation'] ?? '',
      },
    }),
    issued: 'The arrangements are recorded as entry',
  },
};

export const mediationNotArrangedForm: EventFormSpec<
  WriteBody<MediationNotArrangedRequest>
> = {
  kind: 'mediation-not-arranged',
  ...onMediation,
  title: () => 'Record that mediation could not be arranged in time',
  law: () => [
    'If the council cannot arrange mediation within 30 days, the mediation adviser must issue a certificate within 3 working days of being told (reg 37). The family can then appeal.',
  ],
  fields: () => [
    happenedOn('adviserInformedOn', 'Date the mediation adviser was told', {
      check: notBefore(
        councilTold,
        (d) =>
          `The adviser cannot have been told before the council knew mediation was wanted (${formatLongDate(d)})`,
      ),
    }),
  ],
  path: (ctx) => mediationPath(ctx, '/not-arranged'),
  body: (parsed) =>
    answers<MediationNotArrangedRequest>(parsed)(
      'adviserInformedOn',
    ) satisfies WriteBody<MediationNotArrangedRequest>,
  saved: 'Mediation not arranged recorded',
};

export const mediationHeldForm: EventFormSpec<WriteBody<MediationHeldRequest>> =
  {
    kind: 'mediation-held',
    ...onMediation,
    title: () => 'Record the mediation meeting',
    law: () => [
      'Holding the mediation meets the council’s duty to arrange it. The mediation adviser must issue a certificate within 3 working days of the mediation ending (reg 39).',
    ],
    fields: () => [
      happenedOn('heldOn', 'Date the mediation was held', {
        check: notBefore(
          councilTold,
          (d) =>
            `The mediation cannot have been held before the council knew it was wanted (${formatLongDate(d)})`,
        ),
      }),
      happenedOn('concludedOn', 'Date the mediation ended', {
        hint: 'Often the same day. The certificate is due 3 working days after it.',
      }),
      {
        kind: 'radios',
        name: 'outcome',
        label: 'What was the outcome?',
        missing: 'Select the outcome of the mediation',
        options: () => choicesOf(MEETING_OUTCOMES, MEETING_OUTCOME_CHOICES),
      },
      notes('participants', 'Who took part', {
        optional: true,
        rows: 3,
        hint: 'One person per line, with who they are, for example "Jo Smith (parent)".',
      }),
    ],
    validate: (parsed) =>
      String(parsed['concludedOn']) < String(parsed['heldOn'])
        ? [
            dateError(
              'concludedOn',
              'Date the mediation ended must be the same as or after the date it was held',
            ),
          ]
        : [],
    path: (ctx) => mediationPath(ctx, '/held'),
    body: (parsed) => {
      const participants = String(parsed['participants'] ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      return {
        ...answers<MediationHeldRequest>(parsed)(
          'heldOn',
          'concludedOn',
          'outcome',
        ),
        ...(participants.length ? { participants } : {}),
      } satisfies WriteBody<MediationHeldRequest>;
    },
    saved: 'Mediation meeting recorded',
  };

export const mediationAgreementForm: EventFormSpec<
  WriteBody<MediationAgreementRequest>
> = {
  kind: 'mediation-agreement',
  ...onMediation,
  title: () => 'Record the mediation agreement',
  law: (ctx) => [
    'A mediation agreement creates duties. Matters that could have been appealed take the time limits of a Tribunal order, counted from the date of the agreement (reg 42(2)); other matters must be done within 2 weeks (reg 42(3)).',
    'The parties may agree in writing a different timescale for any item (reg 42(5)).',
    ...(mediationOf(ctx)?.healthOnly
      ? [
          'The council was not a party to this mediation: the integrated care board must tell it of the agreement within 1 week (reg 42(4)).',
        ]
      : []),
  ],
  fields: () => [
    happenedOn('agreementDate', 'Date of the agreement', {
      check: notBefore(
        (c) => mediationOf(c)?.heldOn,
        (d) =>
          `The agreement cannot have been made before the mediation (${formatLongDate(d)})`,
      ),
    }),
    {
      kind: 'list',
      name: 'items',
      label: 'What was agreed',
      item: 'agreed item',
      min: 1,
      max: 20,
      fields: [
        {
          kind: 'text',
          name: 'description',
          label: 'What was agreed',
          rows: 3,
        },
        {
          kind: 'radios',
          name: 'appealable',
          label: 'Could this matter have been appealed to the Tribunal?',
          missing: 'Select yes if this matter could have been appealed',
          hint: 'If so, it takes the time limits of the matching Tribunal order.',
          inline: true,
          options: () => YES_NO,
        },
        {
          kind: 'radios',
          name: 'orderType',
          label: 'What does it require of the council?',
          missing: 'Select what it requires of the council',
          when: (item) => item['appealable'] === 'yes',
          // A referral back to reconsider is the Tribunal's, never an agreement's.
          options: () =>
            choicesOf(
              ORDER_TYPES.filter((t) => t !== 'reconsider'),
              ORDER_TYPE_LABELS,
            ),
        },
        {
          kind: 'radios',
          name: 'responsibleBody',
          label: 'Who must do it?',
          missing: 'Select who must do it',
          inline: true,
          when: (item, ctx) =>
            item['appealable'] === 'no' && !!mediationOf(ctx)?.healthInIssue,
          options: () => [
            { value: 'council', text: 'The council' },
            { value: 'icb', text: 'The integrated care board' },
          ],
        },
        {
          kind: 'date',
          name: 'agreedDueOn',
          label:
            'Date agreed in writing for doing it (if the parties agreed one)',
          hint: 'Leave empty to use the time limit the law sets.',
          optional: true,
          future: true,
        },
      ],
    },
  ],
  path: (ctx) => mediationPath(ctx, '/agreement'),
  body: (parsed) =>
    ({
      ...answers<MediationAgreementRequest>(parsed)('agreementDate'),
      items: ((parsed['items'] as Parsed[] | undefined) ?? []).map(
        (i) =>
          ({
            ...answers<NewAgreementItem>(i)('description'),
            appealable: i['appealable'] === 'yes',
            ...(i['appealable'] === 'yes'
              ? answers<NewAgreementItem>(i)('orderType')
              : {}),
            ...(i['appealable'] === 'no' && i['responsibleBody']
              ? answers<NewAgreementItem>(i)('responsibleBody')
              : {}),
            ...(i['agreedDueOn']
              ? answers<NewAgreementItem>(i)('agreedDueOn')
              : {}),
          }) satisfies NewAgreementItem,
      ),
    }) satisfies WriteBody<MediationAgreementRequest>,
  saved: 'Mediation agreement recorded',
};

export const agreementItemCompletedForm: EventFormSpec<
  WriteBody<AgreementItemCompletedRequest>
> = {
  kind: 'agreement-item-completed',
  requires: ['mediation', 'item'],
  exists: (ctx) =>
    !!mediationOf(ctx)?.agreementItems.some((i) => i.id === ctx.params['item']),
  title: () => 'Record that an agreed item was done',
  about: (ctx) => [
    ...aboutMediation(ctx),
    {
      key: 'Agreed item',
      value:
        mediationOf(ctx)?.agreementItems.find(
          (i) => i.id === ctx.params['item'],
        )?.description ?? '',
    },
  ],
  law: () => [
    'Record what shows the item was done, so that the time limit it carried can be seen to be met.',
  ],
  fields: () => [
    happenedOn('completedOn', 'Date it was done', {
      check: notBefore(
        (c) => mediationOf(c)?.agreementDate,
        (d) =>
          `It cannot have been done before the agreement (${formatLongDate(d)})`,
      ),
    }),
    notes('evidence', 'What shows it was done', {
      hint: 'For example, "Amended plan issued 18 Nov 2026".',
      rows: 3,
    }),
  ],
  path: (ctx) =>
    mediationPath(ctx, `/agreement/items/${ctx.params['item']}/completed`),
  body: (parsed) =>
    answers<AgreementItemCompletedRequest>(parsed)(
      'completedOn',
      'evidence',
    ) satisfies WriteBody<AgreementItemCompletedRequest>,
  saved: 'Agreed item recorded as done',
};

export const healthResponseForm: EventFormSpec<
  WriteBody<HealthResponseRequest>
> = {
  kind: 'mediation-health-response',
  ...onMediation,
  title: () =>
    'Record that the integrated care board told the council of the agreement',
  law: (ctx) => [
    `Where the council was not a party to the mediation, the integrated care board must tell it of the agreement within 1 week (reg 42(4)).${dueText(ctx.detail, 'agreement.health_notify_la', ctx.params['mediation'] ?? '')}`,
  ],
  fields: () => [
    happenedOn('receivedOn', 'Date the council received the response', {
      check: notBefore(
        (c) => mediationOf(c)?.agreementDate,
        (d) =>
          `The response cannot have come before the agreement (${formatLongDate(d)})`,
      ),
    }),
  ],
  path: (ctx) => mediationPath(ctx, '/health-response'),
  body: (parsed) =>
    answers<HealthResponseRequest>(parsed)(
      'receivedOn',
    ) satisfies WriteBody<HealthResponseRequest>,
  saved: 'Response of the integrated care board recorded',
};

const CERTIFICATE_LAW: Record<CertificateKind, string> = {
  information_only:
    'The adviser must issue it within 3 working days of being told the family does not want mediation (reg 34).',
  mediation_concluded:
    'The adviser must issue it within 3 working days of the mediation ending (reg 39).',
  mediation_not_arranged:
    'The adviser must issue it within 3 working days of being told mediation could not be arranged in time (reg 37).',
};

const kindOf = (ctx: FormContext): CertificateKind | undefined =>
  (CERTIFICATE_KINDS as readonly string[]).includes(ctx.params['kind'] ?? '')
    ? (ctx.params['kind'] as CertificateKind)
    : undefined;

export const certificateForm: EventFormSpec<WriteBody<CertificateRequest>> = {
  kind: 'certificate',
  requires: ['mediation', 'kind'],
  exists: (ctx) => !!mediationOf(ctx) && !!kindOf(ctx),
  title: (ctx) =>
    `Record the mediation certificate: ${certificateKindLabel(kindOf(ctx) ?? '').toLowerCase()}`,
  about: (ctx) => [
    ...aboutMediation(ctx),
    { key: 'Certificate', value: certificateKindLabel(kindOf(ctx) ?? '') },
  ],
  law: (ctx) => {
    const kind = kindOf(ctx);
    return [
      'A certificate moves the appeal deadline to 1 month after it, if that is later than 2 months after the decision letter (Tribunal Procedure Rules, rule 20).',
      ...(kind ? [CERTIFICATE_LAW[kind]] : []),
    ];
  },
  fields: () => [
    happenedOn('issuedOn', 'Date the certificate was issued', {
      hint: 'The date on the certificate.',
      check: notBefore(
        contacted,
        (d) =>
          `The certificate cannot have been issued before the family contacted the adviser (${formatLongDate(d)})`,
      ),
    }),
  ],
  path: (ctx) => mediationPath(ctx, '/certificates'),
  // The page exists only for a kind of certificate it knows (`exists`).
  body: (parsed, ctx) =>
    ({
      kind: kindOf(ctx) as CertificateKind,
      ...answers<CertificateRequest>(parsed)('issuedOn'),
    }) satisfies WriteBody<CertificateRequest>,
  saved: 'Mediation certificate recorded',
};
