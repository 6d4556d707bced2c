import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  effect,
  inject,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { LetterRequest } from '@send/contracts';
import { FlashMessage } from '../../core/flash-message';
import { ErrorSummary } from '../../shared/error-summary';
import type { FieldError } from '../../shared/forms/form-types';
import { SERVICE_PROBLEM } from '../../shared/problem';
import { CaseStore } from '../case-store';
import { LetterIssuer } from '../letters/letter-issuer';
import {
  LetterDeadlines,
  LetterIssued,
  LetterPreviewView,
  LetterProblem,
} from '../letters/letter-views';
import { ConflictBanner } from './conflict-banner';
import { DeadlineChangeList } from './deadline-change-list';
import { answersOf } from './event-form';
import { type Draft } from './record-draft';
import { RecordFlow } from './record-flow';
import { RecordPageState } from './record-page-state';

const HEADING = 'Check your answers before saving';

/**
 * The GOV.UK "Check your answers" page of an entry: the answers with a way to change each, and the
 * deadlines the entry opens, moves or closes (from the dry run), each with its explanation. Saving
 * sends the same answers for real; a conflict shows what changed, runs the dry run again on the
 * case as it is now, and keeps every answer. An entry the law wants a letter for (`spec.letter`,
 * when these answers have one) can instead be issued with its letter (issue = record): the letter previewed in the browser with
 * the deadlines it opens or meets, then issued, which records the entry and stores the letter.
 */
@Component({
  selector: 'app-check-answers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [RecordPageState, LetterIssuer],
  imports: [
    RouterLink,
    ErrorSummary,
    DeadlineChangeList,
    ConflictBanner,
    LetterProblem,
    LetterDeadlines,
    LetterPreviewView,
    LetterIssued,
  ],
  template: `
    @if (letters.issued()) {
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <app-letter-issued [body]="state.spec()?.letter?.issued ?? 'The entry is recorded as entry'" />
        </div>
      </div>
    } @else {
    <a class="govuk-back-link" [routerLink]="state.formLink()" [queryParams]="state.params()">Back</a>
    @if (state.cannotRecord()) {
      <h1 class="govuk-heading-l">You cannot record entries</h1>
      <p class="govuk-body">Your role can read cases but not record entries on them. Ask a caseworker or a manager of the case’s team.</p>
      <p class="govuk-body"><a class="govuk-link" [routerLink]="['/cases', state.caseId()]">Back to the case</a></p>
    } @else if (state.failed()) {
      <h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p class="govuk-body">{{ serviceProblem }}</p>
    } @else if (state.notFound()) {
      <h1 class="govuk-heading-l">This cannot be recorded here</h1>
      <p class="govuk-body"><a class="govuk-link" [routerLink]="['/cases', state.caseId(), 'record']">Choose what to record</a></p>
    } @else if (state.context() && state.spec() && draft(); as draft) {
      @let spec = state.spec()!;
      @let ctx = state.context()!;
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <app-error-summary [errors]="errors()" />
          @if (errors().length && !unsure()) {
            <p class="govuk-body">
              Nothing was saved.
              <a class="govuk-link" [routerLink]="state.formLink()" [queryParams]="state.params()">Change your answers</a>, then save again.
            </p>
          }
          @if (draft.changedSince; as changes) {
            <app-conflict-banner heading="This case changed since you opened it, so nothing was saved" [events]="changes">
              <p class="govuk-body">
                Your answers are kept, and the deadlines below now take those changes into account. Check them, then save again.
              </p>
            </app-conflict-banner>
          }
          <span class="govuk-caption-l">{{ spec.title(ctx) }}</span>
          <h1 class="govuk-heading-l">{{ heading }}</h1>

          <h2 class="govuk-heading-m">Your answers</h2>
          <dl class="govuk-summary-list govuk-!-margin-bottom-9">
            @for (row of about(); track row.key) {
              <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                <dt class="govuk-summary-list__key">{{ row.key }}</dt>
                <dd class="govuk-summary-list__value">{{ row.value }}</dd>
              </div>
            }
            @for (answer of answers(); track $index) {
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{{ answer.key }}</dt>
                <dd class="govuk-summary-list__value app-pre-line">{{ answer.value }}</dd>
                <dd class="govuk-summary-list__actions">
                  <a class="govuk-link" [routerLink]="state.formLink()" [queryParams]="state.params()" [fragment]="answer.field"
                    >Change<span class="govuk-visually-hidden"> {{ answer.key.toLowerCase() }}</span></a
                  >
                </dd>
              </div>
            }
          </dl>

          <h2 class="govuk-heading-m">What this does to the deadlines</h2>
          @if (draft.preview; as preview) {
            <app-deadline-change-list [before]="ctx.detail.deadlines" [after]="preview.deadlines" />
          }

          <h2 class="govuk-heading-m">Now save the entry</h2>
          <p class="govuk-body">Saving adds it to the case history in your name, with today’s date and time. It cannot be deleted; a mistake is put right with a correction.</p>
          <div class="govuk-button-group">
            <button type="button" class="govuk-button" data-module="govuk-button" [attr.aria-disabled]="busy() || null" (click)="save()">
              Save
            </button>
            <a class="govuk-link" [routerLink]="['/cases', state.caseId()]" (click)="state.discard()">Cancel</a>
          </div>
          @if (busy()) {
            <p class="govuk-body" role="status">{{ busy() }}</p>
          }
          @if (letterRequest()) {
            <h2 class="govuk-heading-m">Or issue the letter</h2>
            <p class="govuk-body">
              Issuing the letter saves the entry and stores the letter with it (Word and PDF), each with its fingerprint in the
              case history. The letter says what the entry says, and is dated the date it was sent.
            </p>
            <app-letter-problem />
            <div class="govuk-button-group">
              <button type="button" class="govuk-button govuk-button--secondary" [attr.aria-disabled]="busy() || letters.busy() || null"
                (click)="previewLetter()">Preview the letter</button>
            </div>
            <app-letter-deadlines />
            <app-letter-preview (issue)="issueLetter()" />
          }
        </div>
      </div>
    } @else {
      <p class="govuk-body" role="status">Loading your answers…</p>
    }
    }
  `,
})
export class CheckAnswersPage {
  protected readonly state = inject(RecordPageState);
  private readonly store = inject(CaseStore);
  private readonly flow = inject(RecordFlow);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashMessage);
  private readonly document = inject(DOCUMENT);
  protected readonly letters = inject(LetterIssuer);

  protected readonly heading = HEADING;
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly errors = signal<readonly FieldError[]>([]);
  /** The last save failed without the service saying whether the entry was saved. */
  protected readonly unsure = signal(false);
  /** What is happening while a request is out, for the live region. */
  protected readonly busy = signal<string | undefined>(undefined);
  /** Bumped when the draft changes, so that `draft` is read again from the store of drafts. */
  private readonly version = signal(0);
  private readonly focusBanner = signal(false);

  protected readonly draft = computed<Draft | undefined>(() => {
    this.version();
    const key = this.state.draftKey();
    const draft = key ? this.state.drafts.get(key) : undefined;
    return draft?.preview && draft.parsed ? draft : undefined;
  });

  protected readonly about = computed(() => {
    const spec = this.state.spec();
    const ctx = this.state.context();
    return spec && ctx ? (spec.about?.(ctx) ?? []) : [];
  });

  protected readonly answers = computed(() => {
    const spec = this.state.spec();
    const ctx = this.state.context();
    const draft = this.draft();
    return spec && ctx && draft?.parsed
      ? answersOf(spec, draft.values, draft.parsed, ctx)
      : [];
  });

  constructor() {
    // Nothing to check (the page was opened directly, or after a reload): go to the form.
    effect(() => {
      if (
        this.state.context() &&
        this.state.spec() &&
        !this.state.notFound() &&
        !this.draft() &&
        !this.letters.issued()
      ) {
        void this.router.navigate(this.state.formLink(), {
          queryParams: this.state.params(),
          replaceUrl: true,
        });
      }
    });
    effect(() =>
      this.state.setTitle(
        this.letters.issued() ? 'Letter issued' : HEADING,
        this.errors(),
      ),
    );
    afterRenderEffect(() => {
      if (!this.focusBanner()) return;
      this.document.getElementById('conflict-banner')?.focus();
      this.focusBanner.set(false);
    });
  }

  /** The letter for these answers, based on the version they were checked against; none if these answers have none. */
  protected readonly letterRequest = computed<LetterRequest | undefined>(() => {
    const spec = this.state.spec();
    const ctx = this.state.context();
    const draft = this.draft();
    if (!spec?.letter || !ctx || !draft?.parsed) return undefined;
    const request = spec.letter.request(spec.body(draft.parsed, ctx), ctx);
    return request && { ...request, expectedVersion: draft.baseVersion };
  });

  protected previewLetter(): void {
    if (this.busy()) return;
    void this.letters.showPreview(this.letterRequest());
  }

  /** Issue = record: the entry is saved with its letter; the page then says so, with the letter's files. */
  protected async issueLetter(): Promise<void> {
    const key = this.state.draftKey();
    if (this.busy()) return;
    await this.letters.issue(this.letterRequest());
    if (this.letters.issued() && key) this.state.drafts.clear(key);
  }

  protected async save(): Promise<void> {
    const spec = this.state.spec();
    const ctx = this.state.context();
    const key = this.state.draftKey();
    const draft = this.draft();
    if (!spec || !ctx || !key || !draft?.parsed || this.busy()) return;
    this.errors.set([]);
    this.unsure.set(false);
    this.busy.set('Saving…');
    const result = await this.flow.send(
      spec,
      ctx,
      draft.values,
      draft.parsed,
      draft,
      false,
    );
    if (result.kind === 'saved') {
      // Saved, but the API could not answer with the case: read it again for the case page.
      this.state.drafts.clear(key);
      await this.store.refresh().catch(() => undefined);
      this.busy.set(undefined);
      this.flash.set(spec.saved);
      await this.router.navigate(['/cases', ctx.detail.id]);
      return;
    }
    if (result.kind === 'ok') {
      this.busy.set(undefined);
      this.store.saved(result.detail);
      this.state.drafts.clear(key);
      this.flash.set(spec.saved);
      await this.router.navigate(['/cases', ctx.detail.id]);
      return;
    }
    if (result.kind === 'invalid') {
      this.busy.set(undefined);
      this.unsure.set(result.unsure === true);
      this.errors.set(result.errors);
      return;
    }
    // A conflict: check the same answers against the case as it is now, so the deadlines shown are right.
    const sequence = Math.max(0, ...result.history.map((e) => e.sequence));
    const rebased: Draft = {
      ...draft,
      baseVersion: result.detail.version,
      baseSequence: sequence,
      changedSince: result.changes,
    };
    this.busy.set(
      'The case has changed: checking your answers against it again…',
    );
    const context = this.state.context() ?? ctx;
    const again = await this.flow.send(
      spec,
      context,
      draft.values,
      draft.parsed,
      rebased,
      true,
    );
    this.busy.set(undefined);
    if (again.kind === 'ok') {
      this.state.drafts.set(key, { ...rebased, preview: again.detail });
    } else {
      // Keep the answers (and what changed) for the form; the entry no longer fits as it is.
      this.state.drafts.set(key, {
        values: draft.values,
        baseVersion: rebased.baseVersion,
        baseSequence: sequence,
        changedSince: result.changes,
      });
      this.errors.set(
        again.kind === 'invalid'
          ? again.errors
          : [{ message: SERVICE_PROBLEM }],
      );
    }
    this.version.update((v) => v + 1);
    this.focusBanner.set(true);
  }
}
