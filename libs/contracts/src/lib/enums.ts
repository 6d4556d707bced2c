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
export const PLAN_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const;
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

export const RESPONSE_OUTCOMES = ['followed', 'partly_followed', 'not_followed'] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

export const DEADLINE_STATUSES = ['open', 'met', 'overdue', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const ROLES = ['caseworker', 'manager', 'auditor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** Who brings an appeal: the parent, or the young person from the end of compulsory school age. */
export const APPELLANTS = ['parent', 'young_person'] as const;
export type Appellant = (typeof APPELLANTS)[number];

/** What the family chose after contacting the mediation adviser. */
export const MEDIATION_CHOICES = ['declined', 'requested'] as const;
export type MediationChoice = (typeof MEDIATION_CHOICES)[number];

/** Mediation certificates (SEND Regs regs 34, 37, 39). */
export const CERTIFICATE_KINDS = ['information_only', 'mediation_concluded', 'mediation_not_arranged'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** What the Tribunal can order (SEND Regs reg 44); each opens its own deadlines. */
export const ORDER_TYPES = ['assess', 'make_plan', 'amend_plan', 'name_school_only', 'continue_to_maintain', 'cease'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Who must act by a deadline. */
export const DUTY_HOLDERS = ['council', 'family', 'mediation_adviser', 'icb', 'council_social_care'] as const;
export type DutyHolder = (typeof DUTY_HOLDERS)[number];

export const MEETING_OUTCOMES = ['resolved', 'partly_resolved', 'not_resolved'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];
