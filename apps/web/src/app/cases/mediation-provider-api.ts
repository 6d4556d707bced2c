import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';

export interface MediationProvider {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/** The council's mediation providers (kept as data by an administrator). */
@Injectable({ providedIn: 'root' })
export class MediationProviderApi {
  private readonly http = inject(HttpClient);

  list(): Observable<MediationProvider[]> {
    return this.http.get<MediationProvider[]>('/api/mediation-providers');
  }
}
