import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CaseDetail, HistoryEventView } from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import type { FieldError } from '../../shared/forms/form-types';
import { httpStatus, SERVICE_PROBLEM, toProblem } from '../../shared/problem';
import { CaseApi } from '../case-api';
import { CaseStore } from '../case-store';
import {
  type EventFormSpec,
  type FormContext,
  type Parsed,
  problemToErrors,
  type Values,
} from './event-form';
import type { Draft } from './record-draft';

export type EntryResult =
  | { kind: 'ok'; detail: CaseDetail }
  /** Saved, but the API could not read the case back to answer with it (a 500 with `saved: true`). */
  | { kind: 'saved' }
  /** Not saved (`unsure`: the service failed without saying whether the entry was saved). */
  | { kind: 'invalid'; errors: FieldError[]; unsure?: boolean }
  /** Someone else changed the case since the draft's version: what they added, and the case now. */
  | {
      kind: 'conflict';
      changes: HistoryEventView[];
      detail: CaseDetail;
      history: HistoryEventView[];
    };

/**
 * Sends an entry to the API, as a dry run (to check it and see its deadlines) or for real, and
 * says what came of it in terms a form can show. A 409 is a conflict when the case's version
 * moved on (someone else saved first); otherwise the entry is not allowed yet and the API says why.
 */
@Injectable()
export class RecordFlow {
  private readonly api = inject(CaseApi);
  private readonly store = inject(CaseStore);

  async send(
    spec: EventFormSpec,
    ctx: FormContext,
    values: Values,
    parsed: Parsed,
    draft: Draft,
    dryRun: boolean,
  ): Promise<EntryResult> {
    try {
      const detail = await firstValueFrom(
        this.api.record(
          spec.path(ctx),
          spec.body(parsed, ctx),
          draft.baseVersion,
          dryRun,
        ),
      );
      return { kind: 'ok', detail };
    } catch (error) {
      const status = httpStatus(error);
      const problem = toProblem(error);
      if (!dryRun && problem?.saved === true) return { kind: 'saved' };
      if (status === 409) {
        const fresh = await this.store.refresh().catch(() => undefined);
        if (fresh && fresh.detail.version !== draft.baseVersion) {
          return {
            kind: 'conflict',
            changes: fresh.history.filter(
              (e) => e.sequence > draft.baseSequence,
            ),
            detail: fresh.detail,
            history: fresh.history,
          };
        }
      }
      if (problem && status !== undefined && status < 500 && status !== 401) {
        return {
          kind: 'invalid',
          errors: problemToErrors(problem, spec, values, ctx),
        };
      }
      const offline = error instanceof HttpErrorResponse && error.status === 0;
      if (offline) {
        return {
          kind: 'invalid',
          errors: [
            {
              message:
                'The service could not be reached, so nothing was saved. Check your connection, then try again: your answers are kept.',
            },
          ],
        };
      }
      // A dry run never saves, and the API says "saved: false" when the entry's transaction rolled back.
      if (dryRun || problem?.saved === false)
        return {
          kind: 'invalid',
          errors: [
            {
              message: `${SERVICE_PROBLEM} Nothing was saved; your answers are kept.`,
            },
          ],
        };
      return {
        kind: 'invalid',
        unsure: true,
        errors: [
          {
            message: `${SERVICE_PROBLEM} Your entry may have been saved: open the case to check before you save it again. Your answers are kept.`,
          },
        ],
      };
    }
  }
}
