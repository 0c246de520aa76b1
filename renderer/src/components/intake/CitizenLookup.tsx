// Lookup in the citizen registry as you type: name (tone marks optional) or ID number.
// ↑/↓ move through the list, Enter takes the highlighted line. The first line is always
// "Công dân mới" with what was typed, so Enter right away starts a new citizen.
import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { GENDER_LABELS, type CitizenMatch } from '../../../../shared/domain/person.ts';
import { fold } from '../../../../shared/text.ts';

const NEW = '__new__';
const NONE: CitizenMatch[] = [];

export interface CitizenLookupProps {
  label?: string;
  /** Picked an existing citizen. */
  onPick(citizen: CitizenMatch): void;
  /** "Công dân mới": start a new person with what was typed. */
  onNew(typed: string): void;
  /** Marks the input for a dialog's initial focus (Mantine `data-autofocus`). */
  autoFocus?: boolean;
  /** Takes the focus when it appears (a person block just added). */
  focusOnMount?: boolean;
}

/** Typed text that reads as an ID number rather than a name. */
export function looksLikeIdNumber(text: string): boolean {
  return /^[0-9]{3,12}$/.test(text.replace(/\s+/g, ''));
}

function describe(c: CitizenMatch): string {
  return [
    c.birthYear ? `sinh ${c.birthYear}` : null,
    c.gender ? GENDER_LABELS[c.gender] : null,
    c.idNumber ? `CCCD ${c.idNumber}` : null,
    c.address,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The index of the only citizen whose CCCD or folded full name is exactly what was typed; else -1. */
export function exactMatchIndex(results: readonly CitizenMatch[], typed: string): number {
  const digits = typed.replace(/\s+/g, '');
  const name = fold(typed);
  if (!name) return -1;
  const byId = results.findIndex((c) => c.idNumber !== null && c.idNumber === digits);
  if (byId >= 0) return byId;
  const byName = results.flatMap((c, i) => (fold(c.fullName) === name ? [i] : []));
  return byName.length === 1 ? byName[0]! : -1;
}

export function CitizenLookup({ label = 'Tìm công dân', onPick, onNew, autoFocus, focusOnMount }: CitizenLookupProps) {
  const combobox = useCombobox();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOnMount) inputRef.current?.focus();
    // Only when it first appears, hence no dependencies.
  }, []);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const [found, setFound] = useState<{ query: string; list: CitizenMatch[] }>({ query: '', list: [] });
  const searching = fold(query).length >= 2 && found.query !== query;

  useEffect(() => {
    if (fold(debounced).length < 2) return;
    let live = true;
    void api.citizens.search({ query: debounced, limit: 8 }).then(
      (list) => live && setFound({ query: debounced, list }),
      () => live && setFound({ query: debounced, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [debounced]);

  const results = fold(query).length >= 2 ? found.list : NONE;
  const typed = query.trim();

  // Whenever the list changes, highlight the one citizen who matches exactly (the same CCCD, or
  // the same full name ignoring tone marks and case), else "Công dân mới", so Enter is predictable.
  useEffect(() => {
    if (!combobox.dropdownOpened) return;
    const exact = exactMatchIndex(results, typed);
    if (exact >= 0) combobox.selectOption(exact + 1);
    else combobox.selectFirstOption();
    // (the store object is new on each render, so it is not a dependency)
  }, [results, typed]);

  const submit = (value: string) => {
    const text = typed;
    setQuery('');
    setFound({ query: '', list: [] });
    combobox.closeDropdown();
    if (value === NEW) onNew(text);
    else {
      const citizen = results.find((c) => String(c.id) === value);
      if (citizen) onPick(citizen);
    }
  };

  return (
    <Combobox store={combobox} onOptionSubmit={submit} withinPortal>
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          label={label}
          placeholder="Họ tên hoặc số CCCD, gõ không dấu cũng được"
          value={query}
          data-autofocus={autoFocus || undefined}
          autoComplete="off"
          rightSection={searching ? <Loader size={14} /> : null}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            if (e.currentTarget.value.trim()) combobox.openDropdown();
            else combobox.closeDropdown();
          }}
          onFocus={() => typed && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
            // Enter picks from the list and never submits the surrounding form; with nothing
            // highlighted yet (the list still opening) it means "Công dân mới", the first line.
            e.preventDefault();
            if (typed && combobox.getSelectedOptionIndex() === -1) submit(NEW);
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!typed}>
        <Combobox.Options aria-label="Kết quả tìm công dân">
          <Combobox.Option value={NEW}>
            <Text size="sm">
              <b>Công dân mới:</b> “{typed}”
            </Text>
          </Combobox.Option>
          {results.map((c) => (
            <Combobox.Option value={String(c.id)} key={c.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500}>{c.fullName}</Text>
                  <Text size="xs" c="dimmed" truncate>{describe(c) || 'Chưa có thông tin khác'}</Text>
                </div>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {c.visits} lượt tiếp · {c.petitions} đơn
                </Text>
              </Group>
            </Combobox.Option>
          ))}
          {!searching && fold(query).length >= 2 && results.length === 0 && <Combobox.Empty>Chưa có công dân nào khớp trong sổ</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
