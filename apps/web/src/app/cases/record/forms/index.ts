import type { EventFormSpec } from '../event-form';
import {
  appealLodgedForm,
  appealOutcomeForm,
  appealRegisteredForm,
  appealResponseForm,
  hearingListedForm,
  orderComplianceForm,
} from './appeal-forms';
import {
  amendmentsProposedForm,
  assessmentAgreedForm,
  assessmentRequestForm,
  decisionForm,
  draftCommentsForm,
  draftPlanServedForm,
  phaseTransferForm,
  reviewMeetingForm,
  wayForwardHeldForm,
  wayForwardRequestedForm,
} from './decision-forms';
import {
  adviserContactedForm,
  agreementItemCompletedForm,
  certificateForm,
  healthNotifiedForm,
  healthResponseForm,
  mediationAgreementForm,
  mediationArrangedForm,
  mediationDeclinedForm,
  mediationHeldForm,
  mediationNotArrangedForm,
  mediationRequestedForm,
  mediationWithdrawnForm,
} from './mediation-forms';
import {
  contactForm,
  correctionForm,
  extensionForm,
  reassignmentForm,
} from './other-forms';
import { recommendationResponseForm } from './recommendation-forms';
import {
  resolutionConcludedForm,
  resolutionMeetingForm,
  resolutionReferredForm,
} from './resolution-forms';

/** Every form, by the address segment that opens it (/cases/:id/record/<kind>). */
export const EVENT_FORMS: ReadonlyMap<string, EventFormSpec> = new Map(
  [
    decisionForm,
    assessmentRequestForm,
    assessmentAgreedForm,
    draftPlanServedForm,
    draftCommentsForm,
    reviewMeetingForm,
    amendmentsProposedForm,
    phaseTransferForm,
    wayForwardRequestedForm,
    wayForwardHeldForm,
    adviserContactedForm,
    mediationDeclinedForm,
    mediationRequestedForm,
    mediationWithdrawnForm,
    healthNotifiedForm,
    mediationArrangedForm,
    mediationNotArrangedForm,
    mediationHeldForm,
    mediationAgreementForm,
    agreementItemCompletedForm,
    healthResponseForm,
    certificateForm,
    resolutionReferredForm,
    resolutionMeetingForm,
    resolutionConcludedForm,
    appealLodgedForm,
    appealRegisteredForm,
    appealResponseForm,
    hearingListedForm,
    appealOutcomeForm,
    orderComplianceForm,
    recommendationResponseForm,
    extensionForm,
    contactForm,
    reassignmentForm,
    correctionForm,
  ].map((spec) => [spec.kind, spec]),
);
