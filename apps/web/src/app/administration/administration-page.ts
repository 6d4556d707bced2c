import { ChangeDetectionStrategy, Component } from '@angular/core';

/**
 * An administrator's start page. Administrators hold no case role: they manage staff accounts,
 * mediation providers and the bank-holiday calendar, which the API offers (and logs) today; the
 * screens for them are still to come, so this page says where to do that work.
 */
@Component({
  selector: 'app-administration-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="govuk-heading-l">Administration</h1>
    <p class="govuk-body">As an administrator you manage:</p>
    <ul class="govuk-list govuk-list--bullet">
      <li>staff accounts, their roles and teams (<code>/api/users</code>)</li>
      <li>mediation providers (<code>/api/mediation-providers</code>)</li>
      <li>the bank holidays of England and Wales that deadlines are counted on (<code>/api/bank-holidays</code>)</li>
    </ul>
    <p class="govuk-body">
      These are managed through the service's API for now: see the
      <a class="govuk-link" href="/api/docs">API documentation</a>. Every change is recorded in the security log.
    </p>
    <div class="govuk-inset-text">Administrators do not see case data. To work on cases, ask for a caseworker or manager role.</div>
  `,
})
export class AdministrationPage {}
