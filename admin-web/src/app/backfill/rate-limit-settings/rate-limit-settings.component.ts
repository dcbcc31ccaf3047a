import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { BackfillService, RateLimitConfigDto } from '@backfill/api-client';
import { apiErrorMessage } from '../../core/api-client';
import { RATE_LIMIT_BOUNDS, RATE_LIMIT_FIELDS, RATE_LIMIT_LABELS } from '../job-rules';
import { delayOrderValidator, filledFields, rateLimitControls } from '../rate-limit-fields';

/** Shows and edits the saved rate-limit config; it applies to the next job. */
@Component({
  selector: 'app-rate-limit-settings',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" aria-labelledby="limits-title" novalidate>
      <h2 id="limits-title">Rate limit settings</h2>
      <p class="hint">Saved settings apply to the next job; a running job keeps its own.</p>
      <div class="fields">
        @for (field of fields; track field) {
          <mat-form-field appearance="outline">
            <mat-label>{{ labels[field] }}</mat-label>
            <input
              matInput
              type="number"
              [formControlName]="field"
              [min]="bounds[field].min"
              [max]="bounds[field].max"
              [step]="bounds[field].integer ? 1 : 0.1"
              required
              [attr.data-testid]="'limit-' + field"
            />
            <mat-hint>{{ bounds[field].min }}–{{ bounds[field].max }}</mat-hint>
            @if (problem(form.controls[field]); as problem) {
              <mat-error>{{ problem }}</mat-error>
            }
          </mat-form-field>
        }
      </div>
      @if (form.errors?.['delayOrder']; as problem) {
        <p class="form-error" role="alert" data-testid="limit-order-error">{{ problem }}</p>
      }
      @if (error(); as problem) {
        <p class="form-error" role="alert" data-testid="limit-error">{{ problem }}</p>
      }
      @if (savedMessage(); as message) {
        <p class="saved" role="status" data-testid="limit-saved">
          <mat-icon aria-hidden="true">check</mat-icon>{{ message }}
        </p>
      }
      <div class="actions">
        <button mat-button type="button" (click)="load()" [disabled]="busy()">Reset</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="limit-save">
          Save settings
        </button>
      </div>
    </form>
  `,
  styles: `
    h2 {
      margin: 0;
      font-size: 1.2rem;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.85rem;
    }
    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
      gap: 8px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .saved {
      display: flex;
      align-items: center;
      gap: 4px;
      color: var(--ubs-done);
    }
  `,
})
export class RateLimitSettingsComponent {
  private readonly api = inject(BackfillService);

  protected readonly fields = RATE_LIMIT_FIELDS;
  protected readonly labels = RATE_LIMIT_LABELS;
  protected readonly bounds = RATE_LIMIT_BOUNDS;
  protected readonly form = new FormGroup(rateLimitControls(true), {
    validators: delayOrderValidator,
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly savedMessage = signal<string | null>(null);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.busy.set(true);
    this.savedMessage.set(null);
    this.api.getRateLimitConfig().subscribe({
      next: (config) => this.show(config),
      error: (error: unknown) => this.fail(error),
    });
  }

  protected save(): void {
    this.form.markAllAsTouched();
    this.savedMessage.set(null);
    this.error.set(null);
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.api.updateRateLimitConfig({ body: filledFields(this.form.getRawValue()) }).subscribe({
      next: (config) => {
        this.show(config);
        this.savedMessage.set('Saved. The next job uses these settings.');
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected problem(control: AbstractControl): string | null {
    const errors = control.errors as { bound?: string; required?: boolean } | null;
    if (errors?.required) return 'A value is required';
    return errors?.bound ?? null;
  }

  private show(config: RateLimitConfigDto): void {
    this.busy.set(false);
    this.error.set(null);
    this.form.reset(config);
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    this.error.set(apiErrorMessage(error));
  }
}
