import type { HistoryExportEvent, HistoryVerification } from '@send/contracts';
import { eventHash } from './event-hash';

/**
 * Checks a history's hash chain one event at a time (constant memory): each event's hash must be
 * the SHA-256 of its canonical content, its `previousHash` the hash of the event before, and the
 * sequence must run 1, 2, 3… with no gap. Works on an exported history alone, without the database.
 */
export class ChainVerifier {
  private previous: string | null = null;
  private count = 0;
  private mismatch?: HistoryVerification['firstMismatch'];

  add(event: HistoryExportEvent): void {
    this.count++;
    if (this.mismatch) return;
    const problem = this.check(event);
    if (problem)
      this.mismatch = { sequence: event.sequence, id: event.id, problem };
    this.previous = event.hash;
  }

  result(): HistoryVerification {
    return {
      valid: !this.mismatch,
      events: this.count,
      ...(this.mismatch ? { firstMismatch: this.mismatch } : {}),
    };
  }

  private check(e: HistoryExportEvent): string | undefined {
    if (e.sequence !== this.count)
      return `expected event number ${this.count} here, found ${e.sequence}: an event is missing or out of order`;
    if (e.previousHash !== this.previous)
      return 'its link to the previous event does not match: an earlier event was changed or removed';
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { hash, ...content } = e;
    if (eventHash(content) !== hash)
      return 'its content does not match its hash: it was changed after it was recorded';
    return undefined;
  }
}

export function verifyHistory(
  events: Iterable<HistoryExportEvent>,
): HistoryVerification {
  const verifier = new ChainVerifier();
  for (const e of events) verifier.add(e);
  return verifier.result();
}
