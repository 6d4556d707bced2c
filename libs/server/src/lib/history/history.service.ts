import { Injectable, NotFoundException } from '@nestjs/common';
import type {
  HistoryEventView,
  HistoryExportEvent,
  HistoryVerification,
} from '@send/contracts';
import { pipeline, type Readable, Transform } from 'node:stream';
import { readableCsvOf } from '../http/csv';
import { type HistoryPageRow, HistoryRepository } from './history.repository';
import { HISTORY_CSV_COLUMNS, historyCsvRow } from './readable-history';
import { ChainVerifier } from './verify-chain';

export { neutraliseFormula } from '../http/csv';

export function toHistoryView(e: HistoryPageRow): HistoryEventView {
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
    payload: e.payload,
    hash: e.hash,
    previousHash: e.previousHash,
  };
}

const noSuchCase = (caseId: string) =>
  new NotFoundException(`There is no case with id ${caseId}.`);

@Injectable()
export class HistoryService {
  constructor(private readonly events: HistoryRepository) {}

  /** The case's events in order: those after sequence `after`, at most `limit` of them. */
  async history(
    caseId: string,
    { after = 0, limit = 1000 }: { after?: number; limit?: number } = {},
  ): Promise<HistoryEventView[]> {
    const events = await this.events.page(caseId, after, limit);
    if (!events) throw noSuchCase(caseId);
    return events.map(toHistoryView);
  }

  /**
   * The history as CSV for people to read (readable-history.ts: the same shape as an export's CSV),
   * one row per event, formulas neutralised; streamed from a cursor.
   */
  async historyCsv(
    caseId: string,
  ): Promise<{ reference: string; stream: Readable }> {
    const { reference } = await this.caseOf(caseId);
    const rows = await this.events.exportRows(caseId);
    return {
      reference,
      stream: readableCsvOf(
        rows,
        [...HISTORY_CSV_COLUMNS],
        (row: HistoryExportEvent) => historyCsvRow(reference, row),
      ),
    };
  }

  /** The whole history as JSON with every hashed field, for `verify-history`; streamed from a cursor. */
  async historyJson(
    caseId: string,
  ): Promise<{ reference: string; stream: Readable }> {
    const { id, reference } = await this.caseOf(caseId);
    const rows = await this.events.exportRows(caseId);
    let first = true;
    const head = `{"caseId":${JSON.stringify(id)},"reference":${JSON.stringify(reference)},"exportedAt":"${new Date().toISOString()}","events":[`;
    const json = new Transform({
      writableObjectMode: true,
      transform(row: HistoryExportEvent, _enc, done) {
        const text = JSON.stringify(row);
        done(null, first ? `${head}\n${text}` : `,\n${text}`);
        first = false;
      },
      flush(done) {
        done(null, first ? `${head}]}\n` : `\n]}\n`);
      },
    });
    // As csvOf: the client going away (json destroyed) or a failure destroys the cursor too.
    pipeline(rows, json, () => undefined);
    return { reference, stream: json };
  }

  /** Recomputes the hash chain from the stored rows (a cursor: constant memory). */
  async verify(caseId: string): Promise<HistoryVerification> {
    await this.caseOf(caseId);
    const verifier = new ChainVerifier();
    const rows = await this.events.exportRows(caseId);
    for await (const row of rows) verifier.add(row as HistoryExportEvent);
    return verifier.result();
  }

  /** The case's id as stored and its reference, or 404 when there is no such case. */
  private async caseOf(
    caseId: string,
  ): Promise<{ id: string; reference: string }> {
    const found = await this.events.caseOf(caseId);
    if (!found) throw noSuchCase(caseId);
    return found;
  }
}
