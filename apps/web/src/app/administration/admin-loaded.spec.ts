import { Component } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { AdminLoaded } from './admin-loaded';

@Component({
  imports: [AdminLoaded],
  template: `
    <app-admin-loaded [resource]="names" what="mediation providers">
      <ng-template>
        <ul>
          @for (n of names.value(); track n) {
            <li>{{ n }}</li>
          }
        </ul>
      </ng-template>
    </app-admin-loaded>
  `,
})
class Host {
  answers = new Subject<string[]>();
  readonly names = rxResource({ stream: () => this.answers });
}

describe('what an administrator’s page loads', () => {
  /** Renders, and again once the resource has taken what it was given. */
  async function settle(fixture: ComponentFixture<Host>) {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  }
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await settle(fixture);
    return fixture;
  }
  const text = (fixture: { nativeElement: HTMLElement }) =>
    fixture.nativeElement.textContent?.trim();

  it('says it is loading, then shows the page’s template, kept while it loads again', async () => {
    const fixture = await render();
    const status = fixture.nativeElement.querySelector('[role="status"]');
    expect(status?.textContent).toBe('Loading the mediation providers…');

    fixture.componentInstance.answers.next(['Harbour Mediation']);
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('li')?.textContent).toBe(
      'Harbour Mediation',
    );

    const list = fixture.nativeElement.querySelector('ul');
    fixture.componentInstance.answers = new Subject<string[]>();
    fixture.componentInstance.names.reload();
    await settle(fixture);
    expect(fixture.nativeElement.querySelector('ul')).toBe(list);
    expect(text(fixture)).toBe('Harbour Mediation');
  });

  it('says when it could not be loaded', async () => {
    const fixture = await render();
    fixture.componentInstance.answers.error(new Error('503'));
    await settle(fixture);
    const alert = fixture.nativeElement.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe(
      'The mediation providers could not be loaded. Try again later.',
    );
    expect(fixture.nativeElement.querySelector('ul')).toBeNull();
  });
});
