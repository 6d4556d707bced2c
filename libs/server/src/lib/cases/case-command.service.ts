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
  deadlineEffects,
  dueDate,
  formatLongDate,
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
  async record(caseId: string, event: CaseEvent, actor: Actor, options: RecordOptions): Promise<RecordedEvent> {
    return this.db.transaction((tx) => this.recordIn(tx, caseId, event, actor, options));
  }

  /** As `record`, inside a transaction the caller already holds. */
  async recordIn(tx: EntityManager, caseId: string, event: CaseEvent, actor: Actor, options: RecordOptions): Promise<RecordedEvent> {
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
    return this.commit(tx, caseId, current, event, actor, options);
  }

  private async commit(
    tx: EntityManager,
    caseId: string,
    current: CaseEntity | undefined,
    event: CaseEvent,
    actor: Actor,
    options: RecordOptions,
  ): Promise<RecordedEvent> {
    checkCaseEvent(current?.snapshot, event);
    const snapshot = applyCaseEvent(current?.snapshot, event);
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

    await this.applyDeadlineEffects(tx, caseId, snapshot.caseworker, current?.snapshot, event, content.id);
    return { eventId: content.id, sequence, version };
  }

  /** A correction points to the event it corrects; nothing is edited in place. */
  private async correctedEventId(tx: EntityManager, caseId: string, event: CaseEvent): Promise<string | null> {
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
    const find = (ruleId: string, subjectId: string) => deadlines.findOneBy({ caseId, ruleId, subjectId });
    // `previousDueOn` lets the relay remove the job timed for the old date (it would do nothing anyway).
    const retime = (deadlineId: string, dueOn: string, previousDueOn?: string) =>
      tx.getRepository(OutboxEntity).insert({
        topic: OUTBOX_TOPICS.deadlineOpened,
        payload: { deadlineId, dueOn, ...(previousDueOn && previousDueOn !== dueOn ? { previousDueOn } : {}) },
      });
    const isLive = (d: DeadlineEntity | null): d is DeadlineEntity => !!d && (d.status === 'open' || d.status === 'overdue');

    for (const open of effects.open) {
      const { dueOn, explanation } = dueDate(open.ruleId, open.facts, this.calendar);
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
          explanation: [
            ...d.explanation,
            `Extended from ${formatLongDate(d.dueOn)} to ${formatLongDate(extend.toDueOn)}: ${event.reason} (agreed by ${event.agreedBy})`,
          ],
          updatedAt: now,
        },
      );
      await retime(d.id, extend.toDueOn, d.dueOn);
    }
  }
}
