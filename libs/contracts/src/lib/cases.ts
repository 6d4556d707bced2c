import type {
  AgreementBody,
  Appellant,
  AppealOutcome,
  CertificateKind,
  DecisionAnswerKind,
  DecisionType,
  MeetingOutcome,
  MediationChoice,
  OrderType,
  PhaseTransferKind,
  PlanSection,
  RecommendationSection,
  ResponseOutcome,
  ResponseRecipient,
  ResponsibleBody,
} from './enums';
import type { DeadlineView } from './deadlines';

/** Dates are calendar dates in Europe/London, written YYYY-MM-DD. */
export type IsoDate = string;

export interface NewRecommendation {
  section: RecommendationSection;
  responsibleBody: ResponsibleBody;
  text: string;
}

/** What the decision letter must carry (SEND Regs reg 32; CFA s.51): ticked when it did. */
export interface LetterChecklist {
  mediationInformation: boolean;
  appealRights: boolean;
  timeLimits: boolean;
  disagreementResolution: boolean;
}

export interface DecisionView {
  id: string;
  type: DecisionType;
  decisionDate: IsoDate;
  letterSent: IsoDate;
  sections: PlanSection[];
  letterChecklist?: LetterChecklist;
  rationale?: string;
  /** What the decision answers (a request for an assessment, a review, a phase transfer): its own time limit is met by it. */
  answers?: { kind: DecisionAnswerKind; id: string };
  /**
   * A final or amended plan: the school or other institution its section I names (SEND Regs 2014
   * reg 12(1)(i); Children and Families Act 2014 s.39, s.40), as the letter gives it.
   */
  placement?: string;
}

/** A request for an EHC needs assessment (SEND Regs reg 5): the council must decide within 6 weeks. */
export interface AssessmentRequestView {
  id: string;
  receivedOn: IsoDate;
  /** The council decided to assess (notified the family): the 16- and 20-week limits (regs 10, 13) then run. */
  agreedOn?: IsoDate;
}

/** An annual review meeting (SEND Regs reg 20): the council decides within 4 weeks. */
export interface ReviewView {
  id: string;
  meetingOn: IsoDate;
  /** Proposed amendments sent (reg 22(2)): the final amended plan is due 8 weeks later (reg 22(3)). */
  amendmentsProposedOn?: IsoDate;
}

/** A draft plan served on the family (SEND Regs reg 13(1)): 15 days to comment. */
export interface DraftPlanView {
  id: string;
  servedOn: IsoDate;
  requestId?: string;
  commentsReceivedOn?: IsoDate;
}

/** A transfer between phases of education (SEND Regs reg 18): the plan must be reviewed and amended in time. */
export interface PhaseTransferView {
  id: string;
  transferDate: IsoDate;
  kind: PhaseTransferKind;
}

/** Something recorded that the law does not provide for on that route, confirmed as what happened: for someone to look at. */
export interface CaseFlagView {
  eventType: string;
  reason: string;
  /** The business date of the event it was recorded with. */
  on: IsoDate;
}

export interface ContactView {
  id: string;
  name: string;
  relationship: string;
  email?: string;
  phone?: string;
}

export interface WayForwardMeetingView {
  id: string;
  decisionId?: string;
  requestedOn: IsoDate;
  heldOn?: IsoDate;
  outcome?: MeetingOutcome;
  notes?: string;
}

export interface AgreementItemView {
  id: string;
  description: string;
  /** A matter that could have been appealed: it takes the reg 44 periods as if the agreement were an order. */
  appealable: boolean;
  /** For an appealable item, the duty it creates (which order periods apply). */
  orderType?: OrderType;
  /** Who must do an item that could not have been appealed (reg 42(3)); the council when not said. */
  responsibleBody?: AgreementBody;
  /** A different timescale the parties agreed in writing (reg 42(5)): the item is due then. */
  agreedDueOn?: IsoDate;
  completedOn?: IsoDate;
  evidence?: string;
}

export interface CertificateView {
  id: string;
  kind: CertificateKind;
  issuedOn: IsoDate;
}

export interface MediationView {
  id: string;
  decisionId: string;
  providerName: string;
  /** The mediation provider's own reference for this mediation, when the family or the provider gave it. */
  providerReference?: string;
  /** The date the parent or young person told the mediation adviser they want to appeal. */
  adviserContactedOn: IsoDate;
  healthInIssue: boolean;
  socialCareInIssue: boolean;
  choice?: MediationChoice;
  /** Mediation about health care provision only: the ICB arranges it and the council is not a party (reg 35, reg 42(4)). */
  healthOnly?: boolean;
  /** The family told the adviser they no longer wish to pursue mediation (reg 34). */
  withdrawnOn?: IsoDate;
  /** Who took part in the mediation. */
  participants?: string[];
  /** When the council was told mediation is wanted (starts the 30 days). */
  laInformedOn?: IsoDate;
  healthNotifiedOn?: IsoDate;
  arrangedFor?: IsoDate;
  heldOn?: IsoDate;
  notArranged?: boolean;
  outcome?: MeetingOutcome;
  agreementDate?: IsoDate;
  agreementItems: AgreementItemView[];
  /** When the ICB told the council what it will do under the agreement (reg 42(4)). */
  healthResponseReceivedOn?: IsoDate;
  certificates: CertificateView[];
}

export interface DisagreementResolutionView {
  id: string;
  referredOn: IsoDate;
  subject: string;
  meetings: IsoDate[];
  concludedOn?: IsoDate;
  outcome?: MeetingOutcome;
}

export interface OrderDutyView {
  /** The rule whose deadline applies, e.g. `order.make_plan.draft` or `concession.amend_plan`. */
  ruleId: string;
  /** A shorter period agreed in a consent order: the duty is due then, not at the end of the statutory period. */
  agreedDueOn?: IsoDate;
  /** A period the Tribunal set by direction (reg 44(1)): the duty is due then. */
  directedDueOn?: IsoDate;
  compliedOn?: IsoDate;
  evidence?: string;
}

export interface OrderView {
  id: string;
  appealId: string;
  type: OrderType;
  /** Sections B, F, I for amend orders; the placement for name-school orders. */
  details?: string;
  duties: OrderDutyView[];
}

export interface AppealView {
  id: string;
  decisionId: string;
  tribunalReference: string;
  lodgedOn: IsoDate;
  appellant?: Appellant;
  sections?: PlanSection[];
  healthAndSocialCareSought?: boolean;
  registeredOn?: IsoDate;
  appealReceivedOn?: IsoDate;
  responseSentOn?: IsoDate;
  hearingDate?: IsoDate;
  outcome?: AppealOutcome;
  decisionDate?: IsoDate;
  orderSentOn?: IsoDate;
  laNotifiedTribunalOn?: IsoDate;
}

export interface DocumentView {
  id: string;
  /** The history event it belongs to. */
  eventSequence: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface RecommendationResponseView {
  outcome: ResponseOutcome;
  reasons?: string;
  sentOn: IsoDate;
  /** The response goes to the parent or the young person (regs 6–7); others may be copied. */
  recipient?: ResponseRecipient;
  sentTo: string[];
}

export interface RecommendationView {
  id: string;
  appealId: string;
  section: RecommendationSection;
  responsibleBody: ResponsibleBody;
  text: string;
  response?: RecommendationResponseView;
}

export type CaseStage =
  | 'open'
  | 'decision_issued'
  | 'mediation'
  | 'appeal_lodged'
  | 'appeal_decided'
  | 'compliance'
  | 'closed';

export interface CaseSummary {
  id: string;
  reference: string;
  childName: string;
  dateOfBirth: IsoDate;
  caseworker: string;
  team: string;
  stage: CaseStage;
  version: number;
}

export interface CaseDetail extends CaseSummary {
  /** Present (true) when the request was a dry run: the case as it would be; nothing was saved. */
  dryRun?: true;
  contacts: ContactView[];
  decisions: DecisionView[];
  wayForwardMeetings: WayForwardMeetingView[];
  mediations: MediationView[];
  disagreementResolutions: DisagreementResolutionView[];
  appeals: AppealView[];
  orders: OrderView[];
  recommendations: RecommendationView[];
  assessmentRequests: AssessmentRequestView[];
  reviews: ReviewView[];
  draftPlans: DraftPlanView[];
  phaseTransfers: PhaseTransferView[];
  /** Facts the law does not provide for on that route, recorded because the caseworker confirmed them. */
  flags: CaseFlagView[];
  deadlines: DeadlineView[];
  documents: DocumentView[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A page of cases (search and list). */
export type CasePage = Page<CaseSummary>;
