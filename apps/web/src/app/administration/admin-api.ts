import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AddBankHolidayRequest,
  BankHolidayEntry,
  CreateStaffUserRequest,
  LetterKind,
  LetterPartView,
  MediationProvider,
  NewMediationProviderRequest,
  PasswordReset,
  StaffAccount,
  UpdateMediationProviderRequest,
  UpdateStaffUserRequest,
} from '@send/contracts';
import { Observable } from 'rxjs';

/** One version of a letter kind's template, as `GET /api/letter-templates` lists it (newest first per kind). */
export interface LetterTemplateVersion {
  id: string;
  kind: LetterKind;
  version: number;
  filename: string;
  sha256: string;
  uploaded_at: string;
  uploaded_by: string;
  /** Null: a draft, never used for a letter. */
  published_at: string | null;
  published_by: string | null;
}

/** A template version filled with the demo case (made-up data), and the parts the law requires that it lacks. */
export interface LetterTemplateCheck {
  id: string;
  kind: LetterKind;
  version: number;
  /** The letter as HTML paragraphs and headings, its text escaped by the API. */
  html: string;
  /** While any is missing, the version cannot be published. */
  missingParts: LetterPartView[];
}

/**
 * What administrators manage (/api/users, /api/mediation-providers, /api/bank-holidays,
 * /api/letter-templates); every change to accounts, providers, bank holidays and templates is in the security log.
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  accounts(): Observable<StaffAccount[]> {
    return this.http.get<StaffAccount[]>('/api/users/accounts');
  }

  addAccount(request: CreateStaffUserRequest): Observable<StaffAccount> {
    return this.http.post<StaffAccount>('/api/users', request);
  }

  changeAccount(
    id: string,
    request: UpdateStaffUserRequest,
  ): Observable<StaffAccount> {
    return this.http.patch<StaffAccount>(
      `/api/users/${encodeURIComponent(id)}`,
      request,
    );
  }

  disable(id: string): Observable<void> {
    return this.http.post<void>(
      `/api/users/${encodeURIComponent(id)}/disable`,
      {},
    );
  }

  enable(id: string): Observable<void> {
    return this.http.post<void>(
      `/api/users/${encodeURIComponent(id)}/enable`,
      {},
    );
  }

  resetPassword(id: string): Observable<PasswordReset> {
    return this.http.post<PasswordReset>(
      `/api/users/${encodeURIComponent(id)}/password-reset`,
      {},
    );
  }

  providers(): Observable<MediationProvider[]> {
    return this.http.get<MediationProvider[]>('/api/mediation-providers');
  }

  addProvider(
    request: NewMediationProviderRequest,
  ): Observable<MediationProvider> {
    return this.http.post<MediationProvider>(
      '/api/mediation-providers',
      request,
    );
  }

  changeProvider(
    id: string,
    request: UpdateMediationProviderRequest,
  ): Observable<MediationProvider> {
    return this.http.patch<MediationProvider>(
      `/api/mediation-providers/${encodeURIComponent(id)}`,
      request,
    );
  }

  bankHolidays(year: number): Observable<BankHolidayEntry[]> {
    return this.http.get<BankHolidayEntry[]>('/api/bank-holidays', {
      params: { year: String(year) },
    });
  }

  addBankHoliday(request: AddBankHolidayRequest): Observable<BankHolidayEntry> {
    return this.http.post<BankHolidayEntry>('/api/bank-holidays', request);
  }

  removeBankHoliday(date: string, reason: string): Observable<void> {
    return this.http.delete<void>(
      `/api/bank-holidays/${encodeURIComponent(date)}`,
      { body: { reason } },
    );
  }

  letterTemplates(): Observable<LetterTemplateVersion[]> {
    return this.http.get<LetterTemplateVersion[]>('/api/letter-templates');
  }

  /** A new draft version of the kind's template (multipart field `file`). */
  uploadLetterTemplate(
    kind: LetterKind,
    file: File,
  ): Observable<LetterTemplateCheck> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<LetterTemplateCheck>(
      `/api/letter-templates/${encodeURIComponent(kind)}`,
      body,
    );
  }

  previewLetterTemplate(id: string): Observable<LetterTemplateCheck> {
    return this.http.post<LetterTemplateCheck>(
      `/api/letter-templates/versions/${encodeURIComponent(id)}/preview`,
      {},
    );
  }

  publishLetterTemplate(id: string): Observable<LetterTemplateCheck> {
    return this.http.post<LetterTemplateCheck>(
      `/api/letter-templates/versions/${encodeURIComponent(id)}/publish`,
      {},
    );
  }
}
