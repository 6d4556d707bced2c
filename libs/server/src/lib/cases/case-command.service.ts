import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  isOutstanding,
  applyCaseEvent,
  businessDateOf,
  Calendar,
  caseSearchTerms,
  CASE_EVENT_PAYLOAD_VERSION,
  type CaseEvent,
  type CaseSnapshot,
  checkCaseEvent,
  checkHistory,
  completeSnapshot,
  type Ledger,
  type LedgerEntry,
  ledgerKey,
  nextLedger,
  type RuleId,
  RULESET_VERSION,
  sameSearchTerms,
  summariseCaseEvent,
} from '@send/domain';
import { randomUUID } from 'node:crypto';
import type { DeadlineStatus } from '@send/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../identity/actor';
import { CALENDAR } from '../calendar/calendar.token';
import { Clock } from '../clock/clock';
import {
  type DeadlineExtension,
  type DeadlineRecord,
  LedgerRepository,
  type NewDeadlineRow,
} from './ledger.repository';
import { eventHash } from '../history/event-hash';
import { AppealRegisterRepository } from '../reporting/appeal-register.repository';
import {
  type CaseHoldings,
  type CasePageRow,
  type CaseRecord,
  CaseRepository,
  type StoredEventRow,
} from './case.repository';

export { CALENDAR } from '../calendar/calendar.token';

/** What a recorded event became in the history, and the case it was recorded on as it now stands. */
export interface RecordedEvent {
  caseId: string;
  eventId: string;
  /** The event's place in the case's history. */
  sequence: number;
  /** The case version after it: moves only when what the case records changed. */
  version: number;
  /**
   * The case as its page shows it once the event is recorded: the row and the history as written,
   * the documents and whom its deadlines escalate to as read under the case's lock, and its
   * deadline rows as PostgreSQL returned them (those the write left alone as read). A write answers
   * the case from it (CaseQueryService.detailOf) without reading it again.
   */
  page: CasePageRow;
}

/**
 * The event to record, or a function that makes it inside the transaction, once the case is
 * locked (when it depends on rows that must not change meanwhile, such as a deadline or the history).
 */
export type EventSource =
  | CaseEvent
  | ((tx: EntityManager) => Promise<CaseEvent>);

/** Thrown to roll a dry run back; carries what was read before the rollback. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run');
  }
}

export interface RecordOptions {
  /** The case version the caller's write was based on; omitted only for system events. */
  expectedVersion?: number;
  reason?: string;
  correlationId?: string;
  /**
   * `case.reassigned`: the id of the member of staff the case moves to (the event carries their
   * name). The case row and its live deadlines keep the id: staff are never found by name.
   */
  caseworkerId?: string;
}

/** Who owns a deadline: the case's caseworker, by name (as shown) and by id. */
interface DeadlineOwner {
  owner: string;
  ownerId: string | null;
}

/** A recorded event as the write path needs it: its id, and the event. */
interface StoredEvent {
  id: string;
  sequence: number;
  hash: string;
  event: CaseEvent;
}

/**
 * The one write path for a case. In a single transaction: lock the case, check the event with the
 * domain rules, update the snapshot, append the hashed history event, and bring the case's deadline
 * rows to the ledger the domain derives from the history (`nextLedger`): the server loads the
 * ledger, asks the domain, and writes the difference, on every write, corrections included. Each
 * live deadline it opens or changes gets `next_action_at = now` (the worker then works out its real
 * next action); closed ones none. Nothing talks to Redis here.
 */
@Injectable()
export class CaseCommandService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: Calendar,
  ) {}

  /** Opens a case (its opening is event 1, version 1). */
  async open(
    event: Extract<CaseEvent, { type: 'case.opened' }>,
    actor: Actor,
  ): Promise<RecordedEvent> {
    return this.db.transaction(async (tx) => this.openIn(tx, event, actor));
  }

  /** As `open`, inside a transaction the caller already holds. */
  async openIn(
    tx: EntityManager,
    event: Extract<CaseEvent, { type: 'case.opened' }>,
    actor: Actor,
  ): Promise<RecordedEvent> {
    if (await this.cases.referenceTaken(tx, event.reference)) {
      throw new ConflictException(
        `A case with reference ${event.reference} already exists.`,
      );
    }
    return this.commit(tx, randomUUID(), undefined, event, actor, {});
  }

  /** Records an event on an existing case. */
  async record(
    caseId: string,
    event: EventSource,
    actor: Actor,
    options: RecordOptions,
  ): Promise<RecordedEvent> {
    return this.db.transaction((tx) =>
      this.recordIn(tx, caseId, event, actor, options),
    );
  }

  /**
   * Does everything `record` would (every check, the snapshot, the history event, the deadlines),
   * reads the outcome with `read` inside the same transaction (given what was recorded), then rolls
   * it all back: nothing is saved and nothing is queued. Forms use it to show the deadlines an entry
   * opens or moves before saving.
   */
  async dryRun<T>(
    caseId: string,
    event: EventSource,
    actor: Actor,
    options: RecordOptions,
    read: (tx: EntityManager, recorded: RecordedEvent) => Promise<T> | T,
  ): Promise<T> {
    try {
      await this.db.transaction(async (tx) => {
        const recorded = await this.recordIn(tx, caseId, event, actor, options);
        throw new DryRunRollback(await read(tx, recorded));
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result as T;
      throw error;
    }
    throw new Error('unreachable: a dry run always rolls back');
  }

  /** As `record`, inside a transaction the caller already holds. */
  async recordIn(
    tx: EntityManager,
    caseId: string,
    source: EventSource,
    actor: Actor,
    options: RecordOptions,
  ): Promise<RecordedEvent> {
    const current = await this.cases.lock(tx, caseId);
    if (!current)
      throw new NotFoundException(`There is no case with id ${caseId}.`);
    if (
      options.expectedVersion !== undefined &&
      options.expectedVersion !== current.version
    ) {
      throw new ConflictException(
        `This case has changed since you opened it (you had version ${options.expectedVersion}; it is now at version ${current.version}). Reload it, check the changes, then save again.`,
      );
    }
    const event = typeof source === 'function' ? await source(tx) : source;
    return this.commit(tx, caseId, current, event, actor, options);
  }

  /** The case's history as recorded, in order (event n at index n − 1). */
  async historyOf(tx: EntityManager, caseId: string): Promise<CaseEvent[]> {
    return (await this.storedHistory(tx, caseId)).map((e) => e.event);
  }

  private async storedHistory(
    tx: EntityManager,
    caseId: string,
  ): Promise<StoredEvent[]> {
    return (await this.cases.history(tx, caseId)).map(storedEventOf);
  }

  private async commit(
    tx: EntityManager,
    caseId: string,
    current: CaseRecord | undefined,
    event: CaseEvent,
    actor: Actor,
    options: RecordOptions,
  ): Promise<RecordedEvent> {
    const today = this.clock.today();
    // What the case holds, read once its row is locked: its history, documents and deadline rows.
    const read: CaseHoldings = current
      ? await this.cases.holdings(tx, caseId)
      : { history: [], documents: [], ledger: [], escalatesTo: [] };
    const stored = read.history.map(storedEventOf);
    const history = [...stored.map((e) => e.event), event];
    // A correction makes the case what the corrected history gives: every event checked again, in order.
    let snapshot: CaseSnapshot;
    if (event.type === 'event.corrected') {
      snapshot = checkHistory(history, { today }) as CaseSnapshot;
    } else {
      const before = completeSnapshot(current?.snapshot);
      checkCaseEvent(before, event, { today });
      snapshot = applyCaseEvent(before, event);
    }
    // The version guards caseworkers' edits: events that change nothing on the case (the deadline
    // monitor's, an extension) do not make someone's open form stale.
    const changed =
      !current ||
      JSON.stringify(completeSnapshot(current.snapshot)) !==
        JSON.stringify(snapshot);
    const version = (current?.version ?? 0) + (changed ? 1 : 0);
    const now = this.clock.now();
    // Who holds the case, by id: whoever opens it, then whoever it is reassigned to.
    const caseworkerId =
      event.type === 'case.opened'
        ? actor.id
        : event.type === 'case.reassigned'
          ? (options.caseworkerId ?? null)
          : (current?.caseworkerId ?? null);

    const saved: CaseRecord = {
      id: caseId,
      reference: snapshot.reference,
      childName: snapshot.childName,
      dateOfBirth: snapshot.dateOfBirth,
      caseworker: snapshot.caseworker,
      caseworkerId,
      team: snapshot.team,
      stage: snapshot.stage,
      version,
      snapshot,
      updatedAt: now,
    };
    // The history just read ends with the event this one chains to.
    const previous = stored.at(-1);
    const sequence = (previous?.sequence ?? 0) + 1;
    const { type, ...payload } = event;
    const content = {
      id: randomUUID(),
      caseId,
      sequence,
      type,
      payloadVersion: CASE_EVENT_PAYLOAD_VERSION,
      payload: payload as Record<string, unknown>,
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      onBehalfOf: null,
      businessDate: businessDateOf(event),
      recordedAt: now.toISOString(),
      summary: summariseCaseEvent(event),
      reason: options.reason ?? null,
      stageBefore: current?.stage ?? null,
      stageAfter: snapshot.stage,
      correlationId: options.correlationId ?? randomUUID(),
      correctsEventId: correctedEventId(stored, event),
      previousHash: previous?.hash ?? null,
    };
    const hash = eventHash(content);
    await this.cases.saveWithEvent(tx, saved, {
      ...content,
      recordedAt: now,
      hash,
    });
    // The register holds a row per appeal: a case that had none and has none has nothing to rewrite.
    if ((current?.snapshot.appeals?.length ?? 0) + snapshot.appeals.length > 0)
      await AppealRegisterRepository.write(tx, caseId, snapshot);
    await this.writeSearchTerms(tx, caseId, current, snapshot);

    const ledger = await this.writeLedger(
      tx,
      caseId,
      read.ledger,
      { owner: snapshot.caseworker, ownerId: caseworkerId },
      history,
      [...stored.map((e) => e.id), content.id],
    );
    const page: CasePageRow = {
      ...saved,
      history: [
        ...read.history,
        { id: content.id, sequence, type, payload: content.payload, hash },
      ],
      documents: read.documents,
      ledger,
      // Read with the holdings for the team the case was in; a new case, or one that moved team, asks.
      escalatesTo:
        current?.team === snapshot.team
          ? read.escalatesTo
          : await this.cases.escalatesTo(tx, snapshot.team),
    };
    return { caseId, eventId: content.id, sequence, version, page };
  }

  /** What the case is found by (`caseSearchTerms`), rewritten only when it or the team changed. */
  private async writeSearchTerms(
    tx: EntityManager,
    caseId: string,
    current: CaseRecord | undefined,
    snapshot: CaseSnapshot,
  ): Promise<void> {
    const terms = caseSearchTerms(snapshot);
    if (
      current &&
      current.team === snapshot.team &&
      sameSearchTerms(
        caseSearchTerms(completeSnapshot(current.snapshot)),
        terms,
      )
    )
      return;
    await this.cases.replaceSearchTerms(tx, caseId, snapshot.team, terms);
  }

  /**
   * Brings the case's deadline rows (`rows`, as read under the case's lock) to the ledger the
   * domain gives for `history` (its last event being the one just recorded), writing only what
   * differs. `eventIds[i]` is the id of history event i. Rows are never deleted. The deadline monitor's `overdue` is kept while the deadline is
   * still open and past; live deadlines belong to the case's caseworker. Answers the case's deadline
   * rows after the write: those written as PostgreSQL returned them, the rest as read.
   */
  private async writeLedger(
    tx: EntityManager,
    caseId: string,
    rows: readonly DeadlineRecord[],
    owner: DeadlineOwner,
    history: readonly CaseEvent[],
    eventIds: readonly string[],
  ): Promise<DeadlineRecord[]> {
    const indexOf = new Map(eventIds.map((id, i) => [id, i]));
    const byKey = new Map(
      rows.map((row) => [ledgerKey(row.ruleId, row.subjectId), row]),
    );
    const previous: Ledger = new Map(
      rows.map((row) => [
        ledgerKey(row.ruleId, row.subjectId),
        entryOf(row, indexOf),
      ]),
    );
    const ledger = nextLedger(previous, history, this.calendar);
    const now = this.clock.now();
    const today = this.clock.today();
    const latest = history.length - 1;
    const idAt = (at: number | undefined) =>
      at === undefined ? null : (eventIds[at] ?? null);

    const inserts: NewDeadlineRow[] = [];
    const written = new Map<string, DeadlineRecord>();
    for (const [key, entry] of ledger) {
      const row = byKey.get(key);
      const live = entry.status === 'open';
      const status: DeadlineStatus = live
        ? row?.status === 'overdue' && entry.dueOn < today
          ? 'overdue'
          : 'open'
        : entry.status;
      const fields = {
        ruleId: entry.ruleId,
        subjectId: entry.subjectId,
        rulesetVersion: RULESET_VERSION,
        facts: entry.facts,
        dueOn: entry.dueOn,
        explanation: entry.explanation,
        status,
        metOn: entry.status === 'met' ? (entry.metOn ?? null) : null,
        responsibleBody: entry.responsibleBody ?? null,
        dutyHolder: entry.dutyHolder,
        extensions: entry.extensions.map(
          (x): DeadlineExtension => ({
            fromDueOn: x.fromDueOn,
            toDueOn: x.toDueOn,
            reason: x.reason,
            agreedBy: x.agreedBy,
            ...(x.ground ? { ground: x.ground } : {}),
            eventId: idAt(x.at) ?? '',
          }),
        ),
        cancelledReason: entry.closedReason ?? null,
        openedByEventId: idAt(entry.openedAt) ?? eventIds[latest]!,
        closedByEventId: live ? null : idAt(entry.closedAt),
        ...(live ? owner : {}),
      };
      // The due date was set by this write: reminders are timed from now (and a deadline already past
      // when recorded waits for a grace before it is marked overdue).
      const timedNow = entry.timedAt === latest;
      if (!row) {
        inserts.push({
          id: randomUUID(),
          caseId,
          ...owner,
          ...fields,
          timingFrom: now,
          nextActionAt: live ? now : null,
          updatedAt: now,
        });
        continue;
      }
      // Text and dates compared as they are; the JSON columns (facts, explanation, extensions) as JSON.
      const differs = (Object.keys(fields) as (keyof typeof fields)[]).some(
        (k) => {
          const was = row[k] ?? null;
          const next = fields[k] ?? null;
          return typeof next === 'object' && next !== null
            ? JSON.stringify(was) !== JSON.stringify(next)
            : was !== next;
        },
      );
      if (!differs && !timedNow) continue;
      const retime =
        live && (timedNow || row.dueOn !== entry.dueOn || !isOutstanding(row));
      written.set(
        row.id,
        await this.ledger.update(tx, row.id, fields, {
          updatedAt: now,
          ...(timedNow ? { timingFrom: now } : {}),
          nextAction: retime ? 'now' : live ? 'keep' : 'clear',
        }),
      );
    }
    return [
      ...rows.map((row) => written.get(row.id) ?? row),
      ...(await this.ledger.insertAll(tx, inserts)),
    ];
  }
}

/**
 * The id of the event a correction points to (nothing is edited in place), from the history the
 * write read under the case's lock: the event at its sequence, or the one that issued its decision.
 */
function correctedEventId(
  stored: readonly StoredEvent[],
  event: CaseEvent,
): string | null {
  if (event.type === 'event.corrected')
    return (
      stored.find((e) => e.sequence === event.correctsSequence)?.id ?? null
    );
  if (event.type !== 'decision.corrected') return null;
  return (
    stored.find(
      (e) =>
        e.event.type === 'decision.issued' &&
        e.event.decisionId === event.decisionId,
    )?.id ?? null
  );
}

/** A history row as the case write works with it: the event with its id, place and hash. */
function storedEventOf(r: StoredEventRow): StoredEvent {
  return {
    id: r.id,
    sequence: r.sequence,
    hash: r.hash,
    event: { type: r.type, ...r.payload } as CaseEvent,
  };
}

/** A stored deadline row as the domain's ledger entry (event ids as indexes of the history). */
function entryOf(
  row: DeadlineRecord,
  indexOf: ReadonlyMap<string, number>,
): LedgerEntry {
  const at = (id: string | null) => (id === null ? undefined : indexOf.get(id));
  const status: LedgerEntry['status'] = isOutstanding(row)
    ? 'open'
    : (row.status as LedgerEntry['status']);
  return {
    ruleId: row.ruleId as RuleId,
    subjectId: row.subjectId,
    facts: row.facts,
    dutyHolder: row.dutyHolder,
    ...(row.responsibleBody ? { responsibleBody: row.responsibleBody } : {}),
    dueOn: row.dueOn,
    explanation: row.explanation,
    status,
    ...(row.metOn ? { metOn: row.metOn } : {}),
    ...(row.cancelledReason ? { closedReason: row.cancelledReason } : {}),
    extensions: row.extensions.map((x) => ({
      fromDueOn: x.fromDueOn,
      toDueOn: x.toDueOn,
      reason: x.reason,
      agreedBy: x.agreedBy,
      ...(x.ground ? { ground: x.ground } : {}),
      at: at(x.eventId) ?? 0,
    })),
    openedAt: at(row.openedByEventId) ?? 0,
    ...(row.closedByEventId ? { closedAt: at(row.closedByEventId) ?? 0 } : {}),
    timedAt: 0,
  };
}
