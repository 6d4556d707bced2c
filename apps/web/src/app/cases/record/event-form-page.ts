import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { HistoryEventView } from '@send/contracts';
import { FlashMessage } from '../../core/flash-message';
import { ErrorSummary } from '../../shared/error-summary';
import type { FieldError } from '../../shared/forms/form-types';
import { SERVICE_PROBLEM } from '../../shared/problem';
import { CaseStore } from '../case-store';
import { ConflictBanner } from './conflict-banner';
import {
  checkAnswers,
  emptyItem,
  fieldId,
  formPages,
  initialValues,
  pageOfField,
  type Values,
} from './event-form';
import { EventFormFields, type FieldChange } from './event-form-fields';
import { RecordFlow } from './record-flow';
import { RecordPageState } from './record-page-state';

/**
 * One entry's form: what the law requires, the questions, and "Continue", which checks the answers
 * as the API would and asks the API for a dry run before showing them back on the check page.
 */
@Component({
  selector: 'app-event-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [RecordPageState],
  imports: [RouterLink, ErrorSummary, EventFormFields, ConflictBanner],
  template: `
    @if (pageIndex() > 0 && paged()) {
      <a class="govuk-back-link" href="" (click)="previousPage($event)">Back</a>
    } @else {
      <a class="govuk-back-link" [routerLink]="['/cases', state.caseId(), 'record']">Back</a>
    }
    @if (state.cannotRecord()) {
      <h1 class="govuk-heading-l">You cannot record entries</h1>
      <p class="govuk-body">Your role can read cases but not record entries on them. Ask a caseworker or a manager of the case’s team.</p>
      <p class="govuk-body"><a class="govuk-link" [routerLink]="['/cases', state.caseId()]">Back to the case</a></p>
    } @else if (state.failed()) {
      <h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p class="govuk-body">{{ serviceProblem }}</p>
    } @else if (state.notFound()) {
      <h1 class="govuk-heading-l">This cannot be recorded here</h1>
      <p class="govuk-body">The address does not match anything on this case: it may have been mistyped, or the step may already be recorded.</p>
      <p class="govuk-body"><a class="govuk-link" [routerLink]="['/cases', state.caseId(), 'record']">Choose what to record</a></p>
    } @else if (state.context() && state.spec(); as spec) {
      @let ctx = state.context()!;
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <app-error-summary [errors]="errors()" />
          @if (changedSince(); as changes) {
            <app-conflict-banner heading="This case changed since you opened it" [events]="changes">
              <p class="govuk-body">Your answers are kept. Check them against the case as it is now, then continue.</p>
            </app-conflict-banner>
          }
          @if (paged()) {
            <span class="govuk-caption-l">{{ spec.title(ctx) }}: step {{ pageIndex() + 1 }} of {{ pages().length }}</span>
            <h1 class="govuk-heading-l" id="form-heading" tabindex="-1">{{ page().title }}</h1>
          } @else {
            <span class="govuk-caption-l">Record an entry</span>
            <h1 class="govuk-heading-l" id="form-heading" tabindex="-1">{{ spec.title(ctx) }}</h1>
          }
          @if (pageIndex() === 0) {
          @if (spec.about?.(ctx); as about) {
            @if (about.length) {
              <dl class="govuk-summary-list govuk-summary-list--no-border app-about">
                @for (row of about; track row.key) {
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{{ row.key }}</dt>
                    <dd class="govuk-summary-list__value">{{ row.value }}</dd>
                  </div>
                }
              </dl>
            }
          }
          <div class="govuk-inset-text app-law">
            <h2 class="govuk-heading-s govuk-!-margin-bottom-2">What the law requires</h2>
            @for (paragraph of spec.law(ctx); track $index) {
              <p class="govuk-body">{{ paragraph }}</p>
            }
          </div>
          }
          <form novalidate (submit)="continue($event)">
            <app-event-form-fields
              [spec]="page().fields"
              [values]="values()"
              [errors]="errors()"
              [context]="ctx"
              (changed)="change($event)"
              (added)="add($event)"
              (removed)="remove($event.list, $event.index)"
            />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" data-module="govuk-button" [attr.aria-disabled]="busy() || null">
                {{ onLastPage() ? (spec.continueText ?? 'Continue') : 'Continue' }}
              </button>
              <a class="govuk-link" [routerLink]="['/cases', state.caseId()]" (click)="state.discard()">Cancel</a>
            </div>
            @if (busy()) {
              <p class="govuk-body" role="status">{{ spec.saveFromForm ? 'Saving…' : 'Checking your answers and the deadlines they set…' }}</p>
            }
          </form>
        </div>
      </div>
    } @else {
      <p class="govuk-body" role="status">Loading the form…</p>
    }
  `,
})
export class EventFormPage {
  protected readonly state = inject(RecordPageState);
  private readonly store = inject(CaseStore);
  private readonly flow = inject(RecordFlow);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashMessage);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);
  private readonly fragment = toSignal(this.route.fragment);

  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly values = signal<Values>({});
  protected readonly errors = signal<readonly FieldError[]>([]);
  protected readonly busy = signal(false);
  protected readonly changedSince = signal<HistoryEventView[] | undefined>(
    undefined,
  );
  /** The case version and last history entry the answers are based on. */
  private readonly base = signal<
    { version: number; sequence: number } | undefined
  >(undefined);
  private readonly initialisedFor = signal<string | undefined>(undefined);
  private readonly focusNext = signal<string | undefined>(undefined);
  /** Which page of a long form is shown (`spec.pages`); a short form has one. */
  protected readonly pageIndex = signal(0);
  protected readonly pages = computed(() => {
    const spec = this.state.spec();
    const ctx = this.state.context();
    return spec && ctx ? formPages(spec, this.values(), ctx) : [];
  });
  protected readonly page = computed(() => {
    const pages = this.pages();
    return pages[Math.min(this.pageIndex(), pages.length - 1)]!;
  });
  /** A form asked a page at a time (its spec has pages), however many its answers so far need. */
  protected readonly paged = computed(() => !!this.state.spec()?.pages?.length);
  protected readonly onLastPage = computed(
    () => this.pageIndex() >= this.pages().length - 1,
  );

  private readonly heading = computed(() => {
    const spec = this.state.spec();
    const ctx = this.state.context();
    if (!spec || !ctx) return 'Record an entry';
    return this.paged()
      ? `${this.page().title}: ${spec.title(ctx)}`
      : spec.title(ctx);
  });

  constructor() {
    // Start from the draft (coming back from the check page, or after signing in again), else from the form's own start.
    effect(() => {
      const key = this.state.draftKey();
      const spec = this.state.spec();
      const ctx = this.state.context();
      if (!key || !spec || !ctx || untracked(this.initialisedFor) === key)
        return;
      const draft = this.state.drafts.get(key);
      this.values.set(draft?.values ?? initialValues(spec, ctx));
      this.base.set(
        draft
          ? { version: draft.baseVersion, sequence: draft.baseSequence }
          : {
              version: ctx.detail.version,
              sequence: this.store.lastSequence(),
            },
      );
      this.changedSince.set(draft?.changedSince);
      this.initialisedFor.set(key);
      // "Change" on the check page links here with the field's id as the fragment.
      const fragment = this.fragment();
      if (fragment) {
        const page = pageOfField(
          formPages(spec, untracked(this.values), ctx),
          fragment,
        );
        this.pageIndex.set(Math.max(0, page));
        this.focusNext.set(fragment);
      }
    });
    effect(() => this.state.setTitle(this.heading(), this.errors()));
    afterRenderEffect(() => {
      const id = this.focusNext();
      if (!id) return;
      const target = this.document.getElementById(id);
      if (!target) return;
      target.focus();
      target.scrollIntoView?.({ block: 'center' });
      this.focusNext.set(undefined);
    });
  }

  protected change({ name, value, item }: FieldChange): void {
    this.values.update((values) => {
      if (!item) return { ...values, [name]: value };
      const items = [...((values[item.list] as Values[] | undefined) ?? [])];
      items[item.index] = { ...items[item.index], [name]: value };
      return { ...values, [item.list]: items };
    });
  }

  protected add(list: string): void {
    const field = this.listField(list);
    if (!field) return;
    const items = (this.values()[list] as Values[] | undefined) ?? [];
    this.values.update((values) => ({
      ...values,
      [list]: [...items, emptyItem(field.fields)],
    }));
    const first = field.fields[0];
    if (first)
      this.focusNext.set(fieldId(first.name, { list, index: items.length }));
  }

  protected remove(list: string, index: number): void {
    this.values.update((values) => ({
      ...values,
      [list]: ((values[list] as Values[] | undefined) ?? []).filter(
        (_, i) => i !== index,
      ),
    }));
    this.focusNext.set(`${list}-add`);
  }

  protected async continue(event: Event): Promise<void> {
    event.preventDefault();
    const spec = this.state.spec();
    const ctx = this.state.context();
    const key = this.state.draftKey();
    const base = this.base();
    if (!spec || !ctx || !key || !base || this.busy()) return;
    const values = this.values();
    const { errors, parsed } = checkAnswers(spec, values, ctx);
    const pages = this.pages();
    if (!this.onLastPage()) {
      // A page at a time: this page's answers checked, then the next page (answers kept as a draft).
      const here = errors.filter(
        (e) => e.field && pageOfField(pages, e.field) === this.pageIndex(),
      );
      this.errors.set(here);
      if (here.length) return;
      this.state.drafts.set(key, {
        values,
        baseVersion: base.version,
        baseSequence: base.sequence,
        ...(this.changedSince() ? { changedSince: this.changedSince() } : {}),
      });
      this.showPage(this.pageIndex() + 1);
      return;
    }
    if (errors.length) {
      this.showErrors(errors);
      return;
    }

    const draft = {
      values,
      parsed,
      baseVersion: base.version,
      baseSequence: base.sequence,
      ...(this.changedSince() ? { changedSince: this.changedSince() } : {}),
    };
    // A short entry saved from the form itself (`saveFromForm`) is sent for real; the others as a dry run, for the check page.
    const save = spec.saveFromForm === true;
    this.busy.set(true);
    const result = await this.flow.send(
      spec,
      ctx,
      values,
      parsed,
      draft,
      !save,
    );
    if (result.kind === 'saved')
      await this.store.refresh().catch(() => undefined);
    this.busy.set(false);
    switch (result.kind) {
      case 'ok':
        if (save) {
          this.store.saved(result.detail);
          await this.saved(spec.saved, key, ctx.detail.id);
          return;
        }
        this.state.drafts.set(key, { ...draft, preview: result.detail });
        await this.router.navigate([...this.state.formLink(), 'check'], {
          queryParams: this.state.params(),
        });
        return;
      case 'saved':
        // Saved, but the API could not answer with the case: it was read again for the case page.
        await this.saved(spec.saved, key, ctx.detail.id);
        return;
      case 'invalid':
        this.showErrors(result.errors);
        return;
      case 'conflict': {
        const sequence = Math.max(0, ...result.history.map((e) => e.sequence));
        this.base.set({ version: result.detail.version, sequence });
        this.changedSince.set(result.changes);
        this.state.drafts.set(key, {
          values,
          baseVersion: result.detail.version,
          baseSequence: sequence,
          changedSince: result.changes,
        });
        this.focusNext.set('conflict-banner');
        return;
      }
    }
  }

  /** Back a page of a long form. */
  protected previousPage(event: Event): void {
    event.preventDefault();
    this.showPage(Math.max(0, this.pageIndex() - 1));
  }

  private showPage(index: number): void {
    this.errors.set([]);
    this.pageIndex.set(index);
    this.focusNext.set('form-heading');
  }

  /** Errors of a long form are shown on the page of the first of them (a page asks only its own). */
  private showErrors(errors: readonly FieldError[]): void {
    const pages = this.pages();
    if (this.paged()) {
      const first = errors.find((e) => e.field);
      const page = first?.field ? pageOfField(pages, first.field) : -1;
      if (page >= 0 && page !== this.pageIndex()) this.pageIndex.set(page);
      const index = page >= 0 ? page : this.pageIndex();
      this.errors.set(
        errors.filter((e) => !e.field || pageOfField(pages, e.field) === index),
      );
      return;
    }
    this.errors.set(errors);
  }

  private async saved(
    message: string,
    key: string,
    caseId: string,
  ): Promise<void> {
    this.state.drafts.clear(key);
    this.flash.set(message);
    await this.router.navigate(['/cases', caseId]);
  }

  private listField(name: string) {
    const spec = this.state.spec();
    const ctx = this.state.context();
    const field =
      spec && ctx ? spec.fields(ctx).find((f) => f.name === name) : undefined;
    return field?.kind === 'list' ? field : undefined;
  }
}
