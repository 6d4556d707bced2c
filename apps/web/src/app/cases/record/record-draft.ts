import { Injectable } from '@angular/core';
import type { CaseDetail, HistoryEventView } from '@send/contracts';
import type { Parsed, Values } from './event-form';

/** What was typed into one form, and the dry run's answer: kept until saved, so that nothing typed is lost. */
export interface Draft {
  values: Values;
  parsed?: Parsed;
  /** The case as it would be after the entry (the dry run). */
  preview?: CaseDetail;
  /** The case version the answers were checked against. */
  baseVersion: number;
  /** The last history entry when the form was opened: what came later was someone else's. */
  baseSequence: number;
  /** Entries added by others since the form was opened, once a save met a conflict. */
  changedSince?: HistoryEventView[];
}

/** The prefix of every draft's key in `sessionStorage`. */
const PREFIX = 'send-record-draft:';

/** `sessionStorage`, or nothing where the browser refuses it (private modes, tests without a DOM). */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Drafts of entries being recorded, by case, form and subject. Survives moving between a form, its
 * check page and back, and a reload of either: kept in this tab's `sessionStorage` (gone when the
 * tab closes), cleared when the entry is saved or cancelled, and every draft at sign-out.
 */
@Injectable({ providedIn: 'root' })
export class RecordDraft {
  private readonly drafts = new Map<string, Draft>();

  static key(
    caseId: string,
    kind: string,
    params: Readonly<Record<string, string | undefined>>,
  ): string {
    const subject = Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    return `${caseId}/${kind}?${subject}`;
  }

  get(key: string): Draft | undefined {
    const held = this.drafts.get(key);
    if (held) return held;
    const stored = storage()?.getItem(PREFIX + key);
    if (!stored) return undefined;
    try {
      const draft = JSON.parse(stored) as Draft;
      this.drafts.set(key, draft);
      return draft;
    } catch {
      storage()?.removeItem(PREFIX + key);
      return undefined;
    }
  }

  set(key: string, draft: Draft): void {
    this.drafts.set(key, draft);
    try {
      storage()?.setItem(PREFIX + key, JSON.stringify(draft));
    } catch {
      // Storage full or refused: the draft is still kept in memory for this page's life.
    }
  }

  clear(key: string): void {
    this.drafts.delete(key);
    storage()?.removeItem(PREFIX + key);
  }

  /** Forgets every draft (at sign-out). */
  clearAll(): void {
    this.drafts.clear();
    const store = storage();
    if (!store) return;
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i));
    for (const key of keys) if (key?.startsWith(PREFIX)) store.removeItem(key);
  }
}
