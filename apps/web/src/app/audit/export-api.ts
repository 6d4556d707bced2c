import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ExportJobView, StartExportRequest } from '@send/contracts';
import { Observable } from 'rxjs';

/** Auditors' background exports (/api/exports). */
@Injectable({ providedIn: 'root' })
export class ExportApi {
  private readonly http = inject(HttpClient);

  start(request: StartExportRequest): Observable<ExportJobView> {
    return this.http.post<ExportJobView>('/api/exports', request);
  }

  get(id: string): Observable<ExportJobView> {
    return this.http.get<ExportJobView>(
      `/api/exports/${encodeURIComponent(id)}`,
    );
  }

  recent(): Observable<ExportJobView[]> {
    return this.http.get<ExportJobView[]>('/api/exports');
  }

  /** The file's address: a plain link, so that the browser downloads it with the session cookie. */
  fileUrl(id: string): string {
    return `/api/exports/${encodeURIComponent(id)}/file`;
  }
}
