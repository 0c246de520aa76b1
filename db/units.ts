// Vietnam's administrative units after 1 July 2025, from the versioned data file beside this code.
import unitsFile from './data/admin-units.json' with { type: 'json' };
import changesFile from './data/unit-changes.json' with { type: 'json' };
import { todaysUnitCode, unitOn, type Commune, type Province, type UnitChange, type UnitVersion } from '../shared/domain/units.ts';

interface UnitsFile {
  version: string;
  provinces: {
    code: string;
    name: string;
    full_name: string;
    communes: { code: string; name: string; full_name: string; type: Commune['type'] }[];
  }[];
}

const data = unitsFile as UnitsFile;

export const UNITS_VERSION = data.version;

interface ChangesFile {
  changes: { level: 'province' | 'commune'; code: string; valid_from: string; from: { name: string; full_name: string; type: string }; to: { code: string; name: string; full_name: string; type: string }; source: string }[];
}

/** The changes after the base list, each valid from its date (db/data/unit-changes.json). */
export const UNIT_CHANGES: UnitChange[] = (changesFile as ChangesFile).changes.map((c) => ({
  level: c.level,
  code: c.code,
  validFrom: c.valid_from,
  from: { name: c.from.name, fullName: c.from.full_name, type: c.from.type },
  to: { code: c.to.code, name: c.to.name, fullName: c.to.full_name, type: c.to.type },
  source: c.source,
}));

export const PROVINCES: Province[] = data.provinces.map((p) => ({
  code: p.code,
  name: p.name,
  fullName: p.full_name,
  communeCount: p.communes.length,
}));

const communesByProvince = new Map<string, Commune[]>(
  data.provinces.map((p) => [p.code, p.communes.map((c) => ({ code: c.code, name: c.name, fullName: c.full_name, type: c.type }))]),
);

export function provinceByCode(code: string): Province | undefined {
  return PROVINCES.find((p) => p.code === code);
}

export function communesOf(provinceCode: string): Commune[] {
  return communesByProvince.get(provinceCode) ?? [];
}

/**
 * The agency-directory entry generated for a commune's People's Committee. Administrative style
 * writes the unit type in lower case after "UBND": "UBND xã Long Phụng", "UBND phường Nghĩa Lộ".
 */
export function communeAgency(commune: Commune): { code: string; name: string; kind: 'commune' } {
  const name = commune.fullName.charAt(0).toLocaleLowerCase('vi') + commune.fullName.slice(1);
  return { code: `XA-${commune.code}`, name: `UBND ${name}`, kind: 'commune' };
}

const communeIndex = new Map<string, { commune: Commune; province: Province }>();
for (const p of PROVINCES) for (const c of communesOf(p.code)) communeIndex.set(c.code, { commune: c, province: p });

/** The commune of a 5-digit code, with its province; undefined for an unknown code. */
export function communeByCode(code: string): { commune: Commune; province: Province } | undefined {
  return communeIndex.get(code);
}

const baseProvince = new Map(data.provinces.map((p) => [p.code, { name: p.name, fullName: p.full_name, type: 'province' }]));
const baseCommune = new Map(data.provinces.flatMap((p) => p.communes.map((c) => [c.code, { name: c.name, fullName: c.full_name, type: c.type }] as const)));

/** A province as named on a date ("Tỉnh Đồng Nai" until 29 April 2026, "Thành phố Đồng Nai" from 30 April). */
export function provinceOn(code: string, date: string): UnitVersion | undefined {
  const base = baseProvince.get(code);
  return base ? unitOn(code, date, base, UNIT_CHANGES.filter((c) => c.level === 'province')) : undefined;
}

/** A commune as named on a date. */
export function communeOn(code: string, date: string): UnitVersion | undefined {
  const base = baseCommune.get(code);
  return base ? unitOn(code, date, base, UNIT_CHANGES.filter((c) => c.level === 'commune')) : undefined;
}

/** The commune code statistics count an address under: today's unit for a code that later changed. */
export function statisticsCommuneCode(code: string, today: string): string {
  return todaysUnitCode(code, UNIT_CHANGES.filter((c) => c.level === 'commune'), today);
}

/** The commune of a code with its province, as both were named on a date (a printed address of that day). */
export function communeAsOn(code: string, date: string): { commune: UnitVersion; province: UnitVersion } | undefined {
  const commune = communeOn(code, date);
  const province = communeIndex.get(code) ? provinceOn(communeIndex.get(code)!.province.code, date) : undefined;
  return commune && province ? { commune, province } : undefined;
}
