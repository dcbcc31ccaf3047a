/** RFC 4180 output with CRLF line endings, quoting only the fields that need it, as Excel does. */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) {
      line += ',';
    }
    line += csvField(fields[i] ?? '');
  }
  return line + '\r\n';
}

/** `12345` -> `12,345`: the dashboard writes large counts with thousands separators. */
export function withThousands(value: number): string {
  // A regex rather than toLocaleString: it is fast and independent of the ICU build.
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Growth as the dashboard writes it: `3.45%`, `-2.10%`; never `-0.00%`. */
export function percent(numerator: number, denominator: number): string {
  if (denominator === 0) {
    return '0.00%';
  }
  const value = (numerator / denominator) * 100;
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00%' : `${text}%`;
}
