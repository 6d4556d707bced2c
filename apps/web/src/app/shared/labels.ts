import type { CaseStage, RecommendationSection, ResponseOutcome, ResponsibleBody } from '@send/contracts';

const RESPONSIBLE_BODIES: Record<ResponsibleBody, string> = {
  icb: 'Integrated care board (health)',
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

export function responsibleBodyLabel(body: ResponsibleBody | null | undefined): string {
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
