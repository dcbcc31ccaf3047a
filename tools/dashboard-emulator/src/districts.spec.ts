import {
  allDistrictIds,
  districtRegion,
  districtsForProgramYear,
  listDistricts,
} from './districts';

describe('districts', () => {
  it('lists about 128 districts with the real id shapes', () => {
    const ids = districtsForProgramYear('2025-2026');
    expect(ids.length).toBe(128);
    expect(ids).toEqual(expect.arrayContaining(['01', '09', '61', '130', 'F', 'U']));
    expect(ids.every((id) => /^(\d{2,3}|[A-Z])$/.test(id))).toBe(true);
    expect(ids).not.toContain('1');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('changes with the program year', () => {
    expect(districtsForProgramYear('2017-2018')).not.toContain('130');
    expect(districtsForProgramYear('2017-2018')).toContain('103');
    expect(districtsForProgramYear('2025-2026')).not.toContain('103');
    expect(allDistrictIds()).toEqual(expect.arrayContaining(['103', '135']));
  });

  it("uses the data month's program year for a collection date", () => {
    // 2025-07-01 is always closing: it serves June, program year 2024-2025 (no district 135).
    expect(listDistricts('2025-07-01')).not.toContain('135');
    expect(listDistricts('2025-08-15')).toContain('135');
  });

  it('gives every district one of 14 regions', () => {
    for (const id of allDistrictIds()) {
      expect(districtRegion(id)).toMatch(/^(0[1-9]|1[0-4])$/);
    }
  });
});
