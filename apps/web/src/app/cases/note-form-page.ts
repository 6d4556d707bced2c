import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  NOTE_KIND_LABELS,
  NOTE_KINDS,
  type NoteKind,
  type RecordNoteRequest,
  type WriteBody,
} from '@send/contracts';
import { FlashMessage } from '../core/flash-message';
import { londonToday } from '../shared/dates';
import { ErrorSummary } from '../shared/error-summary';
import { DateInput } from '../shared/forms/date-input';
import { parseDate } from '../shared/forms/date-parts';
import {
  type DateParts,
  EMPTY_DATE,
  type FieldError,
} from '../shared/forms/form-types';
import { RadioGroup } from '../shared/forms/radio-group';
import { TextField } from '../shared/forms/text-field';
import { toProblem } from '../shared/problem';
import { CaseApi } from './case-api';
import { CaseStore } from './case-store';

/** Add a dated note of a phone call, email, meeting or letter to the case's history. */
@Component({
  selector: 'app-note-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary, DateInput, RadioGroup, TextField],
  template: `
    @if (store.current(); as detail) {
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <app-error-summary [errors]="errors()" />
          <h1 class="govuk-heading-l">Add a note</h1>
          <p class="govuk-body">A note goes into the case's history. It does not start, meet or move any deadline.</p>
          <form novalidate (submit)="save($event, detail.id, detail.version)">
            <app-radio-group id="note-kind" legend="What is the note about?" [options]="kinds" [value]="kind()"
              [error]="fieldError('note-kind')" (valueChange)="kind.set($any($event))" />
            <app-date-input id="note-date" legend="When did it happen?" [value]="date()" [error]="fieldError('note-date')"
              (valueChange)="date.set($event)" />
            <app-text-field id="note-text" label="Note" hint="What was said or agreed, and by whom." [rows]="6" [value]="text()"
              [error]="fieldError('note-text')" (valueChange)="text.set($event)" />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Save note</button>
              <a class="govuk-link" [routerLink]="['/cases', detail.id, 'history']">Cancel</a>
            </div>
          </form>
        </div>
      </div>
    }
  `,
})
export class NoteFormPage {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashMessage);

  protected readonly kinds = NOTE_KINDS.map((value) => ({
    value,
    text: NOTE_KIND_LABELS[value],
  }));
  protected readonly kind = signal<NoteKind | ''>('');
  protected readonly date = signal<DateParts>(EMPTY_DATE);
  protected readonly text = signal('');
  protected readonly busy = signal(false);
  protected readonly problems = signal<FieldError[]>([]);
  protected readonly errors = computed(() => this.problems());

  protected fieldError(id: string): FieldError | undefined {
    return this.problems().find((p) => p.field === id);
  }

  protected save(event: Event, caseId: string, version: number): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    const kind = this.kind();
    if (!kind)
      problems.push({
        field: 'note-kind',
        targetId: 'note-kind',
        message: 'Select what the note is about',
      });
    const date = parseDate(this.date(), {
      id: 'note-date',
      label: 'Date of the note',
      missing: 'Enter the date it happened',
      notAfter: londonToday(),
    });
    if ('error' in date) problems.push(date.error);
    const text = this.text().trim();
    if (!text)
      problems.push({
        field: 'note-text',
        targetId: 'note-text',
        message: 'Enter the note',
      });
    this.problems.set(problems);
    if (problems.length || !kind || 'error' in date) return;
    const body = {
      kind,
      notedOn: date.iso,
      text,
    } satisfies WriteBody<RecordNoteRequest>;
    this.busy.set(true);
    this.api.record(`/cases/${caseId}/notes`, body, version, false).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.store.saved(saved);
        this.flash.set('Note added');
        void this.router.navigate(['/cases', caseId, 'history']);
      },
      error: (error) => {
        this.busy.set(false);
        this.problems.set([
          {
            message:
              toProblem(error)?.detail ??
              'The note could not be saved. Try again later.',
          },
        ]);
      },
    });
  }
}
