import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AccessLogPage,
  AccessLogQuery,
  SecurityLogPage,
  SecurityLogQuery,
} from '@send/contracts';
import { Observable } from 'rxjs';

export type LogKind = 'access' | 'security';
export type LogQuery = Omit<AccessLogQuery, 'outcome'> & {
  outcome?: AccessLogQuery['outcome'] | SecurityLogQuery['outcome'];
};

const PATHS: Record<LogKind, string> = {
  access: '/api/access-log',
  security: '/api/security-log',
};

/** Only the filters that are set, as query parameters. */
export function logParams(query: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}

/** The auditors' logs (/api/access-log, /api/security-log). */
@Injectable({ providedIn: 'root' })
export class AuditLogApi {
  private readonly http = inject(HttpClient);

  access(query: AccessLogQuery): Observable<AccessLogPage> {
    return this.http.get<AccessLogPage>(PATHS.access, {
      params: new HttpParams({ fromObject: logParams(query) }),
    });
  }

  security(query: SecurityLogQuery): Observable<SecurityLogPage> {
    return this.http.get<SecurityLogPage>(PATHS.security, {
      params: new HttpParams({ fromObject: logParams(query) }),
    });
  }

  /** The CSV of the filtered entries: a plain link, so that the browser downloads it with the session cookie. */
  csvUrl(kind: LogKind, query: LogQuery): string {
    const { page: _page, ...filters } = query;
    const params = new HttpParams({
      fromObject: logParams(filters),
    }).toString();
    return `${PATHS[kind]}/export.csv${params ? `?${params}` : ''}`;
  }
}
