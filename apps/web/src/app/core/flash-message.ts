import { Injectable } from '@angular/core';

/** A one-off message for the next page, e.g. the "Response recorded" banner after a save. */
@Injectable({ providedIn: 'root' })
export class FlashMessage {
  private message: string | undefined;

  set(message: string): void {
    this.message = message;
  }

  /** Returns the message once, then forgets it. */
  take(): string | undefined {
    const message = this.message;
    this.message = undefined;
    return message;
  }
}
