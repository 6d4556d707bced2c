import { api, sql, uniqueReference, upload } from './support/api';

/*
 * A 500 says whether the entry was saved only when the server knows it. The failures are made by
 * PostgreSQL itself, for one case only, with row-level security: a restrictive policy whose
 * check raises an error when a row of that case is read (or written). Row-level security applies to
 * the role the API connects as (the apps' own role in this run), not to the tables' owner that
 * sets it up, and nothing in the app knows about it: the API meets a real failure of a real query,
 * at the moment the test chooses (after COMMIT, or inside the transaction).
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

/**
 * Makes PostgreSQL refuse `command` on the rows of `table` that belong to case `caseId` (and, when
 * given, match `only`, an SQL condition on the row); answers the undo.
 */
async function refuse(
  table: 'document' | 'case_event',
  command: 'SELECT' | 'INSERT',
  caseId: string,
  only = 'true',
): Promise<() => Promise<void>> {
  await sql(
    `CREATE OR REPLACE FUNCTION e2e_refuse() RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
  );
  await sql(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await sql(
    `CREATE POLICY e2e_allow ON ${table} USING (true) WITH CHECK (true)`,
  );
  const check = `(case_id <> '${caseId}'::uuid OR NOT (${only}) OR e2e_refuse())`;
  await sql(
    `CREATE POLICY e2e_refuse ON ${table} AS RESTRICTIVE FOR ${command} ${command === 'INSERT' ? 'WITH CHECK' : 'USING'} ${check}`,
  );
  return async () => {
    await sql(`DROP POLICY e2e_refuse ON ${table}`);
    await sql(`DROP POLICY e2e_allow ON ${table}`);
    await sql(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
  };
}

/** Runs `request` while PostgreSQL refuses what `refusal` names (see `refuse`), then undoes it. */
async function whileRefused<T>(
  refusal: Parameters<typeof refuse>,
  request: () => Promise<T>,
): Promise<T> {
  const restore = await refuse(...refusal);
  try {
    return await request();
  } finally {
    await restore();
  }
}

interface Detail {
  id: string;
  version: number;
  contacts: { name: string }[];
  documents: { id: string; filename: string }[];
}

interface SavedProblem {
  status: number;
  title: string;
  detail: string;
  saved?: boolean;
  caseId?: string;
  sequence?: number;
  version?: number;
}

let caseId: string;

beforeAll(async () => {
  const opened = await api<Detail>('POST', '/cases', {
    reference: uniqueReference(),
    childName: 'Sav Ed',
    dateOfBirth: '2014-03-09',
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  // A document on the case, so that reading the case back reads a row of it.
  const attached = await upload<Detail>(
    `/cases/${caseId}/events/1/documents`,
    { expectedVersion: '1' },
    {
      filename: 'letter.pdf',
      contentType: 'application/pdf',
      bytes: PDF,
    },
  );
  expect(attached.status).toBe(201);
  expect(attached.body.version).toBe(2);
});

const version = async () =>
  (
    await sql<{ version: number }>(`SELECT version FROM "case" WHERE id = $1`, [
      caseId,
    ])
  )[0]!.version;
const events = async () =>
  await sql<{ sequence: number; type: string }>(
    `SELECT sequence, type FROM case_event WHERE case_id = $1 ORDER BY sequence`,
    [caseId],
  );

describe('a case write whose answer fails', () => {
  // A document's upload reads the case back once it has committed (the document is written after
  // its event); reading the new document is what fails.
  const unreadable = {
    filename: 'unreadable.pdf',
    contentType: 'application/pdf',
    bytes: PDF,
  };
  it('committed, then reading the case back failed: 500 saying the entry WAS saved, with its number and the new version', async () => {
    const res = await whileRefused(
      ['document', 'SELECT', caseId, `filename = '${unreadable.filename}'`],
      () =>
        upload<SavedProblem>(
          `/cases/${caseId}/events/1/documents`,
          { expectedVersion: '2' },
          unreadable,
        ),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(res.body).toMatchObject({
      status: 500,
      title: 'Saved, but the case could not be shown',
      saved: true,
      caseId,
      sequence: 3,
      version: 3,
    });
    expect(res.body.detail).toBe(
      "Your entry was saved: it is entry 3 in the case's history, and the case is now at version 3. " +
        'The case could not be read back to show it: reload the case to see it, and do not enter it again.',
    );
    expect(res.text).not.toMatch(
      /nothing was saved|refused by the test|at .*\.js/i,
    );

    // It is what PostgreSQL holds; reloading shows it; sending it again is refused as stale, not saved twice.
    expect(await version()).toBe(3);
    expect((await events()).at(-1)).toEqual({
      sequence: 3,
      type: 'document.attached',
    });
    const reloaded = await api<Detail>('GET', `/cases/${caseId}`);
    expect(reloaded.body.version).toBe(3);
    expect(reloaded.body.documents.map((d) => d.filename)).toEqual([
      'letter.pdf',
      unreadable.filename,
    ]);
    const again = await upload(
      `/cases/${caseId}/events/1/documents`,
      { expectedVersion: '2' },
      unreadable,
    );
    expect(again.status).toBe(409);
    expect(await version()).toBe(3);
  });

  it('a case write answers the case from what it read under the lock and wrote: it reads nothing back after COMMIT', async () => {
    // Reading the event this write appends would fail; nothing reads it until the test's own GET.
    const res = await whileRefused(
      ['case_event', 'SELECT', caseId, 'sequence >= 4'],
      () =>
        api<Detail>('POST', `/cases/${caseId}/contacts`, {
          expectedVersion: 3,
          name: 'Pat Parent',
          relationship: 'Father',
        }),
    );
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(4);
    expect(res.body).toEqual(
      (await api<Detail>('GET', `/cases/${caseId}`)).body,
    );
  });

  it('rolled back inside the transaction: 500 saying nothing was saved, and nothing was', async () => {
    const before = await events();
    const res = await whileRefused(['case_event', 'INSERT', caseId], () =>
      api<SavedProblem>('POST', `/cases/${caseId}/contacts`, {
        expectedVersion: 4,
        name: 'Sam Sibling',
        relationship: 'Brother',
      }),
    );
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ status: 500, saved: false });
    expect(res.body.detail).toMatch(
      /^Something went wrong on our side and nothing was saved\./,
    );
    expect(await version()).toBe(4);
    expect(await events()).toEqual(before);
    expect(
      (await api<Detail>('GET', `/cases/${caseId}`)).body.contacts.map(
        (c) => c.name,
      ),
    ).toEqual(['Pat Parent']);
  });

  it('a dry run that fails says nothing was saved (it never saves)', async () => {
    const res = await whileRefused(['document', 'SELECT', caseId], () =>
      api<SavedProblem>('POST', `/cases/${caseId}/contacts`, {
        expectedVersion: 4,
        name: 'Dee Dry',
        relationship: 'Aunt',
        dryRun: true,
      }),
    );
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ saved: false });
    expect(await version()).toBe(4);
  });
});
