import { countOf } from './plural';

describe('countOf', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countOf(0, 'district')).toBe('0 districts');
    expect(countOf(1, 'district')).toBe('1 district');
    expect(countOf(2, 'district')).toBe('2 districts');
    expect(countOf(40, 'date')).toBe('40 dates');
  });

  it('takes an irregular plural', () => {
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
  });
});
