import { Injectable, InjectionToken, inject, signal } from '@angular/core';

const TOKEN_KEY = 'ubs.adminToken';

/** Where the token is kept: the browser session, so closing the tab signs out. */
export const TOKEN_STORAGE = new InjectionToken<Storage>('TOKEN_STORAGE', {
  providedIn: 'root',
  factory: () => sessionStorage,
});

/**
 * The admin token for this browser session. Storage is the source of truth, read on every
 * request, so a token changed in another tab (or cleared) takes effect at once.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly storage = inject(TOKEN_STORAGE);
  private readonly signedInState = signal(this.storage.getItem(TOKEN_KEY) !== null);
  private readonly noticeState = signal<string | null>(null);

  readonly signedIn = this.signedInState.asReadonly();
  /** Why the sign-in prompt is shown again, e.g. after a 401. */
  readonly notice = this.noticeState.asReadonly();

  token(): string | null {
    return this.storage.getItem(TOKEN_KEY);
  }

  signIn(token: string): void {
    this.storage.setItem(TOKEN_KEY, token);
    this.signedInState.set(true);
    this.noticeState.set(null);
  }

  signOut(notice: string | null = null): void {
    this.storage.removeItem(TOKEN_KEY);
    this.signedInState.set(false);
    this.noticeState.set(notice);
  }
}
