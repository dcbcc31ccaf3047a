/**
 * The record layer of CSV (RFC 4180 as the dashboard writes it): comma-separated fields,
 * optional double quotes around a field, `""` for a quote inside one, records ended by CRLF,
 * LF or CR. Hand-written because it runs three times for every collected item and a general
 * parser spent more time configuring and describing records than reading them; this one is
 * a single pass over the text with one slice per field.
 *
 * Like the rest of the pipeline it refuses what it does not understand instead of guessing:
 * a quote inside an unquoted field, text after a closing quote, or a quote that never closes.
 */

/** Why a text is not CSV, and the 1-based line where that became clear. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    readonly problem: 'unclosed-quote' | 'quote-in-unquoted-field' | 'text-after-closing-quote',
    readonly line: number,
  ) {
    super(`${problem} at line ${line}`);
  }
}

export interface CsvRecords {
  /** Every non-blank record, fields as written (unquoted, not trimmed). */
  readonly records: readonly (readonly string[])[];
  /** The 1-based line each record starts on, index for index with `records`. */
  readonly lines: readonly number[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/**
 * Splits `text` into records. Records whose fields are all blank (empty lines, a row of bare
 * commas) are left out, as the dashboard pads its exports with them.
 */
export function readCsvRecords(text: string): CsvRecords {
  const records: string[][] = [];
  const lines: number[] = [];
  const end = text.length;
  let position = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;

  while (position < end) {
    const recordLine = line;
    const fields: string[] = [];
    let blank = true;
    // One field per iteration; `position` is at the field's first character.
    for (;;) {
      let field: string;
      if (text.charCodeAt(position) === QUOTE) {
        let piece = position + 1;
        let value = '';
        for (;;) {
          const close = text.indexOf('"', piece);
          if (close === -1) throw new CsvSyntaxError('unclosed-quote', recordLine);
          line += countLineBreaks(text, piece, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(piece, close + 1);
            piece = close + 2;
            continue;
          }
          value += text.slice(piece, close);
          position = close + 1;
          break;
        }
        const next = text.charCodeAt(position);
        if (position < end && next !== COMMA && next !== LF && next !== CR) {
          throw new CsvSyntaxError('text-after-closing-quote', line);
        }
        field = value;
      } else {
        const start = position;
        let code = text.charCodeAt(position);
        while (position < end && code !== COMMA && code !== LF && code !== CR) {
          if (code === QUOTE) throw new CsvSyntaxError('quote-in-unquoted-field', line);
          code = text.charCodeAt(++position);
        }
        field = text.slice(start, position);
      }
      fields.push(field);
      if (blank && field.trim() !== '') blank = false;

      const delimiter = text.charCodeAt(position);
      if (delimiter === COMMA) {
        position++;
        continue;
      }
      // End of record: CRLF, LF, CR, or the end of the text.
      if (delimiter === CR && text.charCodeAt(position + 1) === LF) position += 2;
      else if (position < end) position++;
      line++;
      break;
    }
    if (!blank) {
      records.push(fields);
      lines.push(recordLine);
    }
  }
  return { records, lines };
}

/** Line breaks (CRLF counted once) inside a quoted field, so line numbers stay true. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF) count++;
    else if (code === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
