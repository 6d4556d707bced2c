import { computed, inject, Injectable, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { CaseDetail, HistoryEventView } from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { Session } from '../core/session';
import { CaseApi } from './case-api';

/**
 * One case and its history, loaded once for the case's pages (provided by the case layout, so its
 * tabs and forms share it). Saving an entry puts the API's answer in place and reloads the history.
 */
@Injectable()
export class CaseStore {
  private readonly api = inject(CaseApi);
  private readonly session = inject(Session);
  readonly caseId = signal<string | undefined>(undefined);

  private readonly params = computed(() => {
    const id = this.caseId();
    const user = this.session.currentId();
    return id && user ? { id, user } : undefined;
  });

  readonly detail = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.get(params.id),
  });
  readonly history = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.history(params.id),
  });

  /** The case once loaded. */
  readonly current = computed(() =>
    this.detail.hasValue() ? this.detail.value() : undefined,
  );

  /** The last entry's place in the history (0 before it has loaded). */
  readonly lastSequence = computed(() =>
    this.history.hasValue()
      ? Math.max(0, ...this.history.value().map((e) => e.sequence))
      : 0,
  );

  /** After a save: the case as the API answered, then the history again. */
  saved(detail: CaseDetail): void {
    this.detail.set(detail);
    this.history.reload();
  }

  /** Loads the case and its history again now (after a conflict), and answers both. */
  async refresh(): Promise<{
    detail: CaseDetail;
    history: HistoryEventView[];
  }> {
    const id = this.caseId();
    if (!id) throw new Error('No case is open');
    const [detail, history] = await Promise.all([
      firstValueFrom(this.api.get(id)),
      firstValueFrom(this.api.history(id)),
    ]);
    this.detail.set(detail);
    this.history.set(history);
    return { detail, history };
  }
}
