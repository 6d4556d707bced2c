import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { UpdateMediationProviderRequest } from '@send/contracts';
import { FlashMessage } from '../core/flash-message';
import { TextField } from '../shared/forms/text-field';
import { AdminApi } from './admin-api';
import { AdminForm } from './admin-form';
import { AdminFormState, changedValues } from './admin-form-state';
import { AdminLoaded } from './admin-loaded';
import { AdminPage, loadedHeading } from './admin-page';
import { textOf } from './form-problems';
import { PROVIDER_FIELDS } from './mediation-providers-page';

/** One mediation provider: change its details, retire it or bring it back. */
@Component({
  selector: 'app-mediation-provider-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminPage, AdminLoaded, AdminForm, TextField],
  template: `
    <app-admin-page [form]="form" back="/administration/mediation-providers" backText="Back to mediation providers"
      [caption]="provider() ? 'Mediation provider' : undefined" [heading]="heading()">
    <app-admin-loaded [resource]="providers" what="provider">
      <ng-template>
        @if (provider(); as p) {
          <app-admin-form action="Save changes" [busy]="form.busy()" (send)="save($event)">
            @for (f of fields; track f.name) {
              <app-text-field [id]="f.name" [label]="f.label" [type]="f.type" [autocomplete]="f.autocomplete" size="s" [spellcheck]="false"
                [value]="p[f.name] ?? ''" [error]="form.fieldError(f.name)" />
            }
          </app-admin-form>
          <h2 class="govuk-heading-m">{{ p.active ? 'Retire the provider' : 'Offer the provider again' }}</h2>
          @if (p.active) {
            <p class="govuk-body">A retired provider is no longer offered for a new mediation. Mediations already recorded keep it.</p>
            <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" [disabled]="form.busy()" (click)="setActive(false)">
              Retire {{ p.name }}
            </button>
          } @else {
            <p class="govuk-body">This provider is retired: it is not offered for a new mediation.</p>
            <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" [disabled]="form.busy()" (click)="setActive(true)">
              Offer {{ p.name }} again
            </button>
          }
        }
      </ng-template>
    </app-admin-loaded>
    </app-admin-page>
  `,
})
export class MediationProviderPage {
  readonly providerId = input.required<string>();

  private readonly api = inject(AdminApi);
  private readonly flash = inject(FlashMessage);
  private readonly router = inject(Router);
  protected readonly form = new AdminFormState(['name', 'email', 'phone']);
  protected readonly fields = PROVIDER_FIELDS;
  protected readonly providers = rxResource({
    stream: () => this.api.providers(),
  });
  protected readonly provider = computed(() =>
    this.providers.hasValue()
      ? this.providers.value().find((p) => p.id === this.providerId())
      : undefined,
  );
  protected readonly heading = loadedHeading(
    this.providers,
    this.provider,
    'No such mediation provider',
  );

  protected save(formElement: HTMLFormElement): Promise<void> {
    const p = this.provider();
    if (!p) return Promise.resolve();
    const data = new FormData(formElement);
    const name = textOf(data, 'name');
    const email = textOf(data, 'email') || null;
    const phone = textOf(data, 'phone') || null;
    if (!name) {
      this.form.errors.set([
        {
          field: 'name',
          targetId: 'name',
          message: 'Enter the provider’s name',
        },
      ]);
      return Promise.resolve();
    }
    const request: UpdateMediationProviderRequest = changedValues(p, {
      name,
      email,
      phone,
    });
    if (Object.keys(request).length === 0) {
      this.form.errors.set([
        {
          message:
            'Change the name, email or phone number, or go back to mediation providers',
        },
      ]);
      return Promise.resolve();
    }
    return this.run(request, `Mediation provider changed: ${name}`);
  }

  protected setActive(active: boolean): Promise<void> {
    const p = this.provider();
    if (!p) return Promise.resolve();
    return this.run(
      { active },
      active
        ? `Mediation provider offered again: ${p.name}`
        : `Mediation provider retired: ${p.name}`,
    );
  }

  /** A change to the provider, confirmed on the list of providers. */
  private run(
    request: UpdateMediationProviderRequest,
    done: string,
  ): Promise<void> {
    return this.form.send(
      this.api.changeProvider(this.providerId(), request),
      async () => {
        this.flash.set(done);
        await this.router.navigate(['/administration/mediation-providers']);
      },
    );
  }
}
