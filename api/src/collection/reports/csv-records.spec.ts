import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvSyntaxError, readCsvRecords } from './csv-records';
import { thrownBy } from '../../../test/support/thrown';

/** What csv-parse, the general parser this one replaced, makes of the same text. */
function csvParseRecords(text: string): string[][] | 'error' {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    });
  } catch {
    return 'error';
  }
}

function ourRecords(text: string): readonly (readonly string[])[] | 'error' {
  try {
    return readCsvRecords(text).records;
  } catch (error) {
    if (error instanceof CsvSyntaxError) return 'error';
    throw error;
  }
}

function writeCsv(records: readonly (readonly string[])[], eol: string): string {
  const quote = (field: string): string =>
    /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
  return records.map((record) => record.map(quote).join(',')).join(eol) + eol;
}

function syntaxError(text: string): CsvSyntaxError {
  return thrownBy(CsvSyntaxError, () => readCsvRecords(text));
}

describe('readCsvRecords', () => {
  it('agrees with csv-parse on every text built from CSV punctuation, errors included', () => {
    // One line-ending style per text: csv-parse fixes the style at the first line end it
    // sees, while this reader accepts any; the dashboard never mixes them.
    const text = fc
      .tuple(
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.constantFrom('a', 'b', ',', '"', 'EOL', ' ', '\uFEFF'), { maxLength: 30 }),
      )
      .map(([eol, tokens]) => tokens.map((token) => (token === 'EOL' ? eol : token)).join(''));
    fc.assert(
      fc.property(text, (input) => {
        expect(ourRecords(input)).toEqual(csvParseRecords(input));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back whatever a quoting writer wrote', () => {
    const field = fc.string({ unit: fc.constantFrom('x', ' ', ',', '"', '\n', '\r\n', 'é') });
    const record = fc
      .array(field, { minLength: 1, maxLength: 6 })
      .filter((fields) => fields.some((f) => f.trim() !== ''));
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          expect(readCsvRecords(writeCsv(rows, eol)).records).toEqual(rows);
        },
      ),
    );
  });

  it('numbers each record by the line it starts on, counting breaks inside quotes', () => {
    const text = '\uFEFFA,B\r\n1,"two\r\nlines"\r\n\r\n,\r\n3,"x\ny\rz"\r\n4,5';
    expect(readCsvRecords(text)).toEqual({
      records: [
        ['A', 'B'],
        ['1', 'two\r\nlines'],
        ['3', 'x\ny\rz'],
        ['4', '5'],
      ],
      lines: [1, 2, 6, 9],
    });
  });

  it('keeps empty fields, padding and a trailing empty field', () => {
    expect(readCsvRecords(' a ,,"",b,\n').records).toEqual([[' a ', '', '', 'b', '']]);
    expect(readCsvRecords('').records).toEqual([]);
    expect(readCsvRecords('\uFEFF\n\n , \n').records).toEqual([]);
  });

  it('names the problem and the line of malformed quoting', () => {
    expect(syntaxError('A\n"open\nstill open')).toMatchObject({
      problem: 'unclosed-quote',
      line: 2,
    });
    expect(syntaxError('A,B\n1,x"y\n')).toMatchObject({
      problem: 'quote-in-unquoted-field',
      line: 2,
    });
    expect(syntaxError('A\n"multi\nline"x\n')).toMatchObject({
      problem: 'text-after-closing-quote',
      line: 3,
    });
  });
});
