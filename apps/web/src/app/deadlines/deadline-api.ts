import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DeadlineQuery, DeadlineView } from '@send/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class DeadlineApi {
  private readonly http = inject(HttpClient);

  /** Deadlines narrowed and sorted by the server (whose, when, which rule or body, in what order). */
  query(query: DeadlineQuery): Observable<DeadlineView[]> {
    const params = Object.fromEntries(
      Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
    ) as Record<string, string | number>;
    return this.http.get<DeadlineView[]>('/api/deadlines', { params });
  }
}
