import { HttpClient, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CaseDetail,
  CaseSearchPage,
  CaseSummary,
  HistoryEventView,
  HistoryVerification,
  OpenCaseRequest,
  Page,
  RecordRecommendationResponseRequest,
  SearchCasesRequest,
} from '@send/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class CaseApi {
  private readonly http = inject(HttpClient);

  /** The team's cases, most recently changed first. */
  list(limit = 50, offset = 0): Observable<Page<CaseSummary>> {
    return this.http.get<Page<CaseSummary>>('/api/cases', {
      params: { limit, offset },
    });
  }

  /** By what people remember (`text`: reference, names, Tribunal reference, school, mediation provider and its reference) and/or date of birth; each result says why it matched. POST, so that names never appear in addresses or logs. */
  search(
    query: SearchCasesRequest & { limit: number; offset: number },
  ): Observable<CaseSearchPage> {
    return this.http.post<CaseSearchPage>('/api/cases/search', query);
  }

  open(request: OpenCaseRequest): Observable<CaseDetail> {
    return this.http.post<CaseDetail>('/api/cases', request);
  }

  /**
   * Records an entry on a case through one of the API's write endpoints (`path` after /api, e.g.
   * `/cases/<id>/decisions`). With `dryRun`, the answer is the case as it would be; nothing is saved.
   */
  record(
    path: string,
    body: object,
    expectedVersion: number,
    dryRun: boolean,
  ): Observable<CaseDetail> {
    return this.http.post<CaseDetail>(`/api${path}`, {
      ...body,
      expectedVersion,
      ...(dryRun ? { dryRun: true } : {}),
    });
  }

  get(caseId: string): Observable<CaseDetail> {
    return this.http.get<CaseDetail>(caseUrl(caseId));
  }

  history(caseId: string): Observable<HistoryEventView[]> {
    return this.http.get<HistoryEventView[]>(`${caseUrl(caseId)}/history`);
  }

  /** Recomputes every hash and link of the stored history (GET …/history/verification). */
  verifyHistory(caseId: string): Observable<HistoryVerification> {
    return this.http.get<HistoryVerification>(
      `${caseUrl(caseId)}/history/verification`,
    );
  }

  /** The whole history as CSV. Fetched (not linked) so that a failure can be shown on the page. */
  historyCsv(caseId: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${caseUrl(caseId)}/history.csv`, {
      observe: 'response',
      responseType: 'blob',
      headers: { Accept: 'text/csv' },
    });
  }

  recordRecommendationResponse(
    caseId: string,
    recommendationId: string,
    request: RecordRecommendationResponseRequest,
  ): Observable<CaseDetail> {
    return this.http.post<CaseDetail>(
      `${caseUrl(caseId)}/recommendations/${encodeURIComponent(recommendationId)}/response`,
      request,
    );
  }
}

function caseUrl(caseId: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}`;
}
