import type {
  CaseDetail,
  DeadlineView,
  HistoryEventView,
  SessionView,
} from '@send/contracts';

/** Test data for the web app's specs: a signed-in caseworker, a case, its deadlines and history. */

export const caseworkerSession = (
  overrides: Partial<SessionView> = {},
): SessionView => ({
  user: {
    id: 'u-1',
    name: 'Priya Shah',
    role: 'caseworker',
    team: 'SEND North',
  },
  csrfToken: 'csrf-1',
  // Far ahead, so that a spec rendering the timeout warning does not see the session end.
  expiresAt: '2099-03-02T19:00:00Z',
  idleExpiresAt: '2099-03-02T09:30:00Z',
  passwordChangeRequired: false,
  ...overrides,
});

export const deadlineView = (
  overrides: Partial<DeadlineView> = {},
): DeadlineView => ({
  id: 'd-1',
  caseId: 'case-1',
  caseReference: 'SEND-2026-0001',
  childName: 'Amelia Jones',
  ruleId: 'appeal.lodge',
  ruleTitle: 'Last day to lodge an appeal with the SEND Tribunal',
  rulesetVersion: '2026.1',
  dueOn: '2099-05-05',
  explanation: [
    'Decision letter sent Thu 5 Mar 2099',
    'Due Tue 5 May 2099 (HESC Rules r.20(1)(c), r.12)',
  ],
  status: 'open',
  displayStatus: 'open',
  dutyHolder: 'family',
  subjectId: 'dec-1',
  owner: 'Priya Shah',
  ...overrides,
});

export const caseDetail = (
  overrides: Partial<CaseDetail> = {},
): CaseDetail => ({
  id: 'case-1',
  reference: 'SEND-2026-0001',
  childName: 'Amelia Jones',
  dateOfBirth: '2015-04-02',
  caseworker: 'Priya Shah',
  team: 'SEND North',
  stage: 'decision_issued',
  version: 2,
  contacts: [],
  decisions: [
    {
      id: 'dec-1',
      type: 'refuse_assessment',
      decisionDate: '2099-03-03',
      letterSent: '2099-03-05',
      sections: [],
    },
  ],
  wayForwardMeetings: [],
  mediations: [],
  disagreementResolutions: [],
  appeals: [],
  orders: [],
  recommendations: [],
  assessmentRequests: [],
  reviews: [],
  draftPlans: [],
  phaseTransfers: [],
  flags: [],
  deadlines: [
    deadlineView(),
    deadlineView({
      id: 'd-2',
      ruleId: 'mediation.contact_adviser',
      ruleTitle: 'Contact the mediation adviser',
      explanation: ['+ 2 months'],
    }),
  ],
  documents: [],
  ...overrides,
});

export const historyEvent = (
  sequence: number,
  overrides: Partial<HistoryEventView> = {},
): HistoryEventView => ({
  id: `e-${sequence}`,
  sequence,
  type: 'case.opened',
  summary: `Entry number ${sequence}`,
  businessDate: '2026-01-01',
  recordedAt: '2026-07-01T13:05:00Z',
  actorName: 'Priya Shah',
  actorRole: 'caseworker',
  payload: {},
  hash: 'h',
  previousHash: null,
  ...overrides,
});
