import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import type {
  IssuedLetter,
  LetterPreview,
  LetterRequest,
} from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { CaseStore } from '../case-store';
import { letterProblemOf } from './letter-problem';

/**
 * The two steps of a letter, for the pages that make one (a decision's notice, the letter of an
 * earlier entry): the preview (`POST …/letters/preview`), then issuing it (`POST …/letters`), which
 * records the entry if it is new and stores the letter with it; the case as it is after goes to
 * the store. Provided by each page, so that each has its own state.
 */
@Injectable()
export class LetterIssuer {
  private readonly store = inject(CaseStore);
  private readonly http = inject(HttpClient);
  readonly preview = signal<LetterPreview | undefined>(undefined);
  readonly issued = signal<IssuedLetter | undefined>(undefined);
  readonly problem = signal<string | undefined>(undefined);
  /** What is being done, while it is ("Making the letter…"). */
  readonly busy = signal<string | undefined>(undefined);

  async showPreview(body: LetterRequest | undefined): Promise<void> {
    if (!body || this.busy()) return;
    await this.run('Making the letter…', async (url) => {
      this.preview.set(
        await firstValueFrom(
          this.http.post<LetterPreview>(`${url}/preview`, body),
        ),
      );
    }).catch(() => this.preview.set(undefined));
  }

  async issue(body: LetterRequest | undefined): Promise<void> {
    if (!body || this.busy()) return;
    await this.run('Issuing the letter…', async (url) => {
      const letter = await firstValueFrom(
        this.http.post<IssuedLetter>(url, body),
      );
      this.store.saved(letter.case);
      this.issued.set(letter);
    }).catch(() => undefined);
  }

  /** Runs one step, saying what it does meanwhile; a refusal is kept, in the API's words, and rethrown. */
  private async run(
    doing: string,
    step: (lettersUrl: string) => Promise<void>,
  ): Promise<void> {
    this.problem.set(undefined);
    this.busy.set(doing);
    try {
      await step(`/api/cases/${this.store.caseId()}/letters`);
    } catch (error) {
      this.problem.set(letterProblemOf(error));
      throw error;
    } finally {
      this.busy.set(undefined);
    }
  }
}
