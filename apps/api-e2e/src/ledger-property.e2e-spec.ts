import {
  CORRECTABLE_FIELDS,
  type CaseEvent,
  ledgerAfter,
  ledgerKey,
} from '@send/domain';
import { caseHistory, plusDays } from '@send/domain/testing';
import fc from 'fast-check';
import { api, sql, uniqueReference } from './support/api';

/*
 * One deadline ledger, decided by the domain (issue "The law, exactly", part 1), proved through the
 * real write path against PostgreSQL: for generated histories with extensions and corrections,
 * recording the events ONE BY ONE (each its own request and transaction) leaves in the `deadline`
 * table exactly the ledger the domain derives from the whole stored history (`ledgerAfter`).
 *
 * The histories come from the domain's own generator (libs/domain/src/testing), dated from 2023 so
 * that everything happened before the run's clock (Mon 2 Mar 2026). Ids become UUIDs (the API's
 * history entries carry the importer's ids), extensions name their deadline by rule and subject,
 * and the system's own events are left out.
 */

const RUNS = 20;

/** Deterministic UUIDs for the generator's short ids, per history. */
function idMapper() {
  const ids = new Map<string, string>();
  return (id: string) => {
    let uuid = ids.get(id);
    if (!uuid) {
      uuid = `00000000-0000-4000-8000-${(ids.size + 1).toString(16).padStart(12, '0')}`;
      ids.set(id, uuid);
    }
    return uuid;
  };
}

/** An id field of an event (never a rule id). */
const isIdKey = (key: string) => key.endsWith('Id') && key !== 'ruleId';

/** The generated event as a history entry of the API: UUIDs, Tribunal references, explicit duty to reconsider. */
function toEntry(
  event: CaseEvent,
  uuid: (id: string) => string,
  k: number,
): Record<string, unknown> | undefined {
  if (
    [
      'case.opened',
      'case.reassigned',
      'document.attached',
      'letter.sent',
      'deadline.overdue',
      'event.corrected',
    ].includes(event.type)
  )
    return undefined;
  const mapIds = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(mapIds);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, v]) => [
          key,
          (isIdKey(key) || (key === 'id' && 'kind' in value)) &&
          typeof v === 'string'
            ? uuid(v)
            : mapIds(v),
        ]),
      );
    }
    return value;
  };
  const entry = mapIds(event) as Record<string, unknown>;
  if (event.type === 'appeal.lodged')
    entry['tribunalReference'] = `EH857/23/${String(k).padStart(5, '0')}`;
  if (
    event.type === 'appeal.decided' &&
    event.outcome === 'referred_back' &&
    !(event.orders ?? []).some((o) => o.orderType === 'reconsider')
  ) {
    entry['orders'] = [
      ...((entry['orders'] as unknown[]) ?? []),
      {
        orderId: uuid(`${event.appealId}.reconsider`),
        orderType: 'reconsider',
      },
    ];
  }
  if (event.type === 'order.complied' && event.orderId.endsWith('.reconsider'))
    entry['orderId'] = uuid(event.orderId);
  if (event.type === 'deadline.extended') {
    delete entry['deadlineId'];
    delete entry['fromDueOn'];
  }
  return entry;
}

interface Row {
  rule_id: string;
  subject_id: string;
  due_on: string;
  status: string;
  met_on: string | null;
  cancelled_reason: string | null;
  explanation: string[];
  facts: Record<string, string>;
  extensions: {
    fromDueOn: string;
    toDueOn: string;
    reason: string;
    agreedBy: string;
    ground?: string;
  }[];
}

async function storedLedger(caseId: string) {
  const history = (
    await sql<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    )
  ).map((r) => ({ type: r.type, ...r.payload }) as CaseEvent);
  const rows = await sql<Row>(
    `SELECT rule_id, subject_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, status, to_char(met_on, 'YYYY-MM-DD') AS met_on, cancelled_reason, explanation, facts, extensions
     FROM deadline WHERE case_id = $1`,
    [caseId],
  );
  return { history, rows };
}

/** What the table must hold, from the ledger, in the table's terms (the monitor's `overdue` is an open deadline). */
function expectedRows(history: CaseEvent[]) {
  return [...ledgerAfter(history).values()]
    .map((e) => ({
      key: ledgerKey(e.ruleId, e.subjectId),
      dueOn: e.dueOn,
      status: e.status,
      metOn: e.metOn ?? null,
      reason: e.closedReason ?? null,
      explanation: e.explanation,
      facts: e.facts,
      extensions: e.extensions.map(
        ({ fromDueOn, toDueOn, reason, agreedBy, ground }) => ({
          fromDueOn,
          toDueOn,
          reason,
          agreedBy,
          ...(ground ? { ground } : {}),
        }),
      ),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

function actualRows(rows: Row[]) {
  return rows
    .map((r) => ({
      key: ledgerKey(r.rule_id, r.subject_id),
      dueOn: r.due_on,
      status: r.status === 'overdue' ? 'open' : r.status,
      metOn: r.met_on,
      reason: r.cancelled_reason,
      explanation: r.explanation,
      facts: r.facts,
      extensions: r.extensions.map(
        ({ fromDueOn, toDueOn, reason, agreedBy, ground }) => ({
          fromDueOn,
          toDueOn,
          reason,
          agreedBy,
          ...(ground ? { ground } : {}),
        }),
      ),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe('one deadline ledger, decided by the domain, through the real write path (property)', () => {
  it('recording a history event by event, with extensions and corrections, leaves exactly the ledger the domain derives from the whole history', async () => {
    let corrections = 0;
    let extensions = 0;
    let events = 0;
    await fc.assert(
      fc.asyncProperty(
        caseHistory('2023-01-02'),
        fc.nat(),
        fc.integer({ min: -20, max: 40 }),
        async (generated, pick, shift) => {
          const uuid = idMapper();
          const entries = (generated as CaseEvent[]).flatMap(
            (event, k): Record<string, unknown>[] => {
              const entry = toEntry(event, uuid, k + 1);
              return entry ? [entry] : [];
            },
          );
          if (entries.length === 0) return;
          // The first entry opens the case with it; then one request (one transaction) per entry.
          const opened = await api('POST', '/cases/import', {
            reference: uniqueReference(),
            childName: 'Sam Property',
            dateOfBirth: '2014-01-01',
            entries: [entries[0]],
          });
          expect(opened.status).toBe(201);
          let version: number = opened.body.version;
          const caseId: string = opened.body.id;
          for (const entry of entries.slice(1)) {
            const res = await api('POST', `/cases/${caseId}/history`, {
              expectedVersion: version,
              entries: [entry],
            });
            if (res.status !== 201)
              throw new Error(
                `${JSON.stringify(entry)} → ${res.status} ${res.text}`,
              );
            version = res.body.version;
          }
          events += entries.length;
          extensions += entries.filter(
            (e) => e['type'] === 'deadline.extended',
          ).length;
          // A correction of a date somewhere in the history (the rules may refuse it: then nothing changes).
          const { history } = await storedLedger(caseId);
          const targets = history.flatMap((event, index) =>
            Object.entries(CORRECTABLE_FIELDS[event.type] ?? {})
              .filter(
                ([field, kind]) =>
                  kind?.kind === 'date' &&
                  typeof (event as unknown as Record<string, unknown>)[
                    field
                  ] === 'string',
              )
              .map(([field]) => ({
                sequence: index + 1,
                field,
                value: (event as unknown as Record<string, string>)[
                  field
                ] as string,
              })),
          );
          const target = targets[pick % Math.max(targets.length, 1)];
          if (target && shift !== 0) {
            const res = await api(
              'POST',
              `/cases/${caseId}/events/${target.sequence}/correction`,
              {
                expectedVersion: version,
                changes: { [target.field]: plusDays(target.value, shift) },
                reason: 'Property test: a date recorded wrongly',
              },
            );
            if (res.status === 201) corrections++;
            else expect([400, 409]).toContain(res.status);
          }
          const stored = await storedLedger(caseId);
          expect(actualRows(stored.rows)).toEqual(expectedRows(stored.history));
        },
      ),
      { numRuns: RUNS },
    );
    // The property was exercised, not vacuously true.
    expect(events).toBeGreaterThan(RUNS * 5);
    expect(corrections + extensions).toBeGreaterThan(0);
  }, 300_000);
});
