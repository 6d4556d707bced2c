export interface HistoryEventView {
  id: string;
  sequence: number;
  type: string;
  summary: string;
  /** When it happened (the business date). */
  businessDate: string;
  /** When it was recorded (system time, ISO 8601). */
  recordedAt: string;
  actorName: string;
  actorRole: string;
  reason?: string;
  /** For a correction: the id of the event it corrects. */
  correctsEventId?: string;
  payload: Record<string, unknown>;
  hash: string;
  previousHash: string | null;
}

/** One event of an exported history, with every field its hash covers (see `verify-history`). */
export interface HistoryExportEvent {
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
  recordedAt: string;
  summary: string;
  reason: string | null;
  stageBefore: string | null;
  stageAfter: string;
  correlationId: string;
  correctsEventId: string | null;
  previousHash: string | null;
  hash: string;
}

/** A case's history exported whole, verifiable without the database. */
export interface HistoryExport {
  caseId: string;
  reference: string;
  exportedAt: string;
  events: HistoryExportEvent[];
}

/** The result of checking a history's hash chain. */
export interface HistoryVerification {
  valid: boolean;
  events: number;
  /** The first event whose hash or link to the previous event does not match. */
  firstMismatch?: { sequence: number; id: string; problem: string };
}
