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
export function provinceOn(code: string, date: string, changes: readonly UnitChange[] = UNIT_CHANGES): UnitVersion | undefined {
  const base = baseProvince.get(code);
  return base ? unitOn(code, date, base, changes.filter((c) => c.level === 'province')) : undefined;
}

/** A commune as named on a date. */
export function communeOn(code: string, date: string, changes: readonly UnitChange[] = UNIT_CHANGES): UnitVersion | undefined {
  const base = baseCommune.get(code);
  return base ? unitOn(code, date, base, changes.filter((c) => c.level === 'commune')) : undefined;
}

/** The commune code statistics count an address under: today's unit for a code that later changed. */
export function statisticsCommuneCode(code: string, today: string, changes: readonly UnitChange[] = UNIT_CHANGES): string {
  return todaysUnitCode(code, changes.filter((c) => c.level === 'commune'), today);
}

/**
 * The codes whose records statistics count under today's unit `code`: `code` itself unless it has
 * itself changed into another unit by today, and every code that changed into it (a merged commune).
 * A code that never changed is counted under itself alone.
 */
export function codesCountedUnder(code: string, today: string, changes: readonly UnitChange[] = UNIT_CHANGES): string[] {
  const commune = changes.filter((c) => c.level === 'commune');
  const candidates = new Set([code, ...commune.map((c) => c.code)]);
  return [...candidates].filter((c) => todaysUnitCode(c, commune, today) === code).sort();
}

/** The old codes that map to another unit today (each with that unit's code), for a statistics query. */
export function changedCommuneCodes(today: string, changes: readonly UnitChange[] = UNIT_CHANGES): { from: string; to: string }[] {
  const commune = changes.filter((c) => c.level === 'commune');
  return [...new Set(commune.map((c) => c.code))].map((from) => ({ from, to: todaysUnitCode(from, commune, today) })).filter((m) => m.from !== m.to);
}

/**
 * Today's unit of a code as statistics show it: its code, name and province as named today. A code
 * that a change created (not in the base list) takes the names that change gave it; a code known to
 * neither has no names (an imported code outside the list).
 */
export function statisticsCommune(code: string, today: string, changes: readonly UnitChange[] = UNIT_CHANGES): { code: string; fullName: string | null; provinceCode: string | null; provinceName: string | null } {
  const to = statisticsCommuneCode(code, today, changes);
  const named = communeOn(to, today, changes);
  const created = changes.filter((c) => c.level === 'commune' && c.to.code === to && c.validFrom <= today).sort((a, b) => a.validFrom.localeCompare(b.validFrom)).at(-1);
  const fullName = named?.fullName ?? created?.to.fullName ?? null;
  // The province: of today's code if listed, else of the code the unit came from.
  const province = communeIndex.get(to)?.province ?? (created ? communeIndex.get(created.code)?.province : undefined) ?? communeIndex.get(code)?.province;
  const provinceNamed = province ? provinceOn(province.code, today, changes) : undefined;
  return { code: to, fullName, provinceCode: province?.code ?? null, provinceName: provinceNamed?.fullName ?? null };
}

/** The commune of a code with its province, as both were named on a date (a printed address of that day). */
export function communeAsOn(code: string, date: string): { commune: UnitVersion; province: UnitVersion } | undefined {
  const commune = communeOn(code, date);
  const province = communeIndex.get(code) ? provinceOn(communeIndex.get(code)!.province.code, date) : undefined;
  return commune && province ? { commune, province } : undefined;
}
