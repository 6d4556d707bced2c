import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { LondonDateTimePipe, LongDatePipe } from '../shared/date-pipes';
import { SERVICE_PROBLEM } from '../shared/problem';
import { UnreadNotifications } from './unread-notifications';

/** A notification as `GET /api/notifications` answers it. */
interface NotificationView {
  id: string;
  kind: 'reminder' | 'escalation' | 'digest';
  caseId: string | null;
  dueOn: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** The signed-in person's in-app reminders and daily digests, newest first; each can be marked read. */
@Component({
  selector: 'app-notifications-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LondonDateTimePipe, LongDatePipe],
  template: `
    <h1 class="govuk-heading-l">Notifications</h1>
    <p class="govuk-body">
      Reminders of your deadlines before they are due, and each working day's digest of overdue deadlines. They are also emailed to you.
      You can also <a class="govuk-link" routerLink="/calendar-feed">see your deadlines in your calendar</a>.
    </p>
    @if (failed()) {
      <p class="govuk-error-message" role="alert"><span class="govuk-visually-hidden">Error:</span> {{ serviceProblem }}</p>
    }
    @if (list.error()) {
      <p class="govuk-body" role="alert">Your notifications could not be loaded. Reload the page to try again.</p>
    } @else if (list.hasValue()) {
      @if (unread() > 0) {
        <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" (click)="markAll()">
          Mark all as read
        </button>
      }
      @for (n of list.value(); track n.id) {
        <div class="app-notification" [class.app-notification--unread]="!n.readAt" data-testid="notification">
          <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
            @if (!n.readAt) { <strong class="govuk-tag govuk-tag--blue">Unread</strong>&ngsp; }
            {{ n.title }}
          </h2>
          <p class="govuk-body-s govuk-!-margin-bottom-1">
            <time [attr.datetime]="n.createdAt">{{ n.createdAt | londonDateTime }}</time>
            @if (n.dueOn) { · due <time [attr.datetime]="n.dueOn">{{ n.dueOn | longDate }}</time> }
          </p>
          <p class="govuk-body app-pre-line">{{ n.body }}</p>
          <div class="govuk-button-group">
            @if (!n.readAt) {
              <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" (click)="markRead(n.id)">
                Mark as read<span class="govuk-visually-hidden">: {{ n.title }}</span>
              </button>
            }
            @if (n.caseId) {
              <a class="govuk-link" [routerLink]="['/cases', n.caseId, 'deadlines']">Open the case</a>
            }
          </div>
        </div>
      } @empty {
        <p class="govuk-body">You have no notifications.</p>
      }
    } @else {
      <p class="govuk-body" role="status">Loading your notifications…</p>
    }
  `,
})
export class NotificationsPage {
  private readonly http = inject(HttpClient);
  private readonly unreadCount = inject(UnreadNotifications);
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly failed = signal(false);

  protected readonly list = rxResource({
    stream: () => this.http.get<NotificationView[]>('/api/notifications'),
  });
  protected readonly unread = computed(() =>
    this.list.hasValue()
      ? this.list.value().filter((n) => !n.readAt).length
      : 0,
  );

  protected markRead(id: string): void {
    this.after(
      this.http.post<void>(
        `/api/notifications/${encodeURIComponent(id)}/read`,
        {},
      ),
    );
  }

  protected markAll(): void {
    this.after(this.http.post<void>('/api/notifications/read', {}));
  }

  private after(request: ReturnType<HttpClient['post']>): void {
    this.failed.set(false);
    request.subscribe({
      next: () => {
        this.list.reload();
        this.unreadCount.refresh();
      },
      error: () => this.failed.set(true),
    });
  }
}
