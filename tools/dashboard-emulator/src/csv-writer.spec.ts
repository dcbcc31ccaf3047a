import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvField, csvRow, percent, withThousands } from './csv-writer';

describe('csv writer', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvRow(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });

  it('round-trips any fields through a real CSV parser', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), { minLength: 1 }),
        (rows) => {
          const width = rows[0]?.length ?? 0;
          const table = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
          const text = table.map(csvRow).join('');
          expect(parse(text, { relax_column_count: false })).toEqual(table);
        },
      ),
    );
  });

  it('formats numbers the way the dashboard does', () => {
    expect(withThousands(999)).toBe('999');
    expect(withThousands(12345)).toBe('12,345');
    expect(withThousands(1234567)).toBe('1,234,567');
    expect(percent(1, 29)).toBe('3.45%');
    expect(percent(-3, 143)).toBe('-2.10%');
    expect(percent(-1, 1e6)).toBe('0.00%');
    expect(percent(1, 0)).toBe('0.00%');
  });
});
