import { signal, type WritableSignal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import { type AdminFieldError, problemErrors } from './form-problems';

/**
 * What an administrator's page keeps of its forms: the errors shown (in the error summary and at
 * their fields), whether a change is being sent (the page's buttons are disabled meanwhile), and the
 * confirmation of the last change (the success banner). Each page says what its fields are, what
 * is wrong before anything is sent, and what it does once a change is made.
 */
export class AdminFormState {
  readonly errors = signal<readonly AdminFieldError[]>([]);
  readonly busy = signal(false);
  readonly banner: WritableSignal<string | undefined>;

  /**
   * @param fields The fields of the page's forms: the API's errors about them are shown at the field;
   *   any other refusal is shown in the summary only.
   * @param banner The confirmation shown first: on a list page, that of the change made on the page
   *   before (the FlashMessage).
   */
  constructor(
    private readonly fields: readonly string[],
    banner?: string,
  ) {
    this.banner = signal(banner);
  }

  /** The error shown at `field`, if any. */
  fieldError(field: string): AdminFieldError | undefined {
    return this.errors().find((e) => e.field === field);
  }

  /** Shows what is wrong with a form before anything is sent (nothing: no summary); true when nothing is. */
  check(errors: readonly AdminFieldError[]): boolean {
    this.errors.set(errors);
    return errors.length === 0;
  }

  /**
   * Sends a change, busy until the API answers; then `done` with its answer. The confirmation that
   * `done` gives is shown in the banner and the errors go (none: the page has gone to another that
   * confirms the change). If the change is refused (or `done` fails), the banner goes and the
   * problem is shown instead.
   */
  async send<T>(
    request: Observable<T>,
    done: (result: T) => string | void | Promise<string | void>,
  ): Promise<void> {
    this.busy.set(true);
    try {
      const result = await firstValueFrom(request, {
        defaultValue: undefined as T,
      });
      const confirmation = await done(result);
      if (confirmation) {
        this.banner.set(confirmation);
        this.errors.set([]);
      }
    } catch (error) {
      this.banner.set(undefined);
      this.errors.set(problemErrors(error, this.fields));
    } finally {
      this.busy.set(false);
    }
  }
}

/** The values of `next` that differ from those of `current`: what an edit page asks the API to change. */
export function changedValues<T extends object, K extends keyof T>(
  current: T,
  next: Pick<T, K>,
): Partial<Pick<T, K>> {
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => value !== current[key as K]),
  ) as Partial<Pick<T, K>>;
}
