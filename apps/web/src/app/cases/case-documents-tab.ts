import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { HttpClient } from '@angular/common/http';
import type { CaseDetail } from '@send/contracts';
import { Session } from '../core/session';
import { recordsOnCases } from '../core/roles';
import { LondonDateTimePipe } from '../shared/date-pipes';
import { ErrorSummary, type SummaryError } from '../shared/error-summary';
import { toProblem } from '../shared/problem';
import { CaseStore } from './case-store';

/** The most a document may be (the API's limit, `MAX_DOCUMENT_BYTES`). */
const MAX_BYTES = 10 * 1024 * 1024;

/** A case's documents, each with the entry it evidences; and the upload of a new one (file picker or drag and drop). */
@Component({
  selector: 'app-case-documents-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LondonDateTimePipe, ErrorSummary],
  template: `
    @if (store.current(); as detail) {
      <h2 class="govuk-heading-m">Documents</h2>
      @if (detail.documents.length) {
        <table class="govuk-table" data-testid="documents">
          <caption class="govuk-table__caption govuk-visually-hidden">Documents on this case</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Document</th>
              <th scope="col" class="govuk-table__header">Evidences</th>
              <th scope="col" class="govuk-table__header">Uploaded</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            @for (d of detail.documents; track d.id) {
              <tr class="govuk-table__row">
                <td class="govuk-table__cell app-break-words">
                  <a class="govuk-link" [href]="downloadUrl(detail.id, d.id)" download>{{ d.filename }}</a>
                  <span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{{ size(d.size) }}</span>
                </td>
                <td class="govuk-table__cell">Entry {{ d.eventSequence }}: {{ summaryOf(d.eventSequence) }}</td>
                <td class="govuk-table__cell">{{ d.uploadedAt | londonDateTime }}</td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="govuk-body">No documents have been uploaded to this case yet.</p>
      }

      @if (canRecord()) {
        <h2 class="govuk-heading-m">Upload a document</h2>
        <app-error-summary [errors]="errors()" />
        <form novalidate (submit)="upload($event, detail)">
          <div class="govuk-form-group" [class.govuk-form-group--error]="entryError()">
            <label class="govuk-label govuk-label--s" for="document-entry">Which entry does it evidence?</label>
            <div class="govuk-hint" id="document-entry-hint">For example, the decision letter for the decision, or the Tribunal's decision for the appeal's outcome.</div>
            @if (entryError(); as e) {
              <p class="govuk-error-message" id="document-entry-error"><span class="govuk-visually-hidden">Error:</span> {{ e }}</p>
            }
            <select class="govuk-select app-full-width" id="document-entry" name="entry" aria-describedby="document-entry-hint"
              [value]="entry()" (change)="entry.set($any($event.target).value)">
              <option value="">Choose an entry</option>
              @for (e of entries(); track e.sequence) {
                <option [value]="e.sequence">{{ e.sequence }}: {{ e.summary }}</option>
              }
            </select>
          </div>
          <div class="govuk-form-group" [class.govuk-form-group--error]="fileError()">
            <label class="govuk-label govuk-label--s" for="document-file">Upload a file</label>
            <div class="govuk-hint" id="document-file-hint">A PDF, Word or Excel document, or a scanned image, up to 10 MB.</div>
            @if (fileError(); as e) {
              <p class="govuk-error-message" id="document-file-error"><span class="govuk-visually-hidden">Error:</span> {{ e }}</p>
            }
            <div class="app-drop-zone" [class.app-drop-zone--active]="dragging()" data-testid="drop-zone"
              (dragover)="over($event)" (dragleave)="dragging.set(false)" (drop)="dropped($event)">
              <input class="govuk-file-upload" id="document-file" name="file" type="file" aria-describedby="document-file-hint"
                [class.govuk-file-upload--error]="fileError()" (change)="picked($event)" />
              <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" aria-live="polite">
                @if (file(); as f) { Chosen: {{ f.name }} ({{ size(f.size) }}) } @else { Or drag and drop a file here. }
              </p>
            </div>
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Upload document</button>
        </form>
      }
    }
  `,
})
export class CaseDocumentsTab {
  protected readonly store = inject(CaseStore);
  private readonly http = inject(HttpClient);
  private readonly session = inject(Session);
  protected readonly canRecord = computed(() =>
    recordsOnCases(this.session.user()?.role),
  );
  protected readonly entry = signal('');
  protected readonly file = signal<File | undefined>(undefined);
  protected readonly dragging = signal(false);
  protected readonly busy = signal(false);
  protected readonly entryError = signal<string | undefined>(undefined);
  protected readonly fileError = signal<string | undefined>(undefined);
  protected readonly errors = computed<SummaryError[]>(() => [
    ...(this.entryError()
      ? [{ message: this.entryError()!, targetId: 'document-entry' }]
      : []),
    ...(this.fileError()
      ? [{ message: this.fileError()!, targetId: 'document-file' }]
      : []),
  ]);

  /** The entries a document can evidence, newest first (not documents themselves). */
  protected readonly entries = computed(() =>
    (this.store.history.hasValue() ? this.store.history.value() : [])
      .filter((e) => e.type !== 'document.attached')
      .sort((a, b) => b.sequence - a.sequence),
  );

  protected summaryOf(sequence: number): string {
    return this.entries().find((e) => e.sequence === sequence)?.summary ?? '';
  }

  protected downloadUrl(caseId: string, documentId: string): string {
    return `/api/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(documentId)}`;
  }

  protected size(bytes: number): string {
    return bytes < 1024 * 1024
      ? `${Math.max(1, Math.round(bytes / 1024))} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  protected picked(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0]);
  }

  protected over(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected dropped(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const f = event.dataTransfer?.files?.[0];
    if (f) this.file.set(f);
  }

  protected upload(event: Event, detail: CaseDetail): void {
    event.preventDefault();
    const file = this.file();
    this.entryError.set(
      this.entry() ? undefined : 'Select the entry the document evidences',
    );
    this.fileError.set(
      !file
        ? 'Select a file'
        : file.size > MAX_BYTES
          ? 'The selected file must be smaller than 10 MB'
          : file.size === 0
            ? 'The selected file is empty'
            : undefined,
    );
    if (this.entryError() || this.fileError() || !file) return;
    const form = event.target as HTMLFormElement;
    const body = new FormData();
    body.append('expectedVersion', String(detail.version));
    body.append('file', file, file.name);
    this.busy.set(true);
    this.http
      .post<CaseDetail>(
        `/api/cases/${encodeURIComponent(detail.id)}/events/${this.entry()}/documents`,
        body,
      )
      .subscribe({
        next: (saved) => {
          this.busy.set(false);
          this.file.set(undefined);
          this.entry.set('');
          form.reset();
          this.store.saved(saved);
        },
        error: (error) => {
          this.busy.set(false);
          this.fileError.set(
            toProblem(error)?.detail ??
              'The document could not be uploaded. Try again later.',
          );
        },
      });
  }
}
