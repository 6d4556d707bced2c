import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import type { ExportJobView } from '@send/contracts';
import { exhaustMap, takeWhile, timer } from 'rxjs';
import { pageTitle } from '../core/app-title-strategy';
import { Session } from '../core/session';
import { londonDateTimeText } from '../shared/dates';
import { httpStatus, SERVICE_PROBLEM } from '../shared/problem';
import { ExportApi } from './export-api';
import {
  exportSubject,
  FORMAT_LABELS,
  fileSizeText,
  STATUS_TAGS,
} from './export-labels';
import { ExportProgress } from './export-progress';

/** How often the page asks how far the export has got. */
export const POLL_MS = 700;
const unfinished = (job: ExportJobView) =>
  job.status === 'queued' || job.status === 'running';

/** One export: its progress while the worker makes it, then the download and the check of each history. */
@Component({
  selector: 'app-export-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ExportProgress],
  template: `
    <a routerLink="/audit/exports" class="govuk-back-link">Back to exports</a>
    @if (job.error()) {
      @if (notFound()) {
        <h1 class="govuk-heading-l">Export not found</h1>
        <p class="govuk-body">You have no export at this address. Exports are seen only by the auditor who asked for them.</p>
      } @else {
        <h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p class="govuk-body">{{ serviceProblem }}</p>
      }
    } @else if (job.hasValue()) {
      @let j = job.value();
      <span class="govuk-caption-l">{{ format[j.format] }} export</span>
      <h1 class="govuk-heading-l">{{ subject() }}</h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">What</dt>
          <dd class="govuk-summary-list__value">
            {{ j.scope === 'case' ? 'The complete history of the case' : 'Every event that happened in the period, of every case' }}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Format</dt>
          <dd class="govuk-summary-list__value">{{ format[j.format] }}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Asked for</dt>
          <dd class="govuk-summary-list__value">{{ time(j.requestedAt) }}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Status</dt>
          <dd class="govuk-summary-list__value"><strong [class]="status[j.status].className">{{ status[j.status].text }}</strong></dd>
        </div>
      </dl>

      @switch (j.status) {
        @case ('done') {
          <div class="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="export-ready-title">
            <div class="govuk-notification-banner__header">
              <h2 class="govuk-notification-banner__title" id="export-ready-title">Success</h2>
            </div>
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading" role="status">The export is ready</p>
              <p class="govuk-body">
                {{ j.eventsWritten }} {{ j.eventsWritten === 1 ? 'event' : 'events' }} from {{ j.cases }} {{ j.cases === 1 ? 'case' : 'cases' }}.
                You can download it until {{ time(j.expiresAt) }}.
              </p>
            </div>
          </div>
          <a class="govuk-button" data-module="govuk-button" [href]="fileUrl()" download
            >Download {{ j.fileName }}<span class="govuk-visually-hidden"> ({{ format[j.format] }}, {{ size(j.fileSize) }})</span></a
          >
          <h2 class="govuk-heading-m">Has any history been altered?</h2>
          @if (j.verification; as v) {
            @if (v.casesIntact === v.casesChecked) {
              <p class="govuk-body">
                No. The stored history of {{ v.casesChecked === 1 ? 'the case' : 'every case (' + v.casesChecked + ')' }} was checked while it
                was exported: every event matches its hash and links to the one before.
              </p>
            } @else {
              <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                <strong class="govuk-warning-text__text">
                  <span class="govuk-visually-hidden">Warning</span>
                  Yes: the history of {{ v.casesChecked - v.casesIntact }} of {{ v.casesChecked }} cases does not match its hashes.
                </strong>
              </div>
              <ul class="govuk-list govuk-list--bullet">
                @for (b of v.broken; track b.caseReference) {
                  <li>Case {{ b.caseReference }}: event {{ b.sequence }}: {{ b.problem }}.</li>
                }
              </ul>
            }
          }
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">File</dt>
              <dd class="govuk-summary-list__value">{{ j.fileName }} ({{ size(j.fileSize) }})</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">SHA-256 of the file</dt>
              <dd class="govuk-summary-list__value app-break-all">{{ j.sha256 }}</dd>
            </div>
          </dl>
        }
        @case ('failed') {
          <p class="govuk-body govuk-error-message" role="alert">{{ j.error ?? 'The export could not be made.' }}</p>
          <p class="govuk-body"><a class="govuk-link" routerLink="/audit/exports">Start the export again</a></p>
        }
        @case ('expired') {
          <p class="govuk-body" role="status">This export has expired and its file was deleted.</p>
          <p class="govuk-body"><a class="govuk-link" routerLink="/audit/exports">Start the export again</a></p>
        }
        @default {
          <app-export-progress [job]="j" />
          <p class="govuk-body">You can leave this page: the export carries on, and it is listed on the exports page.</p>
        }
      }
    } @else {
      <p class="govuk-body" role="status">Loading the export…</p>
    }
  `,
})
export class ExportPage {
  readonly exportId = input.required<string>();

  private readonly api = inject(ExportApi);
  private readonly session = inject(Session);
  protected readonly format = FORMAT_LABELS;
  protected readonly status = STATUS_TAGS;
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly time = londonDateTimeText;
  protected readonly size = fileSizeText;

  private readonly params = computed(() => {
    const user = this.session.currentId();
    return user ? { user, id: this.exportId() } : undefined;
  });

  /** Asks again every POLL_MS until the export is finished (one last answer included). */
  protected readonly job = rxResource({
    params: this.params,
    stream: ({ params }) =>
      timer(0, POLL_MS).pipe(
        exhaustMap(() => this.api.get(params.id)),
        takeWhile(unfinished, true),
      ),
  });

  protected readonly notFound = computed(
    () => httpStatus(this.job.error()) === 404,
  );
  protected readonly subject = computed(() =>
    this.job.hasValue() ? exportSubject(this.job.value()) : '',
  );
  protected readonly fileUrl = computed(() =>
    this.api.fileUrl(this.exportId()),
  );

  constructor() {
    const title = inject(Title);
    effect(() => {
      if (this.job.hasValue())
        title.setTitle(pageTitle(`Export: ${this.subject()}`));
    });
  }
}
