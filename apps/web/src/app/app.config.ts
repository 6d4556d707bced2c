import { APP_BASE_HREF } from '@angular/common';
import {
  provideHttpClient,
  withFetch,
  withInterceptors,
} from '@angular/common/http';
import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withEnabledBlockingInitialNavigation,
} from '@angular/router';
import { appRoutes } from './app.routes';
import { AppTitleStrategy } from './core/app-title-strategy';
import { sessionInterceptor } from './core/session-interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // The first page is shown once its route (guards, session, lazy code) is ready, so the header's
    // navigation and the page's width do not move the page after it first appears (layout shift).
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withEnabledBlockingInitialNavigation(),
    ),
    provideHttpClient(withFetch(), withInterceptors([sessionInterceptor])),
    { provide: TitleStrategy, useClass: AppTitleStrategy },
    // No <base> element: the Content Security Policy says `base-uri 'none'`, and the build writes
    // absolute URLs for its scripts and styles (`deployUrl: "/"`).
    { provide: APP_BASE_HREF, useValue: '/' },
  ],
};
