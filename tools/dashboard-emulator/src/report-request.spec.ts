import fc from 'fast-check';
import { fromEpochDay } from './calendar';
import { exportPath } from './export-url';
import { resolveDataPeriod } from './closing-period';
import { parseReportRequest, ReportRequest } from './report-request';
import { REPORT_KINDS } from './report-kind';

function ok(url: string): ReportRequest {
  const result = parseReportRequest(url);
  if (!result.ok) {
    throw new Error(`expected ${url} to parse: ${result.message}`);
  }
  return result.request;
}

function status(url: string): number {
  const result = parseReportRequest(url);
  return result.ok ? 200 : result.status;
}

const CLUB =
  '/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~4/1/2026~2025-2026';

describe('parseReportRequest', () => {
  it('parses the real URL shape with raw slashes and tildes', () => {
    expect(ok(CLUB)).toEqual({
      kind: 'clubperformance',
      district: '61',
      monthEnd: '2026-03-31',
      date: '2026-04-01',
      latest: false,
      programYear: '2025-2026',
    });
  });

  it('accepts %2F- and %7E-encoded reports the same way', () => {
    const encoded = CLUB.replace(/\//g, (s, offset: number) => (offset > 30 ? '%2F' : s));
    expect(encoded).toContain('3%2F31%2F2026');
    expect(ok(encoded)).toEqual(ok(CLUB));
    const tildes = `/2025-2026/export.aspx?type=CSV&report=${encodeURIComponent('clubperformance~61~3/31/2026~4/1/2026~2025-2026').replace(/~/g, '%7E')}`;
    expect(ok(tildes)).toEqual(ok(CLUB));
  });

  it('reads an empty MONTH_END as a request for the latest data', () => {
    const request = ok(
      '/2025-2026/export.aspx?type=CSV&report=districtsummary~~4/1/2026~2025-2026',
    );
    expect(request).toMatchObject({
      kind: 'districtsummary',
      latest: true,
      monthEnd: null,
      date: '2026-04-01',
    });
    expect(request.district).toBeUndefined();
    expect(
      ok('/2025-2026/export.aspx?type=CSV&report=districtsummary~~~2025-2026').date,
    ).toBeNull();
  });

  it('accepts the program year of the data month for June closing read in July', () => {
    expect(
      status(
        '/2024-2025/export.aspx?type=CSV&report=clubperformance~61~6/30/2025~7/5/2025~2024-2025',
      ),
    ).toBe(200);
    expect(
      status(
        '/2025-2026/export.aspx?type=CSV&report=clubperformance~61~6/30/2025~7/5/2025~2025-2026',
      ),
    ).toBe(200);
  });

  it.each([
    ['/2025-2026/other.aspx?type=CSV&report=x', 404],
    ['/2025-2027/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~4/1/2026~2025-2027', 404],
    ['/2025-2026/export.aspx?report=clubperformance~61~3/31/2026~4/1/2026~2025-2026', 400],
    ['/2025-2026/export.aspx?type=PDF&report=clubperformance~61~3/31/2026~4/1/2026~2025-2026', 400],
    ['/2025-2026/export.aspx?type=CSV', 400],
    ['/2025-2026/export.aspx?type=CSV&report=areaperformance~61~3/31/2026~4/1/2026~2025-2026', 404],
    ['/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~2025-2026', 400],
    ['/2025-2026/export.aspx?type=CSV&report=districtsummary~61~3/31/2026~4/1/2026~2025-2026', 400],
    [
      '/2025-2026/export.aspx?type=CSV&report=clubperformance~6 1~3/31/2026~4/1/2026~2025-2026',
      400,
    ],
    [
      '/2025-2026/export.aspx?type=CSV&report=clubperformance~61~2026-03-31~4/1/2026~2025-2026',
      400,
    ],
    [
      '/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~2/30/2026~2025-2026',
      400,
    ],
    ['/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~~2025-2026', 400],
    ['/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~4/1/2026~2024-2025', 400],
    ['/2023-2024/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~4/1/2026~2023-2024', 404],
  ])('rejects %s with %i', (url, expected) => {
    const result = parseReportRequest(url);
    expect(result.ok).toBe(false);
    expect(result.ok ? 200 : result.status).toBe(expected);
    expect(result.ok ? '' : result.message.length).toBeGreaterThan(0);
  });

  it('round-trips every URL exportPath builds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REPORT_KINDS),
        fc.constantFrom('01', '61', '130', 'F', 'U'),
        fc.integer({ min: 17_203, max: 21_000 }),
        fc.boolean(),
        (kind, district, day, latest) => {
          const date = fromEpochDay(day);
          const period = resolveDataPeriod(date);
          const parts = {
            kind,
            district: kind === 'districtsummary' ? undefined : district,
            monthEnd: latest ? null : period.snapshotDate,
            date,
            programYear: period.programYear,
          };
          expect(ok(exportPath(parts))).toEqual({ ...parts, latest });
        },
      ),
    );
  });
});
