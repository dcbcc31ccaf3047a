import { Injectable, Provider } from '@angular/core';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MatDateFormats,
  NativeDateAdapter,
} from '@angular/material/core';
import { isIsoDate, isoOfLocalDate, localDateOfIso } from './utc-dates';

const ISO = 'iso';

/**
 * The native adapter, but typed and shown as `YYYY-MM-DD` like the API. It parses that form
 * as the local calendar date: `Date.parse` would read it as UTC midnight and show the day
 * before in zones west of UTC.
 */
@Injectable()
export class IsoDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value === 'string' && isIsoDate(value.trim())) return localDateOfIso(value.trim());
    return super.parse(value, parseFormat);
  }

  override format(date: Date, displayFormat: object): string {
    if ((displayFormat as unknown) === ISO) return isoOfLocalDate(date);
    return super.format(date, displayFormat);
  }
}

const ISO_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: ISO },
  display: {
    dateInput: ISO,
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

export function provideIsoDateAdapter(): Provider[] {
  return [
    { provide: DateAdapter, useClass: IsoDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: ISO_DATE_FORMATS },
  ];
}
