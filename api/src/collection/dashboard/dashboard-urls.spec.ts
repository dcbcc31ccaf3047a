import {
  buildReportUrl,
  DATE_SLOT_STRATEGIES,
  dataMonthSlots,
  DateSlotStrategy,
} from './dashboard-urls';

const BASE = 'https://dashboards.toastmasters.org';

describe('buildReportUrl', () => {
  it('builds the club performance URL with the month end, the date and the program year', () => {
    expect(buildReportUrl({ kind: 'club', district: '61', date: '2026-03-14' })).toBe(
      `${BASE}/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~3/14/2026~2025-2026`,
    );
  });

  it('builds each per-district report and the summary', () => {
    const date = '2025-06-30';
    expect(buildReportUrl({ kind: 'district', district: '01', date })).toBe(
      `${BASE}/2024-2025/export.aspx?type=CSV&report=districtperformance~01~6/30/2025~6/30/2025~2024-2025`,
    );
    expect(buildReportUrl({ kind: 'division', district: 'F', date })).toBe(
      `${BASE}/2024-2025/export.aspx?type=CSV&report=divisionperformance~F~6/30/2025~6/30/2025~2024-2025`,
    );
    expect(buildReportUrl({ kind: 'summary', date: '2025-07-01' })).toBe(
      `${BASE}/2025-2026/export.aspx?type=CSV&report=districtsummary~7/31/2025~7/1/2025~2025-2026`,
    );
  });

  it('uses the given base URL, ignoring trailing slashes', () => {
    expect(
      buildReportUrl({
        kind: 'club',
        district: '130',
        date: '2024-02-01',
        baseUrl: 'http://127.0.0.1:4100/',
      }),
    ).toBe(
      'http://127.0.0.1:4100/2023-2024/export.aspx?type=CSV&report=clubperformance~130~2/29/2024~2/1/2024~2023-2024',
    );
  });

  it('keeps slashes and tildes literal when the URL is parsed', () => {
    const url = new URL(buildReportUrl({ kind: 'club', district: '61', date: '2026-03-14' }));
    expect(url.search).toBe('?type=CSV&report=clubperformance~61~3/31/2026~3/14/2026~2025-2026');
  });

  it('takes another date-slot strategy, an empty month end included', () => {
    const latest: DateSlotStrategy = (date, dataMonth) => ({
      ...dataMonthSlots(date, dataMonth),
      monthEnd: null,
    });
    expect(
      buildReportUrl({ kind: 'district', district: '61', date: '2026-03-14', dateSlots: latest }),
    ).toBe(
      `${BASE}/2025-2026/export.aspx?type=CSV&report=districtperformance~61~~3/14/2026~2025-2026`,
    );
  });

  it('files closing-period requests under the data month: its month end and program year', () => {
    // June's closing figures read on July 3: the program year that just ended.
    expect(
      buildReportUrl({ kind: 'club', district: '61', date: '2025-07-03', dataMonth: '2025-06' }),
    ).toBe(
      `${BASE}/2024-2025/export.aspx?type=CSV&report=clubperformance~61~6/30/2025~7/3/2025~2024-2025`,
    );
    // December's read in January: the month end of the year before.
    expect(buildReportUrl({ kind: 'summary', date: '2026-01-05', dataMonth: '2025-12' })).toBe(
      `${BASE}/2025-2026/export.aspx?type=CSV&report=districtsummary~12/31/2025~1/5/2026~2025-2026`,
    );
  });

  it('keeps the requested month in every slot under the requested-month reading', () => {
    expect(
      buildReportUrl({
        kind: 'club',
        district: '61',
        date: '2025-07-03',
        dataMonth: '2025-06',
        dateSlots: DATE_SLOT_STRATEGIES['requested-month'],
      }),
    ).toBe(
      `${BASE}/2025-2026/export.aspx?type=CSV&report=clubperformance~61~7/31/2025~7/3/2025~2025-2026`,
    );
  });

  it('refuses a data month that cannot serve the date', () => {
    for (const dataMonth of ['2025-05', '2025-08', '2025-6', 'June']) {
      expect(() => buildReportUrl({ kind: 'summary', date: '2025-07-03', dataMonth })).toThrow(
        RangeError,
      );
    }
  });

  it('refuses bad dates and districts that could change the URL', () => {
    expect(() => buildReportUrl({ kind: 'club', district: '61', date: '2026-02-30' })).toThrow(
      RangeError,
    );
    for (const district of [undefined, '', '61~x', '6/1', '61&a=b', 'f']) {
      expect(() => buildReportUrl({ kind: 'club', district, date: '2026-03-14' })).toThrow(
        /district id/,
      );
    }
    expect(() => buildReportUrl({ kind: 'summary', district: '61', date: '2026-03-14' })).toThrow(
      /all districts/,
    );
  });
});
