import {
  normaliseArea,
  normaliseClubNumber,
  normaliseDivision,
  parseCharterOrSuspend,
  parseCount,
  parsePercent,
  parseYesNo,
} from './field-values';

describe('field values', () => {
  it('reads counts with thousands separators and refuses anything else', () => {
    expect(parseCount('0')).toBe(0);
    expect(parseCount('4,321')).toBe(4321);
    expect(parseCount('1,234,567')).toBe(1234567);
    for (const bad of ['', '-1', '1.5', '12,34', ',123', '1 234', 'N/A', '1e3']) {
      expect(parseCount(bad)).toBeUndefined();
    }
  });

  it('reads percentages as percent numbers', () => {
    expect(parsePercent('5.39%')).toBe(5.39);
    expect(parsePercent('-3.2%')).toBe(-3.2);
    expect(parsePercent('+1,250.5%')).toBe(1250.5);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('-0.00%')).toBe(0);
    for (const bad of ['', '%', '5%%', 'abc', '1.2.3%']) expect(parsePercent(bad)).toBeUndefined();
  });

  it('reads Y/N flags', () => {
    expect(parseYesNo('Y')).toBe(true);
    expect(parseYesNo('n')).toBe(false);
    expect(parseYesNo('yes')).toBeUndefined();
  });

  it('normalises club numbers, divisions and areas', () => {
    expect(normaliseClubNumber('00012345')).toBe('12345');
    expect(normaliseClubNumber('12345')).toBe('12345');
    expect(normaliseClubNumber('0000')).toBeUndefined();
    expect(normaliseClubNumber('12a')).toBeUndefined();
    expect(normaliseDivision('Division A')).toBe('A');
    expect(normaliseDivision('A')).toBe('A');
    expect(normaliseDivision('b')).toBe('B');
    expect(normaliseDivision('Division')).toBeUndefined();
    expect(normaliseArea('Area 12')).toBe('12');
    expect(normaliseArea('12')).toBe('12');
    expect(normaliseArea('Area 03')).toBe('3');
    expect(normaliseArea('0A')).toBe('0A');
    expect(normaliseArea('Area')).toBeUndefined();
    expect(normaliseArea('')).toBeUndefined();
  });

  it('reads charter and suspend dates, two-digit years at or before the reference year', () => {
    expect(parseCharterOrSuspend('Charter 03/15/98', 2026)).toEqual({
      kind: 'charter',
      date: '1998-03-15',
    });
    expect(parseCharterOrSuspend('Susp 02/01/26', 2026)).toEqual({
      kind: 'suspended',
      date: '2026-02-01',
    });
    expect(parseCharterOrSuspend('Charter 1/5/27', 2026)).toEqual({
      kind: 'charter',
      date: '1927-01-05',
    });
    expect(parseCharterOrSuspend('Charter 06/30/2001', 2026)?.date).toBe('2001-06-30');
    expect(parseCharterOrSuspend('Charter 02/30/20', 2026)).toBeUndefined();
    expect(parseCharterOrSuspend('Chartered 02/10/20', 2026)).toBeUndefined();
    expect(parseCharterOrSuspend('03/15/98', 2026)).toBeUndefined();
  });
});
