import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DeadlineFilter, DeadlineView } from '@send/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class DeadlineApi {
  private readonly http = inject(HttpClient);

  /** Deadlines across all cases, sorted by due date. */
  list(filter: DeadlineFilter): Observable<DeadlineView[]> {
    return this.http.get<DeadlineView[]>('/api/deadlines', { params: { filter } });
  }
}
