import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DeadlineCalculation,
  DeadlineCalculationRequest,
  RuleView,
} from '@send/contracts';
import { Observable, shareReplay } from 'rxjs';

/** The statutory clock on the server: its rules, and due dates worked out on the server's calendar. */
@Injectable({ providedIn: 'root' })
export class RuleApi {
  private readonly http = inject(HttpClient);
  /** The rules change only with a release: asked for once. */
  private readonly rules$ = this.http
    .get<RuleView[]>('/api/rules')
    .pipe(shareReplay({ bufferSize: 1, refCount: false }));

  rules(): Observable<RuleView[]> {
    return this.rules$;
  }

  calculate(
    request: DeadlineCalculationRequest,
  ): Observable<DeadlineCalculation> {
    return this.http.post<DeadlineCalculation>(
      '/api/deadlines/calculation',
      request,
    );
  }
}
