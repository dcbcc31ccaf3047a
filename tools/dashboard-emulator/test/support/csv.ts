import { parse } from 'csv-parse/sync';

/** A dashboard CSV split the way a consumer must: header, data rows, footer. */
export interface ParsedExport {
  header: string[];
  rows: string[][];
  footer: string;
  /** Data rows keyed by header name. */
  records: Record<string, string>[];
}

/** Parses with csv-parse (as the backfill service does) and asserts the file's shape. */
export function parseExport(text: string): ParsedExport {
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines: string[][] = parse(text, { bom: true, relax_column_count: true });
  const header = lines[0] ?? [];
  const last = lines[lines.length - 1] ?? [];
  const footer = last[0] ?? '';
  expect(footer).toMatch(/^Month of [A-Z][a-z]+, As of \d{2}\/\d{2}\/\d{4}$/);
  expect(last.slice(1).every((field) => field === '')).toBe(true);
  const rows = lines.slice(1, -1);
  for (const row of rows) {
    expect(row).toHaveLength(header.length);
  }
  const records = rows.map((row) =>
    Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])),
  );
  return { header, rows, footer, records };
}

/** `00012345` and `12345` name the same club. */
export function normaliseClubNumber(value: string): string {
  return value.replace(/^0+(?=\d)/, '');
}

export function numberOf(value: string): number {
  return Number(value.replace(/,/g, ''));
}
