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
