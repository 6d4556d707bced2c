import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ComplianceReport,
  DeadlineDashboard,
  DeadlinePage,
} from '@send/contracts';
import { Observable } from 'rxjs';

/** Query parameters of a report, as the URL carries them (empty ones are left out). */
export type ReportQuery = Readonly<Record<string, string | number | undefined>>;

export function queryParams(query: ReportQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}

/** The address of a report table's CSV (`/api/reports/<path>`), with the same filters as the table: a plain link downloads it. */
export function csvUrl(path: string, query: ReportQuery): string {
  const params = new URLSearchParams(queryParams(query)).toString();
  return `/api/reports/${path}${params ? `?${params}` : ''}`;
}

/** The deadline reports of /api/reports (managers: their team; auditors: any team). */
@Injectable({ providedIn: 'root' })
export class ReportApi {
  private readonly http = inject(HttpClient);

  dashboard(query: ReportQuery): Observable<DeadlineDashboard> {
    return this.http.get<DeadlineDashboard>('/api/reports/deadlines', {
      params: queryParams(query),
    });
  }

  compliance(query: ReportQuery): Observable<ComplianceReport> {
    return this.http.get<ComplianceReport>('/api/reports/compliance', {
      params: queryParams(query),
    });
  }

  /** The deadlines behind a number on the dashboard. */
  deadlines(query: ReportQuery): Observable<DeadlinePage> {
    return this.http.get<DeadlinePage>('/api/reports/deadlines/list', {
      params: queryParams(query),
    });
  }
}
