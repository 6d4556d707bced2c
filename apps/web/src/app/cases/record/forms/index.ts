import type { EventFormSpec } from '../event-form';
import { appealLodgedForm, appealOutcomeForm, appealRegisteredForm, appealResponseForm, hearingListedForm, orderComplianceForm } from './appeal-forms';
import { decisionForm, wayForwardHeldForm, wayForwardRequestedForm } from './decision-forms';
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
} from './mediation-forms';
import { contactForm, correctionForm, extensionForm, reassignmentForm } from './other-forms';
import { resolutionConcludedForm, resolutionMeetingForm, resolutionReferredForm } from './resolution-forms';

/** Every form, by the address segment that opens it (/cases/:id/record/<kind>). */
export const EVENT_FORMS: ReadonlyMap<string, EventFormSpec> = new Map(
  [
    decisionForm,
    wayForwardRequestedForm,
    wayForwardHeldForm,
    adviserContactedForm,
    mediationDeclinedForm,
    mediationRequestedForm,
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
    extensionForm,
    contactForm,
    reassignmentForm,
    correctionForm,
  ].map((spec) => [spec.kind, spec]),
);
