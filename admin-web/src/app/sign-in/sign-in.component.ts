import { HttpContext, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { BackfillService } from '@backfill/api-client';
import { apiErrorMessage } from '../core/api-client';
import { CANDIDATE_TOKEN } from '../core/auth.interceptor';
import { AuthService } from '../core/auth.service';
import { safeReturnUrl } from '../core/return-url';

/** Asks for the admin token and keeps it for this browser session once the API accepts it. */
@Component({
  selector: 'app-sign-in',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card class="sign-in" appearance="outlined">
      <mat-card-header>
        <mat-card-title><h1>Sign in</h1></mat-card-title>
        <mat-card-subtitle
          >Enter the service's ADMIN_TOKEN. It is kept for this browser session
          only.</mat-card-subtitle
        >
      </mat-card-header>
      <mat-card-content>
        @if (notice(); as notice) {
          <p class="notice" role="alert" data-testid="sign-in-notice">
            <mat-icon aria-hidden="true">info</mat-icon>{{ notice }}
          </p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" id="sign-in-form">
          <mat-form-field appearance="outline">
            <mat-label>Admin token</mat-label>
            <input
              matInput
              formControlName="token"
              type="password"
              autocomplete="current-password"
              required
              data-testid="token-input"
            />
            @if (form.controls.token.hasError('required')) {
              <mat-error>The admin token is required.</mat-error>
            } @else if (form.controls.token.hasError('minlength')) {
              <mat-error>The admin token is at least 16 characters long.</mat-error>
            }
          </mat-form-field>
        </form>
      </mat-card-content>
      <mat-card-actions align="end">
        <button
          mat-flat-button
          type="submit"
          form="sign-in-form"
          [disabled]="checking()"
          data-testid="sign-in"
        >
          {{ checking() ? 'Checking…' : 'Sign in' }}
        </button>
      </mat-card-actions>
    </mat-card>
  `,
  styles: `
    .sign-in {
      max-width: 480px;
      margin: 48px auto;
    }
    h1 {
      margin: 0;
      font-size: 1.5rem;
    }
    mat-form-field {
      width: 100%;
    }
    .notice {
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class SignInComponent {
  private readonly auth = inject(AuthService);
  private readonly api = inject(BackfillService);
  private readonly router = inject(Router);
  private readonly rejected = signal<string | null>(null);

  /** The page asked for before signing in (the guard's `returnUrl` query parameter). */
  readonly returnUrl = input<string | undefined>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    token: ['', [(c: AbstractControl) => Validators.required(c), Validators.minLength(16)]],
  });
  protected readonly checking = signal(false);
  protected readonly notice = () => this.rejected() ?? this.auth.notice();

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.checking()) return;
    const token = this.form.controls.token.value.trim();
    this.checking.set(true);
    this.rejected.set(null);
    this.api
      .getRateLimitConfig(undefined, new HttpContext().set(CANDIDATE_TOKEN, token))
      .subscribe({
        next: () => {
          this.checking.set(false);
          this.auth.signIn(token);
          // Back to the page asked for, when it is one of the console's own.
          const back = safeReturnUrl(this.returnUrl());
          void (back ? this.router.navigateByUrl(back) : this.router.navigate(['/']));
        },
        error: (error: unknown) => {
          this.checking.set(false);
          this.rejected.set(
            error instanceof HttpErrorResponse && error.status === 401
              ? 'That token was rejected by the API (401). Check ADMIN_TOKEN and try again.'
              : apiErrorMessage(error),
          );
        },
      });
  }
}
