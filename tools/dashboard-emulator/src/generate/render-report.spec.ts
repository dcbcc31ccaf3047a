import { normaliseClubNumber, numberOf, parseExport } from '../../test/support/csv';
import { addDays, fromParts } from '../calendar';
import { closingDays } from '../closing-period';
import { FIRST_DATA_DATE, isMissingDate } from '../availability';
import { listDistricts } from '../districts';
import { REPORT_KINDS } from '../report-kind';
import { usesLongMonthName } from './footer';
import { renderEmptyMonth, renderReport } from './render-report';

const today = '2026-06-01';
const opts = { today };

function afterClosing(year: number, month: number, extra = 0): string {
  let date = fromParts(year, month, closingDays(year, month) + 1 + extra);
  while (isMissingDate(date)) {
    date = addDays(date, 1);
  }
  return date;
}

describe('renderReport', () => {
  it('is byte-identical for the same (date, district), even in a fresh module, without Math.random', () => {
    const random = jest.spyOn(Math, 'random');
    const first = renderReport('clubperformance', '61', '2026-03-17', opts).body;
    let fresh = '';
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const isolated = require('./render-report') as typeof import('./render-report');
      fresh = isolated.renderReport('clubperformance', '61', '2026-03-17', opts).body;
    });
    expect(fresh).toBe(first);
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
  });

  it('writes every report as CRLF CSV that a real parser reads', () => {
    for (const kind of REPORT_KINDS) {
      for (const date of ['2018-10-20', '2024-03-14', afterClosing(2026, 2)]) {
        const report = renderReport(kind, '61', date, opts);
        const parsed = parseExport(report.body);
        expect(parsed.rows.length).toBe(report.dataRows);
        expect(report.dataRows).toBeGreaterThan(100);
      }
    }
  });

  it('uses the header names of the program year', () => {
    const old = parseExport(renderReport('districtsummary', undefined, '2024-03-14', opts).body);
    const current = parseExport(
      renderReport('districtsummary', undefined, '2026-03-14', opts).body,
    );
    expect(old.header).toHaveLength(12);
    expect(old.header).not.toContain('Smedley Distinguished Clubs');
    expect(current.header).toEqual(
      expect.arrayContaining([
        'Smedley Distinguished Clubs',
        'DSP',
        'New Payments',
        'Charter Payments',
      ]),
    );
    const oldClubs = parseExport(renderReport('clubperformance', '61', '2024-03-14', opts).body);
    const clubs = parseExport(renderReport('clubperformance', '61', '2026-03-14', opts).body);
    expect(oldClubs.header).not.toContain('CSP');
    expect(clubs.header[clubs.header.length - 1]).toBe('CSP');
    expect(clubs.header).toContain('Level 4s, Path Completions, or DTM Awards');
  });

  it('formats club numbers, divisions and areas differently per report, but consistently', () => {
    const date = afterClosing(2026, 3, 3);
    const clubs = parseExport(renderReport('clubperformance', '61', date, opts).body).records;
    const payments = parseExport(
      renderReport('districtperformance', '61', date, opts).body,
    ).records;
    const divisions = parseExport(
      renderReport('divisionperformance', '61', date, opts).body,
    ).records;

    expect(clubs[0]?.['Club Number']).not.toMatch(/^0/);
    expect(payments.every((r) => /^\d{8}$/.test(r.Club ?? ''))).toBe(true);
    expect(divisions[0]?.Division).toMatch(/^Division [A-Z]$/);
    expect(divisions[0]?.Area).toMatch(/^Area \d+$/);
    expect(clubs[0]?.Division).toMatch(/^[A-Z]$/);
    expect(clubs[0]?.Area).toMatch(/^\d+$/);

    const placeOf = new Map(clubs.map((r) => [r['Club Number'], `${r.Division}/${r.Area}`]));
    expect(payments.map((r) => normaliseClubNumber(r.Club ?? ''))).toEqual([...placeOf.keys()]);
    for (const r of divisions) {
      const place = `${(r.Division ?? '').replace('Division ', '')}/${(r.Area ?? '').replace('Area ', '')}`;
      expect(placeOf.get(normaliseClubNumber(r.Club ?? ''))).toBe(place);
    }
    const padded = payments.find((r) => r.Club?.startsWith('000'));
    expect(padded).toBeDefined();
  });

  it('gives clubs realistic values', () => {
    const records = parseExport(
      renderReport('clubperformance', '61', afterClosing(2026, 4), opts).body,
    ).records;
    for (const r of records) {
      expect(Number(r['Goals Met'])).toBeGreaterThanOrEqual(0);
      expect(Number(r['Goals Met'])).toBeLessThanOrEqual(10);
      expect(['Active', 'Low', 'Suspended']).toContain(r['Club Status']);
      expect(['', 'D', 'S', 'P', 'Smedley']).toContain(r['Club Distinguished Status']);
    }
    const statuses = new Set(records.map((r) => r['Club Distinguished Status']));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });

  it('keeps the summary consistent with the per-district reports', () => {
    const date = afterClosing(2026, 4, 2);
    const summary = parseExport(
      renderReport('districtsummary', undefined, date, opts).body,
    ).records;
    expect(summary.map((r) => r.DISTRICT)).toEqual(listDistricts(date));
    for (const district of ['01', '61', '130', 'F']) {
      const row = summary.find((r) => r.DISTRICT === district);
      const clubs = parseExport(renderReport('clubperformance', district, date, opts).body).records;
      const payments = parseExport(
        renderReport('districtperformance', district, date, opts).body,
      ).records;
      const count = (status: string): number =>
        clubs.filter((c) => c['Club Distinguished Status'] === status).length;
      expect(numberOf(row?.['Paid Clubs'] ?? '')).toBe(
        clubs.filter((c) => c['Club Status'] === 'Active').length,
      );
      expect(numberOf(row?.['Active Clubs'] ?? '')).toBe(
        clubs.filter((c) => c['Club Status'] !== 'Suspended').length,
      );
      expect(numberOf(row?.['Total YTD Payments'] ?? '')).toBe(
        payments.reduce((sum, p) => sum + numberOf(p['Total to Date'] ?? ''), 0),
      );
      expect(numberOf(row?.['October Payments'] ?? '')).toBe(
        payments.reduce((sum, p) => sum + numberOf(p['Oct. Ren.'] ?? ''), 0),
      );
      expect(numberOf(row?.['Total Distinguished Clubs'] ?? '')).toBe(
        clubs.filter((c) => c['Club Distinguished Status'] !== '').length,
      );
      expect(numberOf(row?.['Select Distinguished Clubs'] ?? '')).toBe(count('S'));
      expect(numberOf(row?.['Presidents Distinguished Clubs'] ?? '')).toBe(count('P'));
      expect(numberOf(row?.['Smedley Distinguished Clubs'] ?? '')).toBe(count('Smedley'));
    }
    expect(summary.some((r) => /^-?\d+\.\d{2}%$/.test(r['% Club Growth'] ?? ''))).toBe(true);
    expect(summary.some((r) => (r['% Payment Growth'] ?? '').startsWith('-'))).toBe(true);
    expect(summary.some((r) => /^\d{1,3}(,\d{3})+$/.test(r['Total YTD Payments'] ?? ''))).toBe(
      true,
    );
  });

  it('writes the summary footer as a full-width row whose DISTRICT field holds the text', () => {
    const body = renderReport('districtsummary', undefined, '2026-04-01', opts).body;
    const lastLine = body.trimEnd().split('\r\n').pop() ?? '';
    expect(lastLine).toMatch(/^"Month of (Mar|March), As of 04\/01\/2026",+$/);
  });

  it('labels closing-period data with the previous month and the collection date', () => {
    const report = renderReport('clubperformance', '61', '2026-04-01', opts);
    expect(report.footer).toBe(
      `Month of ${usesLongMonthName(2026, 3) ? 'March' : 'Mar'}, As of 04/01/2026`,
    );
    expect(report.period.snapshotDate).toBe('2026-03-31');
    const january = renderReport('clubperformance', '61', '2026-01-02', opts);
    expect(january.footer).toMatch(/^Month of Dec(ember)?, As of 01\/02\/2026$/);
    expect(january.period.dataYear).toBe(2025);
    const july = renderReport(
      'clubperformance',
      '61',
      fromParts(2025, 7, closingDays(2025, 7)),
      opts,
    );
    expect(july.footer).toMatch(/^Month of June?, As of 07\/\d{2}\/2025$/);
    const own = renderReport('clubperformance', '61', afterClosing(2026, 4), opts);
    expect(own.footer).toMatch(/^Month of Apr(il)?, /);
  });

  it('spells out the month name for some months, deterministically', () => {
    const styles = new Set<boolean>();
    for (let month = 1; month <= 12; month++) {
      styles.add(usesLongMonthName(2025, month));
    }
    expect(styles).toEqual(new Set([true, false]));
  });

  it('differs between collection dates of the same closing period, newer having more', () => {
    const k = closingDays(2026, 3);
    if (k < 2) {
      return;
    }
    const early = renderReport('districtperformance', '61', '2026-03-01', opts).body;
    const late = renderReport('districtperformance', '61', fromParts(2026, 3, k), opts).body;
    expect(late).not.toBe(early);
  });

  it.each([
    ['before the archive', addDays(FIRST_DATA_DATE, -1)],
    ['today', today],
    ['after today', '2026-07-04'],
  ])('returns header and footer only %s', (_label, date) => {
    for (const kind of REPORT_KINDS) {
      const report = renderReport(kind, '61', date, opts);
      expect(report.dataRows).toBe(0);
      const parsed = parseExport(report.body);
      expect(parsed.rows).toHaveLength(0);
      expect(parsed.header.length).toBeGreaterThan(5);
      expect(Buffer.byteLength(report.body)).toBeLessThan(700);
    }
  });

  it('returns header and footer only on the missing ~3% of dates and for unknown districts', () => {
    let missing = '2020-01-01';
    while (!isMissingDate(missing)) {
      missing = addDays(missing, 1);
    }
    expect(renderReport('districtsummary', undefined, missing, opts).dataRows).toBe(0);
    expect(renderReport('clubperformance', '61', missing, opts).dataRows).toBe(0);
    expect(renderReport('clubperformance', '999', '2026-03-20', opts).dataRows).toBe(0);
    expect(renderReport('clubperformance', '135', '2024-03-20', opts).dataRows).toBe(0);
  });

  it('renders an empty month: header and footer only, the footer naming that month as of the date', () => {
    for (const kind of REPORT_KINDS) {
      const real = renderReport(kind, '61', '2026-04-01', opts);
      const empty = renderEmptyMonth(kind, '61', '2026-04-30', '2026-04-01', '2025-2026');
      expect(empty.dataRows).toBe(0);
      expect(empty.bom).toBe(real.bom);
      const parsed = parseExport(empty.body);
      expect(parsed.rows).toHaveLength(0);
      expect(parsed.header).toEqual(parseExport(real.body).header);
      expect(parsed.footer).toBe(
        `Month of ${usesLongMonthName(2026, 4) ? 'April' : 'Apr'}, As of 04/01/2026`,
      );
      expect(empty.period).toMatchObject({ dataYear: 2026, dataMonth: 4, closing: false });
    }
    const june = renderEmptyMonth(
      'districtsummary',
      undefined,
      '2025-06-30',
      '2025-08-20',
      '2024-2025',
    );
    expect(june.footer).toMatch(/^Month of June?, As of 08\/20\/2025$/);
    expect(june.period).toMatchObject({ closing: true, snapshotDate: '2025-06-30' });
    expect(parseExport(june.body).header).not.toContain('Smedley Distinguished Clubs');
  });

  it('starts about a quarter of the files with a BOM, the same ones every time', () => {
    let withBom = 0;
    const dates = Array.from({ length: 200 }, (_, i) => addDays('2025-01-01', i));
    for (const date of dates) {
      const report = renderReport('divisionperformance', '42', date, opts);
      expect(report.body.startsWith('\uFEFF')).toBe(report.bom);
      withBom += report.bom ? 1 : 0;
    }
    expect(withBom).toBeGreaterThan(25);
    expect(withBom).toBeLessThan(80);
  });

  it('writes club names that need quoting', () => {
    const names = listDistricts('2026-03-20')
      .slice(0, 10)
      .flatMap(
        (d) => parseExport(renderReport('clubperformance', d, '2026-03-20', opts).body).records,
      )
      .map((r) => r['Club Name'] ?? '');
    expect(names.some((n) => n.includes(','))).toBe(true);
    expect(names.some((n) => n.includes('"'))).toBe(true);
    expect(names.some((n) => /[^\x20-\x7e]/.test(n))).toBe(true);
  });
});
