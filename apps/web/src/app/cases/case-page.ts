import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import {
  ActivatedRoute,
  NavigationEnd,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { filter, map, skip } from 'rxjs';
import { pageTitle } from '../core/app-title-strategy';
import { FlashMessage } from '../core/flash-message';
import { Session } from '../core/session';
import { londonToday } from '../shared/dates';
import { httpStatus, SERVICE_PROBLEM } from '../shared/problem';
import { CaseIdentityBar } from './case-identity-bar';
import { CaseStore } from './case-store';
import { RecordFlow } from './record/record-flow';
import { recordsOnCases } from '../core/roles';
import { isOutstanding } from '@send/domain';

/**
 * A case's pages: loads the case and its history once for all of them (CaseStore), shows the
 * identity bar, and on the case's own tabs (Overview, Deadlines, History) the sub-navigation.
 */
@Component({
  selector: 'app-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CaseStore, RecordFlow],
  imports: [RouterOutlet, RouterLink, RouterLinkActive, CaseIdentityBar],
  template: `
    @if (store.detail.error()) {
      @if (notFound()) {
        <h1 class="govuk-heading-l">Case not found</h1>
        <p class="govuk-body">There is no case at this address in your team. It may have been mistyped.</p>
        <p class="govuk-body"><a class="govuk-link" routerLink="/cases">Find a case</a></p>
      } @else {
        <h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p class="govuk-body">{{ serviceProblem }}</p>
      }
    } @else if (store.current(); as detail) {
      @if (banner()) {
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
            <h3 class="govuk-notification-banner__heading">{{ banner() }}</h3>
          </div>
        </div>
      }
      <app-case-identity-bar [detail]="detail" [today]="today" [heading]="onTab()" [canRecord]="canRecord()" />
      @if (onTab()) {
        <nav class="moj-sub-navigation app-case-tabs" aria-label="Case sections">
          <ul class="moj-sub-navigation__list">
            <li class="moj-sub-navigation__item">
              <a class="moj-sub-navigation__link" [routerLink]="['/cases', detail.id]" routerLinkActive #overview="routerLinkActive"
                [routerLinkActiveOptions]="{ exact: true }" [attr.aria-current]="overview.isActive ? 'page' : null">Overview</a>
            </li>
            <li class="moj-sub-navigation__item">
              <a class="moj-sub-navigation__link" [routerLink]="['/cases', detail.id, 'deadlines']" routerLinkActive #deadlines="routerLinkActive"
                [attr.aria-current]="deadlines.isActive ? 'page' : null">Deadlines ({{ openCount() }} open)</a>
            </li>
            <li class="moj-sub-navigation__item">
              <a class="moj-sub-navigation__link" [routerLink]="['/cases', detail.id, 'history']" routerLinkActive #history="routerLinkActive"
                [attr.aria-current]="history.isActive ? 'page' : null">History</a>
            </li>
            <li class="moj-sub-navigation__item">
              <a class="moj-sub-navigation__link" [routerLink]="['/cases', detail.id, 'documents']" routerLinkActive #documents="routerLinkActive"
                [attr.aria-current]="documents.isActive ? 'page' : null">Documents ({{ detail.documents.length }})</a>
            </li>
          </ul>
        </nav>
      }
      <router-outlet />
    } @else {
      <p class="govuk-body" role="status">Loading the case…</p>
    }
  `,
})
export class CasePage {
  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly store = inject(CaseStore);
  private readonly session = inject(Session);
  private readonly title = inject(Title);
  private readonly flash = inject(FlashMessage);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly today = londonToday();
  protected readonly serviceProblem = SERVICE_PROBLEM;
  /** The one-off message after a save, shown on the next page of the case. */
  protected readonly banner = signal(this.flash.take());
  protected readonly canRecord = computed(() =>
    recordsOnCases(this.session.user()?.role),
  );
  protected readonly notFound = computed(
    // A malformed address (`/cases/not-a-uuid`) is answered 400 by the API: to the reader it is a case not found too.
    () => [400, 404].includes(httpStatus(this.store.detail.error()) ?? 0),
  );
  protected readonly openCount = computed(
    () => this.store.current()?.deadlines.filter(isOutstanding).length ?? 0,
  );

  /** The tab showing (its route's `data.tab`, e.g. 'Deadlines'), or undefined on a form. */
  private readonly tab = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => this.childTab()),
    ),
    { initialValue: this.childTab() },
  );
  protected readonly onTab = computed(() => this.tab() !== undefined);

  private readonly bannerEl = viewChild<ElementRef<HTMLElement>>('bannerEl');

  constructor() {
    effect(() => this.store.caseId.set(this.id()));
    // A later navigation within the case (after a save) shows the message of the save that led to it.
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.banner.set(this.flash.take()));
    effect(() => {
      const detail = this.store.current();
      const tab = this.tab();
      if (this.notFound()) this.title.setTitle(pageTitle('Case not found'));
      else if (detail && tab)
        this.title.setTitle(
          pageTitle(
            tab === 'Overview'
              ? detail.childName
              : `${tab}: ${detail.childName}`,
          ),
        );
    });
    // Move focus to the success banner once it has rendered, so it is announced and read first.
    let focusedFor: string | undefined;
    afterRenderEffect(() => {
      const el = this.bannerEl();
      const message = this.banner();
      if (el && message && focusedFor !== message) {
        focusedFor = message;
        el.nativeElement.focus();
      }
    });
  }

  private childTab(): string | undefined {
    const tab: unknown = this.route.firstChild?.snapshot?.data?.['tab'];
    return typeof tab === 'string' ? tab : undefined;
  }
}
