import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { parseDate } from './date-parts';
import { DateInput } from './date-input';
import type { DateParts, FieldError } from './form-types';
import { RadioGroup } from './radio-group';

@Component({
  imports: [DateInput, RadioGroup],
  template: `
    <app-date-input id="sentOn" legend="Date sent" hint="The date on the letter." [value]="date()" [error]="error()" (valueChange)="date.set($event)" />
    <app-radio-group id="outcome" legend="Outcome" [options]="options" [value]="choice()" (valueChange)="choice.set($event)" />
  `,
})
class Host {
  readonly date = signal<DateParts>({ day: '', month: '', year: '' });
  readonly error = signal<FieldError | undefined>(undefined);
  readonly choice = signal('');
  readonly options = [
    { value: 'resolved', text: 'Resolved' },
    {
      value: 'not_resolved',
      text: 'Not resolved',
      hint: 'Say what happens next',
    },
  ];
}

describe('the GOV.UK form controls', () => {
  it('date input: labelled boxes, the hint and error described, the id on the control only, each keystroke kept', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelectorAll('#sentOn')).toHaveLength(1);
    expect(root.querySelector('app-date-input')?.hasAttribute('id')).toBe(
      false,
    );
    const fieldset = root.querySelector('fieldset')!;
    expect(fieldset.getAttribute('aria-describedby')).toBe('sentOn-hint');
    expect(root.querySelector('label[for="sentOn-day"]')?.textContent).toBe(
      'Day',
    );

    // Typed one after another without a render between: none is lost.
    for (const [part, value] of [
      ['day', '7'],
      ['month', '3'],
      ['year', '2026'],
    ] as const) {
      const box = root.querySelector<HTMLInputElement>(`#sentOn-${part}`)!;
      box.value = value;
      box.dispatchEvent(new Event('input'));
    }
    expect(fixture.componentInstance.date()).toEqual({
      day: '7',
      month: '3',
      year: '2026',
    });

    fixture.componentInstance.error.set({
      field: 'sentOn',
      message: 'Year must include 4 numbers',
      parts: ['year'],
    });
    await fixture.whenStable();
    expect(fieldset.getAttribute('aria-describedby')).toBe(
      'sentOn-hint sentOn-error',
    );
    expect(root.querySelector('#sentOn-error')?.textContent?.trim()).toBe(
      'Error: Year must include 4 numbers',
    );
    expect(root.querySelector('#sentOn-year')?.classList).toContain(
      'govuk-input--error',
    );
    expect(root.querySelector('#sentOn-day')?.classList).not.toContain(
      'govuk-input--error',
    );
  });

  it('radios: the first radio carries the group id (for the error summary), option hints are described', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const [first, second] = [
      ...root.querySelectorAll<HTMLInputElement>('input[type="radio"]'),
    ];
    expect(first?.id).toBe('outcome');
    expect(second?.id).toBe('outcome-not_resolved');
    expect(second?.getAttribute('aria-describedby')).toBe(
      'outcome-not_resolved-item-hint',
    );
    second?.dispatchEvent(new Event('change'));
    expect(fixture.componentInstance.choice()).toBe('not_resolved');
  });

  it('parseDate: the GOV.UK messages, in order', () => {
    const rules = { id: 'd', label: 'Date sent', notAfter: '2026-03-02' };
    const message = (day: string, month: string, year: string) => {
      const r = parseDate({ day, month, year }, rules);
      return 'error' in r ? [r.error.message, r.error.targetId] : r.iso;
    };
    expect(message('', '', '')).toEqual(['Enter the date sent', 'd-day']);
    expect(message('1', '', '')).toEqual([
      'Date sent must include a month and year',
      'd-month',
    ]);
    expect(message('31', '2', '2026')).toEqual([
      'Date sent must be a real date',
      'd-day',
    ]);
    expect(message('1', '2', '26')).toEqual([
      'Year must include 4 numbers',
      'd-year',
    ]);
    expect(message('3', '3', '2026')).toEqual([
      'Date sent must be today or in the past',
      'd-day',
    ]);
    expect(message(' 1 ', '02', '2026')).toBe('2026-02-01');
  });
});
