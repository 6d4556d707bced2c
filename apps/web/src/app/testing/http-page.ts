import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import type { Type } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, type Routes } from '@angular/router';

/** What a spec does to a fixture: wait for it, and render it again. */
type Settling = Pick<ComponentFixture<unknown>, 'whenStable' | 'detectChanges'>;

/**
 * The TestBed of a page that talks to the API: its requests answered by the spec (the controller
 * returned), and a router with `routes` (the pages it goes to).
 */
export function setUpHttpPage(routes: Routes = []): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(routes),
    ],
  });
  return TestBed.inject(HttpTestingController);
}

/**
 * Lets the page take what it was answered: stable, then its own promises (a form's send settles
 * after the request does), then rendered again.
 */
export async function settle(fixture: Settling): Promise<void> {
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
}

/**
 * The page rendered with its inputs, the requests it makes at once answered (`answers`: URL to
 * the body answered), then settled.
 */
export async function renderPage<T>(
  component: Type<T>,
  http: HttpTestingController,
  {
    inputs = {},
    answers = {},
  }: {
    inputs?: Record<string, unknown>;
    answers?: Record<string, unknown>;
  } = {},
): Promise<{ fixture: ComponentFixture<T>; page: HTMLElement }> {
  const fixture = TestBed.createComponent(component);
  for (const [name, value] of Object.entries(inputs))
    fixture.componentRef.setInput(name, value);
  fixture.detectChanges();
  for (const [url, body] of Object.entries(answers))
    http.expectOne(url).flush(body as never);
  await settle(fixture);
  return { fixture, page: fixture.nativeElement as HTMLElement };
}

/** Clicks the page's submit button (or `button`), then settles. */
export async function submit(
  fixture: Settling,
  page: HTMLElement,
  button = page.querySelector<HTMLButtonElement>('button[type=submit]'),
): Promise<void> {
  button?.click();
  await settle(fixture);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
};

/** Answers a request with the API's refusal (a problem, RFC 9457): 400 unless said, with the fields' errors if any. */
export function refuse(
  request: TestRequest,
  detail: string,
  {
    status = 400,
    errors,
  }: { status?: number; errors?: { field: string; message: string }[] } = {},
): void {
  const statusText = STATUS_TEXT[status] ?? 'Error';
  request.flush(
    {
      type: 'about:blank',
      title: statusText,
      status,
      detail,
      ...(errors ? { errors } : {}),
    },
    { status, statusText },
  );
}
