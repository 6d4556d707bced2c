import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { LETTER_KINDS, type LetterKind } from '@send/contracts';
import { LETTER_KIND_LABELS } from '@send/domain';
import { londonDateTimeText } from '../shared/dates';
import { RadioGroup } from '../shared/forms/radio-group';
import { SERVICE_PROBLEM } from '../shared/problem';
import {
  AdminApi,
  type LetterTemplateCheck,
  type LetterTemplateVersion,
} from './admin-api';
import { AdminForm } from './admin-form';
import { AdminFormState } from './admin-form-state';
import { AdminLoaded } from './admin-loaded';
import { AdminPage } from './admin-page';
import { type AdminFieldError, textOf } from './form-problems';

/** A letter kind's versions: the one letters are made from, the drafts that could replace it, and the rest. */
export interface KindTemplates {
  kind: LetterKind;
  label: string;
  /** The newest published version: letters are made from it (none: from the default template). */
  inUse: LetterTemplateVersion | undefined;
  /** Versions newer than the one in use, not yet published: each can be previewed, then published. */
  drafts: LetterTemplateVersion[];
  /** Versions published before the one in use, and drafts older than it (never to be used). */
  earlier: LetterTemplateVersion[];
}

/** The versions of each kind, in the order of LETTER_KINDS (the list comes newest first). */
export function templatesByKind(
  versions: readonly LetterTemplateVersion[],
): KindTemplates[] {
  return LETTER_KINDS.map((kind) => {
    const own = versions
      .filter((v) => v.kind === kind)
      .sort((a, b) => b.version - a.version);
    const inUse = own.find((v) => v.published_at);
    const newer = (v: LetterTemplateVersion) =>
      !inUse || v.version > inUse.version;
    return {
      kind,
      label: LETTER_KIND_LABELS[kind],
      inUse,
      drafts: own.filter((v) => !v.published_at && newer(v)),
      earlier: own.filter((v) => v !== inUse && !newer(v)),
    };
  });
}

const title = (v: { version: number; kind: LetterKind }) =>
  `version ${v.version} of the template “${LETTER_KIND_LABELS[v.kind]}”`;

/**
 * The council's letter templates (README "Letters"): for each kind of letter the law requires, the
 * version letters are made from and the drafts; upload a Word document as a new draft, preview it
 * filled with the demo case (made-up data), publish it. Letters made before keep their version.
 */
@Component({
  selector: 'app-letter-templates-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminPage, AdminLoaded, AdminForm, RadioGroup],
  template: `
    <app-admin-page [form]="form" back="/administration" backText="Back to administration" heading="Letter templates">
    <p class="govuk-body">
      Letters are made from the council’s own Word templates, one for each kind of letter the law requires. Upload a new version as a draft,
      check its preview filled with a made-up case, then publish it: letters are made from it from then on. Letters made before keep the version
      they were made with.
    </p>
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Where to start from: the default templates</span>
      </summary>
      <div class="govuk-details__text">
        <p class="govuk-body">
          Until a version is published, letters are made from the service’s default template of their kind, in plain English. The defaults are
          not offered for download here: they are in the service’s code, <code>libs/server/src/lib/letters/templates/</code>,
          one Word document per kind (for example <code>decision_notice.docx</code>), as its README’s section “Letters” says.
        </p>
        <p class="govuk-body">
          Copy one, edit it in Word and keep its placeholders: a name in curly brackets, such as <code>{{ '{' }}childName{{ '}' }}</code>,
          is filled from the case. A template that lacks a part the law requires can be previewed but not published.
        </p>
      </div>
    </details>

    <app-admin-loaded [resource]="versions" what="letter templates">
      <ng-template>
        @for (k of kinds(); track k.kind) {
          <h2 class="govuk-heading-m">{{ k.label }}</h2>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Letters are made from</dt>
              <dd class="govuk-summary-list__value" [attr.data-testid]="'in-use-' + k.kind">
                @if (k.inUse; as v) {
                  Version {{ v.version }} ({{ v.filename }}), published {{ when(v.published_at) }} by {{ v.published_by }}
                } @else {
                  The default template: no version has been published
                }
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Drafts</dt>
              <dd class="govuk-summary-list__value">
                @if (k.drafts.length) {
                  <ul class="govuk-list">
                    @for (d of k.drafts; track d.id) {
                      <li>
                        <p class="govuk-body govuk-!-margin-bottom-2">
                          Version {{ d.version }} ({{ d.filename }}), uploaded {{ when(d.uploaded_at) }} by {{ d.uploaded_by }}
                        </p>
                        <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                          data-module="govuk-button" [disabled]="form.busy()" (click)="preview(d.id)">
                          Preview version {{ d.version }}<span class="govuk-visually-hidden"> of {{ k.label }}</span>
                        </button>
                      </li>
                    }
                  </ul>
                } @else {
                  None
                }
              </dd>
            </div>
            @if (k.earlier.length) {
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Earlier versions</dt>
                <dd class="govuk-summary-list__value">
                  <ul class="govuk-list">
                    @for (e of k.earlier; track e.id) {
                      <li>
                        Version {{ e.version }} ({{ e.filename }}):
                        @if (e.published_at) {
                          published {{ when(e.published_at) }} by {{ e.published_by }}
                        } @else {
                          never published, uploaded {{ when(e.uploaded_at) }} by {{ e.uploaded_by }}
                        }
                      </li>
                    }
                  </ul>
                </dd>
              </div>
            }
          </dl>
        }
      </ng-template>
    </app-admin-loaded>

    @if (checked(); as c) {
      <section aria-labelledby="preview-heading" class="govuk-!-margin-bottom-8">
        <h2 class="govuk-heading-m" id="preview-heading" tabindex="-1" #previewHeading>Preview of {{ name(c) }}</h2>
        <p class="govuk-body">
          The template filled with the demo case: made-up data, never a real child. This is the letter’s text as the preview shows it; the
          letter itself is made from the Word document, and sent as a PDF.
        </p>
        @if (c.missingParts.length) {
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              This version cannot be published: the template does not contain
              @for (m of c.missingParts; track m.id) { {{ m.name }} ({{ m.law }}){{ $last ? '.' : ';' }} }
              Add them to the Word document and upload it again.
            </strong>
          </div>
        }
        <div class="app-letter-preview" data-testid="template-preview" [innerHTML]="c.html"></div>
        @if (!c.missingParts.length && publishable(c)) {
          <div class="govuk-button-group govuk-!-margin-top-6">
            <button type="button" class="govuk-button" data-module="govuk-button" [disabled]="form.busy()" (click)="publish(c)">
              Publish version {{ c.version }}
            </button>
          </div>
        }
      </section>
    }

    <app-admin-form heading="Upload a new version" action="Upload as a draft" [busy]="form.busy()" (send)="upload($event)">
      <app-radio-group id="kind" legend="Which letter is it for?" size="s" [options]="kindChoices" [error]="form.fieldError('kind')" />
      <div class="govuk-form-group" [class.govuk-form-group--error]="form.fieldError('file')">
        <label class="govuk-label govuk-label--s" for="file">Upload the template</label>
        <div class="govuk-hint" id="file-hint">A Word document (.docx), up to 10 MB. It is a draft until you publish it.</div>
        @if (form.fieldError('file'); as error) {
          <p id="file-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ error.message }}</p>
        }
        <input class="govuk-file-upload" [class.govuk-file-upload--error]="form.fieldError('file')" id="file" name="file" type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          [attr.aria-describedby]="'file-hint' + (form.fieldError('file') ? ' file-error' : '')" />
      </div>
    </app-admin-form>
    </app-admin-page>
  `,
})
export class LetterTemplatesPage {
  private readonly api = inject(AdminApi);
  protected readonly form = new AdminFormState(['kind', 'file']);
  protected readonly kindChoices = LETTER_KINDS.map((kind) => ({
    value: kind,
    text: LETTER_KIND_LABELS[kind],
  }));
  protected readonly versions = rxResource({
    stream: () => this.api.letterTemplates(),
  });
  protected readonly kinds = computed(() =>
    templatesByKind(this.versions.hasValue() ? this.versions.value() : []),
  );
  /** The version last uploaded or previewed, filled with the demo case. */
  protected readonly checked = signal<LetterTemplateCheck | undefined>(
    undefined,
  );
  private readonly previewHeading =
    viewChild<ElementRef<HTMLElement>>('previewHeading');
  /** Set when a preview asked for from the list is shown: its heading takes focus (an upload's banner does). */
  private focusPreview = false;

  protected readonly when = londonDateTimeText;
  protected readonly name = title;

  constructor() {
    afterRenderEffect(() => {
      const heading = this.previewHeading();
      if (heading && this.focusPreview) {
        this.focusPreview = false;
        heading.nativeElement.focus();
      }
    });
  }

  /** Only a draft newer than the version in use: publishing an older one would change nothing. */
  protected publishable(c: LetterTemplateCheck): boolean {
    const kind = this.kinds().find((k) => k.kind === c.kind);
    return !!kind?.drafts.some((d) => d.id === c.id);
  }

  protected async upload(formElement: HTMLFormElement): Promise<void> {
    const data = new FormData(formElement);
    const kind = textOf(data, 'kind') as LetterKind;
    const input = formElement.querySelector<HTMLInputElement>('#file');
    const file = input?.files?.[0];
    const errors: AdminFieldError[] = [];
    if (!LETTER_KINDS.includes(kind))
      errors.push({
        field: 'kind',
        targetId: 'kind',
        message: 'Choose which letter the template is for',
      });
    if (!file || file.size === 0)
      errors.push({
        field: 'file',
        targetId: 'file',
        message: 'Choose the Word document (.docx) of the template',
      });
    if (!this.form.check(errors) || !file) return;
    await this.form.send(
      this.api.uploadLetterTemplate(kind, file),
      (checked) => {
        formElement.reset();
        this.checked.set(checked);
        this.versions.reload();
        return `${capital(title(checked))} uploaded as a draft: check its preview, then publish it`;
      },
    );
    this.refusedFile();
  }

  protected async preview(id: string): Promise<void> {
    await this.form.send(this.api.previewLetterTemplate(id), (checked) => {
      this.form.banner.set(undefined);
      this.form.errors.set([]);
      this.focusPreview = true;
      this.checked.set(checked);
    });
  }

  protected async publish(c: LetterTemplateCheck): Promise<void> {
    await this.form.send(this.api.publishLetterTemplate(c.id), (published) => {
      this.checked.set(undefined);
      this.versions.reload();
      return `${capital(title(published))} published: letters are made from it from now on`;
    });
  }

  /** The API's refusal of an upload is about the file (not a .docx, an unknown placeholder): shown at it too. */
  private refusedFile(): void {
    this.form.errors.update((errors) =>
      errors.map((e) =>
        e.field || e.message === SERVICE_PROBLEM
          ? e
          : { ...e, field: 'file', targetId: 'file' },
      ),
    );
  }
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
