import {
  HttpClient,
  HttpErrorResponse,
  HttpResponse,
} from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type {
  ChangePasswordRequest,
  Problem,
  SessionView,
  SignInOptions,
  SignInRequest,
} from '@send/contracts';
import { catchError, firstValueFrom, map, Observable, of, tap } from 'rxjs';
import { toProblem } from '../shared/problem';

/** When the session ends, on this browser's clock (ms since 1970). */
export interface SessionDeadlines {
  /** Without another request to the API. */
  idle: number;
  /** However active (the absolute limit after sign-in). */
  absolute: number;
}

/**
 * The signed-in member of staff. The session itself lives on the server (an httpOnly cookie the
 * app cannot read); this holds who it is, the CSRF token every change must send, and when the
 * session will end (for the timeout warning). Every request to the API moves the idle end on.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly http = inject(HttpClient);
  private readonly state = signal<SessionView | undefined>(undefined);
  private readonly ends = signal<SessionDeadlines | undefined>(undefined);
  /** How long the server keeps an unused session (learnt from the session view). */
  private idleWindowMs = 30 * 60_000;

  readonly user = computed(() => this.state()?.user);
  /** Undefined until signed in: pages wait for it before loading. */
  readonly currentId = computed(() => this.state()?.user.id);
  readonly csrfToken = computed(() => this.state()?.csrfToken);
  /** Signed in with a password an administrator set: nothing but setting a new one is allowed until then. */
  readonly passwordChangeRequired = computed(
    () => this.state()?.passwordChangeRequired === true,
  );
  readonly deadlines = this.ends.asReadonly();

  /**
   * A session view from the server. `serverNow` is the server's time when it answered (its Date
   * header), so that a browser clock that is wrong does not bring the warning early or late.
   */
  signedIn(session: SessionView, serverNow: number = Date.now()): void {
    this.state.set(session);
    const skew = serverNow - Date.now();
    const idle = Date.parse(session.idleExpiresAt);
    const absolute = Date.parse(session.expiresAt);
    if (Number.isNaN(idle) || Number.isNaN(absolute)) {
      this.ends.set(undefined);
      return;
    }
    this.idleWindowMs = Math.max(60_000, idle - serverNow);
    this.ends.set({ idle: idle - skew, absolute: absolute - skew });
  }

  /** The API answered a request of this session: its idle end moves on. */
  touched(): void {
    const ends = this.ends();
    if (ends)
      this.ends.set({
        ...ends,
        idle: Math.min(Date.now() + this.idleWindowMs, ends.absolute),
      });
  }

  clear(): void {
    this.state.set(undefined);
    this.ends.set(undefined);
  }

  /** Asks the server whether this browser has a live session; true if so. Also keeps it alive. */
  load(): Observable<boolean> {
    return this.http
      .get<SessionView>('/api/auth/session', { observe: 'response' })
      .pipe(
        tap((response) => this.fromResponse(response)),
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
      this.fromResponse(
        await firstValueFrom(
          this.http.post<SessionView>(
            '/api/auth/sign-in',
            { email, password } satisfies SignInRequest,
            { observe: 'response' },
          ),
        ),
      );
      return undefined;
    } catch (error) {
      return error instanceof HttpErrorResponse ? error.status : 0;
    }
  }

  /**
   * Changes the signed-in member of staff's password. Resolves to undefined when changed (the
   * account's other sessions have ended; this one goes on), or what the API refused (a problem
   * naming the field, or the status).
   */
  async changePassword(
    currentPassword: string,
    newPassword: string,
  ): Promise<Problem | number | undefined> {
    try {
      await firstValueFrom(
        this.http.post('/api/auth/password', {
          currentPassword,
          newPassword,
        } satisfies ChangePasswordRequest),
      );
      const current = this.state();
      if (current)
        this.state.set({ ...current, passwordChangeRequired: false });
      return undefined;
    } catch (error) {
      return (
        toProblem(error) ??
        (error instanceof HttpErrorResponse ? error.status : 0)
      );
    }
  }

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post('/api/auth/sign-out', null));
    } finally {
      this.clear();
    }
  }

  private fromResponse(response: HttpResponse<SessionView>): void {
    if (!response.body) throw new Error('The session view was empty');
    const date = Date.parse(response.headers.get('Date') ?? '');
    this.signedIn(response.body, Number.isNaN(date) ? Date.now() : date);
  }
}
