import type {
  AppealOutcome,
  Appellant,
  CaseStage,
  MeetingOutcome,
  PlanSection,
  RecommendationSection,
  ResponseOutcome,
  ResponsibleBody,
} from '@send/contracts';

const RESPONSIBLE_BODIES: Record<ResponsibleBody, string> = {
  icb: 'Integrated care board (ICB)',
  council_social_care: 'Council social care',
};

const OUTCOMES: Record<ResponseOutcome, string> = {
  followed: 'Followed',
  partly_followed: 'Partly followed',
  not_followed: 'Not followed',
};

const STAGES: Record<CaseStage, string> = {
  open: 'Open',
  decision_issued: 'Decision issued',
  mediation: 'Mediation',
  appeal_lodged: 'Appeal lodged',
  appeal_decided: 'Appeal decided',
  compliance: 'Complying with the Tribunal',
  closed: 'Closed',
};

const SECTIONS: Record<RecommendationSection, string> = {
  C: 'Section C: health needs',
  D: 'Section D: social care needs',
  G: 'Section G: health provision',
  H1: 'Section H1: social care provision',
  H2: 'Section H2: other social care provision',
};

const ROLES: Record<string, string> = {
  caseworker: 'SEND caseworker',
  manager: 'SEND manager',
  auditor: 'Auditor',
  administrator: 'Administrator',
};

export function responsibleBodyLabel(
  body: ResponsibleBody | null | undefined,
): string {
  return body ? (RESPONSIBLE_BODIES[body] ?? body) : '';
}

export function outcomeLabel(outcome: ResponseOutcome): string {
  return OUTCOMES[outcome] ?? outcome;
}

export function stageLabel(stage: CaseStage): string {
  return STAGES[stage] ?? stage;
}

export function sectionLabel(section: RecommendationSection): string {
  return SECTIONS[section] ?? `Section ${section}`;
}

export function roleLabel(role: string): string {
  return ROLES[role] ?? role;
}

/** The sections of an EHC plan (the domain README's list). */
export const PLAN_SECTION_LABELS: Record<PlanSection, string> = {
  A: 'A: views, interests and aspirations',
  B: 'B: special educational needs',
  C: 'C: health needs',
  D: 'D: social care needs',
  E: 'E: outcomes',
  F: 'F: special educational provision',
  G: 'G: health provision',
  H1: 'H1: social care provision',
  H2: 'H2: other social care provision',
  I: 'I: placement',
  J: 'J: personal budget',
  K: 'K: advice and information',
};

/** How an appeal ended, as an answer to choose. */
export const APPEAL_OUTCOME_CHOICES: Record<
  AppealOutcome,
  { text: string; hint?: string }
> = {
  decided_allowed: {
    text: 'Appeal allowed',
    hint: 'The Tribunal decided for the family after a hearing',
  },
  decided_partly_allowed: { text: 'Appeal partly allowed' },
  decided_dismissed: { text: 'Appeal dismissed' },
  referred_back: { text: 'Referred back to the council' },
  conceded_before_response: {
    text: 'Conceded by the council before its response',
    hint: 'The council told the Tribunal it would not oppose the appeal (reg 45): the same time limits run from that date',
  },
  consent_order: { text: 'Ended by a consent order' },
  withdrawn: { text: 'Withdrawn', hint: 'No orders and no recommendations' },
  struck_out: { text: 'Struck out', hint: 'No orders and no recommendations' },
};

export const MEETING_OUTCOME_CHOICES: Record<MeetingOutcome, string> = {
  resolved: 'Resolved',
  partly_resolved: 'Partly resolved',
  not_resolved: 'Not resolved',
};

export const APPELLANT_LABELS: Record<Appellant, string> = {
  parent: 'The parent',
  young_person: 'The young person',
};
