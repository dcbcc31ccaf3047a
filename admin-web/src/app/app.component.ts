import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from './core/auth.service';

@Component({
  selector: 'app-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatButtonModule,
    MatIconModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <mat-toolbar color="primary" role="banner">
      <mat-icon aria-hidden="true">history</mat-icon>
      <span class="title">Unified Backfill Service</span>
      <span class="subtitle">Admin console</span>
      @if (auth.signedIn()) {
        <nav aria-label="Pages">
          <a
            mat-button
            routerLink="/"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
            [routerLinkActiveOptions]="{ exact: true }"
            >Backfill</a
          >
          <a
            mat-button
            routerLink="/coverage"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
            data-testid="nav-coverage"
            >Coverage</a
          >
          <a
            mat-button
            routerLink="/analytics/district"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
            >District analytics</a
          >
          <a
            mat-button
            routerLink="/analytics/snapshot"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
            >Snapshot ranking</a
          >
        </nav>
      }
      <span class="spacer"></span>
      @if (auth.signedIn()) {
        <button mat-button type="button" (click)="signOut()">
          <mat-icon aria-hidden="true">logout</mat-icon>
          Sign out
        </button>
      }
    </mat-toolbar>
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100%;
    }
    mat-toolbar {
      gap: 12px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    mat-toolbar button,
    nav a {
      color: inherit;
    }
    nav a.active {
      text-decoration: underline;
      text-underline-offset: 6px;
    }
    .title {
      font-weight: 500;
    }
    .subtitle {
      font-size: 0.9rem;
      opacity: 0.85;
    }
    .spacer {
      flex: 1;
    }
    main {
      padding: 16px;
      max-width: 1400px;
      margin: 0 auto;
      outline: none;
    }
    .skip-link {
      position: absolute;
      left: -9999px;
    }
    .skip-link:focus {
      left: 8px;
      top: 8px;
      z-index: 10;
      background: var(--mat-sys-surface);
      padding: 8px;
    }
  `,
})
export class AppComponent {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected signOut(): void {
    this.auth.signOut('Signed out.');
    void this.router.navigate(['/sign-in']);
  }
}
