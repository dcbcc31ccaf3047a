import { CsvFormatError } from './csv-format-error';
import { thrownBy } from '../../../test/support/thrown';
import { parseCsvReport, parseFooterText } from './csv-report';

function formatError(run: () => unknown): CsvFormatError {
  return thrownBy(CsvFormatError, run);
}

describe('parseCsvReport', () => {
  it('reads quoted fields holding commas, escaped quotes and line breaks', () => {
    const text = [
      'Club Number,Club Name,"Level 4s, Path Completions, or DTM Awards"',
      '0012,"Speak ""Easy"", Downtown",3',
      '13,"Two\nLines",0',
      'Month of Mar, As of 04/01/2026',
    ].join('\r\n');
    const report = parseCsvReport(text);
    expect(report.headers).toEqual([
      'Club Number',
      'Club Name',
      'Level 4s, Path Completions, or DTM Awards',
    ]);
    expect(report.rows).toEqual([
      {
        'Club Number': '0012',
        'Club Name': 'Speak "Easy", Downtown',
        'Level 4s, Path Completions, or DTM Awards': '3',
      },
      {
        'Club Number': '13',
        'Club Name': 'Two\nLines',
        'Level 4s, Path Completions, or DTM Awards': '0',
      },
    ]);
    expect(report.footer).toEqual({ dataMonth: '2026-03', asOf: '2026-04-01' });
  });

  it('handles a byte order mark, CRLF or LF line ends, blank lines and padded values', () => {
    for (const eol of ['\r\n', '\n']) {
      const text = `\uFEFFA,B${eol} 1 , 2 ${eol}${eol},${eol}Month of March, As of 03/20/2026${eol}`;
      const report = parseCsvReport(text, { requiredHeaders: ['A'] });
      expect(report.headers).toEqual(['A', 'B']);
      expect(report.rows).toEqual([{ A: '1', B: '2' }]);
      expect(report.footer).toEqual({ dataMonth: '2026-03', asOf: '2026-03-20' });
    }
  });

  it('reads the footer as one quoted field, two lines, or text in the first column', () => {
    const forms = [
      'A,B\n1,2\n"Month of Mar, As of 04/01/2026"\n',
      'A,B\n1,2\nMonth of Mar\nAs of 04/01/2026\n',
      'A,B\n1,2\nMonth of Mar,\nAs of 04/01/2026,\n',
      'A,B\n1,2\n"Month of Mar, As of 04/01/2026",\n',
    ];
    for (const text of forms) {
      const report = parseCsvReport(text);
      expect(report.rows).toEqual([{ A: '1', B: '2' }]);
      expect(report.footer).toEqual({ dataMonth: '2026-03', asOf: '2026-04-01' });
    }
  });

  it('accepts zero data rows, with or without a footer', () => {
    expect(
      parseCsvReport('A,B\r\nMonth of Jan, As of 01/15/2026\r\n', { requireFooter: true }),
    ).toEqual({
      headers: ['A', 'B'],
      rows: [],
      footer: { dataMonth: '2026-01', asOf: '2026-01-15' },
    });
    expect(parseCsvReport('A,B\n', { requireFooter: true })).toEqual({
      headers: ['A', 'B'],
      rows: [],
      footer: null,
    });
  });

  it('names a missing required header, alternatives included', () => {
    const error = formatError(() =>
      parseCsvReport('Club Name,Area\n', {
        requiredHeaders: ['Club Name', ['Club', 'Club Number'], 'Division'],
      }),
    );
    expect(error.reason).toBe('missing required headers: "Club" or "Club Number", "Division"');
    expect(
      parseCsvReport('Club Number\n', { requiredHeaders: [['Club', 'Club Number']] }).headers,
    ).toEqual(['Club Number']);
  });

  it('refuses unbalanced quotes', () => {
    const error = formatError(() => parseCsvReport('A,B\n1,"open\n2,3\n'));
    expect(error.message).toMatch(/unbalanced quotes/);
  });

  it('refuses a misplaced quote', () => {
    expect(formatError(() => parseCsvReport('A,B\n1,"x"y\n')).message).toMatch(/misplaced quote/);
  });

  it('refuses a data row with the wrong number of fields, naming the row and line', () => {
    const error = formatError(() =>
      parseCsvReport('A,B\n1,2\n3,4,5\nMonth of Mar, As of 04/01/2026\n'),
    );
    expect(error.row).toBe(2);
    expect(error.line).toBe(3);
    expect(error.message).toBe('row 2, line 3: expected 2 fields as in the header, found 3');
    expect(formatError(() => parseCsvReport('A,B\n1\n')).row).toBe(1);
  });

  it('refuses an unreadable footer, data after the footer, and a missing footer when required', () => {
    expect(
      formatError(() => parseCsvReport('A,B\n1,2\nMonth of Foo, As of 04/01/2026\n')).message,
    ).toMatch(/unknown month/);
    expect(formatError(() => parseCsvReport('A,B\n1,2\nMonth of Mar\n')).message).toMatch(
      /unparseable footer/,
    );
    expect(
      formatError(() => parseCsvReport('A,B\n1,2\nAs of 02/30/2026, Month of Feb\n')).message,
    ).toMatch(/impossible date/);
    expect(
      formatError(() => parseCsvReport('A,B\nMonth of Mar, As of 04/01/2026\n1,2\n')).message,
    ).toMatch(/after the footer/);
    expect(
      formatError(() => parseCsvReport('A,B\n1,2\n', { requireFooter: true })).message,
    ).toMatch(/no "Month of/);
  });

  it('refuses empty input and duplicate headers', () => {
    expect(formatError(() => parseCsvReport('')).message).toMatch(/no header row/);
    expect(formatError(() => parseCsvReport('\uFEFF\r\n')).message).toMatch(/no header row/);
    expect(formatError(() => parseCsvReport('A,A\n')).column).toBe('A');
  });
});

describe('parseFooterText', () => {
  it('reads three-letter and full month names in either order', () => {
    expect(parseFooterText('Month of Mar, As of 04/01/2026')).toEqual({
      dataMonth: '2026-03',
      asOf: '2026-04-01',
    });
    expect(parseFooterText('Month of September, As of 9/3/2025')).toEqual({
      dataMonth: '2025-09',
      asOf: '2025-09-03',
    });
    expect(parseFooterText('As of 07/12/2025, Month of Jun')).toEqual({
      dataMonth: '2025-06',
      asOf: '2025-07-12',
    });
    expect(parseFooterText('month of sept, as of 10/02/2025')).toEqual({
      dataMonth: '2025-09',
      asOf: '2025-10-02',
    });
  });

  it('puts a data month later than the as-of month in the previous year', () => {
    expect(parseFooterText('Month of Dec, As of 01/08/2026').dataMonth).toBe('2025-12');
    expect(parseFooterText('Month of Jan, As of 01/08/2026').dataMonth).toBe('2026-01');
  });

  it('refuses anything else in the footer', () => {
    expect(() => parseFooterText('Month of Mar, As of 04/01/2026, extra')).toThrow(CsvFormatError);
    expect(() => parseFooterText('As of 04/01/2026')).toThrow(CsvFormatError);
    expect(() => parseFooterText('Month of Mar, As of 2026-04-01')).toThrow(CsvFormatError);
  });
});
