import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { HistoryIntegrity } from '../audit/history-integrity';
import { pageTitle } from '../core/app-title-strategy';
import { Session } from '../core/session';
import { FlashMessage } from '../core/flash-message';
import { LongDatePipe } from '../shared/date-pipes';
import { londonToday } from '../shared/dates';
import { stageLabel } from '../shared/labels';
import { httpStatus, SERVICE_PROBLEM } from '../shared/problem';
import { CaseApi } from './case-api';
import { CaseDeadlines } from './case-deadlines';
import { CaseTimeline } from './case-timeline';
import { RecommendationList } from './recommendation-list';

/** One case: who it is about, its open deadlines, the Tribunal's recommendations and its history. */
@Component({
  selector: 'app-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LongDatePipe, CaseDeadlines, RecommendationList, CaseTimeline, HistoryIntegrity],
  template: `
    <a routerLink="/deadlines" class="govuk-back-link">Back to deadlines</a>

    @if (caseDetail.error()) {
      @if (notFound()) {
        <h1 class="govuk-heading-l">Case not found</h1>
        <p class="govuk-body">There is no case at this address. It may have been mistyped.</p>
        <p class="govuk-body"><a class="govuk-link" routerLink="/deadlines">Go to deadlines</a></p>
      } @else {
        <h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p class="govuk-body">{{ serviceProblem }}</p>
      }
    } @else if (caseDetail.hasValue()) {
      @let detail = caseDetail.value();
      @if (banner) {
        <div
          class="govuk-notification-banner govuk-notification-banner--success"
          role="alert"
          aria-labelledby="success-banner-title"
          data-module="govuk-notification-banner"
          tabindex="-1"
          #bannerEl
        >
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="success-banner-title">Success</h2>
          </div>
          <div class="govuk-notification-banner__content">
            <h3 class="govuk-notification-banner__heading">{{ banner }}</h3>
          </div>
        </div>
      }

      <span class="govuk-caption-l">Case {{ detail.reference }}</span>
      <h1 class="govuk-heading-l">{{ detail.childName }}</h1>

      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Reference</dt>
          <dd class="govuk-summary-list__value">{{ detail.reference }}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Date of birth</dt>
          <dd class="govuk-summary-list__value">{{ detail.dateOfBirth | longDate }}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Caseworker</dt>
          <dd class="govuk-summary-list__value">{{ detail.caseworker }}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Stage</dt>
          <dd class="govuk-summary-list__value">{{ stage(detail.stage) }}</dd>
        </div>
      </dl>

      <h2 class="govuk-heading-m">Open deadlines</h2>
      <app-case-deadlines [deadlines]="openDeadlines()" [today]="today" />

      <h2 class="govuk-heading-m">Recommendations</h2>
      <app-recommendation-list
        [caseId]="detail.id"
        [recommendations]="detail.recommendations"
        [deadlines]="detail.deadlines"
      />

      <h2 class="govuk-heading-m">History</h2>
      <div class="govuk-button-group">
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          (click)="downloadHistory(detail.id, detail.reference)"
        >
          Download history (CSV)
        </button>
        @if (isAuditor()) {
          <a class="govuk-button govuk-button--secondary" data-module="govuk-button" routerLink="/audit/exports" [queryParams]="{ caseReference: detail.reference }"
            >Export the history (CSV, JSON or PDF)</a
          >
        }
      </div>
      @if (downloadFailed()) {
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> The history could not be downloaded. Try again later.
        </p>
      }
      <app-history-integrity [caseId]="detail.id" />
      @if (history.error()) {
        <p class="govuk-body" role="alert">The history could not be loaded. Try again later.</p>
      } @else if (history.hasValue()) {
        <app-case-timeline [events]="history.value()" />
      } @else {
        <p class="govuk-body" role="status">Loading the history…</p>
      }
    } @else {
      <p class="govuk-body" role="status">Loading the case…</p>
    }
  `,
})
export class CasePage {
  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  private readonly api = inject(CaseApi);
  private readonly session = inject(Session);
  private readonly title = inject(Title);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly banner = inject(FlashMessage).take();
  protected readonly today = londonToday();
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly stage = stageLabel;
  protected readonly downloadFailed = signal(false);
  protected readonly isAuditor = computed(() => this.session.user()?.role === 'auditor');
  private readonly bannerEl = viewChild<ElementRef<HTMLElement>>('bannerEl');

  private readonly params = computed(() => {
    const user = this.session.currentId();
    return user ? { id: this.id(), user } : undefined;
  });

  protected readonly caseDetail = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.get(params.id),
  });

  protected readonly history = rxResource({
    params: this.params,
    stream: ({ params }) => this.api.history(params.id),
  });

  protected readonly notFound = computed(() => httpStatus(this.caseDetail.error()) === 404);

  protected readonly openDeadlines = computed(() =>
    this.caseDetail.hasValue()
      ? this.caseDetail.value().deadlines.filter((d) => d.status === 'open' || d.status === 'overdue')
      : [],
  );

  constructor() {
    effect(() => {
      if (this.caseDetail.hasValue()) {
        this.title.setTitle(pageTitle(this.caseDetail.value().childName));
      } else if (this.notFound()) {
        this.title.setTitle(pageTitle('Case not found'));
      }
    });
    if (this.banner) {
      // Move focus to the success banner once the case has rendered, so it is announced and read first.
      let focused = false;
      afterRenderEffect(() => {
        const el = this.bannerEl();
        if (el && !focused) {
          focused = true;
          el.nativeElement.focus();
        }
      });
    }
  }

  protected downloadHistory(caseId: string, reference: string): void {
    this.downloadFailed.set(false);
    const subscription = this.api.historyCsv(caseId).subscribe({
      next: (response) => {
        const blob = response.body;
        if (!blob) {
          this.downloadFailed.set(true);
          return;
        }
        const fileName =
          fileNameFrom(response.headers.get('Content-Disposition')) ?? `case-${reference}-history.csv`;
        const url = URL.createObjectURL(blob);
        const link = this.document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.hidden = true;
        this.document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 0);
      },
      error: () => this.downloadFailed.set(true),
    });
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }
}

function fileNameFrom(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : undefined;
}
