import { execFileSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { api, download, eventually, sql, uniqueReference } from './support/api';
import { addStaff, mediationProviderId, Story } from './support/team';

/*
 * Auditors' background exports: POST /api/exports answers 202 at once; the worker (running
 * beside the API in this run) makes the file from PostgreSQL, recording progress; the auditor who
 * asked downloads it until it expires. The run's clock is fixed at Mon 2 Mar 2026.
 */

interface ExportView {
  id: string;
  status: string;
  percent: number;
  eventsTotal: number | null;
  eventsRead: number;
  eventsWritten: number;
  cases: number;
  fileName?: string;
  fileSize?: number;
  sha256?: string;
  verification?: {
    casesChecked: number;
    casesIntact: number;
    broken: { caseReference: string; sequence: number; problem: string }[];
  };
  error?: string;
}

const start = (body: Record<string, unknown>) =>
  api<ExportView & { detail?: string; errors?: { field: string }[] }>(
    'POST',
    '/exports',
    body,
    'auditor',
  );
const finished = (id: string) =>
  eventually(
    async () => {
      const res = await api<ExportView>(
        'GET',
        `/exports/${id}`,
        undefined,
        'auditor',
      );
      return res.body.status === 'done' || res.body.status === 'failed'
        ? res.body
        : undefined;
    },
    60_000,
    `export ${id} to finish`,
  );

/** The decision's reasons, long enough to wrap over many lines of the PDF: written there in full. */
const RATIONALE =
  'The annual review found that the plan still meets the needs described by the school. ' +
  'The evidence from the educational psychologist, the speech and language therapist and the class teacher ' +
  'shows steady progress with the provision already specified in section F, and no new need was identified. ' +
  'The parents were told of their right to mediation and to appeal to the Tribunal.';

/** The text of a PDF (pdftotext from poppler-utils), one string per page. */
function pdfPages(bytes: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'export-pdf-'));
  writeFileSync(join(dir, 'file.pdf'), bytes);
  return execFileSync('pdftotext', ['-layout', join(dir, 'file.pdf'), '-'], {
    encoding: 'utf8',
  })
    .split('\f')
    .filter((page) => page.trim());
}
/** Every run of white space as one space: the PDF wraps long texts over lines. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

let story: Story;
let history: {
  sequence: number;
  type: string;
  summary: string;
  hash: string;
}[];

beforeAll(async () => {
  // A case of its own in February 2026 whose deadlines are all met or still to come (so the deadline
  // monitor adds nothing to its history meanwhile), with a correction whose reason a spreadsheet would run as a formula.
  story = await Story.open(
    (await addStaff('Export Caseworker', 'caseworker', 'Export Team')).session,
    uniqueReference(),
    'Sasha Export',
  );
  let d = await story.post('/decisions', {
    type: 'refuse_amend',
    decisionDate: '2026-02-16',
    letterSent: '2026-02-17',
    rationale: RATIONALE,
  });
  const providerId = await mediationProviderId();
  d = await story.post('/mediations', {
    decisionId: d.decisions[0]!.id,
    providerId,
    contactedOn: '2026-02-23',
    healthInIssue: false,
    socialCareInIssue: false,
  });
  const mediationId = d.mediations[0]!.id;
  await story.post(`/mediations/${mediationId}/declined`, {
    adviserInformedOn: '2026-02-25',
  });
  await story.post(`/mediations/${mediationId}/certificates`, {
    kind: 'information_only',
    issuedOn: '2026-02-27',
  });
  const events = await api<{ sequence: number; type: string }[]>(
    'GET',
    `/cases/${story.id}/history`,
    undefined,
    'auditor',
  );
  const declined = events.body.find((e) => e.type === 'mediation.declined')!;
  const corrected = await api(
    'POST',
    `/cases/${story.id}/events/${declined.sequence}/correction`,
    {
      expectedVersion: story.detail.version,
      changes: { adviserInformedOn: '2026-02-26' },
      reason: '=HYPERLINK("http://evil.example","Click")',
    },
    (await addStaff('Export Manager', 'manager', 'Export Team')).session,
  );
  expect(corrected.status).toBe(201);
  history = (
    await api('GET', `/cases/${story.id}/history`, undefined, 'auditor')
  ).body;
  expect(history.map((e) => e.type)).toEqual([
    'case.opened',
    'decision.issued',
    'mediation.adviser_contacted',
    'mediation.declined',
    'certificate.issued',
    'event.corrected',
  ]);
});

describe('an export of one case', () => {
  it('runs in the background and gives a CSV of every event with formulas neutralised, logged when downloaded', async () => {
    const res = await start({
      scope: 'case',
      format: 'csv',
      caseReference: story.detail.reference.toLowerCase(),
    });
    expect(res.status).toBe(202);
    // The worker may already have picked it up by the time the answer is written.
    expect(res.body).toMatchObject({
      status: expect.stringMatching(/^(queued|running)$/),
      percent: 0,
      eventsRead: 0,
    });
    const done = await finished(res.body.id);
    expect(done).toMatchObject({
      status: 'done',
      percent: 100,
      eventsTotal: history.length,
      eventsRead: history.length,
      eventsWritten: history.length,
      cases: 1,
      fileName: `history-${story.detail.reference}.csv`,
      verification: { casesChecked: 1, casesIntact: 1, broken: [] },
    });

    const file = await download(`/exports/${res.body.id}/file`, 'auditor');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="history-${story.detail.reference}.csv"`,
    );
    expect(file.bytes.length).toBe(done.fileSize);
    expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(
      done.sha256,
    );
    // For people: a byte order mark (Excel reads UTF-8), headers in words, UK time, details as text.
    const text = file.bytes.toString('utf8');
    expect(
      text.startsWith('\ufeffCase reference,Event number,What happened,'),
    ).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!)).toEqual([
      'Case reference',
      'Event number',
      'What happened',
      'Date it happened',
      'Recorded at (UK time)',
      'Recorded by',
      'Their role',
      'On behalf of',
      'Reason given for the record',
      'Decision rationale',
      'Recommendations',
      'Reasons for the response',
      'Other details',
      'Stage before',
      'Stage after',
      'Corrects event (id)',
      'Event type (code)',
      'Event id',
      'Case id',
      'Hash of the event before',
      'Hash (SHA-256)',
    ]);
    expect(rows).toHaveLength(history.length);
    expect(rows[0]).toMatchObject({
      'Case reference': story.detail.reference,
      'Event number': '1',
      'Case id': story.id,
    });
    const decision = rows.find(
      (r) => r['Event type (code)'] === 'decision.issued',
    )!;
    expect(decision['Decision rationale']).toBe(RATIONALE);
    expect(decision['Date it happened']).toBe('Mon 16 Feb 2026');
    expect(decision['Other details']).toContain(
      'Decision type: Not to amend the EHC plan',
    );
    expect(decision['Other details']).toContain('Letter sent: Tue 17 Feb 2026');
    expect(decision['Other details']).not.toMatch(/[{}]/);
    // Recorded at: the stored instant, in UK time.
    const [stored] = await sql<{ london: string }>(
      `SELECT to_char(recorded_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI:SS') AS london FROM case_event WHERE id = $1`,
      [decision['Event id']],
    );
    expect(decision['Recorded at (UK time)']).toBe(stored!.london);
    const correction = rows.find(
      (r) => r['Event type (code)'] === 'event.corrected',
    )!;
    expect(correction['Reason given for the record']).toBe(
      `'=HYPERLINK("http://evil.example","Click")`,
    );
    expect(rows.at(-1)!['Hash (SHA-256)']).toBe(history.at(-1)!.hash);
    // The case page's CSV has the same shape, row for row.
    const casePage = await download(
      `/cases/${story.id}/history.csv`,
      'auditor',
    );
    expect(
      parse(casePage.bytes.toString('utf8'), { bom: true, columns: true }),
    ).toEqual(rows);

    const [logged] = await sql(
      `SELECT actor_role, purpose, case_id, detail FROM access_log WHERE action = 'history.export.download' ORDER BY id DESC LIMIT 1`,
    );
    expect(logged).toMatchObject({
      actor_role: 'auditor',
      purpose: 'history export',
      case_id: story.id,
      detail: {
        exportId: res.body.id,
        scope: 'case',
        format: 'csv',
        events: history.length,
        sha256: done.sha256,
      },
    });
    const [requested] = await sql(
      `SELECT detail FROM access_log WHERE action = 'history.export.requested' ORDER BY id DESC LIMIT 1`,
    );
    expect(requested.detail.criteria).toMatchObject({
      scope: 'case',
      format: 'csv',
    });
  });

  it('gives JSON that the offline verifier accepts', async () => {
    const res = await start({
      scope: 'case',
      format: 'json',
      caseReference: story.detail.reference,
    });
    const done = await finished(res.body.id);
    expect(done.status).toBe('done');
    const file = await download(`/exports/${res.body.id}/file`, 'auditor');
    const json = JSON.parse(file.bytes.toString('utf8'));
    expect(json).toMatchObject({
      scope: 'case',
      caseId: story.id,
      reference: story.detail.reference,
      exportedBy: 'Test Auditor',
      verification: { valid: true, events: history.length },
    });
    expect(json.events.map((e: { hash: string }) => e.hash)).toEqual(
      history.map((e) => e.hash),
    );
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    writeFileSync(join(dir, 'history.json'), file.bytes);
    const out = execFileSync(
      process.execPath,
      [
        resolve(__dirname, '../../../dist/apps/api/verify-history.js'),
        join(dir, 'history.json'),
      ],
      { encoding: 'utf8' },
    );
    expect(out).toContain(
      `OK: case ${story.detail.reference}: all ${history.length} events match`,
    );
  });

  it('gives a PDF titled with the case', async () => {
    const res = await start({
      scope: 'case',
      format: 'pdf',
      caseReference: story.detail.reference,
    });
    const done = await finished(res.body.id);
    const file = await download(`/exports/${res.body.id}/file`, 'auditor');
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const text = file.bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // The document information (not compressed): its title names the case.
    expect(text).toContain(`(History of case ${story.detail.reference})`);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(
      (text.match(/\/Type \/Page\b/g) ?? []).length,
    ).toBeGreaterThanOrEqual(1);
    expect(file.bytes.length).toBe(done.fileSize);
    // Its text: "Page X of Y" on every page, each entry in full, the counts in words.
    const pages = pdfPages(file.bytes);
    pages.forEach((page, i) =>
      expect(page).toMatch(new RegExp(`Page ${i + 1} of ${pages.length}\\b`)),
    );
    const all = flat(pages.join(' '));
    expect(all).toContain(`Decision rationale: ${RATIONALE}`);
    expect(all).toContain('Decision type: Not to amend the EHC plan');
    expect(all).toContain(
      `${history.length} history events were read: the whole stored history of the case, every event written here and its hash chain checked.`,
    );
  });
});

describe('an export of a period', () => {
  it("holds every case's events that happened in it, each case's whole stored history checked", async () => {
    const res = await start({
      scope: 'period',
      format: 'json',
      from: '2026-02-20',
      to: '2026-02-28',
    });
    expect(res.status).toBe(202);
    const done = await finished(res.body.id);
    expect(done.status).toBe('done');
    const json = JSON.parse(
      (
        await download(`/exports/${res.body.id}/file`, 'auditor')
      ).bytes.toString('utf8'),
    );
    expect(json).toMatchObject({
      scope: 'period',
      from: '2026-02-20',
      to: '2026-02-28',
    });
    const mine = json.cases.find(
      (x: { caseId: string }) => x.caseId === story.id,
    );
    // Not the decision (16 Feb), nor the opening and the correction (today, 2 Mar).
    expect(
      mine.events.map((e: { type: string; businessDate: string }) => [
        e.type,
        e.businessDate,
      ]),
    ).toEqual([
      ['mediation.adviser_contacted', '2026-02-23'],
      ['mediation.declined', '2026-02-25'],
      ['certificate.issued', '2026-02-27'],
    ]);
    expect(mine.verification).toEqual({ valid: true, events: history.length });
    for (const c of json.cases)
      for (const e of c.events)
        expect(
          e.businessDate >= '2026-02-20' && e.businessDate <= '2026-02-28',
        ).toBe(true);
    expect(json.summary).toMatchObject({
      cases: json.cases.length,
      casesChecked: json.cases.length,
      casesIntact: json.cases.length,
      broken: [],
    });
    expect(done.cases).toBe(json.cases.length);
    expect(done.eventsWritten).toBe(
      json.cases.reduce(
        (n: number, x: { events: unknown[] }) => n + x.events.length,
        0,
      ),
    );
    expect(done.eventsRead).toBeGreaterThanOrEqual(done.eventsWritten);
  });

  it('names a case whose history was altered in the database', async () => {
    const tampered = await Story.open(
      (await addStaff('Tamper Caseworker', 'caseworker', 'Tamper Team'))
        .session,
      uniqueReference(),
      'Tam Pered',
    );
    await tampered.post('/decisions', {
      type: 'cease_plan',
      decisionDate: '2026-01-20',
      letterSent: '2026-01-21',
    });
    await sql(
      `SET session_replication_role = replica; UPDATE case_event SET summary = summary || ' (altered)' WHERE case_id = '${tampered.id}' AND sequence = 2`,
    );
    const res = await start({
      scope: 'period',
      format: 'csv',
      from: '2026-01-20',
      to: '2026-01-20',
    });
    const done = await finished(res.body.id);
    expect(done.verification?.broken).toContainEqual({
      caseReference: tampered.detail.reference,
      sequence: 2,
      problem:
        'its content does not match its hash: it was changed after it was recorded',
    });
    expect(done.verification!.casesIntact).toBe(
      done.verification!.casesChecked - done.verification!.broken.length,
    );
  });
});

describe('who may export, and for how long', () => {
  it('is auditors only; an export is seen and downloaded only by the auditor who asked', async () => {
    expect(
      (
        await api(
          'POST',
          '/exports',
          {
            scope: 'case',
            format: 'csv',
            caseReference: story.detail.reference,
          },
          'manager',
        )
      ).status,
    ).toBe(403);
    expect((await api('GET', '/exports', undefined, 'caseworker')).status).toBe(
      403,
    );
    const res = await start({
      scope: 'case',
      format: 'csv',
      caseReference: story.detail.reference,
    });
    await finished(res.body.id);
    const other = (await addStaff('Other Auditor', 'auditor', 'Audit')).session;
    expect(
      (await api('GET', `/exports/${res.body.id}`, undefined, other)).status,
    ).toBe(404);
    expect(
      (await api('GET', `/exports/${res.body.id}/file`, undefined, other))
        .status,
    ).toBe(404);
    expect(
      (await api<ExportView[]>('GET', '/exports', undefined, other)).body,
    ).toEqual([]);
    expect(
      (
        await api<ExportView[]>('GET', '/exports', undefined, 'auditor')
      ).body.map((e) => e.id),
    ).toContain(res.body.id);
  });

  it('answers 410 once the file has expired, and the housekeeping deletes it', async () => {
    const res = await start({
      scope: 'case',
      format: 'csv',
      caseReference: story.detail.reference,
    });
    await finished(res.body.id);
    await sql(
      `UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [res.body.id],
    );
    expect(
      (await api('GET', `/exports/${res.body.id}`, undefined, 'auditor')).body
        .status,
    ).toBe('expired');
    const gone = await api(
      'GET',
      `/exports/${res.body.id}/file`,
      undefined,
      'auditor',
    );
    expect(gone.status).toBe(410);
    expect(gone.body.detail).toMatch(/expired/);
  });

  it.each([
    [{ scope: 'case', format: 'csv' }, 'caseReference'],
    [
      { scope: 'case', format: 'csv', caseReference: 'NO-SUCH-CASE' },
      'caseReference',
    ],
    [{ scope: 'case', format: 'csv', caseReference: '=cmd' }, 'caseReference'],
    [{ scope: 'period', format: 'pdf', from: '2026-02-01' }, 'to'],
    [
      { scope: 'period', format: 'pdf', from: '2026-03-01', to: '2026-02-01' },
      'to',
    ],
    [
      { scope: 'period', format: 'pdf', from: '2026-02-30', to: '2026-03-01' },
      'from',
    ],
    [
      { scope: 'period', format: 'xlsx', from: '2026-02-01', to: '2026-03-01' },
      'format',
    ],
    [{ scope: 'everything', format: 'csv' }, 'scope'],
    [
      {
        scope: 'period',
        format: 'csv',
        from: '2026-02-01',
        to: '2026-03-01',
        nhsNumber: '943 476 5919',
      },
      'nhsNumber',
    ],
  ])('refuses %j with 400 naming %s, queueing nothing', async (body, field) => {
    const before = (await sql(`SELECT count(*)::int AS n FROM export_job`))[0]
      .n;
    const res = await start(body);
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field)).toContain(field);
    expect((await sql(`SELECT count(*)::int AS n FROM export_job`))[0].n).toBe(
      before,
    );
  });

  it('answers 404 for an export that does not exist and 400 for an id that cannot be one', async () => {
    expect(
      (
        await api(
          'GET',
          '/exports/6d287049-b530-4d75-84d1-bd974a8dbd60',
          undefined,
          'auditor',
        )
      ).status,
    ).toBe(404);
    expect(
      (await api('GET', '/exports/not-an-id/file', undefined, 'auditor'))
        .status,
    ).toBe(400);
  });
});
