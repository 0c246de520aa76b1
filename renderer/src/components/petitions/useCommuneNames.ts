// Names of communes (xã, phường) by code, for the Board's province (Cài đặt): fetched once per run.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';

let cache: Promise<Map<string, string>> | null = null;

function load(): Promise<Map<string, string>> {
  cache ??= (async () => {
    const { provinceCode } = await api.settings.get();
    const communes = await api.units.communes({ provinceCode });
    return new Map(communes.map((c) => [c.code, c.fullName]));
  })().catch(() => {
    cache = null;
    return new Map<string, string>();
  });
  return cache;
}

/** Looks a commune code up; unknown codes (another province) are shown as the code. */
export function useCommuneNames(): (code: string | null) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    void load().then((m) => live && setNames(m));
    return () => {
      live = false;
    };
  }, []);
  return (code) => (code ? (names.get(code) ?? `Mã ${code}`) : '');
}
