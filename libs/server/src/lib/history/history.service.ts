import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  HistoryEventView,
  HistoryExportEvent,
  HistoryVerification,
} from '@send/contracts';
import { pipeline, type Readable, Transform } from 'node:stream';
import { type DataSource, MoreThan } from 'typeorm';
import { CaseEntity, CaseEventEntity } from '../db/entities';
import { streamRows } from '../db/stream-rows';
import { readableCsvOf } from '../http/csv';
import { HISTORY_CSV_COLUMNS, historyCsvRow } from './readable-history';
import { ChainVerifier } from './verify-chain';

export { neutraliseFormula } from '../http/csv';

/** Every column the hash covers, named as in the export. */
const EXPORT_SELECT = `
  SELECT id, case_id AS "caseId", sequence, type, payload_version AS "payloadVersion", payload,
         actor_id AS "actorId", actor_name AS "actorName", actor_role AS "actorRole", on_behalf_of AS "onBehalfOf",
         business_date AS "businessDate", recorded_at AS "recordedAt", summary, reason,
         stage_before AS "stageBefore", stage_after AS "stageAfter", correlation_id AS "correlationId",
         corrects_event_id AS "correctsEventId", previous_hash AS "previousHash", hash
  FROM case_event WHERE case_id = $1 ORDER BY sequence`;

type ExportRow = Omit<HistoryExportEvent, 'recordedAt'> & { recordedAt: Date };
const toExportEvent = (row: ExportRow): HistoryExportEvent => ({
  ...row,
  recordedAt: new Date(row.recordedAt).toISOString(),
});

export function toHistoryView(e: CaseEventEntity): HistoryEventView {
  return {
    id: e.id,
    sequence: e.sequence,
    type: e.type,
    summary: e.summary,
    businessDate: e.businessDate,
    recordedAt: e.recordedAt.toISOString(),
    actorName: e.actorName,
    actorRole: e.actorRole,
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.correctsEventId ? { correctsEventId: e.correctsEventId } : {}),
    payload: e.payload as Record<string, unknown>,
    hash: e.hash,
    previousHash: e.previousHash,
  };
}

@Injectable()
export class HistoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The case's events in order: those after sequence `after`, at most `limit` of them. */
  async history(
    caseId: string,
    { after = 0, limit = 1000 }: { after?: number; limit?: number } = {},
  ): Promise<HistoryEventView[]> {
    await this.assertCaseExists(caseId);
    const events = await this.db.getRepository(CaseEventEntity).find({
      where: { caseId, sequence: MoreThan(after) },
      order: { sequence: 'ASC' },
      take: limit,
    });
    return events.map(toHistoryView);
  }

  /**
   * The history as CSV for people to read (readable-history.ts: the same shape as an export's CSV),
   * one row per event, formulas neutralised; streamed from a cursor.
   */
  async historyCsv(
    caseId: string,
  ): Promise<{ reference: string; stream: Readable }> {
    const c = await this.assertCaseExists(caseId);
    const rows = await streamRows(this.db, EXPORT_SELECT, [caseId]);
    return {
      reference: c.reference,
      stream: readableCsvOf(rows, [...HISTORY_CSV_COLUMNS], (row: ExportRow) =>
        historyCsvRow(c.reference, toExportEvent(row)),
      ),
    };
  }

  /** The whole history as JSON with every hashed field, for `verify-history`; streamed from a cursor. */
  async historyJson(
    caseId: string,
  ): Promise<{ reference: string; stream: Readable }> {
    const c = await this.assertCaseExists(caseId);
    const rows = await streamRows(this.db, EXPORT_SELECT, [caseId]);
    let first = true;
    const head = `{"caseId":${JSON.stringify(c.id)},"reference":${JSON.stringify(c.reference)},"exportedAt":"${new Date().toISOString()}","events":[`;
    const json = new Transform({
      writableObjectMode: true,
      transform(row: ExportRow, _enc, done) {
        const text = JSON.stringify(toExportEvent(row));
        done(null, first ? `${head}\n${text}` : `,\n${text}`);
        first = false;
      },
      flush(done) {
        done(null, first ? `${head}]}\n` : `\n]}\n`);
      },
    });
    // As csvOf: the client going away (json destroyed) or a failure destroys the cursor too.
    pipeline(rows, json, () => undefined);
    return { reference: c.reference, stream: json };
  }

  /** Recomputes the hash chain from the stored rows (a cursor: constant memory). */
  async verify(caseId: string): Promise<HistoryVerification> {
    await this.assertCaseExists(caseId);
    const verifier = new ChainVerifier();
    const rows = await streamRows(this.db, EXPORT_SELECT, [caseId]);
    for await (const row of rows) verifier.add(toExportEvent(row as ExportRow));
    return verifier.result();
  }

  private async assertCaseExists(caseId: string): Promise<CaseEntity> {
    const c = await this.db.getRepository(CaseEntity).findOneBy({ id: caseId });
    if (!c) throw new NotFoundException(`There is no case with id ${caseId}.`);
    return c;
  }
}
