import { CreateCaseTables1795460000000 } from './1795460000000-create-case-tables';
import { AddFullRecord1795470000000 } from './1795470000000-add-full-record';
import { AddStaffEmail1795480000000 } from './1795480000000-add-staff-email';
import { CreateNotification1795480001000 } from './1795480001000-create-notification';
import { AddCalendarFeedToken1795480002000 } from './1795480002000-add-calendar-feed-token';
import { CreateDeadlineLiveIndex1795480003000 } from './1795480003000-create-deadline-live-index';
import { AddSignInAndAccessLog1795490000000 } from './1795490000000-add-sign-in-and-access-log';
import { CreateCaseSearchIndex1795495000000 } from './1795495000000-create-case-search-index';
import { CreateSecurityLog1795500000000 } from './1795500000000-create-security-log';
import { AddAccessLogReasonAndOutcome1795500001000 } from './1795500001000-add-access-log-reason-and-outcome';
import { CreateBankHoliday1795500002000 } from './1795500002000-create-bank-holiday';
import { AddDeadlineDecisionType1795520000000 } from './1795520000000-add-deadline-decision-type';
import { CreateReportingIndexes1795520001000 } from './1795520001000-create-reporting-indexes';
import { CreateExportJob1795520002000 } from './1795520002000-create-export-job';
import { AddDeadlineNextAction1795600000000 } from './1795600000000-add-deadline-next-action';
import { AddDeadlineMissedStatus1795600001000 } from './1795600001000-add-deadline-missed-status';
import { AddDeadlineActionClaim1795610000000 } from './1795610000000-add-deadline-action-claim';
import { CreateWorkerHeartbeat1795610001000 } from './1795610001000-create-worker-heartbeat';
import { CreateScheduledRun1795610002000 } from './1795610002000-create-scheduled-run';
import { AddNotificationDigestAndEmailDelivery1795610003000 } from './1795610003000-add-notification-digest-and-email-delivery';
import { CreateCaseworkerStaffIdFunction1795610004000 } from './1795610004000-create-caseworker-staff-id-function';
import { DropOutbox1795610005000 } from './1795610005000-drop-outbox';
import { AddCaseworkerAndOwnerIds1795620000000 } from './1795620000000-add-caseworker-and-owner-ids';
import { AddStaffDemoFlag1795620001000 } from './1795620001000-add-staff-demo-flag';
import { AddPasswordChangeState1795620002000 } from './1795620002000-add-password-change-state';
import { CreateNationalScaleReads1795730000000 } from './1795730000000-create-national-scale-reads';
import { DropUnusedDeadlineObjects1796590000000 } from './1796590000000-drop-unused-deadline-objects';
import { TimeExportHousekeepingInPostgres1796590001000 } from './1796590001000-time-export-housekeeping-in-postgres';
import { CreateCaseSearchTerm1796630000000 } from './1796630000000-create-case-search-term';
import { AppealResultReferredBack1796640000000 } from './1796640000000-appeal-result-referred-back';
import { CreateLetters1796660000000 } from './1796660000000-create-letters';
import { SearchByMediationReference1796670000000 } from './1796670000000-search-by-mediation-reference';
import { TeamReportsFromCoveringIndexes1796680000000 } from './1796680000000-team-reports-from-covering-indexes';
import { TeamSearchFromTheTeamsTerms1796680001000 } from './1796680001000-team-search-from-the-teams-terms';
import { TeamAppealsRegisterFromItsIndex1796680002000 } from './1796680002000-team-appeals-register-from-its-index';

/** Every migration, in order. Add each new one here (the bundled apps cannot glob the folder). */
export const MIGRATIONS = [
  CreateCaseTables1795460000000,
  AddFullRecord1795470000000,
  AddStaffEmail1795480000000,
  CreateNotification1795480001000,
  AddCalendarFeedToken1795480002000,
  CreateDeadlineLiveIndex1795480003000,
  AddSignInAndAccessLog1795490000000,
  CreateCaseSearchIndex1795495000000,
  CreateSecurityLog1795500000000,
  AddAccessLogReasonAndOutcome1795500001000,
  CreateBankHoliday1795500002000,
  AddDeadlineDecisionType1795520000000,
  CreateReportingIndexes1795520001000,
  CreateExportJob1795520002000,
  AddDeadlineNextAction1795600000000,
  AddDeadlineMissedStatus1795600001000,
  AddDeadlineActionClaim1795610000000,
  CreateWorkerHeartbeat1795610001000,
  CreateScheduledRun1795610002000,
  AddNotificationDigestAndEmailDelivery1795610003000,
  CreateCaseworkerStaffIdFunction1795610004000,
  DropOutbox1795610005000,
  AddCaseworkerAndOwnerIds1795620000000,
  AddStaffDemoFlag1795620001000,
  AddPasswordChangeState1795620002000,
  CreateNationalScaleReads1795730000000,
  DropUnusedDeadlineObjects1796590000000,
  TimeExportHousekeepingInPostgres1796590001000,
  CreateCaseSearchTerm1796630000000,
  AppealResultReferredBack1796640000000,
  CreateLetters1796660000000,
  SearchByMediationReference1796670000000,
  TeamReportsFromCoveringIndexes1796680000000,
  TeamSearchFromTheTeamsTerms1796680001000,
  TeamAppealsRegisterFromItsIndex1796680002000,
];
