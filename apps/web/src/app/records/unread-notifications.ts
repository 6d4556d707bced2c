import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import type { UnreadCount } from '@send/contracts';

/** How many of the signed-in person's notifications are unread, for the header (one indexed count on the server). */
@Injectable({ providedIn: 'root' })
export class UnreadNotifications {
  private readonly http = inject(HttpClient);
  readonly count = signal<number | undefined>(undefined);

  refresh(): void {
    this.http.get<UnreadCount>('/api/notifications/unread-count').subscribe({
      next: (r) => this.count.set(r.unread),
      // The header goes on without a count: the page itself says if notifications cannot be read.
      error: () => this.count.set(undefined),
    });
  }

  clear(): void {
    this.count.set(undefined);
  }
}
