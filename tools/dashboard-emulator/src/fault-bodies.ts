import { MalformedMode } from './fault-settings';

/**
 * Corrupted CSV bodies for the `truncate` and `malformed` faults. Both aim at a data row in
 * the middle of the file, where a consumer that only checks the header would not notice.
 */

/** Start offsets of each line (after CRLF) in the text. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

/** The middle data row if there is one, else the header. */
function targetLine(text: string): { start: number; end: number } {
  const starts = lineStarts(text);
  // Lines: header, data rows..., footer.
  const dataRows = starts.length - 2;
  const index = dataRows > 0 ? 1 + Math.floor(dataRows / 2) : 0;
  const start = starts[index] ?? 0;
  const next = starts[index + 1] ?? text.length;
  const lineEnd = text.lastIndexOf('\r\n', next - 1);
  return { start, end: lineEnd >= start ? lineEnd : next };
}

/** Byte length of the prefix to send: it stops halfway through a middle row. */
export function truncatedLength(text: string): number {
  const { start, end } = targetLine(text);
  const cut = start + Math.max(1, Math.floor((end - start) / 2));
  return Buffer.byteLength(text.slice(0, cut), 'utf8');
}

export function malformedBody(text: string, mode: MalformedMode): string {
  const { start, end } = targetLine(text);
  switch (mode) {
    case 'unbalanced-quote':
      // An opening quote that never closes (or closes mid-field): parsers must reject the file.
      return `${text.slice(0, start)}"${text.slice(start)}`;
    case 'column-count': {
      const lastComma = text.lastIndexOf(',', end - 1);
      const cutFrom = lastComma >= start ? lastComma : end;
      return text.slice(0, cutFrom) + text.slice(end);
    }
  }
}
