import { COMMA, ENTER, SPACE } from '@angular/cdk/keycodes';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import {
  MatAutocompleteModule,
  MatAutocompleteSelectedEvent,
  MatAutocompleteTrigger,
} from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  BackfillService,
  ClosingDaysMode,
  CollectionService,
  CreateJobDto,
  CreateJobResponseDto,
  JobType,
  KnownDistrictsDto,
} from '@backfill/api-client';
import { Subject, catchError, exhaustMap, filter, of, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-client';
import { JOB_TYPES, TYPE_LABEL } from '../../shared/job-status';
import { addDays, isoOfLocalDate, localDateOfIso, utcDateOf } from '../../shared/utc-dates';
import {
  DISTRICT_ID_MESSAGE,
  DISTRICT_ID_PATTERN,
  MAX_DISTRICTS,
  RATE_LIMIT_BOUNDS,
  RATE_LIMIT_FIELDS,
  RATE_LIMIT_LABELS,
  dateRangeProblem,
} from '../job-rules';
import {
  PreviewDialogComponent,
  PreviewDialogData,
} from '../preview-dialog/preview-dialog.component';
import { delayOrderValidator, filledFields, rateLimitControls } from '../rate-limit-fields';
import { countOf } from '../../shared/plural';

/** Suggestions shown at once while typing a district; the rest narrow in as one types. */
const MAX_SUGGESTIONS = 40;

/** Today's UTC date; a function so tests can pin it. */
export type TodayFn = () => string;
export const utcToday: TodayFn = () => utcDateOf(Date.now());

/** The date rule on the whole form, because it depends on the job type. */
function dateRangeValidator(today: TodayFn): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const { jobType, startDate, endDate } = (group as CreateJobForm).getRawValue();
    const problem = dateRangeProblem(
      startDate ? isoOfLocalDate(startDate) : null,
      endDate ? isoOfLocalDate(endDate) : null,
      today(),
      jobType === 'data-collection',
    );
    return problem ? { dateRange: problem } : null;
  };
}

const districtsValidator: ValidatorFn = (control) => {
  const districts = control.value as string[];
  if (districts.length > MAX_DISTRICTS) return { districts: `at most ${MAX_DISTRICTS} districts` };
  const bad = districts.find((d) => !DISTRICT_ID_PATTERN.test(d));
  return bad !== undefined ? { districts: `${DISTRICT_ID_MESSAGE} ("${bad}" does not)` } : null;
};

type CreateJobForm = FormGroup<{
  jobType: FormControl<JobType>;
  startDate: FormControl<Date | null>;
  endDate: FormControl<Date | null>;
  districts: FormControl<string[]>;
  skipExisting: FormControl<boolean>;
  closingDays: FormControl<ClosingDaysMode>;
  force: FormControl<boolean>;
  overrides: FormGroup<ReturnType<typeof rateLimitControls>>;
}>;

/** The create form: Preview (a dialog with Start) and Start. */
@Component({
  selector: 'app-create-job-form',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCheckboxModule,
    MatChipsModule,
    MatDatepickerModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './create-job-form.component.html',
  styleUrl: './create-job-form.component.scss',
})
export class CreateJobFormComponent {
  private readonly api = inject(BackfillService);
  private readonly collection = inject(CollectionService);
  private readonly dialog = inject(MatDialog);
  private readonly suggestionsTrigger = viewChild(MatAutocompleteTrigger);

  /** A new job was accepted by the API. */
  readonly created = output<CreateJobResponseDto>();

  protected readonly jobTypes = JOB_TYPES;
  protected readonly typeLabel = TYPE_LABEL;
  protected readonly countOf = countOf;
  protected readonly fields = RATE_LIMIT_FIELDS;
  protected readonly labels = RATE_LIMIT_LABELS;
  protected readonly bounds = RATE_LIMIT_BOUNDS;
  protected readonly separators = [ENTER, COMMA, SPACE] as const;
  protected readonly busy = signal<'preview' | 'start' | null>(null);
  protected readonly apiError = signal<string | null>(null);
  /** The last selectable end date: yesterday, UTC. */
  protected readonly maxDate = localDateOfIso(addDays(utcToday(), -1));

  protected readonly form: CreateJobForm = new FormGroup(
    {
      jobType: new FormControl<JobType>('data-collection', { nonNullable: true }),
      startDate: new FormControl<Date | null>(null),
      endDate: new FormControl<Date | null>(null),
      districts: new FormControl<string[]>([], {
        nonNullable: true,
        validators: districtsValidator,
      }),
      skipExisting: new FormControl(true, { nonNullable: true }),
      closingDays: new FormControl<ClosingDaysMode>('last', { nonNullable: true }),
      force: new FormControl(false, { nonNullable: true }),
      overrides: new FormGroup(rateLimitControls(false), { validators: delayOrderValidator }),
    },
    { validators: dateRangeValidator(utcToday) },
  );

  protected readonly jobType = toSignal(this.form.controls.jobType.valueChanges, {
    initialValue: this.form.controls.jobType.value,
  });

  private readonly chosenDistricts = toSignal(this.form.controls.districts.valueChanges, {
    initialValue: this.form.controls.districts.value,
  });

  /**
   * Asked again each time the districts field gets focus, so districts stored by a job that
   * ran since the page opened are offered too. Only suggestions: a failure leaves typing.
   */
  private readonly knownDistrictsWanted = new Subject<void>();
  protected readonly knownDistricts = toSignal(
    this.knownDistrictsWanted.pipe(
      exhaustMap(() =>
        this.collection.listDistricts().pipe(catchError(() => of<KnownDistrictsDto | null>(null))),
      ),
    ),
    { initialValue: null },
  );

  /** What is typed in the districts field, for the suggestions. */
  protected readonly districtQuery = signal('');

  protected readonly districtSuggestions = computed(() => {
    const query = this.districtQuery().trim().toUpperCase();
    const chosen = new Set(this.chosenDistricts());
    return (this.knownDistricts()?.districts ?? [])
      .filter((d) => !chosen.has(d.id) && d.id.startsWith(query))
      .slice(0, MAX_SUGGESTIONS);
  });

  protected refreshKnownDistricts(): void {
    this.knownDistrictsWanted.next();
  }

  /**
   * Clears the field too: Enter on a highlighted suggestion reaches the chip input after
   * the autocomplete, which then finds nothing typed to add.
   */
  protected chooseDistrict(event: MatAutocompleteSelectedEvent, input: HTMLInputElement): void {
    const id = String(event.option.value);
    const current = this.form.controls.districts.value;
    if (!current.includes(id)) this.setDistricts([...current, id]);
    input.value = '';
    this.districtQuery.set('');
    this.suggestionsTrigger()?.closePanel();
  }

  protected addDistrict(event: MatChipInputEvent): void {
    const id = event.value.trim().toUpperCase();
    const current = this.form.controls.districts.value;
    if (id && !current.includes(id)) this.setDistricts([...current, id]);
    event.chipInput.clear();
    this.districtQuery.set('');
    // The remaining suggestions would cover the form until Escape; typing opens them again.
    this.suggestionsTrigger()?.closePanel();
  }

  protected removeDistrict(id: string): void {
    this.setDistricts(this.form.controls.districts.value.filter((d) => d !== id));
  }

  protected dateRangeError(): string | null {
    const errors = this.form.errors as { dateRange?: string } | null;
    return errors?.dateRange ?? null;
  }

  protected fieldError(control: AbstractControl): string | null {
    const errors = control.errors as { bound?: string; districts?: string } | null;
    return errors?.bound ?? errors?.districts ?? null;
  }

  protected preview(): void {
    const body = this.validBody();
    if (!body) return;
    this.busy.set('preview');
    this.api
      .previewJob({ body })
      .pipe(
        switchMap((preview) => {
          this.busy.set(null);
          const data: PreviewDialogData = { preview, body };
          return this.dialog
            .open<PreviewDialogComponent, PreviewDialogData, boolean>(PreviewDialogComponent, {
              data,
              width: '560px',
              ariaLabelledBy: 'preview-title',
            })
            .afterClosed();
        }),
        filter((start) => start === true),
      )
      .subscribe({
        next: () => this.start(body),
        error: (error: unknown) => this.fail(error),
      });
  }

  protected startNow(): void {
    const body = this.validBody();
    if (body) this.start(body);
  }

  private start(body: CreateJobDto): void {
    this.busy.set('start');
    this.api.createJob({ body }).subscribe({
      next: (response) => {
        this.busy.set(null);
        this.created.emit(response);
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    this.busy.set(null);
    this.apiError.set(apiErrorMessage(error));
  }

  private setDistricts(districts: string[]): void {
    this.form.controls.districts.setValue(districts);
    this.form.controls.districts.markAsTouched();
  }

  private validBody(): CreateJobDto | null {
    this.form.markAllAsTouched();
    this.apiError.set(null);
    if (this.form.invalid || this.busy()) return null;
    const value = this.form.getRawValue();
    const body: CreateJobDto = { jobType: value.jobType, skipExisting: value.skipExisting };
    if (value.startDate) body.startDate = isoOfLocalDate(value.startDate);
    if (value.endDate) body.endDate = isoOfLocalDate(value.endDate);
    if (value.districts.length > 0) body.targetDistricts = value.districts;
    if (value.jobType === 'data-collection') body.closingDays = value.closingDays;
    if (value.jobType === 'analytics-generation' && value.force) body.force = true;
    const overrides = filledFields(value.overrides);
    if (Object.keys(overrides).length > 0) body.rateLimitOverrides = overrides;
    return body;
  }
}
