import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CaseSearchResult,
  CaseStage,
  DocumentView,
  Page,
  SearchMatch,
  SearchTermKind,
} from '@send/contracts';
import type { CaseSnapshot, SearchTerm } from '@send/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { type Db, isoUtcSql, sql } from '../db/sql';
import { escalationManagerSql } from '../db/deadline-sql';
import { type DeadlineRecord, RECORD_COLUMNS } from './ledger.repository';

/** A `case` row: the case as it stands (its snapshot), with the columns lists filter and sort by. */
export interface CaseRecord {
  id: string;
  reference: string;
  childName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  caseworker: string;
  /** The member of staff who holds the case (`caseworker` is their name, as shown). */
  caseworkerId: string | null;
  team: string;
  stage: CaseStage;
  version: number;
  snapshot: CaseSnapshot;
  updatedAt: Date;
}

/** A history event as the write path reads it back: its id, type and payload. */
export interface StoredEventRow {
  id: string;
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  /** The event's hash: the next event chains to the last one's. */
  hash: string;
}

/** A `case_event` row as it is appended (hashed by the caller). */
export interface NewCaseEvent {
  id: string;
  caseId: string;
  sequence: number;
  type: string;
  payloadVersion: number;
  payload: Record<string, unknown>;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  onBehalfOf: string | null;
  businessDate: string;
  recordedAt: Date;
  summary: string;
  reason: string | null;
  stageBefore: string | null;
  stageAfter: string;
  correlationId: string;
  correctsEventId: string | null;
  previousHash: string | null;
  hash: string;
}

/**
 * What a case holds besides its own row, as its page and its writes read it: its history's events
 * in order (what the domain needs to check a new event, chain its hash and link deadlines to
 * decisions), what it shows of each document (never its content; `uploadedAt` ISO 8601 UTC to the
 * millisecond, as `Date.toISOString` writes it), its deadline rows (its ledger) and whom its
 * deadlines escalate to (the active managers of its team, by name).
 */
export interface CaseHoldings {
  history: StoredEventRow[];
  documents: DocumentView[];
  ledger: DeadlineRecord[];
  escalatesTo: string[];
}

/**
 * The case as its page shows it: the case and its holdings. Read in one statement (`page`), or
 * made by the case write from what it read under the case's lock and what it wrote (every row as
 * PostgreSQL returned it), so that a write answers the case without reading it again.
 */
export type CasePageRow = CaseRecord & CaseHoldings;

/** The names of the active managers of `team` (an SQL expression), in order: whom a case's deadlines escalate to. */
const ESCALATES_TO_SQL = (team: string) =>
  `ARRAY(SELECT s.name FROM staff_user s WHERE ${escalationManagerSql('s', `= ${team}`)} ORDER BY s.name)`;

/**
 * The holdings of the case `c` (in a statement over `"case" c`), each list one JSON value
 * (`json_agg`, parsed by JSON.parse: an array of JSON values would be parsed character by character
 * by the driver's array parser, which a profile showed costs more than the round trips saved).
 */
const HOLDINGS_SQL = `(SELECT coalesce(json_agg(json_build_object('id', e.id, 'sequence', e.sequence, 'type', e.type, 'payload', e.payload, 'hash', e.hash)
           ORDER BY e.sequence), '[]') FROM case_event e WHERE e.case_id = c.id) AS history,
       (SELECT coalesce(json_agg(json_build_object('id', d.id, 'eventSequence', d.event_sequence, 'filename', d.filename,
                 'contentType', d.content_type, 'size', d.size, 'sha256', d.sha256,
                 'uploadedAt', ${isoUtcSql('d.uploaded_at')})
               ORDER BY d.uploaded_at), '[]')
        FROM document d WHERE d.case_id = c.id) AS documents,
       (SELECT coalesce(json_agg(l), '[]') FROM (SELECT ${RECORD_COLUMNS} FROM deadline d WHERE d.case_id = c.id) l) AS ledger,
       ${ESCALATES_TO_SQL('c.team')} AS "escalatesTo"`;

/** A deadline row as JSON gives it (JSON has no time type: its times as text). */
type DeadlineJson = Omit<
  DeadlineRecord,
  'updatedAt' | 'nextActionAt' | 'timingFrom'
> & {
  updatedAt: string;
  nextActionAt: string | null;
  timingFrom: string;
};

/** Holdings as HOLDINGS_SQL reads them, with the deadline rows' times as Dates, as the ledger's own reads give them. */
function holdingsOf<T extends Omit<CaseHoldings, 'ledger'>>(
  row: T & { ledger: DeadlineJson[] },
): T & { ledger: DeadlineRecord[] } {
  return {
    ...row,
    ledger: row.ledger.map((d) => ({
      ...d,
      updatedAt: new Date(d.updatedAt),
      nextActionAt: d.nextActionAt === null ? null : new Date(d.nextActionAt),
      timingFrom: new Date(d.timingFrom),
    })),
  };
}

const CASE_COLUMNS = `c.id, c.reference, c.child_name AS "childName", c.date_of_birth AS "dateOfBirth", c.caseworker,
  c.caseworker_id AS "caseworkerId", c.team, c.stage, c.version, c.snapshot, c.updated_at AS "updatedAt"`;

export interface CaseSearch {
  /** Only this team's cases; null for every team (auditors). */
  team: string | null;
  /** Part of anything a case is found by (see `caseSearchTerms`). */
  text?: string;
  dateOfBirth?: string;
  limit?: number;
  offset?: number;
}

interface FoundRow {
  id: string;
  reference: string;
  childName: string;
  dateOfBirth: string;
  caseworker: string;
  team: string;
  stage: CaseStage;
  version: number;
  kind: SearchTermKind | null;
  term: string | null;
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const SEARCH_COLUMNS = `c.id, c.reference, c.child_name AS "childName", c.date_of_birth AS "dateOfBirth",
  c.caseworker, c.team, c.stage, c.version`;

/**
 * `case` and its append-only history `case_event`. Every write runs in the caller's transaction
 * (CaseCommandService's), which also holds the case's row lock: a case's change and its history
 * event commit together or not at all.
 *
 * Case search and lists are here too, all of them: `case_search_term` (what people remember a case
 * by, written with the case in the same transaction) and the case list. Within a team every query
 * is led by the team (`case_search_term_team`, the team's date-of-birth and most-recently-changed
 * indexes), so a team's search reads the team's rows, not the country's.
 */
@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async byId(id: string, db: Db = this.db): Promise<CaseRecord | undefined> {
    const [row] = await sql<CaseRecord>(
      db,
      `SELECT ${CASE_COLUMNS} FROM "case" c WHERE c.id = $1`,
      [id],
    );
    return row;
  }

  /** The case under its row lock (FOR UPDATE) until the transaction ends. */
  async lock(tx: EntityManager, id: string): Promise<CaseRecord | undefined> {
    const [row] = await sql<CaseRecord>(
      tx,
      `SELECT ${CASE_COLUMNS} FROM "case" c WHERE c.id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async referenceTaken(tx: Db, reference: string): Promise<boolean> {
    return (
      (
        await sql(tx, `SELECT 1 FROM "case" WHERE reference = $1 LIMIT 1`, [
          reference,
        ])
      ).length > 0
    );
  }

  /**
   * Writes the case as it now stands (a new case, or over the locked row) and appends the history
   * event that made it so: one statement, one round trip. Both rows are in the one statement's
   * result or neither is; the event's reference to its case is checked at the statement's end,
   * when a new case's row is there.
   */
  async saveWithEvent(
    tx: EntityManager,
    c: CaseRecord,
    e: NewCaseEvent,
  ): Promise<void> {
    await sql(
      tx,
      `WITH saved AS (
         INSERT INTO "case" (id, reference, child_name, date_of_birth, caseworker, caseworker_id, team, stage, version, snapshot, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (id) DO UPDATE SET reference = EXCLUDED.reference, child_name = EXCLUDED.child_name, date_of_birth = EXCLUDED.date_of_birth,
           caseworker = EXCLUDED.caseworker, caseworker_id = EXCLUDED.caseworker_id, team = EXCLUDED.team, stage = EXCLUDED.stage,
           version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at)
       INSERT INTO case_event (id, case_id, sequence, type, payload_version, payload, actor_id, actor_name, actor_role, on_behalf_of, business_date,
         recorded_at, summary, reason, stage_before, stage_after, correlation_id, corrects_event_id, previous_hash, hash)
       VALUES ($12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31)`,
      [
        c.id,
        c.reference,
        c.childName,
        c.dateOfBirth,
        c.caseworker,
        c.caseworkerId,
        c.team,
        c.stage,
        c.version,
        JSON.stringify(c.snapshot),
        c.updatedAt,
        e.id,
        e.caseId,
        e.sequence,
        e.type,
        e.payloadVersion,
        JSON.stringify(e.payload),
        e.actorId,
        e.actorName,
        e.actorRole,
        e.onBehalfOf,
        e.businessDate,
        e.recordedAt,
        e.summary,
        e.reason,
        e.stageBefore,
        e.stageAfter,
        e.correlationId,
        e.correctsEventId,
        e.previousHash,
        e.hash,
      ],
    );
  }

  // --- History ---

  /** The case's history events in order (event n at index n − 1). */
  history(tx: Db, caseId: string): Promise<StoredEventRow[]> {
    return sql(
      tx,
      `SELECT id, sequence, type, payload, hash FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    );
  }

  /**
   * What the case holds (its history, documents, deadline rows and whom its deadlines escalate to),
   * in one statement: what a case write reads once it holds the case's row lock
   * (CaseCommandService). Read after the lock, never with it: a statement that waits for a lock
   * still reads from before the wait.
   */
  async holdings(tx: Db, caseId: string): Promise<CaseHoldings> {
    const [row] = await sql<
      Omit<CaseHoldings, 'ledger'> & { ledger: DeadlineJson[] }
    >(tx, `SELECT ${HOLDINGS_SQL} FROM "case" c WHERE c.id = $1`, [caseId]);
    return row
      ? holdingsOf(row)
      : { history: [], documents: [], ledger: [], escalatesTo: [] };
  }

  /** Whom the deadlines of a case in `team` escalate to (see CaseHoldings). */
  async escalatesTo(tx: Db, team: string): Promise<string[]> {
    const [row] = await sql<{ names: string[] }>(
      tx,
      `SELECT ${ESCALATES_TO_SQL('$1')} AS names`,
      [team],
    );
    return row?.names ?? [];
  }

  /**
   * The case as its page shows it (see `CasePageRow`): one statement, one round trip. In the
   * caller's transaction when given.
   */
  async page(id: string, db: Db = this.db): Promise<CasePageRow | undefined> {
    const [row] = await sql<
      CaseRecord & Omit<CaseHoldings, 'ledger'> & { ledger: DeadlineJson[] }
    >(
      db,
      `SELECT ${CASE_COLUMNS}, ${HOLDINGS_SQL} FROM "case" c WHERE c.id = $1`,
      [id],
    );
    return row && holdingsOf(row);
  }

  /** The id and type of the case's history event at `sequence` (undefined: the case has no such event). */
  async eventAt(
    db: Db,
    caseId: string,
    sequence: number,
  ): Promise<{ id: string; type: string } | undefined> {
    const [row] = await sql<{ id: string; type: string }>(
      db,
      `SELECT id, type FROM case_event WHERE case_id = $1 AND sequence = $2`,
      [caseId, sequence],
    );
    return row;
  }

  // --- Search ---

  /** Replaces the case's search terms (in the case write's transaction). */
  async replaceSearchTerms(
    tx: EntityManager,
    caseId: string,
    team: string,
    terms: readonly SearchTerm[],
  ): Promise<void> {
    await sql(tx, `DELETE FROM case_search_term WHERE case_id = $1`, [caseId]);
    if (terms.length === 0) return;
    await sql(
      tx,
      `INSERT INTO case_search_term (case_id, team, kind, term, position)
       SELECT $1, $2, t.kind, t.term, t.ord::int - 1 FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(kind, term, ord)`,
      [caseId, team, terms.map((t) => t.kind), terms.map((t) => t.term)],
    );
  }

  /** The case's search terms, in order (for tests and checks). */
  searchTermsOf(caseId: string, db: Db = this.db): Promise<SearchTerm[]> {
    return sql(
      db,
      `SELECT kind, term FROM case_search_term WHERE case_id = $1 ORDER BY position`,
      [caseId],
    );
  }

  /**
   * Cases matching a fragment of anything they are found by and/or a date of birth, most recently
   * changed first, each with why it matched (the first of its terms that matched, in the order
   * `caseSearchTerms` gives). The page and its count are two queries run together.
   */
  async search({
    team,
    text,
    dateOfBirth,
    limit = 50,
    offset = 0,
  }: CaseSearch): Promise<Page<CaseSearchResult>> {
    const words = text?.trim().toLowerCase();
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const caseWhere: string[] = [];
    let from = `"case" c`;
    let matchColumns = `NULL::text AS kind, NULL::text AS term`;
    if (words) {
      // Within a team: the team's terms, each tested (`case_search_term_team`, index-only), whatever
      // was typed; `strpos` rather than LIKE so that PostgreSQL does not choose the national
      // trigram index, whose entries for a common trigram (every reference's `SEND-`) are the
      // country's. Every team's: LIKE on the national trigram index.
      const termWhere =
        team !== null
          ? [
              `t.team = ${param(team)}`,
              `strpos(lower(t.term), ${param(words)}) > 0`,
            ]
          : [`lower(t.term) LIKE ${param(`%${escapeLike(words)}%`)}`];
      from = `(SELECT DISTINCT ON (t.case_id) t.case_id, t.kind, t.term FROM case_search_term t
                WHERE ${termWhere.join(' AND ')} ORDER BY t.case_id, t.position) h
              JOIN "case" c ON c.id = h.case_id`;
      matchColumns = `h.kind, h.term`;
    } else if (team !== null) caseWhere.push(`c.team = ${param(team)}`);
    if (dateOfBirth)
      caseWhere.push(`c.date_of_birth = ${param(dateOfBirth)}::date`);
    const where = caseWhere.length ? `WHERE ${caseWhere.join(' AND ')}` : '';
    const countParams = [...params];
    const countAll = async () =>
      (
        await sql<{ total: number }>(
          this.db,
          `SELECT count(*)::int AS total FROM ${from} ${where}`,
          countParams,
        )
      )[0]?.total ?? 0;
    const page = (total: string) =>
      sql<FoundRow & { total?: number }>(
        this.db,
        `SELECT ${SEARCH_COLUMNS}, ${matchColumns}${total} FROM ${from} ${where}
         ORDER BY c.updated_at DESC, c.reference LIMIT ${param(limit)} OFFSET ${param(offset)}`,
        params,
      );
    let rows: (FoundRow & { total?: number })[];
    let total: number;
    if (words) {
      // A text search reads and sorts every match whatever the page (most recently changed
      // first), so the total comes with the page (a window count) rather than from a second
      // reading of the terms; counted apart only for a page past the last match.
      rows = await page(', count(*) OVER ()::int AS total');
      total = rows[0]?.total ?? (offset > 0 ? await countAll() : 0);
    } else {
      // The case list and a search by date of birth stop at the page's last row (the team's
      // most-recently-changed index): the count is a statement of its own, run beside it.
      [rows, total] = await Promise.all([page(''), countAll()]);
    }
    return {
      // The window count is the page's total, not part of a case.
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      items: rows.map(({ kind, term, total: _total, ...c }) => {
        const matched: SearchMatch | undefined = kind
          ? { kind, term: term ?? '' }
          : dateOfBirth
            ? { kind: 'date_of_birth', term: dateOfBirth }
            : undefined;
        return matched ? { ...c, matched } : c;
      }),
      total,
    };
  }
}
