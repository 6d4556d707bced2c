import type {
  AgreementBody,
  Appellant,
  AppealOutcome,
  CaseStage,
  CertificateKind,
  DecisionAnswerKind,
  DecisionType,
  ExtensionGroundId,
  LetterChecklist,
  MeetingOutcome,
  NoteKind,
  NewRecommendation,
  OrderType,
  PhaseTransferKind,
  PlanSection,
  ResponseOutcome,
  ResponseRecipient,
} from '@send/contracts';

/**
 * Every fact recorded on a case is one of these events; nothing is edited in place. The payload is
 * what the caseworker recorded. Ids of the things an event creates are chosen by the caller (the
 * API), so replaying the history gives the same snapshot. All dates are 'YYYY-MM-DD'.
 */
export type CaseEvent =
  // ── The case ─────────────────────────────────────────────────────────────────────────────────
  | {
      type: 'case.opened';
      reference: string;
      childName: string;
      dateOfBirth: string;
      caseworker: string;
      team: string;
      openedOn: string;
    }
  | {
      type: 'contact.added';
      contactId: string;
      name: string;
      relationship: string;
      email?: string;
      phone?: string;
      addedOn: string;
    }
  | {
      type: 'case.reassigned';
      caseworker: string;
      team: string;
      reassignedOn: string;
    }
  // ── Decisions (CFA s.51(2)) ──────────────────────────────────────────────────────────────────
  | {
      /** Opens `appeal.lodge` and `mediation.contact_adviser` (both the family's), subject = decisionId. */
      type: 'decision.issued';
      decisionId: string;
      decisionType: DecisionType;
      decisionDate: string;
      letterSent: string;
      sections: PlanSection[];
      letterChecklist?: LetterChecklist;
      rationale?: string;
      /** What the decision answers; it meets that request's, review's or transfer's own time limit. */
      answers?: { kind: DecisionAnswerKind; id: string };
      /**
       * A final or amended plan: the school or other institution its section I names (SEND Regs
       * 2014 reg 12(1)(i); CFA 2014 s.39, s.40). What families and schools remember a case by.
       */
      placement?: string;
    }
  | {
      /** Corrects the dates of a decision recorded wrongly; moves the deadlines counted from them. */
      type: 'decision.corrected';
      decisionId: string;
      decisionDate: string;
      letterSent: string;
    }
  // ── What a decision answers: requests, reviews, drafts and phase transfers ───────────────────
  | {
      /** A request for an EHC needs assessment: the council must decide within 6 weeks (SEND Regs reg 5(1)). */
      type: 'assessment.requested';
      requestId: string;
      receivedOn: string;
    }
  | {
      /** The council decided to assess (meets reg 5(1)); it then has 16 weeks to decide not to issue a plan (reg 10(1)) or 20 to issue one (reg 13(2)). */
      type: 'assessment.agreed';
      requestId: string;
      notifiedOn: string;
    }
  | {
      /** A draft plan served on the family: 15 days beginning with that day to comment (reg 13(1)). */
      type: 'draft_plan.served';
      draftId: string;
      requestId?: string;
      servedOn: string;
    }
  | {
      type: 'draft_plan.comments_received';
      draftId: string;
      receivedOn: string;
    }
  | {
      /** An annual review meeting: the council decides within 4 weeks (reg 20(10)). */
      type: 'review.meeting_held';
      reviewId: string;
      heldOn: string;
    }
  | {
      /** The council proposed amendments after the review (reg 22(2)): meets reg 20(10); the final amended plan is due in 8 weeks (reg 22(3)). */
      type: 'review.amendments_proposed';
      reviewId: string;
      sentOn: string;
    }
  | {
      /** A transfer between phases of education ahead: the plan must be reviewed and amended by 15 Feb (31 Mar for post-16) of that year (reg 18(1)). */
      type: 'phase_transfer.recorded';
      transferId: string;
      transferDate: string;
      kind: PhaseTransferKind;
      recordedOn: string;
    }
  // ── SEND way-forward meeting (local, non-statutory; no clock) ────────────────────────────────
  | {
      type: 'way_forward.requested';
      meetingId: string;
      decisionId?: string;
      requestedOn: string;
    }
  | {
      type: 'way_forward.held';
      meetingId: string;
      heldOn: string;
      outcome: MeetingOutcome;
      notes?: string;
    }
  // ── Mediation (SEND Regs regs 32–42) ─────────────────────────────────────────────────────────
  | {
      /** The family contacted the mediation adviser: meets `mediation.contact_adviser` for the decision. */
      type: 'mediation.adviser_contacted';
      mediationId: string;
      decisionId: string;
      providerName: string;
      /** The provider's own reference for the mediation (what the family and the provider quote). */
      providerReference?: string;
      contactedOn: string;
      healthInIssue: boolean;
      socialCareInIssue: boolean;
    }
  | {
      /** Mediation declined: the adviser must issue a certificate within 3 working days (reg 34). */
      type: 'mediation.declined';
      mediationId: string;
      adviserInformedOn: string;
    }
  | {
      /** Mediation wanted: the council must arrange it within 30 days (regs 36–37), and tell the ICB
       *  within 3 working days where health provision is in issue (reg 35). When health care
       *  provision is the only issue (`healthOnly`), the ICB arranges it within 30 days of being told (reg 35). */
      type: 'mediation.requested';
      mediationId: string;
      laInformedOn: string;
      healthOnly?: boolean;
    }
  | {
      /** The family no longer wishes to pursue mediation: the adviser's certificate follows within 3 working days (reg 34). */
      type: 'mediation.withdrawn';
      mediationId: string;
      adviserInformedOn: string;
    }
  | {
      type: 'mediation.health_notified';
      mediationId: string;
      notifiedOn: string;
    }
  | {
      type: 'mediation.arranged';
      mediationId: string;
      arrangedOn: string;
      mediationDate: string;
    }
  | {
      /** The council could not arrange mediation in time: a certificate must follow in 3 working days (reg 37). */
      type: 'mediation.not_arranged';
      mediationId: string;
      adviserInformedOn: string;
    }
  | {
      /** Mediation took place (meets `mediation.arrange`); certificate due 3 working days after it ended (reg 39). */
      type: 'mediation.held';
      mediationId: string;
      heldOn: string;
      concludedOn: string;
      outcome: MeetingOutcome;
      /** Who took part (names and roles, e.g. "Jo Smith (parent)"). */
      participants?: string[];
    }
  | {
      /** A mediation agreement (reg 42): appealable items take the order periods from the agreement date;
       *  other items 2 weeks; the ICB tells the council within 1 week where health is in issue. */
      type: 'mediation.agreement_reached';
      mediationId: string;
      agreementDate: string;
      /** `agreedDueOn`: a different timescale the parties agreed in writing (reg 42(5)); `responsibleBody`: who must do a non-appealable item (reg 42(3)). */
      items: {
        itemId: string;
        description: string;
        appealable: boolean;
        orderType?: OrderType;
        responsibleBody?: AgreementBody;
        agreedDueOn?: string;
      }[];
    }
  | {
      type: 'mediation.agreement_item_completed';
      mediationId: string;
      itemId: string;
      completedOn: string;
      evidence: string;
    }
  | {
      /** The ICB told the council what it will do under a mediation agreement (reg 42(4)): meets `agreement.health_notify_la`. */
      type: 'mediation.health_response_received';
      mediationId: string;
      receivedOn: string;
    }
  | {
      /** A certificate meets its certificate deadline and moves `appeal.lodge` (1 month from the certificate). */
      type: 'certificate.issued';
      certificateId: string;
      mediationId: string;
      kind: CertificateKind;
      issuedOn: string;
    }
  // ── Disagreement resolution (reg 53; voluntary; no clock) ────────────────────────────────────
  | {
      type: 'disagreement_resolution.referred';
      resolutionId: string;
      referredOn: string;
      subject: string;
    }
  | {
      type: 'disagreement_resolution.meeting_held';
      resolutionId: string;
      heldOn: string;
    }
  | {
      type: 'disagreement_resolution.concluded';
      resolutionId: string;
      concludedOn: string;
      outcome: MeetingOutcome;
    }
  // ── Appeal to the First-tier Tribunal (SEND) ─────────────────────────────────────────────────
  | {
      /** Meets `appeal.lodge` for the decision. */
      type: 'appeal.lodged';
      appealId: string;
      decisionId: string;
      tribunalReference: string;
      lodgedOn: string;
      appellant?: Appellant;
      sections?: PlanSection[];
      healthAndSocialCareSought?: boolean;
      /** The caseworker confirmed a fact the law does not provide for on this route (see `unusualFacts`): recorded and flagged. */
      confirmedUnusual?: boolean;
    }
  | {
      /** The Tribunal registered the appeal and sent it to the council: opens `tribunal.la_response`. */
      type: 'appeal.registered';
      appealId: string;
      registeredOn: string;
      appealReceivedOn: string;
    }
  | { type: 'appeal.response_sent'; appealId: string; sentOn: string }
  | { type: 'appeal.hearing_listed'; appealId: string; hearingDate: string }
  | {
      /**
       * How the appeal ended. Decided outcomes, `referred_back` and `consent_order` open `order.*`
       * deadlines from `decisionDate` (the order date); `conceded_before_response` opens
       * `concession.*` from `laNotifiedTribunalOn` (required then) and makes no recommendations;
       * `withdrawn` and `struck_out` take no orders and no recommendations. Any outcome cancels an
       * open `tribunal.la_response`, except that a response already sent stays met.
       * Each recommendation opens `recommendation.response` (5 weeks from `decisionDate`).
       */
      type: 'appeal.decided';
      appealId: string;
      outcome: AppealOutcome;
      decisionDate: string;
      orderSentOn?: string;
      laNotifiedTribunalOn?: string;
      /**
       * `agreedDueDates`: for a consent order, shorter periods agreed for some duties, by rule id (e.g.
       * `order.make_plan.final`). `directedDueDates`: periods the Tribunal set by direction (reg 44(1)).
       * A case `referred_back` opens the duty to reconsider (reg 44(2)(d)) without an order being listed.
       */
      orders?: {
        orderId: string;
        orderType: OrderType;
        details?: string;
        agreedDueDates?: Record<string, string>;
        directedDueDates?: Record<string, string>;
      }[];
      recommendations: (NewRecommendation & { recommendationId: string })[];
      confirmedUnusual?: boolean;
    }
  | {
      /** Compliance with one duty of an order (the rule id names which, e.g. `order.make_plan.draft`). */
      type: 'order.complied';
      orderId: string;
      ruleId: string;
      compliedOn: string;
      evidence: string;
    }
  | {
      type: 'recommendation.responded';
      recommendationId: string;
      outcome: ResponseOutcome;
      reasons?: string;
      sentOn: string;
      /** The parent or the young person, to whom the response must go (Recommendations Power Regs 2017 regs 6–7). */
      recipient?: ResponseRecipient;
      sentTo: string[];
    }
  // ── Deadlines ────────────────────────────────────────────────────────────────────────────────
  | {
      /** A statutory exception extends a deadline: never silently; both dates stay in the history. */
      type: 'deadline.extended';
      deadlineId: string;
      ruleId: string;
      subjectId: string;
      fromDueOn: string;
      toDueOn: string;
      /** The statutory exception relied on; the rule must allow it (see `RuleInfo.extension`). */
      ground?: ExtensionGroundId;
      reason: string;
      agreedBy: string;
      extendedOn: string;
    }
  | {
      /** Recorded by the system when a deadline passes unmet. */
      type: 'deadline.overdue';
      deadlineId: string;
      ruleId: string;
      dueOn: string;
      /** The first day on which the deadline was past. */
      overdueOn: string;
    }
  // ── Corrections ──────────────────────────────────────────────────────────────────────────────
  | {
      /**
       * Corrects facts of an earlier event, named by its place in the history; that event is never
       * edited. The case and its deadlines become what they would have been had it been recorded
       * right (see `effectiveHistory`). `previous` keeps the values it replaces, for the history.
       */
      type: 'event.corrected';
      correctsSequence: number;
      correctsType: string;
      changes: Record<string, unknown>;
      previous: Record<string, unknown>;
      correctedOn: string;
    }
  // ── Documents ────────────────────────────────────────────────────────────────────────────────
  | {
      type: 'document.attached';
      documentId: string;
      /** The history event the document belongs to. */
      eventSequence: number;
      filename: string;
      contentType: string;
      size: number;
      sha256: string;
      attachedOn: string;
    }
  // ── Case notes (no clock) ────────────────────────────────────────────────────────────────────
  | {
      /** A dated note of a phone call, email, meeting or letter: changes nothing on the case, opens no deadline. */
      type: 'note.recorded';
      noteId: string;
      kind: NoteKind;
      notedOn: string;
      text: string;
    }
  | {
      /** A letter issued from the case (see `letters/`) was sent: by email with its PDF, or by post. */
      type: 'letter.sent';
      letterId: string;
      /** The history event the letter was issued with. */
      eventSequence: number;
      how: 'email' | 'post';
      /** The email address, when sent by email. */
      to?: string;
      sentOn: string;
    };

export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<
  CaseEvent,
  { type: T }
>;

/** `types`, which must list every event type: a type left out fails to compile, naming it (`missing`). */
function everyEventType<const T extends readonly CaseEventType[]>(
  types: T &
    ([Exclude<CaseEventType, T[number]>] extends [never]
      ? unknown
      : { missing: Exclude<CaseEventType, T[number]> }),
): T {
  return types;
}

/** Every event type, in the order of the union (a new one is handled in its family's file under `events/`). */
export const CASE_EVENT_TYPES = /* @__PURE__ */ everyEventType([
  'case.opened',
  'contact.added',
  'case.reassigned',
  'decision.issued',
  'decision.corrected',
  'assessment.requested',
  'assessment.agreed',
  'draft_plan.served',
  'draft_plan.comments_received',
  'review.meeting_held',
  'review.amendments_proposed',
  'phase_transfer.recorded',
  'way_forward.requested',
  'way_forward.held',
  'mediation.adviser_contacted',
  'mediation.declined',
  'mediation.requested',
  'mediation.withdrawn',
  'mediation.health_notified',
  'mediation.arranged',
  'mediation.not_arranged',
  'mediation.held',
  'mediation.agreement_reached',
  'mediation.agreement_item_completed',
  'mediation.health_response_received',
  'certificate.issued',
  'disagreement_resolution.referred',
  'disagreement_resolution.meeting_held',
  'disagreement_resolution.concluded',
  'appeal.lodged',
  'appeal.registered',
  'appeal.response_sent',
  'appeal.hearing_listed',
  'appeal.decided',
  'order.complied',
  'recommendation.responded',
  'deadline.extended',
  'deadline.overdue',
  'event.corrected',
  'document.attached',
  'note.recorded',
  'letter.sent',
]);

/** The version of each payload's shape; bump it when a payload changes and keep reading old ones. */
export const CASE_EVENT_PAYLOAD_VERSION = 1;

export type { CaseStage };
