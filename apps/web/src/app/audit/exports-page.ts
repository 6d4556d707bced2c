import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportScope,
  type StartExportRequest,
} from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { Session } from '../core/session';
import { londonDateTimeText, londonToday } from '../shared/dates';
import { dateFrom as readDate, DATE_PARTS } from '../shared/date-field';
import { ErrorSummary, type SummaryError } from '../shared/error-summary';
import { SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { ExportApi } from './export-api';
import { exportSubject, FORMAT_LABELS, STATUS_TAGS } from './export-labels';

type Field = 'scope' | 'caseReference' | 'from' | 'to' | 'format';
interface FieldError extends SummaryError {
  field?: Field;
}

const FORMAT_HINTS: Record<ExportFormat, string> = {
  csv: 'One row per event, to open in a spreadsheet. Cells a spreadsheet would run as formulas are made safe.',
  json: 'Every field the hashes cover. Anyone can check the file of one case without the database, with verify-history.',
  pdf: 'Tables of events to read, print or send, with the check of each history and page numbers.',
};

/** Day, month and year as typed (shared/date-field.ts); a real date comes back as YYYY-MM-DD. */
function dateFrom(
  form: FormData,
  name: 'from' | 'to',
  label: string,
): { iso: string } | { error: FieldError } {
  const date = readDate(form, name, label);
  return 'iso' in date
    ? date
    : {
        error: { field: name, targetId: `${name}-day`, message: date.message },
      };
}

/**
 * The auditor's exports: choose one case (by reference) or a period of every case, and a format;
 * the export runs in the background and its page shows the progress. Below, the auditor's recent
 * exports.
 */
@Component({
  selector: 'app-exports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary],
  template: `
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <app-error-summary [errors]="errors()" />
        <h1 class="govuk-heading-l">Export case histories</h1>
        <p class="govuk-body">
          Export the complete history of one case, or every case's events in a period, for a complaint, an Ombudsman request or a subject
          access request. Large exports are made in the background: you can follow their progress and download them when they are ready.
        </p>
        <form novalidate (submit)="submit($event)">
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('scope')">
            <fieldset class="govuk-fieldset" [attr.aria-describedby]="errorFor('scope') ? 'scope-error' : null">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                <h2 class="govuk-fieldset__heading">What do you want to export?</h2>
              </legend>
              @if (errorFor('scope'); as message) {
                <p id="scope-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
              }
              <div class="govuk-radios" data-module="govuk-radios">
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id="scope" name="scope" type="radio" value="case" [checked]="scope() === 'case'"
                    aria-controls="conditional-scope-case" (change)="scope.set('case')" />
                  <label class="govuk-label govuk-radios__label" for="scope">The complete history of one case</label>
                </div>
                <div class="govuk-radios__conditional" [class.govuk-radios__conditional--hidden]="scope() !== 'case'" id="conditional-scope-case">
                  <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('caseReference')">
                    <label class="govuk-label" for="caseReference">Case reference</label>
                    <div id="caseReference-hint" class="govuk-hint">For example, RUT-2026-0101</div>
                    @if (errorFor('caseReference'); as message) {
                      <p id="caseReference-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
                    }
                    <input class="govuk-input govuk-input--width-20" [class.govuk-input--error]="errorFor('caseReference')" id="caseReference"
                      name="caseReference" type="text" spellcheck="false" autocomplete="off" [value]="caseReference() ?? ''"
                      [attr.aria-describedby]="errorFor('caseReference') ? 'caseReference-hint caseReference-error' : 'caseReference-hint'" />
                  </div>
                </div>
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id="scope-period" name="scope" type="radio" value="period" [checked]="scope() === 'period'"
                    aria-controls="conditional-scope-period" (change)="scope.set('period')" />
                  <label class="govuk-label govuk-radios__label" for="scope-period">Every case's events in a period</label>
                  <div class="govuk-hint govuk-radios__hint">The events that happened between two dates, case by case</div>
                </div>
                <div class="govuk-radios__conditional" [class.govuk-radios__conditional--hidden]="scope() !== 'period'" id="conditional-scope-period">
                  @for (d of dates; track d.name) {
                    <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor(d.name)">
                      <fieldset class="govuk-fieldset" role="group" [attr.aria-describedby]="d.name + '-hint' + (errorFor(d.name) ? ' ' + d.name + '-error' : '')">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{{ d.legend }}</legend>
                        <div [id]="d.name + '-hint'" class="govuk-hint">{{ d.hint }}</div>
                        @if (errorFor(d.name); as message) {
                          <p [id]="d.name + '-error'" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
                        }
                        <div class="govuk-date-input" [id]="d.name">
                          @for (p of parts; track p.part) {
                            <div class="govuk-date-input__item">
                              <div class="govuk-form-group">
                                <label class="govuk-label govuk-date-input__label" [for]="d.name + '-' + p.part">{{ p.label }}</label>
                                <input [class]="'govuk-input govuk-date-input__input ' + p.width" [class.govuk-input--error]="errorFor(d.name)"
                                  [id]="d.name + '-' + p.part" [name]="d.name + '-' + p.part" type="text" inputmode="numeric" />
                              </div>
                            </div>
                          }
                        </div>
                      </fieldset>
                    </div>
                  }
                </div>
              </div>
            </fieldset>
          </div>

          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('format')">
            <fieldset class="govuk-fieldset" [attr.aria-describedby]="errorFor('format') ? 'format-error' : null">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                <h2 class="govuk-fieldset__heading">Format</h2>
              </legend>
              @if (errorFor('format'); as message) {
                <p id="format-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
              }
              <div class="govuk-radios" data-module="govuk-radios">
                @for (f of formats; track f; let first = $first) {
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" [id]="first ? 'format' : 'format-' + f" name="format" type="radio" [value]="f"
                      [attr.aria-describedby]="'format-' + f + '-hint'" />
                    <label class="govuk-label govuk-radios__label" [for]="first ? 'format' : 'format-' + f">{{ formatLabel[f] }}</label>
                    <div [id]="'format-' + f + '-hint'" class="govuk-hint govuk-radios__hint">{{ formatHint[f] }}</div>
                  </div>
                }
              </div>
            </fieldset>
          </div>

          <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Start the export</button>
        </form>
      </div>
    </div>

    <h2 class="govuk-heading-m">Your recent exports</h2>
    @if (recent.error()) {
      <p class="govuk-body" role="alert">Your recent exports could not be loaded. Try again later.</p>
    } @else if (recent.hasValue()) {
      @if (recent.value().length) {
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Your recent exports, newest first</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Export</th>
              <th scope="col" class="govuk-table__header">Format</th>
              <th scope="col" class="govuk-table__header">Asked for</th>
              <th scope="col" class="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            @for (job of recent.value(); track job.id) {
              <tr class="govuk-table__row">
                <td class="govuk-table__cell"><a class="govuk-link" [routerLink]="['/audit/exports', job.id]">{{ subject(job) }}</a></td>
                <td class="govuk-table__cell">{{ formatLabel[job.format] }}</td>
                <td class="govuk-table__cell">{{ time(job.requestedAt) }}</td>
                <td class="govuk-table__cell"><strong [class]="status[job.status].className">{{ status[job.status].text }}</strong></td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="govuk-body">You have not exported anything yet. Exports are kept for a day, then deleted.</p>
      }
    } @else {
      <p class="govuk-body" role="status">Loading your recent exports…</p>
    }
  `,
})
export class ExportsPage {
  /** From a case page: `?caseReference=…` chooses that case. */
  readonly caseReference = input<string>();

  private readonly api = inject(ExportApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  protected readonly scope = linkedSignal<ExportScope | undefined>(() =>
    this.caseReference() ? 'case' : undefined,
  );
  protected readonly errors = signal<readonly FieldError[]>([]);
  protected readonly busy = signal(false);
  protected readonly formats = EXPORT_FORMATS;
  protected readonly formatLabel = FORMAT_LABELS;
  protected readonly formatHint = FORMAT_HINTS;
  protected readonly status = STATUS_TAGS;
  protected readonly subject = exportSubject;
  protected readonly time = londonDateTimeText;
  protected readonly dates = [
    {
      name: 'from',
      legend: 'From',
      hint: `The first day, for example 1 1 ${londonToday().slice(0, 4)}`,
    },
    {
      name: 'to',
      legend: 'To',
      hint: `The last day, for example 31 3 ${londonToday().slice(0, 4)}`,
    },
  ] as const;
  protected readonly parts = DATE_PARTS;

  protected readonly recent = rxResource({
    params: computed(() => this.session.currentId()),
    stream: () => this.api.recent(),
  });

  protected errorFor(field: Field): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const { request, errors } = this.validate(form);
    this.errors.set(errors);
    if (!request) return;
    this.busy.set(true);
    try {
      const job = await firstValueFrom(this.api.start(request));
      await this.router.navigate(['/audit/exports', job.id]);
    } catch (error) {
      const problem = toProblem(error);
      const named: Field[] = ['scope', 'caseReference', 'from', 'to', 'format'];
      const fieldErrors = (problem?.errors ?? []).map((e): FieldError => {
        const field = named.find((f) => f === e.field);
        return field
          ? {
              field,
              targetId:
                field === 'from' || field === 'to' ? `${field}-day` : field,
              message: capitalise(e.message),
            }
          : { message: e.message };
      });
      this.errors.set(
        fieldErrors.length
          ? fieldErrors
          : [{ message: problem?.detail ?? SERVICE_PROBLEM }],
      );
    } finally {
      this.busy.set(false);
    }
  }

  private validate(form: FormData): {
    request?: StartExportRequest;
    errors: FieldError[];
  } {
    const errors: FieldError[] = [];
    const scope = this.scope();
    const format = form.get('format') as ExportFormat | null;
    let request: StartExportRequest | undefined;
    if (!scope)
      errors.push({
        field: 'scope',
        targetId: 'scope',
        message: 'Select what you want to export',
      });
    if (scope === 'case') {
      const caseReference = String(form.get('caseReference') ?? '').trim();
      if (!caseReference)
        errors.push({
          field: 'caseReference',
          targetId: 'caseReference',
          message: 'Enter the case reference',
        });
      else request = { scope, format: format ?? 'csv', caseReference };
    }
    if (scope === 'period') {
      const from = dateFrom(form, 'from', 'first day');
      const to = dateFrom(form, 'to', 'last day');
      if ('error' in from) errors.push(from.error);
      if ('error' in to) errors.push(to.error);
      if ('iso' in from && 'iso' in to) {
        if (from.iso > to.iso)
          errors.push({
            field: 'to',
            targetId: 'to-day',
            message: 'The last day must be the same as or after the first day',
          });
        else
          request = {
            scope,
            format: format ?? 'csv',
            from: from.iso,
            to: to.iso,
          };
      }
    }
    if (!format)
      errors.push({
        field: 'format',
        targetId: 'format',
        message: 'Select a format',
      });
    return errors.length ? { errors } : { request, errors };
  }
}

const capitalise = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1);
