// Province -> commune pickers (two-level units since 1 July 2025). Only the commune code is
// stored; the province starts at the Board's own (Cài đặt) or at the stored commune's province.
import { Select } from '@mantine/core';
import { Fragment, useEffect, useMemo, useState, type ReactNode, type Ref } from 'react';
import { foldedFilter } from './util.ts';
import { provinceOfCommune, useBoardProvince, useCommunes, useProvinces } from './units.ts';

export interface CommunePickerProps {
  value: string | null;
  onChange(communeCode: string | null): void;
  error?: string;
  communeRef?: Ref<HTMLInputElement>;
  /** Places the two pickers (e.g. each in its own grid column); side by side in a fragment by default. */
  layout?(province: ReactNode, commune: ReactNode): ReactNode;
}

export function CommunePicker({ value, onChange, error, communeRef, layout }: CommunePickerProps) {
  const board = useBoardProvince();
  const provinces = useProvinces();
  const [province, setProvince] = useState<string | null>(null);
  const communes = useCommunes(province ?? board);
  const shownProvince = province ?? board;
  const provinceOptions = useMemo(() => provinces.map((p) => ({ value: p.code, label: p.fullName })), [provinces]);
  const communeOptions = useMemo(() => communes.map((c) => ({ value: c.code, label: c.fullName })), [communes]);

  // A commune set from outside (a citizen picked in the lookup) may lie in another province.
  useEffect(() => {
    if (!value || !board || communes.some((c) => c.code === value)) return;
    let live = true;
    void provinceOfCommune(value, shownProvince).then((code) => live && code && setProvince(code), () => undefined);
    return () => {
      live = false;
    };
  }, [value, board, communes, shownProvince]);

  const provincePicker = (
    <Select
      label="Tỉnh, thành phố"
      searchable
      openOnFocus={false}
      selectFirstOptionOnChange
      filter={foldedFilter}
      data={provinceOptions}
      value={shownProvince}
      onChange={(code) => {
        if (!code || code === shownProvince) return;
        setProvince(code);
        onChange(null);
      }}
      allowDeselect={false}
      nothingFoundMessage="Không có tỉnh, thành phố nào khớp"
    />
  );
  const communePicker = (
    <Select
      ref={communeRef}
      label="Xã, phường"
      placeholder="Gõ tên xã, phường"
      searchable
      clearable
      openOnFocus={false}
      selectFirstOptionOnChange
      filter={foldedFilter}
      data={communeOptions}
      value={value}
      onChange={(code) => onChange(code)}
      error={error}
      nothingFoundMessage="Không có xã, phường nào khớp"
    />
  );
  return layout ? layout(provincePicker, communePicker) : <Fragment>{provincePicker}{communePicker}</Fragment>;
}
