import type {
  AppealOutcome,
  AppealResult,
  AppealStage,
  AppealView,
  DecisionType,
  DecisionView,
  PlanSection,
} from '@send/contracts';

/** Where an appeal has got to: the furthest step recorded on it. */
export function appealStage(
  appeal: Pick<
    AppealView,
    'outcome' | 'hearingDate' | 'responseSentOn' | 'registeredOn'
  >,
): AppealStage {
  if (appeal.outcome) return 'ended';
  if (appeal.hearingDate) return 'hearing_listed';
  if (appeal.responseSentOn) return 'response_sent';
  if (appeal.registeredOn) return 'registered';
  return 'lodged';
}

/**
 * How an appeal ended for the council (`open` until it has ended): the one place the outcome's
 * class is decided (the `appeal_register` table's `result` column is written from it). A case the
 * First-tier Tribunal refers back to the council to reconsider (SEND Regs reg 43(2)(d); the council
 * reconsiders within 2 weeks, reg 44(2)(d)) is neither lost nor upheld: its own class.
 */
export function appealResult(outcome: AppealOutcome | undefined): AppealResult {
  switch (outcome) {
    case undefined:
      return 'open';
    case 'decided_allowed':
    case 'decided_partly_allowed':
      return 'lost';
    case 'referred_back':
      return 'referred_back';
    case 'conceded_before_response':
    case 'consent_order':
      return 'conceded';
    case 'decided_dismissed':
      return 'upheld';
    case 'withdrawn':
    case 'struck_out':
      return 'ended_without_decision';
  }
}

/** One appeal as the appeals register lists it: the columns reports filter and group by, never JSON paths. */
export interface AppealRegisterEntry {
  appealId: string;
  tribunalReference: string;
  decisionType: DecisionType | null;
  sections: PlanSection[];
  lodgedOn: string;
  registeredOn: string | null;
  responseSentOn: string | null;
  hearingDate: string | null;
  outcome: AppealOutcome | null;
  decisionDate: string | null;
  stage: AppealStage;
  result: AppealResult;
}

/** The register's entries for a case's appeals (from its snapshot), with their stage and how each ended. */
export function appealRegisterEntries(snapshot: {
  appeals?: AppealView[];
  decisions?: Pick<DecisionView, 'id' | 'type'>[];
}): AppealRegisterEntry[] {
  const decisionType = new Map(
    (snapshot.decisions ?? []).map((d) => [d.id, d.type]),
  );
  return (snapshot.appeals ?? []).map((a) => ({
    appealId: a.id,
    tribunalReference: a.tribunalReference,
    decisionType: decisionType.get(a.decisionId) ?? null,
    sections: a.sections ?? [],
    lodgedOn: a.lodgedOn,
    registeredOn: a.registeredOn ?? null,
    responseSentOn: a.responseSentOn ?? null,
    hearingDate: a.hearingDate ?? null,
    outcome: a.outcome ?? null,
    decisionDate: a.decisionDate ?? null,
    stage: appealStage(a),
    result: appealResult(a.outcome),
  }));
}
