// Administrative units after 1 July 2025: 34 provinces, communes below them (no districts).

export interface Province {
  code: string;
  name: string;
  fullName: string;
  communeCount: number;
}

export interface Commune {
  code: string;
  name: string;
  fullName: string;
  type: 'ward' | 'commune' | 'special_zone';
}

/** Vietnamese text compared without case, tone marks or đ. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The address as printed: the text as written, followed by the commune (and province) it is coded
 * under when the text does not already name them ("Thôn An Phú" + Xã Tịnh Khê, Tỉnh Quảng Ngãi ->
 * "Thôn An Phú, xã Tịnh Khê, tỉnh Quảng Ngãi"). Nothing is added to an address that names its commune.
 */
export function printedAddress(address: string | null, commune: Pick<Commune, 'name' | 'fullName'> | null, province: Pick<Province, 'name' | 'fullName'> | null): string | null {
  const text = address?.trim() || null;
  if (!commune) return text;
  const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
  const parts: string[] = [];
  if (text === null || !folded(text).includes(folded(commune.name))) parts.push(lowerFirst(commune.fullName));
  if (province && (text === null || !folded(text).includes(folded(province.name)))) parts.push(lowerFirst(province.fullName));
  if (parts.length === 0) return text;
  return text === null ? parts.join(', ').replace(/^./u, (c) => c.toLocaleUpperCase('vi')) : `${text.replace(/[,.;\s]+$/u, '')}, ${parts.join(', ')}`;
}

// --- Validity: units change (a province becomes a centrally-run city, communes become wards, codes merge).

export interface UnitNames {
  name: string;
  fullName: string;
  type: string;
}

/** A change to one unit, valid from a date: its names (and possibly its code) before and after. */
export interface UnitChange {
  level: 'province' | 'commune';
  code: string;
  validFrom: string;
  from: UnitNames;
  to: UnitNames & { code: string };
  source: string;
}

/** A unit as it was on a date, with the span its names are valid for (validTo exclusive; null open). */
export interface UnitVersion extends UnitNames {
  code: string;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * The unit of `code` as it was named on `date`, from its names in the base list (valid from the base
 * date on) and the changes after it. A record keeps the code it was entered with; this tells what that
 * code was called then.
 */
export function unitOn(code: string, date: string, base: UnitNames, changes: readonly UnitChange[]): UnitVersion {
  const own = changes.filter((c) => c.code === code).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  let current: UnitVersion = { code, ...(own[0]?.from ?? base), validFrom: null, validTo: own[0]?.validFrom ?? null };
  for (const [i, c] of own.entries()) {
    if (date < c.validFrom) break;
    current = { code, name: c.to.name, fullName: c.to.fullName, type: c.to.type, validFrom: c.validFrom, validTo: own[i + 1]?.validFrom ?? null };
  }
  return current;
}

/**
 * The code a unit has today, for statistics: follows the changes that gave the unit a new code (a
 * commune merged into another, a renumbering) up to `today`. A code that never changed maps to itself.
 */
export function todaysUnitCode(code: string, changes: readonly UnitChange[], today: string): string {
  let at = code;
  for (let guard = 0; guard < 20; guard++) {
    const next = changes.filter((c) => c.code === at && c.to.code !== at && c.validFrom <= today).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
    if (!next) return at;
    at = next.to.code;
  }
  return at;
}
