import { readFileSync } from 'node:fs';
import { api, type As, sessionOf, sql, uniqueReference } from './support/api';

/**
 * Exports stream from a database cursor: memory stays flat whatever the size, and a client that
 * goes away mid-download gives the pooled connection back at once.
 */
const base = () => process.env['E2E_BASE_URL'] as string;
/** Events put into one case's history by SQL (the history of no real case is this long). */
const EVENTS = 60_000;
/** The export's query, as pg_stat_activity shows it while a cursor is open. */
const EXPORT_QUERY = '%FROM case_event WHERE case_id = $1 ORDER BY sequence%';

let caseId = '';
beforeAll(async () => {
  const opened = await api('POST', '/cases', {
    reference: uniqueReference(),
    childName: 'Long History',
    dateOfBirth: '2012-01-02',
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  // ~2 kB of payload per event: ~130 MB of JSON or CSV.
  await sql(
    `INSERT INTO case_event (id, case_id, sequence, type, payload_version, payload, actor_name, actor_role, business_date,
                             recorded_at, summary, stage_before, stage_after, correlation_id, previous_hash, hash)
     SELECT gen_random_uuid(), $1, g, 'note.bulk', 1, jsonb_build_object('text', repeat(md5(g::text), 60)), 'Bulk Loader', 'system',
            '2026-01-05', now(), 'Bulk event ' || g, 'open', 'open', gen_random_uuid(), md5((g - 1)::text), md5(g::text)
     FROM generate_series(2, $2::int + 1) g`,
    [caseId, EVENTS],
  );
}, 120_000);

/** Backends still running an export's query (not idle): a cursor someone holds open. */
const openCursors = async () =>
  Number(
    (
      await sql(
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND query LIKE $1`,
        [EXPORT_QUERY],
      )
    )[0].n,
  );

/** The run's API processes (two behind its proxy: a download may reach either). */
const apiPids = () =>
  JSON.parse(
    process.env['E2E_API_PIDS'] ?? `[${process.env['E2E_API_PID']}]`,
  ) as number[];

/** Resident memory of an API process, in bytes (from /proc). */
function memoryOf(pid: number): { rss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rss: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) * 1024,
  };
}

async function startDownload(path: string, as: As) {
  const controller = new AbortController();
  // A pool with no connection left would never answer: give up waiting for the answer's headers after a
  // while rather than hang. Only the wait for headers is bounded: reading 130 MB on a busy machine takes
  // as long as it takes (the test's own timeout bounds it).
  const headersTimeout = setTimeout(
    () => controller.abort(new Error('no answer within 60 s')),
    60_000,
  );
  const res = await fetch(`${base()}/api${path}`, {
    headers: { cookie: (await sessionOf(as)).cookie },
    signal: controller.signal,
  }).finally(() => clearTimeout(headersTimeout));
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  expect(first.done).toBe(false);
  return { abort: () => controller.abort(), reader };
}

describe('exports', () => {
  it('gives the connection back to the pool when the client aborts a download, however many times', async () => {
    // More aborted downloads than the pool has connections (10): a leak would leave none for anyone.
    for (let i = 0; i < 12; i++) {
      const path =
        i % 2
          ? `/cases/${caseId}/history.json`
          : `/cases/${caseId}/history.csv`;
      const download = await startDownload(
        path,
        i % 3 === 0 ? 'manager' : 'caseworker',
      );
      download.abort();
      await download.reader.closed.catch(() => undefined);
    }
    const until = Date.now() + 10_000;
    while ((await openCursors()) > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    expect(await openCursors()).toBe(0);
    const started = Date.now();
    const after = await api(
      'GET',
      `/cases/${caseId}/history/verification`,
      undefined,
      'auditor',
    );
    expect(after.status).toBe(200);
    expect(after.body.events).toBe(EVENTS + 1);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 90_000);

  it('streams a large export in bounded memory: the API grows by far less than what it sends', async () => {
    // Each API process serves the export once first, read as fast as it comes: its heap grows to its
    // working size (a process that has served little is smaller, and would count that as growth).
    const urls = JSON.parse(process.env['E2E_API_URLS'] ?? '[]') as string[];
    for (const url of urls) {
      const res = await fetch(`${url}/api/cases/${caseId}/history.json`, {
        headers: { cookie: (await sessionOf('auditor')).cookie },
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    // Each process's growth: the one that serves the download is the one that matters.
    const pids = apiPids();
    const before = pids.map((pid) => memoryOf(pid).rss);
    const peak = [...before];
    const sampler = setInterval(
      () =>
        pids.forEach(
          (pid, i) => (peak[i] = Math.max(peak[i]!, memoryOf(pid).rss)),
        ),
      25,
    );
    let bytes = 0;
    let tail = '';
    try {
      const download = await startDownload(
        `/cases/${caseId}/history.json`,
        'auditor',
      );
      const decoder = new TextDecoder();
      for (
        let chunk = await download.reader.read();
        !chunk.done;
        chunk = await download.reader.read()
      ) {
        bytes += chunk.value.byteLength;
        tail = (tail + decoder.decode(chunk.value, { stream: true })).slice(
          -4000,
        );
        // Read slowly at first, so that the server meets backpressure rather than a fast reader.
        if (bytes < 20_000_000) await new Promise((r) => setImmediate(r));
      }
    } finally {
      clearInterval(sampler);
    }
    const growth = Math.max(...pids.map((_, i) => peak[i]! - before[i]!));
    console.log(
      `history.json: ${(bytes / 1e6).toFixed(0)} MB sent; API RSS ${pids.map((_, i) => `${(before[i]! / 1e6).toFixed(0)} MB → peak ${(peak[i]! / 1e6).toFixed(0)} MB`).join(', ')}`,
    );
    expect(tail).toMatch(/"sequence":60001,[\s\S]*\]\}\n$/);
    expect(bytes).toBeGreaterThan(100_000_000);
    // A server that built the export in memory would grow by at least what it sent (150 MB, twice that
    // as JavaScript strings); one that streams grows by its buffers and the garbage collector's slack,
    // which on a busy machine, behind the proxy, has been seen at up to 64 MB. Bounded means well
    // under what was sent, whatever the size: under two thirds of it.
    expect(growth).toBeLessThan((bytes * 2) / 3);
  }, 300_000);
});
