import { Component, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import { AdminFormState } from './admin-form-state';
import { AdminPage, loadedHeading } from './admin-page';

@Component({
  imports: [AdminPage],
  template: `
    <app-admin-page [form]="form" back="/administration" backText="Back to administration" [caption]="caption()" [heading]="heading()">
      <p appBannerDetail class="detail">Their temporary password is shown only now.</p>
      <p class="body">The page’s own content.</p>
    </app-admin-page>
  `,
})
class Host {
  readonly form = new AdminFormState(['name']);
  readonly heading = signal<string | undefined>('Staff accounts');
  readonly caption = signal<string | undefined>(undefined);
}

describe('the frame of an administrator’s page', () => {
  function render() {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    const order = () =>
      [
        ...page.querySelectorAll(
          '.govuk-notification-banner, .govuk-error-summary, .govuk-back-link, .govuk-caption-l, h1, p.body',
        ),
      ].map((e) => e.className.split(' ')[0] || e.tagName.toLowerCase());
    return { fixture, page, order, host: fixture.componentInstance };
  }

  it('has the back link, the heading and the page, in that order, and no banner or summary until there is something to say', () => {
    const { page, order } = render();
    expect(order()).toEqual(['govuk-back-link', 'govuk-heading-l', 'body']);
    const back = page.querySelector('a.govuk-back-link') as HTMLAnchorElement;
    expect(back.textContent?.trim()).toBe('Back to administration');
    expect(back.getAttribute('href')).toBe('/administration');
    expect(page.querySelector('h1')?.textContent?.trim()).toBe(
      'Staff accounts',
    );
    expect(page.querySelector('.detail')).toBeNull();
  });

  it('shows the banner with its detail, then the error summary, above the back link', () => {
    const { fixture, page, order, host } = render();
    host.form.banner.set('Staff account added for Sam Test');
    host.form.errors.set([
      { field: 'name', targetId: 'name', message: 'Enter their full name' },
    ]);
    fixture.detectChanges();
    expect(order()).toEqual([
      'govuk-notification-banner',
      'govuk-error-summary',
      'govuk-back-link',
      'govuk-heading-l',
      'body',
    ]);
    expect(
      page.querySelector('.govuk-notification-banner__heading')?.textContent,
    ).toBe('Staff account added for Sam Test');
    expect(
      page.querySelector('.govuk-notification-banner__content .detail'),
    ).not.toBeNull();
    expect(
      page.querySelector('.govuk-error-summary a[href="#name"]')?.textContent,
    ).toBe('Enter their full name');
  });

  it('puts the caption above the heading, and has neither without a heading', () => {
    const { fixture, page, order, host } = render();
    host.caption.set('Staff account');
    host.heading.set('Robin Test');
    fixture.detectChanges();
    expect(order()).toEqual([
      'govuk-back-link',
      'govuk-caption-l',
      'govuk-heading-l',
      'body',
    ]);
    expect(page.querySelector('.govuk-caption-l')?.textContent?.trim()).toBe(
      'Staff account',
    );
    host.heading.set(undefined);
    fixture.detectChanges();
    expect(order()).toEqual(['govuk-back-link', 'body']);
  });
});

describe('the heading of a page about one record', () => {
  it('is none while the list loads, the record’s name once loaded, else that there is no such record', async () => {
    const answers = new Subject<{ id: string; name: string }[]>();
    const id = signal('u-1');
    const { list, heading } = TestBed.runInInjectionContext(() => {
      const list = rxResource({ stream: () => answers });
      const record = () =>
        list.hasValue() ? list.value().find((r) => r.id === id()) : undefined;
      return {
        list,
        heading: loadedHeading(list, record, 'No such staff account'),
      };
    });
    const settle = async () => {
      TestBed.tick();
      await new Promise((resolve) => setTimeout(resolve));
    };
    await settle();
    expect(heading()).toBeUndefined();
    answers.next([{ id: 'u-1', name: 'Robin Test' }]);
    await settle();
    expect(list.hasValue()).toBe(true);
    expect(heading()).toBe('Robin Test');
    id.set('u-2');
    expect(heading()).toBe('No such staff account');
  });
});
