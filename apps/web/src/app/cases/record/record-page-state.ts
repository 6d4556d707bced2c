import { computed, inject, Injectable } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute } from '@angular/router';
import { map } from 'rxjs';
import { pageTitle } from '../../core/app-title-strategy';
import { recordsOnCases } from '../../core/roles';
import { Session } from '../../core/session';
import { londonToday } from '../../shared/dates';
import type { FieldError } from '../../shared/forms/form-types';
import { CaseStore } from '../case-store';
import { MediationProviderApi } from '../mediation-provider-api';
import { StaffApi } from '../staff-api';
import type { EventFormSpec, FormContext } from './event-form';
import { EVENT_FORMS } from './forms';
import { RecordDraft } from './record-draft';

/**
 * What a form page and its check page both work out from the address and the case: which form,
 * about what, the context its fields need, and the key of its draft. Provided per page.
 */
@Injectable()
export class RecordPageState {
  private readonly route = inject(ActivatedRoute);
  private readonly store = inject(CaseStore);
  private readonly session = inject(Session);
  private readonly title = inject(Title);
  private readonly providerApi = inject(MediationProviderApi);
  private readonly staffApi = inject(StaffApi);
  readonly drafts = inject(RecordDraft);

  private readonly paramMap = toSignal(this.route.paramMap, {
    initialValue: this.route.snapshot.paramMap,
  });
  private readonly queryParamMap = toSignal(this.route.queryParamMap, {
    initialValue: this.route.snapshot.queryParamMap,
  });

  readonly spec = computed<EventFormSpec | undefined>(() =>
    EVENT_FORMS.get(this.paramMap().get('kind') ?? ''),
  );

  /** The subject's query parameters, only those the form takes (so the draft's key ignores anything else). */
  readonly params = computed<Record<string, string>>(() => {
    const query = this.queryParamMap();
    return Object.fromEntries(
      (this.spec()?.requires ?? []).flatMap((name) =>
        query.has(name) ? [[name, query.get(name) ?? '']] : [],
      ),
    );
  });

  private readonly providers = rxResource({
    params: () =>
      this.spec()?.needs === 'providers' && this.session.currentId()
        ? true
        : undefined,
    stream: () =>
      this.providerApi
        .list()
        .pipe(map((list) => list.map((p) => ({ value: p.id, text: p.name })))),
  });

  /** Only a manager may see the team's staff, and reassign a case to one of them. */
  private readonly staffForbidden = computed(
    () =>
      this.spec()?.needs === 'staff' && this.session.user()?.role !== 'manager',
  );

  /** The team's caseworkers and managers (a manager's list of staff is their own team's). */
  private readonly staff = rxResource({
    params: () =>
      this.spec()?.needs === 'staff' &&
      !this.staffForbidden() &&
      this.session.currentId()
        ? true
        : undefined,
    stream: () =>
      this.staffApi.list().pipe(
        map((list) =>
          list
            .filter((u) => u.role === 'caseworker' || u.role === 'manager')
            .map((u) => ({
              value: u.id,
              text: u.name,
              hint: u.role === 'manager' ? 'Manager' : 'Caseworker',
            })),
        ),
      ),
  });

  private readonly today = londonToday();

  /** Everything the form's fields need; undefined until the case, its history (and providers) have loaded. */
  readonly context = computed<FormContext | undefined>(() => {
    const detail = this.store.current();
    const history = this.store.history.hasValue()
      ? this.store.history.value()
      : undefined;
    if (!detail || !history) return undefined;
    const needs = this.spec()?.needs;
    if (needs === 'providers' && !this.providers.hasValue()) return undefined;
    if (needs === 'staff' && !this.staff.hasValue()) return undefined;
    return {
      detail,
      history,
      params: this.params(),
      today: this.today,
      providers: needs === 'providers' ? (this.providers.value() ?? []) : [],
      staff: needs === 'staff' ? (this.staff.value() ?? []) : [],
    };
  });

  /** Read-only roles (auditors) are never shown a form they could not send: the API refuses their writes. */
  readonly cannotRecord = computed(
    () => !!this.session.user() && !recordsOnCases(this.session.user()?.role),
  );

  readonly failed = computed(
    () =>
      !!this.store.detail.error() ||
      !!this.store.history.error() ||
      !!this.providers.error() ||
      !!this.staff.error(),
  );

  /** The form does not exist, or the subject it names is not on this case. */
  readonly notFound = computed(() => {
    const spec = this.spec();
    if (!spec || this.staffForbidden()) return true;
    const ctx = this.context();
    if (!ctx) return false;
    if ((spec.requires ?? []).some((name) => !ctx.params[name])) return true;
    return spec.exists ? !spec.exists(ctx) : false;
  });

  readonly draftKey = computed(() => {
    const spec = this.spec();
    const id = this.store.caseId();
    return spec && id
      ? `${this.session.currentId()}:${RecordDraft.key(id, spec.kind, this.params())}`
      : undefined;
  });

  readonly caseId = computed(() => this.store.caseId() ?? '');
  readonly formLink = computed(() => [
    '/cases',
    this.caseId(),
    'record',
    this.spec()?.kind ?? '',
  ]);

  /** "Cancel": what was typed into this form is not wanted. */
  discard(): void {
    const key = this.draftKey();
    if (key) this.drafts.clear(key);
  }

  /** Sets the browser title, "Error: " first when the page shows errors. */
  setTitle(heading: string, errors: readonly FieldError[]): void {
    this.title.setTitle(
      pageTitle(errors.length ? `Error: ${heading}` : heading),
    );
  }
}
