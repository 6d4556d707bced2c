import { api, sql, uniqueReference } from './api';

/** The run's fixed clock (global-setup.mjs): Mon 2 Mar 2026. An open deadline due before it shows as overdue. */
export const TODAY = '2026-03-02';

export interface Deadline {
  id: string;
  ruleId: string;
  subjectId: string;
  dueOn: string;
  status: string;
  explanation: string[];
  dutyHolder: string;
  responsibleBody?: string;
  metOn?: string;
  metOnTime?: boolean;
  extensions?: {
    fromDueOn: string;
    toDueOn: string;
    reason: string;
    agreedBy: string;
  }[];
  cancelledReason?: string;
  owner?: string;
}

export interface Detail {
  id: string;
  reference?: string;
  version: number;
  stage: string;
  decisions: {
    id: string;
    type: string;
    decisionDate: string;
    letterSent: string;
    placement?: string;
  }[];
  wayForwardMeetings: {
    id: string;
    decisionId?: string;
    heldOn?: string;
    outcome?: string;
  }[];
  mediations: {
    id: string;
    decisionId: string;
    choice?: string;
    agreementItems: {
      id: string;
      description: string;
      appealable: boolean;
      orderType?: string;
      completedOn?: string;
    }[];
    certificates: { id: string; kind: string; issuedOn: string }[];
  }[];
  disagreementResolutions: {
    id: string;
    meetings: string[];
    concludedOn?: string;
    outcome?: string;
  }[];
  appeals: {
    id: string;
    decisionId: string;
    tribunalReference: string;
    outcome?: string;
    responseSentOn?: string;
  }[];
  orders: {
    id: string;
    appealId: string;
    type: string;
    duties: { ruleId: string; agreedDueOn?: string; compliedOn?: string }[];
  }[];
  recommendations: {
    id: string;
    appealId: string;
    section: string;
    responsibleBody: string;
    response?: { outcome: string; recipient?: string };
  }[];
  assessmentRequests: { id: string; receivedOn: string; agreedOn?: string }[];
  reviews: { id: string; meetingOn: string; amendmentsProposedOn?: string }[];
  draftPlans: {
    id: string;
    servedOn: string;
    requestId?: string;
    commentsReceivedOn?: string;
  }[];
  phaseTransfers: { id: string; transferDate: string; kind: string }[];
  /** Facts the law does not provide for on that route, recorded because the caseworker confirmed them. */
  flags: { eventType: string; reason: string; on: string }[];
  deadlines: Deadline[];
  documents: {
    id: string;
    eventSequence: number;
    filename: string;
    contentType: string;
    size: number;
    sha256: string;
  }[];
}

export interface HistoryEvent {
  sequence: number;
  type: string;
  summary: string;
  businessDate?: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** 2026-01-02 → "Fri 2 Jan 2026", the form the explanations use. */
export function longDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Events the system appends by itself (the deadline monitor), not as a step of the walk. */
const SYSTEM_EVENTS = new Set(['deadline.overdue']);

/** Events of a case, leaving out the deadline monitor's own (unless `all`). */
export const caseEventCount = async (caseId: string, all = false) =>
  Number(
    (
      await sql(
        `SELECT count(*) FROM case_event WHERE case_id = $1 ${all ? '' : "AND type <> 'deadline.overdue'"}`,
        [caseId],
      )
    )[0].count,
  );

type Expected = Partial<
  Pick<
    Deadline,
    | 'dueOn'
    | 'status'
    | 'metOn'
    | 'metOnTime'
    | 'dutyHolder'
    | 'responsibleBody'
  >
>;

/**
 * One case walked step by step through the API. Steps that fail stop the walk (thrown); deadline
 * mismatches are collected (`problems`) so one run reports every disagreement with the law.
 */
export class Walk {
  id = '';
  version = 0;
  detail!: Detail;
  readonly steps: string[] = [];
  readonly problems: string[] = [];
  /** Writes that answered 5xx and were sent again (see `post`). */
  readonly serverErrors: string[] = [];

  static async open(childName: string, dateOfBirth: string): Promise<Walk> {
    const w = new Walk();
    const res = await api<Detail>('POST', '/cases', {
      reference: uniqueReference(),
      childName,
      dateOfBirth,
    });
    if (res.status !== 201)
      throw new Error(`opening the case → ${res.status} ${res.text}`);
    w.id = res.body.id;
    w.version = res.body.version;
    w.detail = res.body;
    w.steps.push('case.opened');
    return w;
  }

  /**
   * Posts one step with the version last seen. The deadline monitor may append `deadline.overdue`
   * events meanwhile (the clock is fixed after most business dates): on a stale-version 409 the
   * walk checks that only such system events were added, then retries with the new version.
   */
  async post(
    path: string,
    body: Record<string, unknown>,
    eventType: string,
    as: 'caseworker' | 'manager' = 'caseworker',
  ): Promise<Detail> {
    const url = path.startsWith('/deadlines/')
      ? path
      : `/cases/${this.id}${path}`;
    for (let attempt = 0; ; attempt++) {
      const res = await api<Detail & { detail?: string }>(
        'POST',
        url,
        { expectedVersion: this.version, ...body },
        as,
      );
      if (
        res.status === 409 &&
        /changed since/.test(String(res.body?.detail)) &&
        attempt < 5
      ) {
        await this.catchUp();
        continue;
      }
      if (res.status !== 201)
        throw new Error(
          `step ${eventType}: POST ${url} → ${res.status} ${res.text}`,
        );
      this.detail = res.body;
      this.version = res.body.version;
      this.steps.push(eventType);
      return res.body;
    }
  }

  /** Sends a request expected to be refused; checks the status and that no event was written. */
  async refused(
    path: string,
    body: Record<string, unknown>,
    status: number,
    detail: RegExp,
    label: string,
  ): Promise<void> {
    const before = await caseEventCount(this.id);
    const res = await api<{ detail?: string }>(
      'POST',
      `/cases/${this.id}${path}`,
      { expectedVersion: this.version, ...body },
    );
    if (res.status !== status || !detail.test(String(res.body?.detail))) {
      this.problems.push(
        `${label}: expected ${status} /${detail.source}/, got ${res.status} ${res.text.slice(0, 300)}`,
      );
    }
    if ((await caseEventCount(this.id)) !== before)
      this.problems.push(
        `${label}: an event was written although the request was refused`,
      );
    if (res.status < 300) {
      // Accepted although it should not have been: follow the case so the walk can go on.
      const added = (await this.history()).filter(
        (e) => e.sequence > this.version && !SYSTEM_EVENTS.has(e.type),
      );
      this.steps.push(...added.map((e) => e.type));
      const current = await api<Detail>('GET', `/cases/${this.id}`);
      this.detail = current.body;
      this.version = current.body.version;
    }
  }

  private async catchUp(): Promise<void> {
    const current = await api<Detail>('GET', `/cases/${this.id}`);
    const history = await this.history();
    const unexpected = history.filter(
      (e) => e.sequence > this.version && !SYSTEM_EVENTS.has(e.type),
    );
    if (unexpected.length)
      throw new Error(
        `the case moved on by events other than the deadline monitor's: ${unexpected.map((e) => e.type)}`,
      );
    this.detail = current.body;
    this.version = current.body.version;
  }

  async history(): Promise<HistoryEvent[]> {
    const res = await api<HistoryEvent[]>('GET', `/cases/${this.id}/history`);
    if (res.status !== 200)
      throw new Error(`history → ${res.status} ${res.text}`);
    return res.body;
  }

  /** The one deadline of `ruleId` about `subjectId` (recording a problem when there is not exactly one). */
  find(ruleId: string, subjectId: string): Deadline | undefined {
    const found = this.detail.deadlines.filter(
      (d) => d.ruleId === ruleId && d.subjectId === subjectId,
    );
    if (found.length !== 1) {
      this.problems.push(
        `after ${this.steps.at(-1)}: expected one ${ruleId} deadline for ${subjectId}, found ${found.length}`,
      );
      return undefined;
    }
    return found[0];
  }

  /** Checks a deadline against the values worked out by hand from the law (see the comments at each call). */
  expect(
    ruleId: string,
    subjectId: string,
    expected: Expected,
    options: { explained?: boolean } = {},
  ): Deadline | undefined {
    const d = this.find(ruleId, subjectId);
    if (!d) return undefined;
    const step = `after ${this.steps.at(-1)}`;
    for (const [key, value] of Object.entries(expected)) {
      const actual = (d as unknown as Record<string, unknown>)[key];
      if (actual !== value) {
        this.problems.push(
          `${step}: ${ruleId} ${key} should be ${JSON.stringify(value)} but is ${JSON.stringify(actual)} (explanation: ${d.explanation.join(' | ')})`,
        );
      }
    }
    if (expected.status && expected.status !== 'met' && d.metOn !== undefined) {
      this.problems.push(
        `${step}: ${ruleId} is ${expected.status} but has metOn ${d.metOn}`,
      );
    }
    if (
      expected.dueOn &&
      options.explained !== false &&
      !d.explanation.join(' ').includes(longDate(expected.dueOn))
    ) {
      this.problems.push(
        `${step}: ${ruleId} explanation does not reach ${longDate(expected.dueOn)}: ${d.explanation.join(' | ')}`,
      );
    }
    return d;
  }

  absent(ruleId: string, subjectId?: string): void {
    const found = this.detail.deadlines.filter(
      (d) =>
        d.ruleId === ruleId &&
        (subjectId === undefined || d.subjectId === subjectId),
    );
    if (found.length)
      this.problems.push(
        `after ${this.steps.at(-1)}: there should be no ${ruleId} deadline, found ${found.length}`,
      );
  }

  /** Checks (softly) that the case's deadlines are exactly `expected` (as `deadlineSummary` writes them). */
  expectDeadlines(
    expected: string[],
    label = `after ${this.steps.at(-1)}`,
  ): void {
    const actual = this.deadlineSummary();
    const want = [...expected].sort();
    if (JSON.stringify(actual) !== JSON.stringify(want)) {
      this.problems.push(
        `${label}: deadlines should be ${JSON.stringify(want)} but are ${JSON.stringify(actual)}`,
      );
    }
  }

  /** Every deadline of the case, as `ruleId@dueOn:status`, sorted: to see nothing else was opened or changed. */
  deadlineSummary(): string[] {
    return this.detail.deadlines
      .map((d) => `${d.ruleId}@${d.dueOn}:${d.status}`)
      .sort();
  }
}

/** A Tribunal reference unique enough for one run, like EH857/26/00123. */
export const tribunalReference = (year: string) =>
  `EH857/${year}/${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
