import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  applyCaseEvent,
  businessDateOf,
  Calendar,
  CASE_EVENT_PAYLOAD_VERSION,
  type CaseEvent,
  type CaseSnapshot,
  checkCaseEvent,
  checkHistory,
  deadlineEffects,
  dueDate,
  dueOfDeadline,
  formatLongDate,
  ledgerKey,
  plannedDeadlines,
  RULESET_VERSION,
  summariseCaseEvent,
} from '@send/domain';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Clock } from '../clock/clock';
import { CaseEntity, CaseEventEntity, DeadlineEntity, OutboxEntity } from '../db/entities';
import { eventHash } from '../history/event-hash';
import { OUTBOX_TOPICS } from '../queue/queues';

export const CALENDAR = Symbol('CALENDAR');

/** What a recorded event became in the history. */
export interface RecordedEvent {
  eventId: string;
  /** The event's place in the case's history. */
  sequence: number;
  /** The case version after it: moves only when what the case records changed. */
  version: number;
}

/**
 * The event to record, or a function that makes it inside the transaction, once the case is
 * locked (when it depends on rows that must not change meanwhile, such as a deadline or the history).
 */
export type EventSource = CaseEvent | ((tx: EntityManager) => Promise<CaseEvent>);

/** Thrown to roll a dry run back; carries what was read before the rollback. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run');
  }
}

/** An extension's line in a deadline's explanation. */
export const extensionLine = (x: { fromDueOn: string; toDueOn: string; reason: string; agreedBy: string }) =>
  `Extended from ${formatLongDate(x.fromDueOn)} to ${formatLongDate(x.toDueOn)}: ${x.reason} (agreed by ${x.agreedBy})`;

export interface RecordOptions {
  /** The case version the caller's write was based on; omitted only for system events. */
  expectedVersion?: number;
  reason?: string;
  correlationId?: string;
}

/**
 * The one write path for a case. In a single transaction: lock the case, check the event with the
 * domain rules, update the snapshot, append the hashed history event, open and close deadlines,
 * and queue outbox rows for the worker. Nothing talks to Redis here.
 */
@Injectable()
export class CaseCommandService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: Calendar,
  ) {}

  /** Opens a case; returns its id. */
  async open(event: Extract<CaseEvent, { type: 'case.opened' }>, actor: Actor): Promise<string> {
    return this.db.transaction(async (tx) => {
      if (await tx.getRepository(CaseEntity).existsBy({ reference: event.reference })) {
        throw new ConflictException(`A case with reference ${event.reference} already exists.`);
      }
      const id = randomUUID();
      await this.commit(tx, id, undefined, event, actor, {});
      return id;
    });
  }

  /** Records an event on an existing case. */
  async record(caseId: string, event: EventSource, actor: Actor, options: RecordOptions): Promise<RecordedEvent> {
    return this.db.transaction((tx) => this.recordIn(tx, caseId, event, actor, options));
  }

  /**
   * Does everything `record` would (every check, the snapshot, the history event, the deadlines),
   * reads the outcome with `read` inside the same transaction, then rolls it all back: nothing is
   * saved and nothing is queued. Forms use it to show the deadlines an entry opens or moves before saving.
   */
  async dryRun<T>(caseId: string, event: EventSource, actor: Actor, options: RecordOptions, read: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      await this.db.transaction(async (tx) => {
        await this.recordIn(tx, caseId, event, actor, options);
        throw new DryRunRollback(await read(tx));
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result as T;
      throw error;
    }
    throw new Error('unreachable: a dry run always rolls back');
  }

  /** As `record`, inside a transaction the caller already holds. */
  async recordIn(tx: EntityManager, caseId: string, source: EventSource, actor: Actor, options: RecordOptions): Promise<RecordedEvent> {
    const current = await tx
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :caseId', { caseId })
      .getOne();
    if (!current) throw new NotFoundException(`There is no case with id ${caseId}.`);
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      throw new ConflictException(
        `This case has changed since you opened it (you had version ${options.expectedVersion}; it is now at version ${current.version}). Reload it, check the changes, then save again.`,
      );
    }
    const event = typeof source === 'function' ? await source(tx) : source;
    return this.commit(tx, caseId, current, event, actor, options);
  }

  /** The case's history as recorded, in order (event n at index n − 1). */
  async historyOf(tx: EntityManager, caseId: string): Promise<CaseEvent[]> {
    const rows = await tx.getRepository(CaseEventEntity).find({ where: { caseId }, order: { sequence: 'ASC' }, select: { type: true, payload: true } });
    return rows.map((r) => ({ type: r.type, ...r.payload }) as CaseEvent);
  }

  private async commit(
    tx: EntityManager,
    caseId: string,
    current: CaseEntity | undefined,
    event: CaseEvent,
    actor: Actor,
    options: RecordOptions,
  ): Promise<RecordedEvent> {
    // A correction makes the case what the corrected history gives: every event checked again, in order.
    const history = event.type === 'event.corrected' ? [...(await this.historyOf(tx, caseId)), event] : undefined;
    let snapshot: CaseSnapshot;
    if (history) {
      snapshot = checkHistory(history) as CaseSnapshot;
    } else {
      checkCaseEvent(current?.snapshot, event);
      snapshot = applyCaseEvent(current?.snapshot, event);
    }
    // The version guards caseworkers' edits: events that change nothing on the case (the deadline
    // monitor's, an extension) do not make someone's open form stale.
    const changed = !current || JSON.stringify(current.snapshot) !== JSON.stringify(snapshot);
    const version = (current?.version ?? 0) + (changed ? 1 : 0);
    const now = this.clock.now();

    await tx.getRepository(CaseEntity).save({
      id: caseId,
      reference: snapshot.reference,
      childName: snapshot.childName,
      dateOfBirth: snapshot.dateOfBirth,
      caseworker: snapshot.caseworker,
      team: snapshot.team,
      stage: snapshot.stage,
      version,
      snapshot,
      updatedAt: now,
    });

    const previous = current
      ? await tx
          .getRepository(CaseEventEntity)
          .findOne({ where: { caseId }, order: { sequence: 'DESC' }, select: { hash: true, sequence: true } })
      : null;
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
      correctsEventId: await this.correctedEventId(tx, caseId, event),
      previousHash: previous?.hash ?? null,
    };
    await tx.getRepository(CaseEventEntity).insert({ ...content, recordedAt: now, hash: eventHash(content) });

    if (history) await this.reconcileDeadlines(tx, caseId, snapshot.caseworker, history, content.id, sequence);
    else await this.applyDeadlineEffects(tx, caseId, snapshot.caseworker, current?.snapshot, event, content.id);
    return { eventId: content.id, sequence, version };
  }

  /** A correction points to the event it corrects; nothing is edited in place. */
  private async correctedEventId(tx: EntityManager, caseId: string, event: CaseEvent): Promise<string | null> {
    if (event.type === 'event.corrected') {
      const target = await tx.getRepository(CaseEventEntity).findOne({ where: { caseId, sequence: event.correctsSequence }, select: { id: true } });
      return target?.id ?? null;
    }
    if (event.type !== 'decision.corrected') return null;
    const original = await tx
      .getRepository(CaseEventEntity)
      .createQueryBuilder('e')
      .select('e.id')
      .where("e.case_id = :caseId AND e.type = 'decision.issued' AND e.payload->>'decisionId' = :decisionId", {
        caseId,
        decisionId: event.decisionId,
      })
      .getOne();
    return original?.id ?? null;
  }

  /** Asks the worker (through the outbox, after commit) to time the deadline's job for `dueOn`. */
  private retime(tx: EntityManager, deadlineId: string, dueOn: string, previousDueOn?: string) {
    // `previousDueOn` lets the relay remove the job timed for the old date (it would do nothing anyway).
    return tx.getRepository(OutboxEntity).insert({
      topic: OUTBOX_TOPICS.deadlineOpened,
      payload: { deadlineId, dueOn, ...(previousDueOn && previousDueOn !== dueOn ? { previousDueOn } : {}) },
    });
  }

  /**
   * After a correction: brings the case's deadline rows to what the corrected history implies
   * (`plannedDeadlines`). Due dates are computed again from the corrected facts (an extension's
   * later date still stands); a deadline met or cancelled by a corrected event follows it; one the
   * history no longer implies is cancelled, one it newly implies is opened. Rows are never deleted.
   */
  private async reconcileDeadlines(
    tx: EntityManager,
    caseId: string,
    owner: string,
    history: readonly CaseEvent[],
    eventId: string,
    sequence: number,
  ): Promise<void> {
    const deadlines = tx.getRepository(DeadlineEntity);
    const now = this.clock.now();
    const today = this.clock.today();
    const rows = new Map((await deadlines.findBy({ caseId })).map((d) => [ledgerKey(d.ruleId, d.subjectId), d]));
    const isLive = (status: string) => status === 'open' || status === 'overdue';
    for (const [key, planned] of plannedDeadlines(history, this.calendar)) {
      const row = rows.get(key);
      rows.delete(key);
      const computed = dueOfDeadline(planned, this.calendar);
      const lastExtension = row?.extensions.at(-1)?.toDueOn;
      const dueOn = lastExtension !== undefined && lastExtension > computed.dueOn ? lastExtension : computed.dueOn;
      const explanation = [...computed.explanation, ...(row?.extensions ?? []).map(extensionLine)];
      const status =
        planned.status === 'met' ? 'met' : planned.status === 'cancelled' ? 'cancelled' : row?.status === 'overdue' && dueOn < today ? 'overdue' : 'open';
      const fields = {
        dueOn,
        explanation,
        facts: planned.facts,
        rulesetVersion: RULESET_VERSION,
        status,
        metOn: planned.status === 'met' ? (planned.metOn ?? null) : null,
        cancelledReason: planned.status === 'cancelled' ? (planned.cancelledReason ?? null) : null,
      } as const;
      if (!row) {
        const id = randomUUID();
        await deadlines.insert({
          id,
          caseId,
          ruleId: planned.ruleId,
          subjectId: planned.subjectId,
          ...fields,
          responsibleBody: planned.responsibleBody ?? null,
          dutyHolder: planned.dutyHolder,
          extensions: [],
          owner,
          openedByEventId: eventId,
          closedByEventId: status === 'met' || status === 'cancelled' ? eventId : null,
        });
        if (isLive(status)) await this.retime(tx, id, dueOn);
        continue;
      }
      const unchanged =
        row.dueOn === dueOn &&
        row.status === status &&
        (row.metOn ?? null) === fields.metOn &&
        JSON.stringify(row.facts) === JSON.stringify(fields.facts) &&
        JSON.stringify(row.explanation) === JSON.stringify(explanation);
      if (unchanged) continue;
      const closes = (status === 'met' || status === 'cancelled') && (isLive(row.status) || row.status !== status);
      await deadlines.update(
        { id: row.id },
        { ...fields, ...(closes ? { closedByEventId: eventId } : isLive(status) ? { closedByEventId: null } : {}), updatedAt: now },
      );
      if (isLive(status) && (row.dueOn !== dueOn || !isLive(row.status))) await this.retime(tx, row.id, dueOn, row.dueOn);
    }
    for (const row of rows.values()) {
      if (!isLive(row.status)) continue;
      await deadlines.update(
        { id: row.id },
        { status: 'cancelled', cancelledReason: `No longer applies after the correction recorded as event ${sequence}`, closedByEventId: eventId, updatedAt: now },
      );
    }
  }

  /** Opens, meets, moves, cancels and extends deadlines as the domain says; every changed due date is re-timed through the outbox. */
  private async applyDeadlineEffects(
    tx: EntityManager,
    caseId: string,
    owner: string,
    before: CaseSnapshot | undefined,
    event: CaseEvent,
    eventId: string,
  ): Promise<void> {
    const effects = deadlineEffects(before, event);
    const deadlines = tx.getRepository(DeadlineEntity);
    const now = this.clock.now();
    if (event.type === 'case.reassigned') {
      // The case's live deadlines go with it: reminders, the calendar feed and dashboards follow the owner.
      await deadlines
        .createQueryBuilder()
        .update()
        .set({ owner, updatedAt: now })
        .where("case_id = :caseId AND status IN ('open', 'overdue')", { caseId })
        .execute();
    }
    const find = (ruleId: string, subjectId: string) => deadlines.findOneBy({ caseId, ruleId, subjectId });
    const retime = (deadlineId: string, dueOn: string, previousDueOn?: string) => this.retime(tx, deadlineId, dueOn, previousDueOn);
    const isLive = (d: DeadlineEntity | null): d is DeadlineEntity => !!d && (d.status === 'open' || d.status === 'overdue');

    for (const open of effects.open) {
      const { dueOn, explanation } = dueOfDeadline(open, this.calendar);
      const id = randomUUID();
      await deadlines.insert({
        id,
        caseId,
        ruleId: open.ruleId,
        subjectId: open.subjectId,
        rulesetVersion: RULESET_VERSION,
        facts: open.facts,
        dueOn,
        explanation,
        status: 'open',
        metOn: null,
        responsibleBody: open.responsibleBody ?? null,
        dutyHolder: open.dutyHolder,
        extensions: [],
        cancelledReason: null,
        owner,
        openedByEventId: eventId,
        closedByEventId: null,
      });
      await retime(id, dueOn);
    }
    for (const close of effects.close) {
      const d = await find(close.ruleId, close.subjectId);
      if (isLive(d)) {
        await deadlines.update({ id: d.id }, { status: 'met', metOn: close.metOn, closedByEventId: eventId, updatedAt: now });
      }
    }
    for (const move of effects.move) {
      const d = await find(move.ruleId, move.subjectId);
      if (!isLive(d)) continue;
      const { dueOn, explanation } = dueDate(move.ruleId, move.facts, this.calendar);
      if (dueOn === d.dueOn && JSON.stringify(explanation) === JSON.stringify(d.explanation)) continue;
      await deadlines.update(
        { id: d.id },
        { dueOn, explanation, facts: move.facts, rulesetVersion: RULESET_VERSION, status: 'open', updatedAt: now },
      );
      await retime(d.id, dueOn, d.dueOn);
    }
    for (const cancel of effects.cancel) {
      const d = await find(cancel.ruleId, cancel.subjectId);
      if (isLive(d)) {
        await deadlines.update(
          { id: d.id },
          { status: 'cancelled', cancelledReason: cancel.reason, closedByEventId: eventId, updatedAt: now },
        );
      }
    }
    for (const extend of effects.extend) {
      const d = await find(extend.ruleId, extend.subjectId);
      if (!isLive(d) || event.type !== 'deadline.extended') continue;
      const extension = { fromDueOn: d.dueOn, toDueOn: extend.toDueOn, reason: event.reason, agreedBy: event.agreedBy, eventId };
      await deadlines.update(
        { id: d.id },
        {
          dueOn: extend.toDueOn,
          status: 'open',
          extensions: [...d.extensions, extension],
          explanation: [...d.explanation, extensionLine(extension)],
          updatedAt: now,
        },
      );
      await retime(d.id, extend.toDueOn, d.dueOn);
    }
  }
}
