import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AddBankHolidayRequest,
  BankHolidayEntry,
  CreateStaffUserRequest,
  MediationProvider,
  NewMediationProviderRequest,
  PasswordReset,
  StaffAccount,
  UpdateMediationProviderRequest,
  UpdateStaffUserRequest,
} from '@send/contracts';
import { Observable } from 'rxjs';

/** What administrators manage (/api/users, /api/mediation-providers, /api/bank-holidays); every change is in the security log. */
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
}
