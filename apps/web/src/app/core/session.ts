import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { SessionView, SignInOptions } from '@send/contracts';
import { catchError, firstValueFrom, map, Observable, of, tap } from 'rxjs';

/**
 * The signed-in member of staff. The session itself lives on the server (an httpOnly cookie the
 * app cannot read); this holds who it is and the CSRF token every change must send.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly http = inject(HttpClient);
  private readonly state = signal<SessionView | undefined>(undefined);

  readonly user = computed(() => this.state()?.user);
  /** Undefined until signed in: pages wait for it before loading. */
  readonly currentId = computed(() => this.state()?.user.id);
  readonly csrfToken = computed(() => this.state()?.csrfToken);

  signedIn(session: SessionView): void {
    this.state.set(session);
  }

  clear(): void {
    this.state.set(undefined);
  }

  /** Asks the server whether this browser has a live session; true if so. */
  load(): Observable<boolean> {
    return this.http.get<SessionView>('/api/auth/session').pipe(
      tap((s) => this.signedIn(s)),
      map(() => true),
      catchError(() => {
        this.clear();
        return of(false);
      }),
    );
  }

  options(): Observable<SignInOptions> {
    return this.http.get<SignInOptions>('/api/auth/options');
  }

  /** Resolves to undefined when signed in, or the error's status (401 wrong details, 429 too many tries). */
  async signIn(email: string, password: string): Promise<number | undefined> {
    try {
      this.signedIn(await firstValueFrom(this.http.post<SessionView>('/api/auth/sign-in', { email, password })));
      return undefined;
    } catch (error) {
      return error instanceof HttpErrorResponse ? error.status : 0;
    }
  }

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post('/api/auth/sign-out', null));
    } finally {
      this.clear();
    }
  }
}
