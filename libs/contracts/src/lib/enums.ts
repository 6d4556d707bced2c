/** The decisions a family can disagree with (Children and Families Act 2014 s.51(2)). */
export const DECISION_TYPES = [
  'refuse_assessment',
  'refuse_reassessment',
  'refuse_plan',
  'final_plan_content',
  'refuse_amend',
  'amended_plan_content',
  'cease_plan',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** Sections of an EHC plan. */
export const PLAN_SECTIONS = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H1',
  'H2',
  'I',
  'J',
  'K',
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

/** How an appeal to the First-tier Tribunal (SEND) ended. */
export const APPEAL_OUTCOMES = [
  'decided_allowed',
  'decided_partly_allowed',
  'decided_dismissed',
  'referred_back',
  'conceded_before_response',
  'consent_order',
  'withdrawn',
  'struck_out',
] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** Sections on which the Tribunal may make (non-binding) health and social care recommendations. */
export const RECOMMENDATION_SECTIONS = ['C', 'D', 'G', 'H1', 'H2'] as const;
export type RecommendationSection = (typeof RECOMMENDATION_SECTIONS)[number];

/** Who must answer a recommendation: the integrated care board (health) or the council's social care. */
export const RESPONSIBLE_BODIES = ['icb', 'council_social_care'] as const;
export type ResponsibleBody = (typeof RESPONSIBLE_BODIES)[number];

export const RESPONSE_OUTCOMES = [
  'followed',
  'partly_followed',
  'not_followed',
] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

/**
 * `open`, `overdue` (open and past, marked by the monitor): live. `met`: done (on time or late).
 * `cancelled`: no longer applies. `missed`: can no longer be done and was not (mediation that could
 * not be arranged in time, once the certificate says so).
 */
export const DEADLINE_STATUSES = [
  'open',
  'met',
  'overdue',
  'cancelled',
  'missed',
] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const ROLES = [
  'caseworker',
  'manager',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** Who brings an appeal: the parent, or the young person from the end of compulsory school age. */
export const APPELLANTS = ['parent', 'young_person'] as const;
export type Appellant = (typeof APPELLANTS)[number];

/** What the family chose after contacting the mediation adviser. */
export const MEDIATION_CHOICES = ['declined', 'requested'] as const;
export type MediationChoice = (typeof MEDIATION_CHOICES)[number];

/** Mediation certificates (SEND Regs regs 34, 37, 39). */
export const CERTIFICATE_KINDS = [
  'information_only',
  'mediation_concluded',
  'mediation_not_arranged',
] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** What the Tribunal can order (SEND Regs reg 44); each opens its own deadlines. `reconsider`: a case referred back (reg 44(2)(d)). */
export const ORDER_TYPES = [
  'assess',
  'make_plan',
  'amend_plan',
  'name_school_only',
  'continue_to_maintain',
  'cease',
  'reconsider',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Who must act by a deadline. */
export const DUTY_HOLDERS = [
  'council',
  'family',
  'mediation_adviser',
  'icb',
  'council_social_care',
] as const;
export type DutyHolder = (typeof DUTY_HOLDERS)[number];

export const MEETING_OUTCOMES = [
  'resolved',
  'partly_resolved',
  'not_resolved',
] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

/**
 * The statutory exceptions under which a time limit may be extended (each rule says which apply to
 * it: see GET /api/rules): SEND Regs regs 5(4), 10(4), 13(3), 44(3), 45(7); HESC Rules r.5(3)(a).
 */
export const EXTENSION_GROUND_IDS = [
  'exceptional_personal_circumstances',
  'absent_from_area_2_weeks',
  'absent_from_area_4_weeks',
  'late_representations',
  'school_closure',
  'tribunal_extended_time',
] as const;
export type ExtensionGroundId = (typeof EXTENSION_GROUND_IDS)[number];

/** Who the Tribunal's recommendations are answered to (Recommendations Power Regs 2017 regs 6–7). */
export const RESPONSE_RECIPIENTS = ['parent', 'young_person'] as const;
export type ResponseRecipient = (typeof RESPONSE_RECIPIENTS)[number];

/** Who must do an agreed item that could not have been appealed (SEND Regs reg 42(3)). */
export const AGREEMENT_BODIES = ['council', 'icb'] as const;
export type AgreementBody = (typeof AGREEMENT_BODIES)[number];

/** Transfers between phases of education (SEND Regs reg 18(1)): to post-16 by 31 March, any other by 15 February. */
export const PHASE_TRANSFER_KINDS = ['school', 'post16'] as const;
export type PhaseTransferKind = (typeof PHASE_TRANSFER_KINDS)[number];

/** What a decision answers, when the case records it: the request, the review or the transfer that called for it. */
export const DECISION_ANSWERS = [
  'assessment_request',
  'review',
  'phase_transfer',
] as const;
export type DecisionAnswerKind = (typeof DECISION_ANSWERS)[number];
