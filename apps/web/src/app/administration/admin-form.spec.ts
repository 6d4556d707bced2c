import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { find } from '../shared/testing';
import { AdminForm } from './admin-form';

@Component({
  imports: [AdminForm],
  template: `
    <app-admin-form [heading]="heading()" action="Add the provider" [busy]="busy()" (send)="sent.push($event)">
      <input id="name" name="name" />
    </app-admin-form>
  `,
})
class Host {
  readonly heading = signal<string | undefined>('Add a mediation provider');
  readonly busy = signal(false);
  readonly sent: HTMLFormElement[] = [];
}

describe('an administrator’s form', () => {
  it('has its heading, the page’s fields and the button, in a form the browser does not check', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const form = find<HTMLFormElement>(
      root,
      '.govuk-grid-row > form.govuk-grid-column-two-thirds',
    );
    expect(form.noValidate).toBe(true);
    expect(
      [...form.children].map((e) => `${e.tagName} ${e.textContent?.trim()}`),
    ).toEqual([
      'H2 Add a mediation provider',
      'INPUT ',
      'BUTTON Add the provider',
    ]);
    expect(find(form, 'h2').className).toBe('govuk-heading-m');
    expect(find(form, 'button').className).toBe('govuk-button');

    fixture.componentInstance.heading.set(undefined);
    await fixture.whenStable();
    expect(form.querySelector('h2')).toBeNull();
  });

  it('gives the page the form when it is submitted, and is disabled while a change is sent', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const form = find<HTMLFormElement>(root, 'form');
    const submit = new Event('submit', { cancelable: true });
    form.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(fixture.componentInstance.sent).toEqual([form]);

    fixture.componentInstance.busy.set(true);
    await fixture.whenStable();
    expect(find<HTMLButtonElement>(root, 'button').disabled).toBe(true);
  });
});
