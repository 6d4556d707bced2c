import type {
  AppealOutcome,
  CertificateKind,
  DecisionType,
  MeetingOutcome,
  OrderType,
  ResponseOutcome,
  ResponseRecipient,
  ResponsibleBody,
} from '@send/contracts';

/** The words each choice a caseworker records is shown in (history lines, messages, the web app). */

export const DECISION_TYPE_LABELS: Record<DecisionType, string> = {
  refuse_assessment: 'Not to carry out an EHC needs assessment',
  refuse_reassessment: 'Not to carry out a re-assessment',
  refuse_plan: 'Not to issue an EHC plan',
  final_plan_content: 'Content of the final EHC plan',
  refuse_amend: 'Not to amend the EHC plan',
  amended_plan_content: 'Content of the amended EHC plan',
  cease_plan: 'To cease to maintain the EHC plan',
};

export const RESPONSIBLE_BODY_LABELS: Record<ResponsibleBody, string> = {
  icb: 'Integrated care board (ICB)',
  council_social_care: 'Council social care',
};

/** Mediation certificates (SEND Regs regs 34, 37, 39). */
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, string> = {
  information_only:
    'Mediation information given; mediation declined or not pursued',
  mediation_concluded: 'Mediation concluded',
  mediation_not_arranged: 'Mediation not arranged in time',
};

/** What a Tribunal order (or concession, or appealable agreement item) requires of the council. */
export const ORDER_TYPE_LABELS: Record<OrderType, string> = {
  assess: 'Carry out an EHC needs assessment',
  make_plan: 'Make and maintain an EHC plan',
  amend_plan: 'Amend the EHC plan (sections B, F, I)',
  name_school_only: 'Name the school or placement (section I)',
  continue_to_maintain: 'Continue to maintain the EHC plan',
  cease: 'Cease to maintain the EHC plan',
  reconsider: 'Reconsider the case the Tribunal referred back',
};

/** How an appeal ended, as it reads after "appeal …". */
export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = {
  decided_allowed: 'allowed',
  decided_partly_allowed: 'partly allowed',
  decided_dismissed: 'dismissed',
  referred_back: 'referred back to the council',
  conceded_before_response: 'conceded before the response',
  consent_order: 'ended by consent order',
  withdrawn: 'withdrawn',
  struck_out: 'struck out',
};

/** Who a response to a recommendation went to, as the role (Recommendations Power Regs 2017 regs 6–7: the parent or the young person). */
export const RESPONSE_RECIPIENT_LABELS: Record<ResponseRecipient, string> = {
  parent: 'Parent',
  young_person: 'Young person',
};

export const RESPONSE_OUTCOME_LABELS: Record<ResponseOutcome, string> = {
  followed: 'followed',
  partly_followed: 'partly followed',
  not_followed: 'not followed',
};

export const MEETING_OUTCOME_LABELS: Record<MeetingOutcome, string> = {
  resolved: 'resolved',
  partly_resolved: 'partly resolved',
  not_resolved: 'not resolved',
};

export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
export const plural = (n: number, word: string) =>
  `${n} ${word}${n === 1 ? '' : 's'}`;
