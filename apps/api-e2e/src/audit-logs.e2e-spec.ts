import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import {
  type As,
  api,
  download,
  sql,
  uniqueReference,
  users,
} from './support/api';
import { addStaff } from './support/team';

/*
 * The auditors' access log and security log: filtered, paged lists (newest first) and the CSV of
 * the same filters (oldest first), for people to read: headers in words, UK time, a byte order mark.
 */

const BOM = '\ufeff';
/** Today in Europe/London (the logs' own times are the database's, not the run's fixed clock). */
const londonToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(),
  );
/** What a CSV download holds: its bytes start with the BOM; rows as objects keyed by the headers. */
async function csvOf(path: string, as: As = 'auditor') {
  const file = await download(path, as);
  const text = file.bytes.toString('utf8');
  return {
    status: file.status,
    headers: file.headers,
    text,
    rows: parse(text, { bom: true, columns: true }) as Record<string, string>[],
  };
}

let caseId = '';
let reference = '';
let reader: {
  id: string;
  name: string;
  session: Awaited<ReturnType<typeof addStaff>>['session'];
};

beforeAll(async () => {
  reference = uniqueReference();
  const opened = await api('POST', '/cases', {
    reference,
    childName: 'Logan Audit',
    dateOfBirth: '2014-05-06',
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  // A reader of their own, who reads the case 51 times: more than one page of 50.
  const name = `Reader ${randomUUID().slice(0, 6)}`;
  const staff = await addStaff(name, 'caseworker', 'SEND North');
  reader = { ...staff, name };
  for (let i = 0; i < 51; i++)
    expect(
      (await api('GET', `/cases/${caseId}`, undefined, staff.session)).status,
    ).toBe(200);
  // A refused read: a caseworker of another team.
  expect(
    (await api('GET', `/cases/${caseId}`, undefined, 'othercaseworker')).status,
  ).toBe(404);
});

describe('the access log', () => {
  it('lists the reads of a case, newest first, with the case reference; the refused one by outcome', async () => {
    const res = await api(
      'GET',
      `/access-log?caseReference=${encodeURIComponent(reference)}&outcome=denied`,
      undefined,
      'auditor',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      page: 1,
      pageSize: 50,
      hasNextPage: false,
    });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      caseId,
      caseReference: reference,
      outcome: 'denied',
      status: 404,
      actorId: users().othercaseworker,
      action: 'case.read',
    });
  });

  it('filters by part of a name, pages 50 at a time, newest first', async () => {
    const person = encodeURIComponent(reader.name.slice(2).toLowerCase());
    const first = await api(
      'GET',
      `/access-log?person=${person}`,
      undefined,
      'auditor',
    );
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(50);
    expect(first.body.hasNextPage).toBe(true);
    const ids = first.body.items.map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const e of first.body.items) expect(e.actorId).toBe(reader.id);
    const second = await api(
      'GET',
      `/access-log?person=${person}&page=2`,
      undefined,
      'auditor',
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.hasNextPage).toBe(false);
    expect(Number(second.body.items[0].id)).toBeLessThan(Math.min(...ids));
  });

  it('filters by days in UK time: today has the reads, tomorrow none', async () => {
    const today = londonToday();
    const person = encodeURIComponent(reader.name);
    const now = await api(
      'GET',
      `/access-log?person=${person}&from=${today}&to=${today}`,
      undefined,
      'auditor',
    );
    expect(now.body.items).toHaveLength(50);
    const later = new Date(`${today}T12:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 1);
    const tomorrow = later.toISOString().slice(0, 10);
    const none = await api(
      'GET',
      `/access-log?person=${person}&from=${tomorrow}`,
      undefined,
      'auditor',
    );
    expect(none.body.items).toEqual([]);
    // A name with LIKE's wildcards matches only itself.
    const wild = await api(
      'GET',
      `/access-log?person=${encodeURIComponent('%')}`,
      undefined,
      'auditor',
    );
    expect(wild.body.items).toEqual([]);
  });

  it('exports the same filters as a CSV to read: BOM, headers in words, UK time, details in words, oldest first', async () => {
    const csv = await csvOf(
      `/access-log/export.csv?caseReference=${encodeURIComponent(reference)}&page=3`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="access-log.csv"',
    );
    expect(
      csv.text.startsWith(`${BOM}Entry number,Date and time (UK time),Person,`),
    ).toBe(true);
    // Every read of the case, whatever the page asked for: 51 allowed, 1 refused.
    expect(csv.rows).toHaveLength(52);
    const ids = csv.rows.map((r) => Number(r['Entry number']));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const refused = csv.rows.find((r) => r['Outcome'] === 'Refused')!;
    expect(refused).toMatchObject({
      'Case reference': reference,
      'Refused with (HTTP status)': '404',
      'What they did': 'case.read',
    });
    // Details in words, one `Label: value` a line (not JSON).
    expect(refused['Details']!.split('\n').sort()).toEqual([
      'Method: GET',
      'Route: /api/cases/:id',
    ]);
    // The time as the database holds it, written in UK time.
    const [row] = await sql<{ london: string }>(
      `SELECT to_char(at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI:SS') AS london FROM access_log WHERE id = $1`,
      [refused['Entry number']],
    );
    expect(refused['Date and time (UK time)']).toBe(row!.london);
    const [logged] = await sql(
      `SELECT detail FROM access_log WHERE action = 'access_log.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(logged.detail.query).toMatchObject({ caseReference: reference });
  });

  it.each([
    ['from=2026-02-30', 'The start date must be a real date'],
    ['to=yesterday', 'The end date must be a real date'],
    [
      'from=2026-03-02&to=2026-03-01',
      'The start date must be the same as or before the end date',
    ],
    [
      'outcome=maybe',
      'Choose whether to show reads that were allowed or refused',
    ],
    ['page=0', 'The page number must be 1 or more'],
    ['page=two', 'The page number must be a whole number'],
    [
      `person=${'x'.repeat(201)}`,
      'The name to look for must be 200 characters or fewer',
    ],
    ['colour=red', 'This request does not take "colour": leave it out'],
  ])(
    'answers 400 to %s, for the list and its CSV alike',
    async (query, message) => {
      for (const path of ['/access-log', '/access-log/export.csv']) {
        const res = await api('GET', `${path}?${query}`, undefined, 'auditor');
        expect(res.status).toBe(400);
        expect(res.body.detail).toContain(message);
      }
    },
  );

  it('is for auditors only', async () => {
    for (const as of ['caseworker', 'manager', 'administrator'] as As[]) {
      expect((await api('GET', '/access-log', undefined, as)).status).toBe(403);
      expect(
        (await api('GET', '/access-log/export.csv', undefined, as)).status,
      ).toBe(403);
    }
  });
});

describe('the security log', () => {
  let subject = '';
  let subjectName = '';

  beforeAll(async () => {
    subjectName = `Logged Account ${randomUUID().slice(0, 6)}`;
    const created = await api(
      'POST',
      '/users',
      {
        name: subjectName,
        email: `${randomUUID().slice(0, 8)}@test.council`,
        role: 'caseworker',
        team: 'SEND Test',
      },
      'administrator',
    );
    expect(created.status).toBe(201);
    subject = created.body.id;
    expect(
      (await api('POST', `/users/${subject}/disable`, {}, 'administrator'))
        .status,
    ).toBe(204);
  });

  it("lists an administrator's changes to an account, found by the account's name, with its name", async () => {
    const res = await api(
      'GET',
      `/security-log?person=${encodeURIComponent(subjectName)}&outcome=success`,
      undefined,
      'auditor',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.items.map(
        (e: { event: string; subjectName: string; actorId: string }) => [
          e.event,
          e.subjectName,
          e.actorId,
        ],
      ),
    ).toEqual([
      ['user.disabled', subjectName, users().administrator],
      ['user.created', subjectName, users().administrator],
    ]);
    const failures = await api(
      'GET',
      `/security-log?person=${encodeURIComponent(subjectName)}&outcome=failure`,
      undefined,
      'auditor',
    );
    expect(failures.body.items).toEqual([]);
  });

  it('exports it as a CSV to read, events in words', async () => {
    const csv = await csvOf(
      `/security-log/export.csv?person=${encodeURIComponent(subjectName)}&from=${londonToday()}`,
    );
    expect(csv.status).toBe(200);
    expect(
      csv.text.startsWith(
        `${BOM}Entry number,Date and time (UK time),Event,Outcome,Done by,`,
      ),
    ).toBe(true);
    expect(
      csv.rows.map((r) => [
        r['Event'],
        r['Outcome'],
        r['Done by'],
        r['Staff account concerned'],
        r['Event (code)'],
      ]),
    ).toEqual([
      [
        'Staff account added',
        'Succeeded',
        'Test Admin',
        subjectName,
        'user.created',
      ],
      [
        'Staff account disabled',
        'Succeeded',
        'Test Admin',
        subjectName,
        'user.disabled',
      ],
    ]);
    expect(csv.rows[0]!['Date and time (UK time)']).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
  });

  it('answers 400 to a filter that is not valid, and is for auditors only', async () => {
    const bad = await api(
      'GET',
      '/security-log?outcome=allowed',
      undefined,
      'auditor',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain(
      'Choose whether to show events that succeeded or failed',
    );
    expect(
      (await api('GET', '/security-log?caseReference=X', undefined, 'auditor'))
        .status,
    ).toBe(400);
    for (const as of ['caseworker', 'manager', 'administrator'] as As[]) {
      expect((await api('GET', '/security-log', undefined, as)).status).toBe(
        403,
      );
      expect(
        (await api('GET', '/security-log/export.csv', undefined, as)).status,
      ).toBe(403);
    }
  });

  it('records every administrator’s change: staff, mediation providers, bank holidays', async () => {
    expect(
      (await api('POST', `/users/${subject}/enable`, {}, 'administrator'))
        .status,
    ).toBe(204);
    expect(
      (
        await api(
          'PATCH',
          `/users/${subject}`,
          { team: 'SEND Other' },
          'administrator',
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await api(
          'POST',
          `/users/${subject}/password-reset`,
          {},
          'administrator',
        )
      ).status,
    ).toBe(200);
    const account = await api(
      'GET',
      `/security-log?person=${encodeURIComponent(subjectName)}`,
      undefined,
      'auditor',
    );
    expect(account.body.items.map((e: { event: string }) => e.event)).toEqual([
      'user.password_reset',
      'user.changed',
      'user.enabled',
      'user.disabled',
      'user.created',
    ]);
    // Then the changes that concern no account: the newest entries of the administrator.
    const provider = await api(
      'POST',
      '/mediation-providers',
      { name: `Logged Mediation ${randomUUID().slice(0, 6)}` },
      'administrator',
    );
    expect(provider.status).toBe(201);
    expect(
      (
        await api(
          'PATCH',
          `/mediation-providers/${provider.body.id}`,
          { active: false },
          'administrator',
        )
      ).status,
    ).toBe(200);
    const admin = await api(
      'GET',
      `/security-log?person=${encodeURIComponent('Test Admin')}`,
      undefined,
      'auditor',
    );
    expect(
      admin.body.items
        .slice(0, 2)
        .map(
          (e: { event: string; detail: Record<string, unknown> }) => e.event,
        ),
    ).toEqual(['mediation_provider.changed', 'mediation_provider.added']);
  });
});
