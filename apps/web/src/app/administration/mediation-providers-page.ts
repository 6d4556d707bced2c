import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { NewMediationProviderRequest } from '@send/contracts';
import { FlashMessage } from '../core/flash-message';
import { TextField } from '../shared/forms/text-field';
import { AdminApi } from './admin-api';
import { AdminForm } from './admin-form';
import { AdminFormState } from './admin-form-state';
import { AdminLoaded } from './admin-loaded';
import { AdminPage } from './admin-page';
import { type AdminFieldError, textOf } from './form-problems';

export const PROVIDER_FIELDS = [
  {
    name: 'name',
    label: 'Name',
    type: 'text',
    autocomplete: 'organization',
  },
  {
    name: 'email',
    label: 'Email address (optional)',
    type: 'email',
    autocomplete: 'off',
  },
  {
    name: 'phone',
    label: 'Phone number (optional)',
    type: 'tel',
    autocomplete: 'off',
  },
] as const;

/**
 * The mediation providers families are referred to (SEND Regulations 2014 reg 32: the mediation
 * adviser's contact details go in the decision letter): every one, and a form to add one.
 */
@Component({
  selector: 'app-mediation-providers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, AdminPage, AdminLoaded, AdminForm, TextField],
  template: `
    <app-admin-page [form]="form" back="/administration" backText="Back to administration" heading="Mediation providers">
    <p class="govuk-body">Caseworkers choose from the active providers when they record a mediation adviser’s contact. A retired provider keeps its past mediations.</p>
    <app-admin-loaded [resource]="providers" what="mediation providers">
      <ng-template>
        <div class="app-table-scroll" tabindex="0" role="region" aria-label="Mediation providers">
          <table class="govuk-table app-admin-table app-table--stack">
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
                  <td class="govuk-table__cell" data-label="Name">
                    <a class="govuk-link" [routerLink]="['/administration/mediation-providers', p.id]">{{ p.name }}<span class="govuk-visually-hidden">: change or retire</span></a>
                  </td>
                  <td class="govuk-table__cell" [attr.data-label]="p.email ? 'Email' : null">{{ p.email ?? '' }}</td>
                  <td class="govuk-table__cell" [attr.data-label]="p.phone ? 'Phone' : null">{{ p.phone ?? '' }}</td>
                  <td class="govuk-table__cell" data-label="Status">
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
      </ng-template>
    </app-admin-loaded>

    <app-admin-form heading="Add a mediation provider" action="Add the provider" [busy]="form.busy()" (send)="add($event)">
      @for (f of fields; track f.name) {
        <app-text-field [id]="f.name" [label]="f.label" [type]="f.type" [autocomplete]="f.autocomplete" size="s" [spellcheck]="false"
          [error]="form.fieldError(f.name)" />
      }
    </app-admin-form>
    </app-admin-page>
  `,
})
export class MediationProvidersPage {
  private readonly api = inject(AdminApi);

  protected readonly form = new AdminFormState(
    ['name', 'email', 'phone'],
    inject(FlashMessage).take(),
  );
  protected readonly fields = PROVIDER_FIELDS;
  protected readonly providers = rxResource({
    stream: () => this.api.providers(),
  });

  protected async add(formElement: HTMLFormElement): Promise<void> {
    const data = new FormData(formElement);
    const name = textOf(data, 'name');
    const email = textOf(data, 'email');
    const phone = textOf(data, 'phone');
    const errors: AdminFieldError[] = name
      ? []
      : [
          {
            field: 'name',
            targetId: 'name',
            message: 'Enter the provider’s name',
          },
        ];
    if (!this.form.check(errors)) return;
    const request = {
      name,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    } satisfies NewMediationProviderRequest;
    await this.form.send(this.api.addProvider(request), (provider) => {
      formElement.reset();
      this.providers.reload();
      return `Mediation provider added: ${provider.name}`;
    });
  }
}
