// Administrative units with the dates they are valid for: Đồng Nai a province until 29 April 2026 and
// a centrally-run city from 30 April 2026; an address keeps the names of its day; statistics map an old
// code to today's unit.
import { describe, expect, it } from 'vitest';
import { changedCommuneCodes, codesCountedUnder, communeAsOn, provinceOn, statisticsCommune, statisticsCommuneCode, UNIT_CHANGES } from '../../db/units.ts';
import { printedAddress, todaysUnitCode, unitOn, type UnitChange } from '../../shared/domain/units.ts';

describe('units valid before and after 30 April 2026', () => {
  it('names Đồng Nai a province before, a city from that day', () => {
    expect(provinceOn('75', '2026-04-29')).toMatchObject({ fullName: 'Tỉnh Đồng Nai', type: 'province', validFrom: null, validTo: '2026-04-30' });
    expect(provinceOn('75', '2026-04-30')).toMatchObject({ fullName: 'Thành phố Đồng Nai', type: 'city', validFrom: '2026-04-30', validTo: null });
    expect(provinceOn('51', '2026-04-30')).toMatchObject({ fullName: 'Tỉnh Quảng Ngãi', validFrom: null, validTo: null });
    expect(UNIT_CHANGES.every((c) => c.source.length > 0)).toBe(true);
  });

  it('prints an address of a Đồng Nai commune with the province as named on the record’s date', () => {
    const before = communeAsOn('26068', '2026-03-02')!;
    const after = communeAsOn('26068', '2026-06-02')!;
    expect(printedAddress('12 Võ Thị Sáu', before.commune, before.province)).toBe('12 Võ Thị Sáu, phường Biên Hòa, tỉnh Đồng Nai');
    expect(printedAddress('12 Võ Thị Sáu', after.commune, after.province)).toBe('12 Võ Thị Sáu, phường Biên Hòa, thành phố Đồng Nai');
    // An address that already names its unit prints as written.
    expect(printedAddress('Tổ 3, phường Biên Hòa, tỉnh Đồng Nai', after.commune, after.province)).toBe('Tổ 3, phường Biên Hòa, tỉnh Đồng Nai');
  });
});

describe('mapping a unit that changed to today’s unit (statistics)', () => {
  // A commune that became a ward on 30 April 2026 and, in a later reorganisation, merged into another.
  const changes: UnitChange[] = [
    { level: 'commune', code: '26116', validFrom: '2026-04-30', from: { name: 'Tân Phú', fullName: 'Xã Tân Phú', type: 'commune' }, to: { code: '26116', name: 'Tân Phú', fullName: 'Phường Tân Phú', type: 'ward' }, source: 'test' },
    { level: 'commune', code: '26116', validFrom: '2027-01-01', from: { name: 'Tân Phú', fullName: 'Phường Tân Phú', type: 'ward' }, to: { code: '26119', name: 'Đak Lua', fullName: 'Phường Đak Lua', type: 'ward' }, source: 'test' },
  ];

  it('keeps the name of the day for printing and maps the code to today’s unit for counting', () => {
    const base = { name: 'Tân Phú', fullName: 'Xã Tân Phú', type: 'commune' };
    expect(unitOn('26116', '2026-04-29', base, changes).fullName).toBe('Xã Tân Phú');
    expect(unitOn('26116', '2026-05-01', base, changes).fullName).toBe('Phường Tân Phú');
    expect(todaysUnitCode('26116', changes, '2026-12-31')).toBe('26116');
    expect(todaysUnitCode('26116', changes, '2027-01-01')).toBe('26119');
    expect(todaysUnitCode('21211', changes, '2027-01-01')).toBe('21211');
  });

  it('maps a shipped code that never changed to itself', () => {
    expect(statisticsCommuneCode('21211', '2026-11-30')).toBe('21211');
  });
});

describe('today’s unit for the statistics by commune', () => {
  // Two communes of Quảng Ngãi merged into a NEW code (not in the base list) on 1 January 2027, and
  // the new unit renamed a year later; a third commune became a ward under its own code.
  const changes: UnitChange[] = [
    ...UNIT_CHANGES,
    { level: 'commune', code: '21034', validFrom: '2027-01-01', from: { name: 'An Phú', fullName: 'Xã An Phú', type: 'commune' }, to: { code: '99001', name: 'An Bình', fullName: 'Xã An Bình', type: 'commune' }, source: 'test' },
    { level: 'commune', code: '21040', validFrom: '2027-01-01', from: { name: 'Bình Sơn', fullName: 'Xã Bình Sơn', type: 'commune' }, to: { code: '99001', name: 'An Bình', fullName: 'Xã An Bình', type: 'commune' }, source: 'test' },
    { level: 'commune', code: '99001', validFrom: '2028-01-01', from: { name: 'An Bình', fullName: 'Xã An Bình', type: 'commune' }, to: { code: '99001', name: 'An Bình', fullName: 'Phường An Bình', type: 'ward' }, source: 'test' },
    { level: 'commune', code: '21061', validFrom: '2027-01-01', from: { name: 'Vạn Tường', fullName: 'Xã Vạn Tường', type: 'commune' }, to: { code: '21061', name: 'Vạn Tường', fullName: 'Phường Vạn Tường', type: 'ward' }, source: 'test' },
  ];

  it('names a merged unit by the change that created its code, in the province it came from', () => {
    expect(statisticsCommune('21034', '2026-12-31', changes)).toEqual({ code: '21034', fullName: 'Xã An Phú', provinceCode: '51', provinceName: 'Tỉnh Quảng Ngãi' });
    expect(statisticsCommune('21040', '2027-06-01', changes)).toEqual({ code: '99001', fullName: 'Xã An Bình', provinceCode: '51', provinceName: 'Tỉnh Quảng Ngãi' });
    expect(statisticsCommune('21034', '2028-06-01', changes).fullName).toBe('Phường An Bình');
    expect(statisticsCommune('21061', '2027-06-01', changes)).toEqual({ code: '21061', fullName: 'Phường Vạn Tường', provinceCode: '51', provinceName: 'Tỉnh Quảng Ngãi' });
    expect(statisticsCommune('26068', '2026-06-01', changes).provinceName).toBe('Thành phố Đồng Nai');
    expect(statisticsCommune('00000', '2026-06-01', changes)).toEqual({ code: '00000', fullName: null, provinceCode: null, provinceName: null });
  });

  it('lists the codes counted under a unit, and the old codes that map elsewhere', () => {
    expect(codesCountedUnder('99001', '2027-06-01', changes)).toEqual(['21034', '21040', '99001']);
    expect(codesCountedUnder('21034', '2027-06-01', changes)).toEqual([]);
    expect(codesCountedUnder('21034', '2026-12-31', changes)).toEqual(['21034']);
    expect(codesCountedUnder('21211', '2027-06-01', changes)).toEqual(['21211']);
    expect(changedCommuneCodes('2027-06-01', changes)).toEqual([
      { from: '21034', to: '99001' },
      { from: '21040', to: '99001' },
    ]);
    expect(changedCommuneCodes('2026-12-31', changes)).toEqual([]);
    // The shipped data changes no commune's code.
    expect(changedCommuneCodes('2030-01-01')).toEqual([]);
  });
});
