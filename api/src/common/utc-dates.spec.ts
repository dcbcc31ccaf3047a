import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import {
  addDays,
  datesInRange,
  daysBetween,
  daysInMonth,
  formatDashboardDate,
  isIsoDate,
  lastDayOfMonth,
  lastDayOfYearMonth,
  monthOf,
  parseIsoDate,
  parseYearMonth,
  programYearOf,
  programYearOfMonth,
  toIsoDate,
  utcDateOf,
} from './utc-dates';

const calendarDate = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ year, month, day }) => day <= daysInMonth(year, month));

/** Dates the service could plausibly meet, checked against the engine's own UTC arithmetic. */
const modernDate = fc
  .integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('utc-dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    for (const bad of [
      '2025-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00:00Z',
      ' 2026-01-01',
      '',
    ]) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => parseIsoDate(bad)).toThrow(RangeError);
    }
  });

  it('formats dashboard dates without zero padding', () => {
    expect(formatDashboardDate('2025-06-30')).toBe('6/30/2025');
    expect(formatDashboardDate('2026-03-04')).toBe('3/4/2026');
    expect(formatDashboardDate('2026-12-01')).toBe('12/1/2026');
  });

  it('finds the last day of a month, leap years included', () => {
    expect(lastDayOfMonth('2026-03-14')).toBe('2026-03-31');
    expect(lastDayOfMonth('2024-02-01')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02-10')).toBe('2025-02-28');
    expect(lastDayOfMonth('2100-02-10')).toBe('2100-02-28');
    expect(lastDayOfMonth('2026-04-30')).toBe('2026-04-30');
    expect(lastDayOfYearMonth('2025-06')).toBe('2025-06-30');
    expect(() => parseYearMonth('2025-13')).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // a US daylight-saving change
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('lists each date of a range, both ends included', () => {
    expect(datesInRange('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(datesInRange('2026-01-01', '2026-01-01')).toEqual(['2026-01-01']);
    expect(datesInRange('2026-01-02', '2026-01-01')).toEqual([]);
  });

  it('derives the program year from July to June', () => {
    expect(programYearOf(2025, 7)).toBe('2025-2026');
    expect(programYearOf(2026, 6)).toBe('2025-2026');
    expect(programYearOf(2026, 1)).toBe('2025-2026');
    expect(programYearOfMonth('2025-06')).toBe('2024-2025');
    expect(() => programYearOf(2025, 13)).toThrow(RangeError);
  });

  it('reads the UTC date of an instant', () => {
    expect(utcDateOf(Date.UTC(2026, 2, 31, 23, 59, 59, 999))).toBe('2026-03-31');
    expect(utcDateOf(Date.UTC(2026, 3, 1))).toBe('2026-04-01');
    expect(utcDateOf(Date.UTC(1969, 11, 31, 12))).toBe('1969-12-31');
  });

  describe('properties', () => {
    it('toIsoDate and parseIsoDate round-trip every calendar date', () => {
      fc.assert(
        fc.property(calendarDate, (date) => {
          const iso = toIsoDate(date.year, date.month, date.day);
          expect(isIsoDate(iso)).toBe(true);
          expect(parseIsoDate(iso)).toEqual(date);
        }),
      );
    });

    it('the dashboard format reads back to the same date', () => {
      fc.assert(
        fc.property(calendarDate, (date) => {
          const formatted = formatDashboardDate(toIsoDate(date.year, date.month, date.day));
          const [month, day, year] = formatted.split('/').map(Number);
          expect({ year, month, day }).toEqual(date);
          expect(formatted).not.toMatch(/(^|\/)0/);
        }),
      );
    });

    it('addDays agrees with UTC epoch arithmetic and undoes itself', () => {
      fc.assert(
        fc.property(modernDate, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => {
          const expected = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const moved = addDays(date, days);
          expect(moved).toBe(expected);
          expect(addDays(moved, -days)).toBe(date);
          expect(daysBetween(date, moved)).toBe(days);
        }),
      );
    });

    it('a range holds consecutive dates from start to end', () => {
      fc.assert(
        fc.property(modernDate, fc.integer({ min: 0, max: 120 }), (start, length) => {
          const end = addDays(start, length);
          const range = datesInRange(start, end);
          expect(range).toHaveLength(length + 1);
          expect(range[0]).toBe(start);
          expect(range[range.length - 1]).toBe(end);
          range.slice(1).forEach((date, i) => expect(addDays(range[i], 1)).toBe(date));
        }),
      );
    });

    it('every month from July Y to June Y+1 is in program year Y-(Y+1)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 0, max: 11 }), (y, i) => {
          const month = ((6 + i) % 12) + 1;
          const year = month >= 7 ? y : y + 1;
          expect(programYearOf(year, month)).toBe(`${y}-${y + 1}`);
        }),
      );
    });

    it('the last day of the month is in the same month and followed by the 1st', () => {
      fc.assert(
        fc.property(modernDate, (date) => {
          const last = lastDayOfMonth(date);
          expect(monthOf(last)).toBe(monthOf(date));
          expect(addDays(last, 1).endsWith('-01')).toBe(true);
        }),
      );
    });
  });

  describe('under any host time zone', () => {
    // Jest sandboxes process.env, so the zone is changed where it counts: in fresh Node
    // processes running this very module, transpiled on the fly.
    const battery = `
      const d = require('./utc-dates.js');
      console.log(JSON.stringify({
        offset: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(),
        results: [
          d.addDays('2026-03-08', 1),
          d.addDays('2025-11-02', 1),
          d.addDays('2026-01-01', -1),
          d.lastDayOfMonth('2024-02-05'),
          d.formatDashboardDate('2026-04-01'),
          d.datesInRange('2026-03-29', '2026-04-02'),
          d.utcDateOf(Date.UTC(2026, 2, 31, 23, 30)),
          d.utcDateOf(Date.UTC(2026, 3, 1, 0, 30)),
          d.programYearOfMonth(d.monthOf('2025-07-01')),
          d.isIsoDate('2026-03-29'),
        ],
      }));`;
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'utc-dates-'));
      const source = readFileSync(join(__dirname, 'utc-dates.ts'), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(join(dir, 'utc-dates.js'), outputText);
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const runIn = (zone: string): { offset: number; results: unknown[] } => {
      const output = execFileSync(process.execPath, ['-e', battery], {
        cwd: dir,
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      });
      return JSON.parse(output) as { offset: number; results: unknown[] };
    };

    it('gives the same answers in zones far west and far east of UTC', () => {
      const inUtc = runIn('UTC');
      expect(inUtc.offset).toBe(0);
      expect(inUtc.results).toContain('2026-03-09');
      for (const zone of ['America/Los_Angeles', 'Pacific/Pago_Pago', 'Pacific/Kiritimati']) {
        const there = runIn(zone);
        // The zone really applies in the child, so the comparison below means something.
        expect(there.offset).not.toBe(0);
        expect(there.results).toEqual(inUtc.results);
      }
    });
  });
});
