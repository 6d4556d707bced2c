import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AppealRegister } from '@send/contracts';
import { Observable } from 'rxjs';
import { queryParams, type ReportQuery } from '../dashboard/report-api';

/** The appeals register of /api/reports/appeals. */
@Injectable({ providedIn: 'root' })
export class AppealRegisterApi {
  private readonly http = inject(HttpClient);

  register(query: ReportQuery): Observable<AppealRegister> {
    return this.http.get<AppealRegister>('/api/reports/appeals', {
      params: queryParams(query),
    });
  }
}
