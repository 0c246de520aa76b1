// Administrative units for the address pickers: fixed reference data, so fetched once per run.
// The Board's own province (Cài đặt) is read again each time a form opens: it can change.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import type { Commune, Province } from '../../../../shared/domain/units.ts';

let provinces: Promise<Province[]> | null = null;
const NO_COMMUNES: Commune[] = [];
const communes = new Map<string, Promise<Commune[]>>();

export function loadProvinces(): Promise<Province[]> {
  provinces ??= api.units.provinces().catch((e: unknown) => {
    provinces = null;
    throw e;
  });
  return provinces;
}

export function loadCommunes(provinceCode: string): Promise<Commune[]> {
  let p = communes.get(provinceCode);
  if (!p) {
    p = api.units.communes({ provinceCode }).catch((e: unknown) => {
      communes.delete(provinceCode);
      throw e;
    });
    communes.set(provinceCode, p);
  }
  return p;
}

/** The province a commune belongs to: the Board's province first, then every other one. */
export async function provinceOfCommune(communeCode: string, first: string | null): Promise<string | null> {
  if (first && (await loadCommunes(first)).some((c) => c.code === communeCode)) return first;
  for (const p of await loadProvinces()) {
    if (p.code === first) continue;
    if ((await loadCommunes(p.code)).some((c) => c.code === communeCode)) return p.code;
  }
  return null;
}

let boardProvince: Promise<string> | null = null;

/** Reads the Board's province again; forms call it when they open (Cài đặt may have changed it). */
export function refreshBoardProvince(): void {
  boardProvince = api.settings.get().then(
    (s) => s.provinceCode,
    () => '51',
  );
}

/** The Board's province (settings.provinceCode); null until known. */
export function useBoardProvince(): string | null {
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (!boardProvince) refreshBoardProvince();
    void boardProvince!.then((c) => live && setCode(c));
    return () => {
      live = false;
    };
  }, []);
  return code;
}

export function useProvinces(): Province[] {
  const [list, setList] = useState<Province[]>([]);
  useEffect(() => {
    let live = true;
    void loadProvinces().then((p) => live && setList(p), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list;
}

export function useCommunes(provinceCode: string | null): Commune[] {
  const [state, setState] = useState<{ code: string | null; list: Commune[] }>({ code: null, list: [] });
  useEffect(() => {
    if (!provinceCode) return;
    let live = true;
    void loadCommunes(provinceCode).then((list) => live && setState({ code: provinceCode, list }), () => undefined);
    return () => {
      live = false;
    };
  }, [provinceCode]);
  return state.code === provinceCode ? state.list : NO_COMMUNES;
}

/**
 * A commune code as a place ("Phường Biên Hòa, Thành phố Đồng Nai"), with today's names, for a
 * record that stores the code only; "Mã 12345" for a code outside the list, "—" for none.
 */
export function useCommuneLabel(code: string | null): string {
  const board = useBoardProvince();
  const [label, setLabel] = useState<{ code: string; text: string } | null>(null);
  useEffect(() => {
    if (!code || !board) return;
    let live = true;
    void (async () => {
      const province = await provinceOfCommune(code, board);
      const commune = province ? (await loadCommunes(province)).find((c) => c.code === code) : undefined;
      const named = province ? (await loadProvinces()).find((p) => p.code === province) : undefined;
      if (live) setLabel({ code, text: commune && named ? `${commune.fullName}, ${named.fullName}` : `Mã ${code}` });
    })().catch(() => live && setLabel({ code, text: `Mã ${code}` }));
    return () => {
      live = false;
    };
  }, [code, board]);
  if (!code) return '—';
  return label?.code === code ? label.text : `Mã ${code}`;
}
