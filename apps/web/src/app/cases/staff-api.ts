import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { StaffUser } from '@send/contracts';
import { Observable } from 'rxjs';

/** Active members of staff (for a manager, those of their own team), by role then name. */
@Injectable({ providedIn: 'root' })
export class StaffApi {
  private readonly http = inject(HttpClient);

  list(): Observable<StaffUser[]> {
    return this.http.get<StaffUser[]>('/api/users');
  }
}
