import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { UpdateMediationProviderRequest } from '@send/contracts';
import { firstValueFrom } from 'rxjs';
import { FlashMessage } from '../core/flash-message';
import { ErrorSummary } from '../shared/error-summary';
import { AdminApi } from './admin-api';
import { type AdminFieldError, problemErrors, textOf } from './form-problems';
import { PROVIDER_FIELDS } from './mediation-providers-page';

/** One mediation provider: change its details, retire it or bring it back. */
@Component({
  selector: 'app-mediation-provider-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummary],
  template: `
    <app-error-summary [errors]="errors()" />
    <a class="govuk-back-link" routerLink="/administration/mediation-providers">Back to mediation providers</a>
    @if (provider(); as p) {
      <span class="govuk-caption-l">Mediation provider</span>
      <h1 class="govuk-heading-l">{{ p.name }}</h1>
      <div class="govuk-grid-row">
        <form class="govuk-grid-column-two-thirds" novalidate (submit)="save($event)">
          @for (f of fields; track f.name) {
            <div class="govuk-form-group" [class.govuk-form-group--error]="errorFor(f.name)">
              <label class="govuk-label govuk-label--s" [for]="f.name">{{ f.label }}</label>
              @if (errorFor(f.name); as message) {
                <p [id]="f.name + '-error'" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ message }}</p>
              }
              <input class="govuk-input" [class.govuk-input--error]="errorFor(f.name)" [id]="f.name" [name]="f.name" [type]="f.type"
                [attr.autocomplete]="f.autocomplete" spellcheck="false" [value]="p[f.name] ?? ''"
                [attr.aria-describedby]="errorFor(f.name) ? f.name + '-error' : null" />
            </div>
          }
          <button type="submit" class="govuk-button" data-module="govuk-button" [disabled]="busy()">Save changes</button>
        </form>
      </div>
      <h2 class="govuk-heading-m">{{ p.active ? 'Retire the provider' : 'Offer the provider again' }}</h2>
      @if (p.active) {
        <p class="govuk-body">A retired provider is no longer offered for a new mediation. Mediations already recorded keep it.</p>
        <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" [disabled]="busy()" (click)="setActive(false)">
          Retire {{ p.name }}
        </button>
      } @else {
        <p class="govuk-body">This provider is retired: it is not offered for a new mediation.</p>
        <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" [disabled]="busy()" (click)="setActive(true)">
          Offer {{ p.name }} again
        </button>
      }
    } @else if (providers.error()) {
      <p class="govuk-body" role="alert">The provider could not be loaded. Try again later.</p>
    } @else if (providers.hasValue()) {
      <h1 class="govuk-heading-l">No such mediation provider</h1>
    } @else {
      <p class="govuk-body" role="status">Loading the provider…</p>
    }
  `,
})
export class MediationProviderPage {
  readonly providerId = input.required<string>();

  private readonly api = inject(AdminApi);
  private readonly flash = inject(FlashMessage);
  private readonly router = inject(Router);
  protected readonly errors = signal<readonly AdminFieldError[]>([]);
  protected readonly busy = signal(false);
  protected readonly fields = PROVIDER_FIELDS;
  protected readonly providers = rxResource({
    stream: () => this.api.providers(),
  });
  protected readonly provider = computed(() =>
    this.providers.hasValue()
      ? this.providers.value().find((p) => p.id === this.providerId())
      : undefined,
  );

  protected errorFor(field: string): string | undefined {
    return this.errors().find((e) => e.field === field)?.message;
  }

  protected save(event: Event): Promise<void> {
    event.preventDefault();
    const p = this.provider();
    if (!p) return Promise.resolve();
    const form = new FormData(event.target as HTMLFormElement);
    const name = textOf(form, 'name');
    const email = textOf(form, 'email') || null;
    const phone = textOf(form, 'phone') || null;
    if (!name) {
      this.errors.set([
        {
          field: 'name',
          targetId: 'name',
          message: 'Enter the provider’s name',
        },
      ]);
      return Promise.resolve();
    }
    const request: UpdateMediationProviderRequest = {
      ...(name !== p.name ? { name } : {}),
      ...(email !== p.email ? { email } : {}),
      ...(phone !== p.phone ? { phone } : {}),
    };
    if (Object.keys(request).length === 0) {
      this.errors.set([
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

  private async run(
    request: UpdateMediationProviderRequest,
    done: string,
  ): Promise<void> {
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.changeProvider(this.providerId(), request));
      this.flash.set(done);
      await this.router.navigate(['/administration/mediation-providers']);
    } catch (error) {
      this.errors.set(problemErrors(error, ['name', 'email', 'phone']));
    } finally {
      this.busy.set(false);
    }
  }
}
