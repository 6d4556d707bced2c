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

/**
 * Drafts of entries being recorded, in memory only (never in browser storage: they hold personal
 * data), by case, form and subject. Survives moving between a form, its check page and back.
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
    return this.drafts.get(key);
  }

  set(key: string, draft: Draft): void {
    this.drafts.set(key, draft);
  }

  clear(key: string): void {
    this.drafts.delete(key);
  }

  /** Forgets every draft (at sign-out). */
  clearAll(): void {
    this.drafts.clear();
  }
}
