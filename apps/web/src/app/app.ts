import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  inject,
  signal,
} from '@angular/core';
import {
  ActivatedRouteSnapshot,
  NavigationEnd,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { filter, skip } from 'rxjs';
import { SERVICE_NAME } from './core/app-title-strategy';
import { navigationFor } from './core/roles';
import { Session } from './core/session';
import { TimeoutWarning } from './core/timeout-warning';
import { RecordDraft } from './cases/record/record-draft';
import { roleLabel } from './shared/labels';
import { recordsOnCases } from './core/roles';
import { UnreadNotifications } from './records/unread-notifications';

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TimeoutWarning],
  templateUrl: './app.html',
})
export class App {
  protected readonly serviceName = SERVICE_NAME;
  protected readonly session = inject(Session);
  protected readonly role = roleLabel;
  /** The pages of the signed-in member of staff's role. */
  protected readonly navigation = computed(() =>
    navigationFor(this.session.user()?.role),
  );
  /** The unread notifications in the header, counted again at each page change (one indexed count). */
  protected readonly unread = inject(UnreadNotifications);
  protected readonly hasNotifications = computed(() =>
    recordsOnCases(this.session.user()?.role),
  );
  /** Pages of wide tables and charts (route data `wide`) use a wider page, as MoJ services do. */
  protected readonly wide = signal(false);
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private readonly drafts = inject(RecordDraft);

  constructor() {
    // After moving between pages, start from the top of the new page's content, as a full page load would.
    const navigation = this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
      )
      .subscribe(() => this.focusMain());

    const layout = this.router.events
      .pipe(filter((e) => e instanceof NavigationEnd))
      .subscribe(() => {
        let route: ActivatedRouteSnapshot | null =
          this.router.routerState.snapshot.root;
        let wide = false;
        for (; route; route = route.firstChild)
          wide = wide || route.data['wide'] === true;
        this.wide.set(wide);
        if (this.hasNotifications()) this.unread.refresh();
        else this.unread.clear();
      });

    inject(DestroyRef).onDestroy(() => {
      navigation.unsubscribe();
      layout.unsubscribe();
    });
  }

  /** Ends the session on the server, then shows the sign-in page. */
  protected async signOut(event: Event): Promise<void> {
    event.preventDefault();
    await this.session.signOut().catch(() => undefined);
    // Whatever was being typed is not kept for the next person to sign in here.
    this.drafts.clearAll();
    await this.router.navigate(['/sign-in']);
  }

  /** The page has a <base href>, so a bare '#main-content' link would leave the page. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.focusMain();
  }

  private focusMain(): void {
    const main = this.document.getElementById('main-content');
    main?.focus({ preventScroll: true });
    this.document.defaultView?.scrollTo?.(0, 0);
  }
}
