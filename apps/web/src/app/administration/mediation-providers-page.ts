import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { NewMediationProviderRequest } from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { FlashMessage } from '../core/flash-message';
import { ErrorSummary } from '../shared/error-summary';
import { AdminApi } from './admin-api';
import { type AdminFieldError, problemErrors, textOf } from './form-problems';
import { SuccessBanner } from './success-banner';

export const PROVIDER_FIELDS = [
  {
    name: 'name',
    label: 'Name',
    type: 'text',
    autocomplete: 'organization',
    hint: '',
  },
  {
    name: 'email',
    label: 'Email address (optional)',
    type: 'email',
    autocomplete: 'off',
    hint: '',
  },
  {
    name: 'phone',
    label: 'Phone number (optional)',
    type: 'tel',
    autocomplete: 'off',
    hint: '',
  },
] as const;

/**
 * The mediation providers families are referred to (SEND Regulations 2014 reg 32: the mediation
 * adviser's contact details go in the decision letter): every one, and a form to add one.
 */
@Component({
  selector: 'app-mediation-providers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary, SuccessBanner],
  template: `
    <app-success-banner [message]="banner()" />
    <app-error-summary [errors]="errors()" />
    <a class="govuk-back-link" routerLink="/administration">Back to administration</a>
    <h1 class="govuk-heading-l">Mediation providers</h1>
    <p class="govuk-body">Caseworkers choose from the active providers when they record a mediation adviser’s contact. A retired provider keeps its past mediations.</p>
    @if (providers.error()) {
      <p class="govuk-body" role="alert">The mediation providers could not be loaded. Try again later.</p>
    } @else if (providers.hasValue()) {
      <div class="app-table-scroll" tabindex="0" role="region" aria-label="Mediation providers">
        <table class="govuk-table app-admin-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Mediation providers by name</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Name</th>
              <th scope="col" class="govuk-table__header">Email</th>
              <th scope="col" class="govuk-table__header">Phone</th>
              <th scope="col" class="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            @for (p of providers.value(); track p.id) {
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" [routerLink]="['/administration/mediation-providers', p.id]">{{ p.name }}<span class="govuk-visually-hidden">: change or retire</span></a>
                </td>
                <td class="govuk-table__cell">{{ p.email ?? '' }}</td>
                <td class="govuk-table__cell">{{ p.phone ?? '' }}</td>
                <td class="govuk-table__cell">
                  @if (p.active) {
                    <strong class="govuk-tag govuk-tag--green">Active</strong>
                  } @else {
                    <strong class="govuk-tag govuk-tag--grey">Retired</strong>
                  }
                </td>
              </tr>
            } @empty {
              <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">No mediation provider yet.</td></tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="govuk-body" role="status">Loading the mediation providers…</p>
    }

    <div class="govuk-grid-row">
      <form class="govuk-grid-column-two-thirds" novalidate (submit)="add($event)">
        <h2 class="govuk-heading-m">Add a mediation provider</h2>
        @for (f of fields; track f.name) {
          <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor(f.name)">
            <label class="govuk-label govuk-label--s" [for]="f.name">{{ f.label }}</label>
            @if (errorFor(f.name); as message) {
              <p [id]="f.name + '-error'" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
            }
            <input class="govuk-input" [class.govuk-input--error]="errorFor(f.name)" [id]="f.name" [name]="f.name" [type]="f.type"
              [attr.autocomplete]="f.autocomplete" spellcheck="false" [attr.aria-describedby]="errorFor(f.name) ? f.name + '-error' : null" />
          </div>
        }
        <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Add the provider</button>
      </form>
    </div>
  `,
})
export class MediationProvidersPage {
  private readonly api = inject(AdminApi);
  private readonly flash = inject(FlashMessage);

  protected readonly banner = signal(this.flash.take());
  protected readonly errors = signal<readonly AdminFieldError[]>([]);
  protected readonly busy = signal(false);
  protected readonly fields = PROVIDER_FIELDS;
  protected readonly providers = rxResource({
    stream: () => this.api.providers(),
  });

  protected errorFor(field: string): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected async add(event: Event): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const name = textOf(form, 'name');
    const email = textOf(form, 'email');
    const phone = textOf(form, 'phone');
    if (!name) {
      this.errors.set([
        {
          field: 'name',
          targetId: 'name',
          message: 'Enter the provider’s name',
        },
      ]);
      return;
    }
    this.errors.set([]);
    const request = {
      name,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    } satisfies NewMediationProviderRequest;
    this.busy.set(true);
    try {
      const provider = await firstValueFrom(this.api.addProvider(request));
      formElement.reset();
      this.banner.set(`Mediation provider added: ${provider.name}`);
      this.providers.reload();
    } catch (error) {
      this.banner.set(undefined);
      this.errors.set(problemErrors(error, ['name', 'email', 'phone']));
    } finally {
      this.busy.set(false);
    }
  }
}
