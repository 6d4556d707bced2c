import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { pageTitle } from '../core/app-title-strategy';
import { Session } from '../core/session';
import { FlashMessage } from '../core/flash-message';
import { LongDatePipe } from '../shared/date-pipes';
import { londonToday } from '../shared/dates';
import { ErrorSummary } from '../shared/error-summary';
import { responsibleBodyLabel, sectionLabel } from '../shared/labels';
import { httpStatus, SERVICE_PROBLEM, toProblem } from '../shared/problem';
import { CaseApi } from './case-api';
import {
  createResponseForm,
  DatePart,
  FieldError,
  formErrors,
  OUTCOME_OPTIONS,
  problemErrors,
  COPY_TO_SEND_TEAM,
  RECIPIENTS,
  ResponseField,
  toRequest,
} from './recommendation-response-form';

const PAGE_TITLE = 'Record the response to a recommendation';

/** Records how the responsible body answered one of the Tribunal's recommendations. */
@Component({
  selector: 'app-recommendation-response-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, LongDatePipe, ErrorSummary],
  templateUrl: './recommendation-response-page.html',
})
export class RecommendationResponsePage {
  /** Route parameters. */
  readonly id = input.required<string>();
  readonly recommendationId = input.required<string>();

  private readonly api = inject(CaseApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashMessage);
  private readonly title = inject(Title);

  protected readonly form = createResponseForm();
  protected readonly outcomes = OUTCOME_OPTIONS;
  protected readonly recipients = RECIPIENTS;
  protected readonly copy = COPY_TO_SEND_TEAM;
  protected readonly serviceProblem = SERVICE_PROBLEM;
  protected readonly sectionText = sectionLabel;
  protected readonly bodyText = responsibleBodyLabel;

  protected readonly errors = signal<readonly FieldError[]>([]);
  private readonly saving = signal(false);

  protected readonly caseDetail = rxResource({
    params: () => {
      const user = this.session.currentId();
      return user ? { id: this.id(), user } : undefined;
    },
    stream: ({ params }) => this.api.get(params.id),
  });

  protected readonly recommendation = computed(() =>
    this.caseDetail.hasValue()
      ? this.caseDetail.value().recommendations.find((r) => r.id === this.recommendationId())
      : undefined,
  );

  protected readonly dueOn = computed(() =>
    this.caseDetail.hasValue()
      ? this.caseDetail.value().deadlines.find((d) => d.subjectId === this.recommendationId())?.dueOn
      : undefined,
  );

  protected readonly notFound = computed(
    () => httpStatus(this.caseDetail.error()) === 404 || (this.caseDetail.hasValue() && !this.recommendation()),
  );

  protected errorFor(field: ResponseField): FieldError | undefined {
    return this.errors().find((e) => e.field === field);
  }

  protected datePartHasError(part: DatePart): boolean {
    return this.errorFor('sentOn')?.parts?.includes(part) ?? false;
  }

  /** The ids for `aria-describedby`: the hint, then the error if there is one. */
  protected describedBy(field: ResponseField, hint: boolean): string | null {
    const ids = [hint ? `${field}-hint` : '', this.errorFor(field) ? `${field}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  protected submit(): void {
    if (this.saving() || !this.caseDetail.hasValue()) return;
    const today = londonToday();
    this.form.updateValueAndValidity();
    const errors = formErrors(this.form);
    if (errors.length) {
      this.showErrors(errors);
      return;
    }
    const detail = this.caseDetail.value();
    const request = toRequest(this.form.getRawValue(), detail.version, today);
    this.saving.set(true);
    this.api.recordRecommendationResponse(detail.id, this.recommendationId(), request).subscribe({
      next: () => {
        this.saving.set(false);
        this.flash.set('Response recorded');
        void this.router.navigate(['/cases', detail.id]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const problem = toProblem(error);
        this.showErrors(problem ? problemErrors(problem) : [{ message: SERVICE_PROBLEM }]);
        if (httpStatus(error) === 409) {
          // Someone changed the case: load its new version so that saving again can succeed.
          this.caseDetail.reload();
        }
      },
    });
  }

  private showErrors(errors: readonly FieldError[]): void {
    this.errors.set([...errors]);
    this.title.setTitle(pageTitle(`Error: ${PAGE_TITLE}`));
  }
}
