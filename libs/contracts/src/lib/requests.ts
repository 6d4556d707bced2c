import type { IsoDate, LetterChecklist, NewRecommendation } from './cases';
import type {
  AgreementBody,
  AppealOutcome,
  Appellant,
  CertificateKind,
  DecisionAnswerKind,
  DecisionType,
  ExtensionGroundId,
  MeetingOutcome,
  OrderType,
  PhaseTransferKind,
  PlanSection,
  ResponseOutcome,
  ResponseRecipient,
  Role,
} from './enums';

/*
 * The body of every write the API takes, one type per endpoint. The server's DTO classes
 * `implements` them (their class-validator decorators say how each field is checked); the web app
 * builds them with `satisfies`. Dates are calendar dates in Europe/London, written YYYY-MM-DD.
 */

// ── Writes on a case ──────────────────────────────────────────────────────────────────────────

/** Every write on a case names the case version it was based on; a stale write is refused with 409. */
export interface VersionedWrite {
  expectedVersion: number;
  /** true: check the entry and answer the case as it would be, without saving anything. */
  dryRun?: boolean;
}

/** What a form on a case sends: the request without the version, which the app adds when it sends it. */
export type WriteBody<T extends VersionedWrite> = Omit<T, keyof VersionedWrite>;

/** `POST /api/cases`. */
export interface OpenCaseRequest {
  reference: string;
  childName: string;
  dateOfBirth: IsoDate;
}

/** `POST /api/cases/search`: by reference or name (`text`) and/or date of birth (a read, sent as a POST so that names stay out of addresses). */
export interface SearchCasesRequest {
  text?: string;
  dateOfBirth?: IsoDate;
  limit?: number;
  offset?: number;
}

/** `POST /api/cases/:id/contacts`. */
export interface AddContactRequest extends VersionedWrite {
  name: string;
  relationship: string;
  email?: string;
  phone?: string;
}

/** `POST /api/cases/:id/reassignment`: to another caseworker (by staff id), with why. */
export interface ReassignCaseRequest extends VersionedWrite {
  staffUserId: string;
  reason: string;
}

/**
 * `POST /api/reassignments`: a caseworker leaves; their cases (and with each its open deadlines)
 * move to other caseworkers of the manager's team, in one go and with one reason. Each case goes
 * to `staffUserId`, or, with `spreadAcross`, the cases are dealt out in turn across those staff.
 */
export interface BulkReassignRequest {
  /** The caseworker whose cases move (by staff id). */
  fromStaffUserId: string;
  /** The cases to move (every one must be the leaver's, in the manager's team). */
  caseIds: string[];
  /** One caseworker who takes every case; or leave out and give `spreadAcross`. */
  staffUserId?: string;
  /** Several caseworkers who share the cases, dealt out in turn. */
  spreadAcross?: string[];
  reason: string;
}

/** `POST /api/cases/:id/events/:sequence/correction`: the fields of that event that should have been different (`null` removes an optional one). */
export interface CorrectEventRequest extends VersionedWrite {
  changes: Record<string, unknown>;
  reason: string;
}

/** What a decision answers: a request for an assessment, a review or a phase transfer, by id. */
export interface DecisionAnswer {
  kind: DecisionAnswerKind;
  id: string;
}

/** `POST /api/cases/:id/decisions` (CFA 2014 s.51(2)). */
export interface RecordDecisionRequest extends VersionedWrite {
  type: DecisionType;
  decisionDate: IsoDate;
  letterSent: IsoDate;
  sections?: PlanSection[];
  letterChecklist?: LetterChecklist;
  rationale?: string;
  answers?: DecisionAnswer;
  /** A final or amended plan only: the school or other institution named in section I (SEND Regs 2014 reg 12(1)(i)). */
  placement?: string;
}

/** `POST /api/cases/:id/decisions/:decisionId/correction`: the decision's dates, recorded wrongly. */
export interface CorrectDecisionRequest extends VersionedWrite {
  decisionDate: IsoDate;
  letterSent: IsoDate;
  reason: string;
}

/** `POST /api/cases/:id/assessment-requests` (SEND Regs reg 5(1)). */
export interface AssessmentRequestedRequest extends VersionedWrite {
  receivedOn: IsoDate;
}

/** `POST /api/cases/:id/assessment-requests/:requestId/agreed`. */
export interface AssessmentAgreedRequest extends VersionedWrite {
  notifiedOn: IsoDate;
}

/** `POST /api/cases/:id/draft-plans` (reg 13(1)). */
export interface DraftPlanServedRequest extends VersionedWrite {
  servedOn: IsoDate;
  requestId?: string;
}

/** `POST /api/cases/:id/draft-plans/:draftId/comments`. */
export interface DraftPlanCommentsRequest extends VersionedWrite {
  receivedOn: IsoDate;
}

/** `POST /api/cases/:id/reviews` (reg 20(10)). */
export interface ReviewMeetingRequest extends VersionedWrite {
  heldOn: IsoDate;
}

/** `POST /api/cases/:id/reviews/:reviewId/amendments-proposed` (reg 22(2)). */
export interface AmendmentsProposedRequest extends VersionedWrite {
  sentOn: IsoDate;
}

/** `POST /api/cases/:id/phase-transfers` (reg 18(1)). */
export interface PhaseTransferRequest extends VersionedWrite {
  transferDate: IsoDate;
  kind: PhaseTransferKind;
}

/** `POST /api/cases/:id/way-forward-meetings`. */
export interface WayForwardRequestedRequest extends VersionedWrite {
  decisionId?: string;
  requestedOn: IsoDate;
}

/** `POST /api/cases/:id/way-forward-meetings/:meetingId/held`. */
export interface WayForwardHeldRequest extends VersionedWrite {
  heldOn: IsoDate;
  outcome: MeetingOutcome;
  notes?: string;
}

// ── Mediation (SEND Regs regs 32–42) and disagreement resolution (reg 53) ────────────────────

/** `POST /api/cases/:id/mediations`: the family contacted the mediation adviser about a decision. */
export interface AdviserContactedRequest extends VersionedWrite {
  decisionId: string;
  providerId: string;
  /** The mediation provider's own reference for the case, if known. */
  providerReference?: string;
  contactedOn: IsoDate;
  healthInIssue: boolean;
  socialCareInIssue: boolean;
}

/** `POST …/mediations/:mediationId/declined` (reg 34). */
export interface MediationDeclinedRequest extends VersionedWrite {
  adviserInformedOn: IsoDate;
}

/** `POST …/mediations/:mediationId/requested` (regs 35–37). */
export interface MediationRequestedRequest extends VersionedWrite {
  laInformedOn: IsoDate;
  healthOnly?: boolean;
}

/** `POST …/mediations/:mediationId/withdrawn` (reg 34). */
export interface MediationWithdrawnRequest extends VersionedWrite {
  adviserInformedOn: IsoDate;
}

/** `POST …/mediations/:mediationId/health-notified` (reg 35). */
export interface HealthNotifiedRequest extends VersionedWrite {
  notifiedOn: IsoDate;
}

/** `POST …/mediations/:mediationId/health-response` (reg 42(4)). */
export interface HealthResponseRequest extends VersionedWrite {
  receivedOn: IsoDate;
}

/** `POST …/mediations/:mediationId/arranged`. */
export interface MediationArrangedRequest extends VersionedWrite {
  arrangedOn: IsoDate;
  mediationDate: IsoDate;
}

/** `POST …/mediations/:mediationId/not-arranged` (reg 37). */
export interface MediationNotArrangedRequest extends VersionedWrite {
  adviserInformedOn: IsoDate;
}

/** `POST …/mediations/:mediationId/held` (reg 39). */
export interface MediationHeldRequest extends VersionedWrite {
  heldOn: IsoDate;
  concludedOn: IsoDate;
  outcome: MeetingOutcome;
  participants?: string[];
}

/** One item of a mediation agreement (reg 42). */
export interface NewAgreementItem {
  description: string;
  appealable: boolean;
  orderType?: OrderType;
  responsibleBody?: AgreementBody;
  agreedDueOn?: IsoDate;
}

/** `POST …/mediations/:mediationId/agreement` (reg 42). */
export interface MediationAgreementRequest extends VersionedWrite {
  agreementDate: IsoDate;
  items: NewAgreementItem[];
}

/** `POST …/mediations/:mediationId/agreement/items/:itemId/completed`. */
export interface AgreementItemCompletedRequest extends VersionedWrite {
  completedOn: IsoDate;
  evidence: string;
}

/** `POST …/mediations/:mediationId/certificates` (regs 34, 37, 39). */
export interface CertificateRequest extends VersionedWrite {
  kind: CertificateKind;
  issuedOn: IsoDate;
}

/** `POST /api/cases/:id/disagreement-resolutions`. */
export interface ResolutionReferralRequest extends VersionedWrite {
  referredOn: IsoDate;
  subject: string;
}

/** `POST …/disagreement-resolutions/:resolutionId/meetings`. */
export interface ResolutionMeetingRequest extends VersionedWrite {
  heldOn: IsoDate;
}

/** `POST …/disagreement-resolutions/:resolutionId/conclusion`. */
export interface ResolutionConcludedRequest extends VersionedWrite {
  concludedOn: IsoDate;
  outcome: MeetingOutcome;
}

// ── Appeals, orders, recommendations ─────────────────────────────────────────────────────────

/** `POST /api/cases/:id/appeals`. */
export interface LodgeAppealRequest extends VersionedWrite {
  decisionId: string;
  tribunalReference: string;
  lodgedOn: IsoDate;
  appellant?: Appellant;
  sections?: PlanSection[];
  healthAndSocialCareSought?: boolean;
  /** The caseworker confirms a fact the law does not provide for on this route: recorded and flagged. */
  confirmedUnusual?: boolean;
}

/** `POST …/appeals/:appealId/registration` (HESC r.21). */
export interface AppealRegisteredRequest extends VersionedWrite {
  registeredOn: IsoDate;
  appealReceivedOn: IsoDate;
}

/** `POST …/appeals/:appealId/response`. */
export interface AppealResponseSentRequest extends VersionedWrite {
  sentOn: IsoDate;
}

/** `POST …/appeals/:appealId/hearing`. */
export interface HearingListedRequest extends VersionedWrite {
  hearingDate: IsoDate;
}

/** An order of the Tribunal (SEND Regs reg 44): by consent, shorter periods by rule id (`agreedDueDates`), or periods it directed (`directedDueDates`). */
export interface NewOrder {
  orderType: OrderType;
  details?: string;
  agreedDueDates?: Record<string, IsoDate>;
  directedDueDates?: Record<string, IsoDate>;
}

/** `POST …/appeals/:appealId/outcome`. */
export interface RecordAppealOutcomeRequest extends VersionedWrite {
  outcome: AppealOutcome;
  /** The date of the Tribunal's decision (or order). The 5-week response clock runs from it. */
  decisionDate: IsoDate;
  orderSentOn?: IsoDate;
  /** For a concession before the response (reg 45): when the council told the Tribunal. */
  laNotifiedTribunalOn?: IsoDate;
  orders?: NewOrder[];
  recommendations?: NewRecommendation[];
  confirmedUnusual?: boolean;
}

/** `POST …/orders/:orderId/compliance`: one duty of the order (its rule id), done. */
export interface OrderComplianceRequest extends VersionedWrite {
  ruleId: string;
  compliedOn: IsoDate;
  evidence: string;
}

/** `POST …/recommendations/:recommendationId/response` (Recommendations Power Regs 2017 regs 6–7). */
export interface RecordRecommendationResponseRequest extends VersionedWrite {
  outcome: ResponseOutcome;
  /** Required when any part of the recommendation is not followed. */
  reasons?: string;
  sentOn: IsoDate;
  /** The parent or the young person, to whom the response must be sent. */
  recipient: ResponseRecipient;
  sentTo: string[];
}

/** `POST /api/deadlines/:deadlineId/extension`: under a statutory exception the rule allows. */
export interface ExtendDeadlineRequest extends VersionedWrite {
  toDueOn: IsoDate;
  ground: ExtensionGroundId;
  reason: string;
  agreedBy: string;
}

/** `POST /api/cases/:id/events/:sequence/documents` (multipart): the fields besides the file. */
export type DocumentUploadRequest = VersionedWrite;

// ── Loading history ──────────────────────────────────────────────────────────────────────────

/** `POST /api/cases/:id/history`: entries of the paper file, each `{ type, …fields }` as the history shows them. */
export interface RecordHistoryRequest extends VersionedWrite {
  entries: Record<string, unknown>[];
  reason?: string;
}

/** `POST /api/cases/import`: a case and its history from another system. */
export interface ImportCaseRequest {
  reference: string;
  childName: string;
  dateOfBirth: IsoDate;
  entries: Record<string, unknown>[];
  reason?: string;
}

// ── Staff, sign-in and the administrator's lists ─────────────────────────────────────────────

/** `POST /api/auth/sign-in`. */
export interface SignInRequest {
  email: string;
  password: string;
}

/** `POST /api/auth/password`. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `POST /api/users`: a member of staff (a temporary password is issued when none is given). */
export interface CreateStaffUserRequest {
  name: string;
  email: string;
  role: Role;
  team: string;
  password?: string;
}

/** `PATCH /api/users/:userId`. */
export interface UpdateStaffUserRequest {
  name?: string;
  role?: Role;
  team?: string;
}

/** `POST /api/bank-holidays`: a holiday the published list does not have yet. */
export interface AddBankHolidayRequest {
  date: IsoDate;
  title: string;
  reason: string;
}

/** `DELETE /api/bank-holidays/:date`. */
export interface RemoveBankHolidayRequest {
  reason: string;
}

/** `POST /api/mediation-providers`. */
export interface NewMediationProviderRequest {
  name: string;
  email?: string;
  phone?: string;
}

/** `PATCH /api/mediation-providers/:providerId` (`null` clears a contact detail). */
export interface UpdateMediationProviderRequest {
  name?: string;
  email?: string | null;
  phone?: string | null;
  active?: boolean;
}
