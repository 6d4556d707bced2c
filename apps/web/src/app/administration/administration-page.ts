import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/**
 * An administrator's start page. Administrators hold no case role: they manage staff accounts,
 * mediation providers, the bank-holiday calendar and the letter templates, and watch the background
 * queues. Every change to accounts, providers, bank holidays and letter templates is recorded in
 * the security log, which auditors read.
 */
@Component({
  selector: 'app-administration-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1 class="govuk-heading-l">Administration</h1>
    <ul class="govuk-list app-admin-tasks">
      <li>
        <h2 class="govuk-heading-m"><a class="govuk-link" routerLink="/administration/staff">Staff accounts</a></h2>
        <p class="govuk-body">Add an account, change its role or team, disable or enable it, reset its password.</p>
      </li>
      <li>
        <h2 class="govuk-heading-m"><a class="govuk-link" routerLink="/administration/mediation-providers">Mediation providers</a></h2>
        <p class="govuk-body">Add a provider, change its contact details, retire it.</p>
      </li>
      <li>
        <h2 class="govuk-heading-m"><a class="govuk-link" routerLink="/administration/bank-holidays">Bank holidays</a></h2>
        <p class="govuk-body">The bank holidays of England and Wales that deadlines are counted on: add or remove a date.</p>
      </li>
      <li>
        <h2 class="govuk-heading-m"><a class="govuk-link" routerLink="/administration/letter-templates">Letter templates</a></h2>
        <p class="govuk-body">The council’s Word templates for the letters the law requires: upload a new version, preview it, publish it.</p>
      </li>
      <li>
        <h2 class="govuk-heading-m"><a class="govuk-link" href="/api/admin/queues/">Queue board</a></h2>
        <p class="govuk-body">The background jobs that send reminders and make exports: waiting, running, failed. It only shows them.</p>
      </li>
    </ul>
    <p class="govuk-body">
      Every change to staff accounts, mediation providers, bank holidays and letter templates is recorded in the security log, with who made it
      and when.
    </p>
    <div class="govuk-inset-text">Administrators do not see case data. To work on cases, ask for a caseworker or manager role.</div>
  `,
})
export class AdministrationPage {}
