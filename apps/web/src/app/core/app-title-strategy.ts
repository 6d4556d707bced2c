import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';

export const SERVICE_NAME = 'SEND disagreements';

export function pageTitle(title: string): string {
  return `${title} - ${SERVICE_NAME}`;
}

/** Every route's `title`, followed by the service name. */
@Injectable()
export class AppTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const title = this.buildTitle(snapshot);
    this.title.setTitle(title ? pageTitle(title) : SERVICE_NAME);
  }
}
