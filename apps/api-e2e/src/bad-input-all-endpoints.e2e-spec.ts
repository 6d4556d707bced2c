import { createHash, randomUUID } from 'node:crypto';
import {
  api,
  download,
  type Role,
  sql,
  upload,
  uniqueReference,
} from './support/api';
import {
  caseEventCount,
  type Detail,
  tribunalReference,
  Walk,
} from './support/walk';

/*
 * Every write endpoint refuses bad input with 400 (application/problem+json, an `errors` entry
 * naming the field) and writes nothing; path problems, stale versions, events out of order and
 * documents get their own 4xx. The run's clock is fixed at Mon 2 Mar 2026.
 */

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Ids of a case that has been through every route, so each endpoint is called on real subjects. */
interface Ctx {
  caseId: string;
  decisionId: string;
  meetingId: string;
  mediationId: string;
  itemId: string;
  resolutionId: string;
  appealId: string;
  orderId: string;
  recommendationId: string;
  deadlineId: string;
  requestId: string;
  draftId: string;
  reviewId: string;
  providerId: string;
  managerId: string;
  caseworkerId: string;
  /** The place in the case history of the way forward meeting's request. */
  requestSequence: string;
}

const ctx = {} as Ctx;

interface Endpoint {
  name: string;
  path: (c: Ctx) => string;
  /** A valid body (without expectedVersion). */
  body: (c: Ctx) => Record<string, unknown>;
  versioned?: boolean;
  as?: Role;
  /** (a) a field and a value of the wrong type. */
  wrongType: [string, unknown];
  /** (c) a date field, (d) a free-text field, (e) an enum field: dotted paths into the body. */
  date?: string;
  text?: string;
  enumField?: string;
}

const OVERSIZE = 'x'.repeat(10_001);
const IMPOSSIBLE_DATE = '2026-02-30';

const LETTER_BODY = () => ({
  kind: 'decision_notice',
  decision: {
    type: 'refuse_amend',
    decisionDate: '2026-02-23',
    letterSent: '2026-02-24',
    rationale: 'The review showed no change in needs.',
  },
});

const ENDPOINTS: Endpoint[] = [
  {
    name: 'preview a letter',
    path: (c) => `/cases/${c.caseId}/letters/preview`,
    body: LETTER_BODY,
    wrongType: ['eventSequence', 'three'],
    date: 'decision.decisionDate',
    text: 'decision.rationale',
    enumField: 'kind',
  },
  {
    name: 'issue a letter',
    path: (c) => `/cases/${c.caseId}/letters`,
    body: LETTER_BODY,
    wrongType: ['eventSequence', 'three'],
    date: 'decision.letterSent',
    text: 'decision.rationale',
    enumField: 'decision.type',
  },
  {
    // Any id will do for the letter: a bad body is refused before the letter is looked for.
    name: 'record that a letter was sent',
    path: (c) => `/cases/${c.caseId}/letters/${c.decisionId}/sent`,
    body: () => ({ how: 'email', email: 'parent@example.org' }),
    wrongType: ['email', 42],
    enumField: 'how',
  },
  {
    name: 'open a case',
    path: () => '/cases',
    body: () => ({
      reference: uniqueReference(),
      childName: 'Robin Test',
      dateOfBirth: '2014-03-09',
    }),
    versioned: false,
    wrongType: ['childName', 42],
    date: 'dateOfBirth',
    text: 'childName',
  },
  {
    name: 'search cases',
    path: () => '/cases/search',
    body: () => ({
      text: 'Robin',
      dateOfBirth: '2014-03-09',
      limit: 10,
      offset: 0,
    }),
    versioned: false,
    wrongType: ['limit', 'ten'],
    date: 'dateOfBirth',
    text: 'text',
  },
  {
    name: 'add a contact',
    path: (c) => `/cases/${c.caseId}/contacts`,
    body: () => ({
      name: 'Sam Parent',
      relationship: 'Father',
      email: 'sam@example.org',
      phone: '01572 000000',
    }),
    wrongType: ['name', 42],
    text: 'relationship',
  },
  {
    name: 'reassign the case',
    path: (c) => `/cases/${c.caseId}/reassignment`,
    body: (c) => ({
      staffUserId: c.managerId,
      reason: 'Caseworker on long-term leave.',
    }),
    as: 'manager',
    wrongType: ['staffUserId', 12],
    text: 'reason',
  },
  {
    name: 'move a caseworker’s cases (bulk reassignment)',
    path: () => `/reassignments`,
    body: (c) => ({
      fromStaffUserId: c.caseworkerId,
      caseIds: [c.caseId],
      staffUserId: c.managerId,
      reason: 'Caseworker left the council.',
    }),
    versioned: false,
    as: 'manager',
    wrongType: ['caseIds', 'all of them'],
    text: 'reason',
  },
  {
    name: 'record a decision',
    path: (c) => `/cases/${c.caseId}/decisions`,
    body: () => ({
      type: 'refuse_amend',
      decisionDate: '2026-02-23',
      letterSent: '2026-02-24',
      sections: ['F'],
      letterChecklist: {
        mediationInformation: true,
        appealRights: true,
        timeLimits: true,
        disagreementResolution: true,
      },
      rationale: 'Reasons.',
    }),
    wrongType: ['sections', 'F'],
    date: 'decisionDate',
    text: 'rationale',
    enumField: 'type',
  },
  {
    name: 'record a request for an assessment',
    path: (c) => `/cases/${c.caseId}/assessment-requests`,
    body: () => ({ receivedOn: '2026-02-02' }),
    wrongType: ['receivedOn', 20260202],
    date: 'receivedOn',
  },
  {
    name: 'record that the council will assess',
    path: (c) => `/cases/${c.caseId}/assessment-requests/${c.requestId}/agreed`,
    body: () => ({ notifiedOn: '2026-02-27' }),
    wrongType: ['notifiedOn', true],
    date: 'notifiedOn',
  },
  {
    name: 'record a draft plan served',
    path: (c) => `/cases/${c.caseId}/draft-plans`,
    body: (c) => ({ servedOn: '2026-02-20', requestId: c.requestId }),
    wrongType: ['requestId', 12],
    date: 'servedOn',
  },
  {
    name: "record the family's comments on a draft plan",
    path: (c) => `/cases/${c.caseId}/draft-plans/${c.draftId}/comments`,
    body: () => ({ receivedOn: '2026-02-27' }),
    wrongType: ['receivedOn', ['2026-02-27']],
    date: 'receivedOn',
  },
  {
    name: 'record an annual review meeting',
    path: (c) => `/cases/${c.caseId}/reviews`,
    body: () => ({ heldOn: '2026-02-16' }),
    wrongType: ['heldOn', { on: '2026-02-16' }],
    date: 'heldOn',
  },
  {
    name: 'record proposed amendments after a review',
    path: (c) => `/cases/${c.caseId}/reviews/${c.reviewId}/amendments-proposed`,
    body: () => ({ sentOn: '2026-02-27' }),
    wrongType: ['sentOn', 27],
    date: 'sentOn',
  },
  {
    name: 'open a case with its past',
    path: () => '/cases/import',
    body: () => ({
      reference: uniqueReference(),
      childName: 'Robin Imported',
      dateOfBirth: '2014-03-09',
      entries: [
        {
          type: 'assessment.requested',
          requestId: randomUUID(),
          receivedOn: '2026-01-05',
        },
      ],
    }),
    versioned: false,
    wrongType: ['childName', 42],
    date: 'dateOfBirth',
    text: 'childName',
  },
  {
    name: 'record past entries in one go',
    path: (c) => `/cases/${c.caseId}/history`,
    body: () => ({
      entries: [
        {
          type: 'assessment.requested',
          requestId: randomUUID(),
          receivedOn: '2026-01-05',
        },
      ],
    }),
    wrongType: ['entries', 'not a list'],
    text: 'reason',
  },
  {
    name: 'record a phase transfer ahead',
    path: (c) => `/cases/${c.caseId}/phase-transfers`,
    body: () => ({ transferDate: '2027-09-01', kind: 'school' }),
    wrongType: ['kind', 2],
    date: 'transferDate',
    enumField: 'kind',
  },
  {
    name: 'correct a decision',
    path: (c) => `/cases/${c.caseId}/decisions/${c.decisionId}/correction`,
    body: () => ({
      decisionDate: '2026-02-23',
      letterSent: '2026-02-25',
      reason: 'Posted a day later.',
    }),
    wrongType: ['letterSent', 20260225],
    date: 'letterSent',
    text: 'reason',
  },
  {
    name: 'correct an earlier event',
    path: (c) => `/cases/${c.caseId}/events/${c.requestSequence}/correction`,
    body: () => ({
      changes: { requestedOn: '2026-02-25' },
      reason: 'The request came a day later.',
    }),
    wrongType: ['changes', 'requestedOn=2026-02-25'],
    text: 'reason',
  },
  {
    name: 'request a way forward meeting',
    path: (c) => `/cases/${c.caseId}/way-forward-meetings`,
    body: (c) => ({ decisionId: c.decisionId, requestedOn: '2026-02-25' }),
    wrongType: ['decisionId', 7],
    date: 'requestedOn',
  },
  {
    name: 'hold a way forward meeting',
    path: (c) => `/cases/${c.caseId}/way-forward-meetings/${c.meetingId}/held`,
    body: () => ({
      heldOn: '2026-02-27',
      outcome: 'resolved',
      notes: 'Agreed.',
    }),
    wrongType: ['notes', 5],
    date: 'heldOn',
    text: 'notes',
    enumField: 'outcome',
  },
  {
    name: 'record a case note',
    path: (c) => `/cases/${c.caseId}/notes`,
    body: () => ({
      kind: 'phone_call',
      notedOn: '2026-02-27',
      text: 'Mother phoned about the annual review.',
    }),
    wrongType: ['text', 5],
    date: 'notedOn',
    text: 'text',
    enumField: 'kind',
  },
  {
    name: 'record contact with the mediation adviser',
    path: (c) => `/cases/${c.caseId}/mediations`,
    body: (c) => ({
      decisionId: c.decisionId,
      providerId: c.providerId,
      contactedOn: '2026-02-25',
      healthInIssue: false,
      socialCareInIssue: false,
    }),
    wrongType: ['healthInIssue', 'yes'],
    date: 'contactedOn',
  },
  {
    name: 'record that mediation was declined',
    path: (c) => `/cases/${c.caseId}/mediations/${c.mediationId}/declined`,
    body: () => ({ adviserInformedOn: '2026-02-26' }),
    wrongType: ['adviserInformedOn', true],
    date: 'adviserInformedOn',
  },
  {
    name: 'record that mediation was requested',
    path: (c) => `/cases/${c.caseId}/mediations/${c.mediationId}/requested`,
    body: () => ({ laInformedOn: '2026-02-26', healthOnly: false }),
    wrongType: ['laInformedOn', 20260226],
    date: 'laInformedOn',
  },
  {
    name: 'record that the family no longer wish to pursue mediation',
    path: (c) => `/cases/${c.caseId}/mediations/${c.mediationId}/withdrawn`,
    body: () => ({ adviserInformedOn: '2026-02-27' }),
    wrongType: ['adviserInformedOn', 20260227],
    date: 'adviserInformedOn',
  },
  {
    name: 'record that the ICB was told',
    path: (c) =>
      `/cases/${c.caseId}/mediations/${c.mediationId}/health-notified`,
    body: () => ({ notifiedOn: '2026-02-26' }),
    wrongType: ['notifiedOn', ['2026-02-26']],
    date: 'notifiedOn',
  },
  {
    name: 'record mediation arrangements',
    path: (c) => `/cases/${c.caseId}/mediations/${c.mediationId}/arranged`,
    body: () => ({ arrangedOn: '2026-02-26', mediationDate: '2026-03-10' }),
    wrongType: ['mediationDate', 1],
    date: 'arrangedOn',
  },
  {
    name: 'record that mediation could not be arranged',
    path: (c) => `/cases/${c.caseId}/mediations/${c.mediationId}/not-arranged`,
    body: () => ({ adviserInformedOn: '2026-02-27' }),
    wrongType: ['adviserInformedOn', { date: '2026-02-27' }],
    date: 'adviserInformedOn',
  },
  {
    name: 'record the mediation meeting',
    path: (c) => `/cases/${c.caseId}/mediations/${c.mediationId}/held`,
    body: () => ({
      heldOn: '2026-02-27',
      concludedOn: '2026-02-27',
      outcome: 'resolved',
    }),
    wrongType: ['outcome', 3],
    date: 'concludedOn',
    enumField: 'outcome',
  },
  {
    name: 'record a mediation agreement',
    path: (c) => `/cases/${c.caseId}/mediations/${c.mediationId}/agreement`,
    body: () => ({
      agreementDate: '2026-02-27',
      items: [
        {
          description: 'Amend section F.',
          appealable: true,
          orderType: 'amend_plan',
        },
      ],
    }),
    wrongType: ['items', 'everything'],
    date: 'agreementDate',
    text: 'items.0.description',
    enumField: 'items.0.orderType',
  },
  {
    name: "record the ICB's response to a mediation agreement",
    path: (c) =>
      `/cases/${c.caseId}/mediations/${c.mediationId}/health-response`,
    body: () => ({ receivedOn: '2026-02-28' }),
    wrongType: ['receivedOn', 20260228],
    date: 'receivedOn',
  },
  {
    name: 'record an agreed item as done',
    path: (c) =>
      `/cases/${c.caseId}/mediations/${c.mediationId}/agreement/items/${c.itemId}/completed`,
    body: () => ({ completedOn: '2026-02-28', evidence: 'Letter sent.' }),
    wrongType: ['evidence', 1],
    date: 'completedOn',
    text: 'evidence',
  },
  {
    name: 'record a certificate',
    path: (c) => `/cases/${c.caseId}/mediations/${c.mediationId}/certificates`,
    body: () => ({ kind: 'mediation_concluded', issuedOn: '2026-02-28' }),
    wrongType: ['kind', 1],
    date: 'issuedOn',
    enumField: 'kind',
  },
  {
    name: 'refer to disagreement resolution',
    path: (c) => `/cases/${c.caseId}/disagreement-resolutions`,
    body: () => ({ referredOn: '2026-02-25', subject: 'Transport' }),
    wrongType: ['subject', 99],
    date: 'referredOn',
    text: 'subject',
  },
  {
    name: 'record a disagreement resolution meeting',
    path: (c) =>
      `/cases/${c.caseId}/disagreement-resolutions/${c.resolutionId}/meetings`,
    body: () => ({ heldOn: '2026-02-27' }),
    wrongType: ['heldOn', false],
    date: 'heldOn',
  },
  {
    name: 'conclude disagreement resolution',
    path: (c) =>
      `/cases/${c.caseId}/disagreement-resolutions/${c.resolutionId}/conclusion`,
    body: () => ({ concludedOn: '2026-02-28', outcome: 'resolved' }),
    wrongType: ['outcome', ['resolved']],
    date: 'concludedOn',
    enumField: 'outcome',
  },
  {
    name: 'lodge an appeal',
    path: (c) => `/cases/${c.caseId}/appeals`,
    body: (c) => ({
      decisionId: c.decisionId,
      tribunalReference: 'EH857/26/77777',
      lodgedOn: '2026-02-27',
      appellant: 'parent',
      sections: ['F'],
      healthAndSocialCareSought: false,
    }),
    wrongType: ['healthAndSocialCareSought', 'yes'],
    date: 'lodgedOn',
    text: 'tribunalReference',
    enumField: 'appellant',
  },
  {
    name: 'record registration',
    path: (c) => `/cases/${c.caseId}/appeals/${c.appealId}/registration`,
    body: () => ({
      registeredOn: '2026-02-27',
      appealReceivedOn: '2026-02-27',
    }),
    wrongType: ['registeredOn', 1],
    date: 'appealReceivedOn',
  },
  {
    name: "record the council's response",
    path: (c) => `/cases/${c.caseId}/appeals/${c.appealId}/response`,
    body: () => ({ sentOn: '2026-02-28' }),
    wrongType: ['sentOn', 20260228],
    date: 'sentOn',
  },
  {
    name: 'list the hearing',
    path: (c) => `/cases/${c.caseId}/appeals/${c.appealId}/hearing`,
    body: () => ({ hearingDate: '2026-05-20' }),
    wrongType: ['hearingDate', true],
    date: 'hearingDate',
  },
  {
    name: 'record the outcome',
    path: (c) => `/cases/${c.caseId}/appeals/${c.appealId}/outcome`,
    body: () => ({
      outcome: 'decided_allowed',
      decisionDate: '2026-02-27',
      orderSentOn: '2026-02-28',
      orders: [
        {
          orderType: 'amend_plan',
          details: 'Amend F.',
          directedDueDates: { 'order.amend_plan': '2026-03-20' },
        },
      ],
      recommendations: [
        { section: 'G', responsibleBody: 'icb', text: 'Therapy.' },
      ],
    }),
    wrongType: ['orders', 'assess'],
    date: 'orderSentOn',
    text: 'recommendations.0.text',
    enumField: 'outcome',
  },
  {
    name: 'record compliance with an order',
    path: (c) => `/cases/${c.caseId}/orders/${c.orderId}/compliance`,
    body: () => ({
      ruleId: 'order.amend_plan',
      compliedOn: '2026-02-28',
      evidence: 'Amended plan issued.',
    }),
    wrongType: ['ruleId', 5],
    date: 'compliedOn',
    text: 'evidence',
  },
  {
    name: 'respond to a recommendation',
    path: (c) =>
      `/cases/${c.caseId}/recommendations/${c.recommendationId}/response`,
    body: () => ({
      outcome: 'not_followed',
      reasons: 'No clinical need.',
      sentOn: '2026-02-28',
      recipient: 'parent',
      sentTo: ['Parent'],
    }),
    wrongType: ['sentTo', 'Parent'],
    date: 'sentOn',
    text: 'reasons',
    enumField: 'outcome',
  },
  {
    name: 'extend a deadline',
    path: (c) => `/deadlines/${c.deadlineId}/extension`,
    body: () => ({
      toDueOn: '2026-04-17',
      ground: 'exceptional_personal_circumstances',
      reason: 'Hospital admission.',
      agreedBy: 'Morgan Lee',
    }),
    wrongType: ['agreedBy', 9],
    date: 'toDueOn',
    text: 'reason',
    enumField: 'ground',
  },
  {
    // Not a write: the calculator saves nothing, but it takes a body like one.
    name: 'work out a due date',
    path: () => '/deadlines/calculation',
    body: () => ({
      ruleId: 'appeal.lodge',
      facts: { decisionLetterSent: '2026-02-24' },
    }),
    versioned: false,
    wrongType: ['ruleId', 5],
    date: 'facts.decisionLetterSent',
    enumField: 'ruleId',
  },
];

/** A copy of `body` with the value at a dotted path (e.g. `items.0.description`) replaced. */
function withValue(
  body: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target: any = copy;
  for (const key of keys.slice(0, -1)) target = target[key];
  target[keys.at(-1)!] = value;
  return copy;
}

async function currentVersion(): Promise<number> {
  return (await api<Detail>('GET', `/cases/${ctx.caseId}`)).body.version;
}

type Variant =
  | 'wrong type'
  | 'unknown field'
  | 'impossible date'
  | 'oversize text'
  | 'wrong enum value'
  | 'expectedVersion of the wrong type';

function badBody(
  e: Endpoint,
  variant: Variant,
  valid: Record<string, unknown>,
): { body: Record<string, unknown>; field: string } {
  switch (variant) {
    case 'wrong type':
      return {
        body: withValue(valid, e.wrongType[0], e.wrongType[1]),
        field: e.wrongType[0],
      };
    case 'unknown field':
      return {
        body: { ...valid, nhsNumber: '943 476 5919' },
        field: 'nhsNumber',
      };
    case 'impossible date':
      return {
        body: withValue(valid, e.date!, IMPOSSIBLE_DATE),
        field: e.date!,
      };
    case 'oversize text':
      return { body: withValue(valid, e.text!, OVERSIZE), field: e.text! };
    case 'wrong enum value':
      return {
        body: withValue(valid, e.enumField!, 'not_a_value'),
        field: e.enumField!,
      };
    case 'expectedVersion of the wrong type':
      return {
        body: { ...valid, expectedVersion: 'three' },
        field: 'expectedVersion',
      };
  }
}

const CASES: [string, Variant][] = ENDPOINTS.flatMap((e) => {
  const variants: Variant[] = ['wrong type', 'unknown field'];
  if (e.date) variants.push('impossible date');
  if (e.text) variants.push('oversize text');
  if (e.enumField) variants.push('wrong enum value');
  if (e.versioned !== false) variants.push('expectedVersion of the wrong type');
  return variants.map((v): [string, Variant] => [e.name, v]);
});

beforeAll(async () => {
  await sql(
    `INSERT INTO mediation_provider (name) VALUES ('Global Mediation') ON CONFLICT (name) DO NOTHING`,
  );
  const providers = await api<{ id: string; name: string }[]>(
    'GET',
    '/mediation-providers',
  );
  ctx.providerId = providers.body.find(
    (p) => p.name === 'Global Mediation',
  )!.id;
  ctx.managerId = (
    JSON.parse(process.env['E2E_USERS']!) as Record<Role, string>
  ).manager;
  ctx.caseworkerId = (
    JSON.parse(process.env['E2E_USERS']!) as Record<Role, string>
  ).caseworker;

  // A case with a subject for every endpoint; due dates fall after 2 Mar 2026 where they can.
  const w = await Walk.open('Robin Every-Endpoint', '2014-03-09');
  ctx.caseId = w.id;
  const d = await w.post(
    '/decisions',
    {
      type: 'final_plan_content',
      decisionDate: '2026-02-23',
      letterSent: '2026-02-24',
      sections: ['F'],
    },
    'decision.issued',
  );
  ctx.decisionId = d.decisions[0]!.id;
  const wf = await w.post(
    '/way-forward-meetings',
    { decisionId: ctx.decisionId, requestedOn: '2026-02-24' },
    'way_forward.requested',
  );
  ctx.meetingId = wf.wayForwardMeetings[0]!.id;
  ctx.requestSequence = String(
    (await w.history()).find((e) => e.type === 'way_forward.requested')!
      .sequence,
  );
  const m = await w.post(
    '/mediations',
    {
      decisionId: ctx.decisionId,
      providerId: ctx.providerId,
      contactedOn: '2026-02-25',
      healthInIssue: true,
      socialCareInIssue: false,
    },
    'mediation.adviser_contacted',
  );
  ctx.mediationId = m.mediations[0]!.id;
  await w.post(
    `/mediations/${ctx.mediationId}/requested`,
    { laInformedOn: '2026-02-25' },
    'mediation.requested',
  );
  await w.post(
    `/mediations/${ctx.mediationId}/held`,
    {
      heldOn: '2026-02-26',
      concludedOn: '2026-02-26',
      outcome: 'partly_resolved',
    },
    'mediation.held',
  );
  const agreed = await w.post(
    `/mediations/${ctx.mediationId}/agreement`,
    {
      agreementDate: '2026-02-26',
      items: [{ description: 'Review transport.', appealable: false }],
    },
    'mediation.agreement_reached',
  );
  ctx.itemId = agreed.mediations[0]!.agreementItems[0]!.id;
  // The certificate that mediation concluded, so the appeal below is the ordinary one (CFA 2014 s.55(3)).
  await w.post(
    `/mediations/${ctx.mediationId}/certificates`,
    { kind: 'mediation_concluded', issuedOn: '2026-02-26' },
    'mediation.certificate_issued',
  );
  const dr = await w.post(
    '/disagreement-resolutions',
    { referredOn: '2026-02-25', subject: 'Transport' },
    'disagreement_resolution.referred',
  );
  ctx.resolutionId = dr.disagreementResolutions[0]!.id;
  const lodged = await w.post(
    '/appeals',
    {
      decisionId: ctx.decisionId,
      tribunalReference: tribunalReference('26'),
      lodgedOn: '2026-02-26',
    },
    'appeal.lodged',
  );
  ctx.appealId = lodged.appeals[0]!.id;
  const decided = await w.post(
    `/appeals/${ctx.appealId}/outcome`,
    {
      outcome: 'decided_allowed',
      decisionDate: '2026-02-27',
      orders: [{ orderType: 'amend_plan' }],
      recommendations: [
        { section: 'G', responsibleBody: 'icb', text: 'Therapy.' },
      ],
    },
    'appeal.decided',
  );
  ctx.orderId = decided.orders[0]!.id;
  ctx.recommendationId = decided.recommendations[0]!.id;
  ctx.deadlineId = decided.deadlines.find(
    (x) => x.ruleId === 'order.amend_plan',
  )!.id;
  // The decisions' own time limits: a request for an assessment, a draft plan, an annual review.
  const requested = await w.post(
    '/assessment-requests',
    { receivedOn: '2026-02-02' },
    'assessment.requested',
  );
  ctx.requestId = requested.assessmentRequests[0]!.id;
  const drafted = await w.post(
    '/draft-plans',
    { servedOn: '2026-02-20' },
    'draft_plan.served',
  );
  ctx.draftId = drafted.draftPlans[0]!.id;
  const reviewed = await w.post(
    '/reviews',
    { heldOn: '2026-02-16' },
    'review.meeting_held',
  );
  ctx.reviewId = reviewed.reviews[0]!.id;
}, 60_000);

describe('every write endpoint refuses bad input with a 400 naming the field, and writes nothing', () => {
  it.each(CASES)('%s: %s', async (name, variant) => {
    const e = ENDPOINTS.find((x) => x.name === name)!;
    const valid = {
      ...(e.versioned === false
        ? {}
        : { expectedVersion: await currentVersion() }),
      ...e.body(ctx),
    };
    const { body, field } = badBody(e, variant, valid);
    const eventsBefore = await caseEventCount(ctx.caseId);
    const casesBefore = Number(
      (await sql(`SELECT count(*) FROM "case"`))[0].count,
    );

    const res = await api<Problem>(
      'POST',
      e.path(ctx),
      body,
      e.as ?? 'caseworker',
    );

    expect({
      status: res.status,
      fields: res.body.errors?.map((x) => x.field),
    }).toEqual({ status: 400, fields: expect.arrayContaining([field]) });
    expect(res.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(res.body.detail).toBeTruthy();
    expect(await caseEventCount(ctx.caseId)).toBe(eventsBefore);
    expect(Number((await sql(`SELECT count(*) FROM "case"`))[0].count)).toBe(
      casesBefore,
    );
  });

  it('has checked every write endpoint of the API (the table matches the OpenAPI document)', async () => {
    const docs = await api<{ paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/docs-json',
      undefined,
      null,
    );
    const posts = Object.entries(docs.body.paths)
      .filter(([, ops]) => 'post' in ops)
      .map(([p]) => p)
      // Case writes only: documents are multipart (tested apart), the calendar feed takes no body, sign-in has
      // its own tests (auth.e2e-spec.ts), administrators' data (staff, providers, bank holidays) too (admin.e2e-spec.ts;
      // letter templates, multipart: letters.e2e-spec.ts),
      // and an export writes no case (its bad input: exports.e2e-spec.ts).
      .filter(
        (p) =>
          !p.endsWith('/documents') &&
          p !== '/api/me/calendar-feed' &&
          // Marking notifications read takes no body and writes no case (records.e2e-spec.ts).
          !p.startsWith('/api/notifications/') &&
          p !== '/api/exports' &&
          !/^\/api\/(auth|users|mediation-providers|bank-holidays|letter-templates)(\/|$)/.test(
            p,
          ),
      );
    const sample: Ctx = Object.fromEntries(
      Object.keys(ctx).map((k) => [k, `{${k}}`]),
    ) as unknown as Ctx;
    const normalise = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
    const covered = ENDPOINTS.map((e) => normalise(`/api${e.path(sample)}`));
    expect(posts.map(normalise).filter((p) => !covered.includes(p))).toEqual(
      [],
    );
  });
});

describe('path problems, stale versions and events out of order', () => {
  const contact = { name: 'Sam Parent', relationship: 'Father' };

  it('answers 404 for an unknown case id and 400 for a malformed one, on a write', async () => {
    const unknown = await api<Problem>(
      'POST',
      `/cases/${randomUUID()}/contacts`,
      { expectedVersion: 1, ...contact },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/no case/i);

    const malformed = await api<Problem>('POST', '/cases/not-an-id/contacts', {
      expectedVersion: 1,
      ...contact,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toBe("'not-an-id' is not a valid case id.");

    const badMediation = await api<Problem>(
      'POST',
      `/cases/${ctx.caseId}/mediations/12345/declined`,
      {
        expectedVersion: await currentVersion(),
        adviserInformedOn: '2026-02-26',
      },
    );
    expect(badMediation.status).toBe(400);
    expect(badMediation.body.detail).toContain('not a valid mediation id');

    const badDeadline = await api<Problem>(
      'POST',
      '/deadlines/nope/extension',
      {
        expectedVersion: 1,
        toDueOn: '2026-05-01',
        ground: 'exceptional_personal_circumstances',
        reason: 'r',
        agreedBy: 'a',
      },
    );
    expect(badDeadline.status).toBe(400);
    const unknownDeadline = await api<Problem>(
      'POST',
      `/deadlines/${randomUUID()}/extension`,
      {
        expectedVersion: 1,
        toDueOn: '2026-05-01',
        ground: 'exceptional_personal_circumstances',
        reason: 'r',
        agreedBy: 'a',
      },
    );
    expect(unknownDeadline.status).toBe(404);
  });

  it.each<[string, (c: Ctx) => string, (c: Ctx) => Record<string, unknown>]>([
    ['add a contact', (c) => `/cases/${c.caseId}/contacts`, () => contact],
    [
      'record a decision',
      (c) => `/cases/${c.caseId}/decisions`,
      () => ({
        type: 'refuse_plan',
        decisionDate: '2026-02-02',
        letterSent: '2026-02-03',
      }),
    ],
    [
      'request a way forward meeting',
      (c) => `/cases/${c.caseId}/way-forward-meetings`,
      () => ({ requestedOn: '2026-02-26' }),
    ],
    [
      'refer to disagreement resolution',
      (c) => `/cases/${c.caseId}/disagreement-resolutions`,
      () => ({ referredOn: '2026-02-26', subject: 'Transport' }),
    ],
    [
      'lodge an appeal',
      (c) => `/cases/${c.caseId}/appeals`,
      (c) => ({
        decisionId: c.decisionId,
        tribunalReference: 'EH857/26/55555',
        lodgedOn: '2026-02-27',
      }),
    ],
    [
      'extend a deadline',
      (c) => `/deadlines/${c.deadlineId}/extension`,
      () => ({
        toDueOn: '2026-04-17',
        ground: 'exceptional_personal_circumstances',
        reason: 'Hospital admission.',
        agreedBy: 'Morgan Lee',
      }),
    ],
  ])(
    'refuses a stale expectedVersion with 409 (%s), writing nothing',
    async (_name, path, body) => {
      const stale = (await currentVersion()) - 1;
      const before = await caseEventCount(ctx.caseId);
      const res = await api<Problem>('POST', path(ctx), {
        expectedVersion: stale,
        ...body(ctx),
      });
      expect(res.status).toBe(409);
      expect(res.body.detail).toContain('changed since you opened it');
      expect(await caseEventCount(ctx.caseId)).toBe(before);
    },
  );

  it('refuses events out of order with 409 saying what must happen first, writing nothing', async () => {
    const w = await Walk.open('Jordan Out-Of-Order', '2013-10-10');
    const d = await w.post(
      '/decisions',
      {
        type: 'refuse_amend',
        decisionDate: '2026-02-16',
        letterSent: '2026-02-17',
      },
      'decision.issued',
    );
    const decisionId = d.decisions[0]!.id;

    // An outcome before any appeal.
    await w.refused(
      `/appeals/${randomUUID()}/outcome`,
      { outcome: 'decided_allowed', decisionDate: '2026-02-27' },
      409,
      /record the appeal before/,
      'outcome before an appeal',
    );
    // A certificate before the family contacted the mediation adviser.
    await w.refused(
      `/mediations/${randomUUID()}/certificates`,
      { kind: 'information_only', issuedOn: '2026-02-27' },
      409,
      /contact with the mediation adviser first/,
      'certificate before contact',
    );
    // Compliance before the Tribunal made an order.
    await w.refused(
      `/orders/${randomUUID()}/compliance`,
      {
        ruleId: 'order.amend_plan',
        compliedOn: '2026-02-27',
        evidence: 'Plan issued.',
      },
      409,
      /decision that made it first/,
      'compliance before an order',
    );

    const m = await w.post(
      '/mediations',
      {
        decisionId,
        providerId: ctx.providerId,
        contactedOn: '2026-02-18',
        healthInIssue: false,
        socialCareInIssue: false,
      },
      'mediation.adviser_contacted',
    );
    const mediationId = m.mediations[0]!.id;
    // A mediation meeting before the family asked for mediation.
    await w.refused(
      `/mediations/${mediationId}/held`,
      { heldOn: '2026-02-25', concludedOn: '2026-02-25', outcome: 'resolved' },
      409,
      /asked for mediation before/,
      'meeting before request',
    );
    // A "mediation concluded" certificate before the meeting; an information-only one before declining.
    await w.refused(
      `/mediations/${mediationId}/certificates`,
      { kind: 'mediation_concluded', issuedOn: '2026-02-25' },
      409,
      /Record the mediation meeting before/,
      'concluded certificate before meeting',
    );
    await w.refused(
      `/mediations/${mediationId}/certificates`,
      { kind: 'information_only', issuedOn: '2026-02-25' },
      409,
      /declined mediation, or no longer wish to pursue it, before/,
      'information certificate before declining',
    );

    // The ICB's answer to a mediation agreement before there is an agreement.
    await w.refused(
      `/mediations/${mediationId}/health-response`,
      { receivedOn: '2026-02-25' },
      409,
      /Record the mediation agreement before/,
      'ICB response before agreement',
    );

    // No certificate yet: the caseworker confirms the appeal was lodged without one (CFA 2014 s.55(3)).
    const a = await w.post(
      '/appeals',
      {
        decisionId,
        tribunalReference: tribunalReference('26'),
        lodgedOn: '2026-02-20',
        confirmedUnusual: true,
      },
      'appeal.lodged',
    );
    const appealId = a.appeals[0]!.id;
    // The council's response before the Tribunal registered the appeal and sent it.
    await w.refused(
      `/appeals/${appealId}/response`,
      { sentOn: '2026-02-27' },
      409,
      /registered the appeal/,
      'response before registration',
    );

    expect(w.problems).toEqual([]);
    const history = await w.history();
    expect(history.map((e) => e.type)).toEqual([
      'case.opened',
      'decision.issued',
      'mediation.adviser_contacted',
      'appeal.lodged',
    ]);
  });
});

describe('documents', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

  it('refuses plain text with 415 and writes nothing', async () => {
    const before = await caseEventCount(ctx.caseId);
    const docsBefore = Number(
      (
        await sql(`SELECT count(*) FROM document WHERE case_id = $1`, [
          ctx.caseId,
        ])
      )[0].count,
    );
    const res = await upload<Problem>(
      `/cases/${ctx.caseId}/events/2/documents`,
      { expectedVersion: String(await currentVersion()) },
      {
        filename: 'letter.pdf', // the name lies; the content decides
        contentType: 'application/pdf',
        bytes: Buffer.from('Dear parent,\nThis is plain text, not a PDF.\n'),
      },
    );
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(res.body.detail).toMatch(/not a type the service accepts/);
    expect(await caseEventCount(ctx.caseId)).toBe(before);
    expect(
      Number(
        (
          await sql(`SELECT count(*) FROM document WHERE case_id = $1`, [
            ctx.caseId,
          ])
        )[0].count,
      ),
    ).toBe(docsBefore);
  });

  it('refuses a file over 10 MB with 413 and writes nothing', async () => {
    const before = await caseEventCount(ctx.caseId);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const res = await upload<Problem>(
      `/cases/${ctx.caseId}/events/2/documents`,
      { expectedVersion: String(await currentVersion()) },
      {
        filename: 'scan.pdf',
        contentType: 'application/pdf',
        bytes: big,
      },
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(res.body.detail).toMatch(/10 MB/);
    expect(await caseEventCount(ctx.caseId)).toBe(before);
  });

  it('refuses an expectedVersion that is not a number, a stale one, and an unknown event, writing nothing', async () => {
    const before = await caseEventCount(ctx.caseId);
    const file = {
      filename: 'decision.pdf',
      contentType: 'application/pdf',
      bytes: PDF,
    };
    const wrongType = await upload<Problem>(
      `/cases/${ctx.caseId}/events/2/documents`,
      { expectedVersion: 'three' },
      file,
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors?.map((e) => e.field)).toContain(
      'expectedVersion',
    );
    const stale = await upload<Problem>(
      `/cases/${ctx.caseId}/events/2/documents`,
      { expectedVersion: String((await currentVersion()) - 1) },
      file,
    );
    expect(stale.status).toBe(409);
    const noEvent = await upload<Problem>(
      `/cases/${ctx.caseId}/events/999/documents`,
      { expectedVersion: String(await currentVersion()) },
      file,
    );
    expect(noEvent.status).toBe(404);
    expect(await caseEventCount(ctx.caseId)).toBe(before);
  });

  it('attaches a PDF with its SHA-256 and gives back the same bytes', async () => {
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    const before = await caseEventCount(ctx.caseId);
    const res = await upload<Detail>(
      `/cases/${ctx.caseId}/events/2/documents`,
      { expectedVersion: String(await currentVersion()) },
      {
        filename: 'decision-letter.pdf',
        contentType: 'application/octet-stream',
        bytes: PDF,
      },
    );
    expect(res.status).toBe(201);
    const doc = res.body.documents.find((x) => x.sha256 === sha256);
    expect(doc).toMatchObject({
      eventSequence: 2,
      filename: 'decision-letter.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256,
    });
    expect(await caseEventCount(ctx.caseId)).toBe(before + 1);
    const history = await api<{ type: string }[]>(
      'GET',
      `/cases/${ctx.caseId}/history`,
    );
    expect(
      history.body.filter((e) => e.type !== 'deadline.overdue').at(-1)?.type,
    ).toBe('document.attached');

    const file = await download(`/cases/${ctx.caseId}/documents/${doc!.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/pdf');
    expect(file.bytes.equals(PDF)).toBe(true);
    expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(sha256);
  });
});
