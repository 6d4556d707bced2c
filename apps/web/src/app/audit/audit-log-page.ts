import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import {
  type AccessLogListEntry,
  type AccessLogQuery,
  type SecurityLogQuery,
  LOG_OUTCOME_LABELS,
  SECURITY_EVENT_LABELS,
  type SecurityLogListEntry,
} from '@send/contracts';
import { map, type Observable } from 'rxjs';
import {
  dateFrom,
  dateLeftEmpty,
  DATE_PARTS,
  datePartsOf,
} from '../shared/date-field';
import { londonDateTimeText } from '../shared/dates';
import { ErrorSummary, type SummaryError } from '../shared/error-summary';
import { roleLabel } from '../shared/labels';
import { SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { AuditLogApi, type LogKind, type LogQuery } from './audit-log-api';

type Field = 'person' | 'caseReference' | 'from' | 'to';
interface FieldError extends SummaryError {
  field?: Field;
}

/** One row of either log, as the table shows it. */
interface LogRow {
  id: string;
  at: string;
  who: string;
  what: string;
  why: string;
  caseReference: string | null;
  subject: string | null;
  outcome: string;
  failed: boolean;
}

const TEXT = {
  access: {
    title: 'Access log',
    lead: 'Every read of case data, and every read that was refused: who, what, when, why and from where.',
    outcomes: [
      { value: 'allowed', text: 'Allowed' },
      { value: 'denied', text: 'Refused' },
    ],
    personHint:
      'Part of the name of the member of staff who read (or tried to)',
  },
  security: {
    title: 'Security log',
    lead: 'Sign-in and its failures, lock-outs, refused requests, and every change an administrator made to staff accounts, mediation providers, bank holidays and letter templates.',
    outcomes: [
      { value: 'success', text: 'Succeeded' },
      { value: 'failure', text: 'Failed' },
    ],
    personHint:
      'Part of the name of the member of staff who acted, or of the staff account it concerns',
  },
} as const;

const accessRow = (e: AccessLogListEntry): LogRow => ({
  id: e.id,
  at: e.at,
  who: `${e.actorName} (${roleLabel(e.actorRole)})`,
  what: e.action,
  why: [e.purpose, e.reason ? `Reason given: ${e.reason}` : '']
    .filter(Boolean)
    .join('. '),
  caseReference: e.caseReference,
  subject: null,
  outcome:
    (LOG_OUTCOME_LABELS[e.outcome] ?? e.outcome) +
    (e.status ? ` (${e.status})` : ''),
  failed: e.outcome === 'denied',
});

const securityRow = (e: SecurityLogListEntry): LogRow => ({
  id: e.id,
  at: e.at,
  who: e.actorName
    ? `${e.actorName} (${roleLabel(e.actorRole ?? '')})`
    : 'Not signed in',
  what: SECURITY_EVENT_LABELS[e.event] ?? e.event,
  why: e.reason ?? '',
  caseReference: null,
  subject: e.subjectName,
  outcome: LOG_OUTCOME_LABELS[e.outcome] ?? e.outcome,
  failed: e.outcome === 'failure',
});

/**
 * The auditor's access log and security log: filter by person, case (access log), days and outcome;
 * 50 entries a page, newest first; the filtered entries as CSV. The filters are in the address, so
 * a filtered page can be bookmarked and shared.
 */
@Component({
  selector: 'app-audit-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary],
  template: `
    <app-error-summary [errors]="errors()" />
    <h1 class="govuk-heading-l">{{ text().title }}</h1>
    <p class="govuk-body">{{ text().lead }}</p>
    <p class="govuk-body">
      @if (kind() === 'access') {
        <a class="govuk-link" routerLink="/audit/security-log">Security log</a>
      } @else {
        <a class="govuk-link" routerLink="/audit/access-log">Access log</a>
      }
    </p>

    <form novalidate (submit)="submit($event)" class="app-log-filters">
      <h2 class="govuk-heading-m">Filter the log</h2>
      <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('person')">
        <label class="govuk-label govuk-label--s" for="person">Person</label>
        <div id="person-hint" class="govuk-hint">{{ text().personHint }}</div>
        @if (errorFor('person'); as message) {
          <p id="person-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
        }
        <input class="govuk-input govuk-input--width-20" id="person" name="person" type="text" spellcheck="false" autocomplete="off"
          [value]="person() ?? ''" aria-describedby="person-hint" />
      </div>
      @if (kind() === 'access') {
        <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor('caseReference')">
          <label class="govuk-label govuk-label--s" for="caseReference">Case reference</label>
          <div id="caseReference-hint" class="govuk-hint">For example, RUT-2026-0101</div>
          @if (errorFor('caseReference'); as message) {
            <p id="caseReference-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
          }
          <input class="govuk-input govuk-input--width-20" id="caseReference" name="caseReference" type="text" spellcheck="false"
            autocomplete="off" [value]="caseReference() ?? ''" aria-describedby="caseReference-hint" />
        </div>
      }
      @for (d of dates(); track d.name) {
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
                      [id]="d.name + '-' + p.part" [name]="d.name + '-' + p.part" type="text" inputmode="numeric" [value]="d.value[p.part]" />
                  </div>
                </div>
              }
            </div>
          </fieldset>
        </div>
      }
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="outcome">Outcome</label>
        <select class="govuk-select" id="outcome" name="outcome">
          <option value="" [selected]="!outcome()">Any outcome</option>
          @for (o of text().outcomes; track o.value) {
            <option [value]="o.value" [selected]="outcome() === o.value">{{ o.text }}</option>
          }
        </select>
      </div>
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">Apply filters</button>
        <a class="govuk-link" [routerLink]="[]">Clear filters</a>
      </div>
    </form>

    @if (entries.error(); as error) {
      <p class="govuk-body" role="alert">{{ problemText(error) }}</p>
    } @else if (entries.hasValue()) {
      <h2 class="govuk-heading-m">Entries, newest first</h2>
      <p class="govuk-body">
        <a class="govuk-link" [href]="csvUrl()" download>Download these entries as CSV<span class="govuk-visually-hidden"> ({{ text().title }}, every page)</span></a>
        
      </p>
      <p class="govuk-hint">Every entry that matches the filters, oldest first, in UK time, to open in a spreadsheet.</p>
      @if (entries.value().items.length) {
        <div class="app-table-scroll" tabindex="0" role="region" [attr.aria-label]="text().title + ' entries'">
          <table class="govuk-table app-log-table">
            <caption class="govuk-table__caption govuk-table__caption--s">Page {{ pageNo() }}: entries {{ first() }} to {{ first() + entries.value().items.length - 1 }}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">When (UK time)</th>
                <th scope="col" class="govuk-table__header">Who</th>
                <th scope="col" class="govuk-table__header">What</th>
                <th scope="col" class="govuk-table__header">{{ kind() === 'access' ? 'Case' : 'Account' }}</th>
                <th scope="col" class="govuk-table__header">Why</th>
                <th scope="col" class="govuk-table__header">Outcome</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              @for (row of entries.value().items; track row.id) {
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{{ time(row.at) }}</td>
                  <td class="govuk-table__cell">{{ row.who }}</td>
                  <td class="govuk-table__cell">{{ row.what }}</td>
                  <td class="govuk-table__cell">{{ (kind() === 'access' ? row.caseReference : row.subject) ?? '' }}</td>
                  <td class="govuk-table__cell">{{ row.why }}</td>
                  <td class="govuk-table__cell">
                    <strong class="govuk-tag" [class.govuk-tag--red]="row.failed" [class.govuk-tag--green]="!row.failed">{{ row.outcome }}</strong>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (pageNo() > 1 || entries.value().hasNextPage) {
          <nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of the log">
            @if (pageNo() > 1) {
              <div class="govuk-pagination__prev">
                <a class="govuk-link govuk-pagination__link" [routerLink]="[]" [queryParams]="{ page: pageNo() - 1 === 1 ? null : pageNo() - 1 }"
                  queryParamsHandling="merge" rel="prev">
                  <span class="govuk-pagination__link-title">Newer<span class="govuk-visually-hidden"> entries</span></span>
                </a>
              </div>
            }
            @if (entries.value().hasNextPage) {
              <div class="govuk-pagination__next">
                <a class="govuk-link govuk-pagination__link" [routerLink]="[]" [queryParams]="{ page: pageNo() + 1 }" queryParamsHandling="merge" rel="next">
                  <span class="govuk-pagination__link-title">Older<span class="govuk-visually-hidden"> entries</span></span>
                </a>
              </div>
            }
          </nav>
        }
      } @else {
        <p class="govuk-body">No entries match these filters.</p>
      }
    } @else {
      <p class="govuk-body" role="status">Loading the log…</p>
    }
  `,
})
export class AuditLogPage {
  /** Route data: which log. */
  readonly kind = input.required<LogKind>();
  // The filters, from the query string.
  readonly person = input<string>();
  readonly caseReference = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly outcome = input<string>();
  /** The page, from the query string. */
  readonly page = input<string>();

  private readonly api = inject(AuditLogApi);
  private readonly router = inject(Router);

  protected readonly errors = signal<readonly FieldError[]>([]);
  protected readonly parts = DATE_PARTS;
  protected readonly time = londonDateTimeText;
  protected readonly text = computed(() => TEXT[this.kind()]);
  protected readonly pageNo = computed(() => {
    const n = Number(this.page() ?? 1);
    return Number.isInteger(n) && n >= 1 ? n : 1;
  });
  protected readonly first = computed(() => (this.pageNo() - 1) * 50 + 1);
  protected readonly dates = computed(() => [
    {
      name: 'from' as const,
      legend: 'From',
      hint: 'The first day, for example 1 3 2026',
      value: datePartsOf(this.from()),
    },
    {
      name: 'to' as const,
      legend: 'To',
      hint: 'The last day, for example 31 3 2026',
      value: datePartsOf(this.to()),
    },
  ]);

  private readonly query = computed<LogQuery>(() => ({
    person: this.person(),
    ...(this.kind() === 'access'
      ? { caseReference: this.caseReference() }
      : {}),
    from: this.from(),
    to: this.to(),
    outcome: this.outcome() as LogQuery['outcome'],
    page: this.pageNo() === 1 ? undefined : this.pageNo(),
  }));

  protected readonly csvUrl = computed(() =>
    this.api.csvUrl(this.kind(), this.query()),
  );

  protected readonly entries = rxResource({
    params: () => ({ kind: this.kind(), query: this.query() }),
    stream: ({
      params,
    }): Observable<{ items: LogRow[]; hasNextPage: boolean }> =>
      params.kind === 'access'
        ? this.api.access(params.query as AccessLogQuery).pipe(
            map((p) => ({
              items: p.items.map(accessRow),
              hasNextPage: p.hasNextPage,
            })),
          )
        : this.api.security(params.query as SecurityLogQuery).pipe(
            map((p) => ({
              items: p.items.map(securityRow),
              hasNextPage: p.hasNextPage,
            })),
          ),
  });

  protected errorFor(field: Field): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected problemText(error: unknown): string {
    const problem = toProblem((error as { cause?: unknown }).cause ?? error);
    return problem?.status === 400 ? problem.detail : SERVICE_PROBLEM;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const errors: FieldError[] = [];
    const day = (name: 'from' | 'to', label: string): string | undefined => {
      if (dateLeftEmpty(form, name)) return undefined;
      const date = dateFrom(form, name, label);
      if ('iso' in date) return date.iso;
      errors.push({
        field: name,
        targetId: `${name}-day`,
        message: date.message,
      });
      return undefined;
    };
    const from = day('from', 'first day');
    const to = day('to', 'last day');
    if (from && to && from > to)
      errors.push({
        field: 'to',
        targetId: 'to-day',
        message: 'The last day must be the same as or after the first day',
      });
    this.errors.set(errors);
    if (errors.length) return;
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    void this.router.navigate([], {
      queryParams: {
        person: text('person'),
        caseReference: this.kind() === 'access' ? text('caseReference') : null,
        from: from ?? null,
        to: to ?? null,
        outcome: text('outcome'),
        page: null,
      },
    });
  }
}
