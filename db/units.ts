// Vietnam's administrative units after 1 July 2025, from the versioned data file beside this code.
import unitsFile from './data/admin-units.json' with { type: 'json' };
import type { Commune, Province } from '../shared/domain/units.ts';

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
