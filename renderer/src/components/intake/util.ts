// Small helpers shared by the intake forms (visit, petition): empty persons, date display,
// a zod resolver that first reshapes the form's values into the API's input, folded filters.
import { zodResolver } from '@hookform/resolvers/zod';
import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { Person, PersonInput, PersonKind } from '../../../../shared/domain/person.ts';
import { fold } from '../../../../shared/text.ts';

/** A person as the forms hold it: text inputs are strings, numbers and choices may be empty. */
export interface PersonFormValue {
  citizenId: number | null;
  fullName: string;
  idNumber: string;
  birthYear: number | null;
  gender: Person['gender'];
  phone: string;
  address: string;
  communeCode: string | null;
  kind: PersonKind;
  nationality: string;
  idIssuedOn: string;
  idIssuedPlace: string;
  orgRegNo: string;
  representative: string;
}

export function emptyPerson(patch: Partial<PersonFormValue> = {}): PersonFormValue {
  return {
    citizenId: null,
    fullName: '',
    idNumber: '',
    birthYear: null,
    gender: null,
    phone: '',
    address: '',
    communeCode: null,
    kind: 'citizen',
    nationality: '',
    idIssuedOn: '',
    idIssuedPlace: '',
    orgRegNo: '',
    representative: '',
    ...patch,
  };
}

export function personToForm(p: Person | PersonInput): PersonFormValue {
  return {
    citizenId: p.citizenId ?? null,
    fullName: p.fullName,
    idNumber: p.idNumber ?? '',
    birthYear: p.birthYear ?? null,
    gender: p.gender ?? null,
    phone: p.phone ?? '',
    address: p.address ?? '',
    communeCode: p.communeCode ?? null,
    kind: p.kind ?? 'citizen',
    nationality: p.nationality ?? '',
    idIssuedOn: p.idIssuedOn ?? '',
    idIssuedPlace: p.idIssuedPlace ?? '',
    orgRegNo: p.orgRegNo ?? '',
    representative: p.representative ?? '',
  };
}

/** `2026-03-15` -> `15/03/2026`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Validates with a shared zod schema after reshaping the form's values into the API input. */
export function reshapingResolver<TForm extends FieldValues, S extends z.ZodType>(
  schema: S,
  reshape: (values: TForm) => unknown,
): Resolver<TForm, unknown, z.output<S>> {
  const inner = zodResolver(schema as never) as unknown as Resolver<FieldValues, unknown, z.output<S>>;
  return ((values: TForm, context: unknown, options: never) => inner(reshape(values) as FieldValues, context, options)) as never;
}

/** Select/Autocomplete filter that ignores case, tone marks and đ ("nghia lo" finds "Nghĩa Lộ"). */
export const foldedFilter: OptionsFilter<string> = ({ options, search, limit }) => {
  const tokens = fold(search).split(' ').filter(Boolean);
  const result: ComboboxParsedItem<string>[] = [];
  for (const item of options) {
    if (result.length >= limit) break;
    if ('group' in item) continue;
    const label = fold(item.label);
    if (tokens.every((t) => label.includes(t))) result.push(item);
  }
  return result;
};

/** Number inputs report '' when emptied; the forms keep null. */
export function numberOrNull(value: number | bigint | string): number | null {
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Form-level `onKeyDownCapture` for the selects inside: Enter on a closed select submits the form,
 * as it does in a text field (Mantine's non-searchable Select would open its list instead; ↓ and
 * Space still do). Enter in an open list takes the highlighted option and never submits.
 */
export function enterSubmitsFromSelects(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.ctrlKey || event.altKey || event.shiftKey) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.getAttribute('aria-haspopup') !== 'listbox') return;
  if (target.getAttribute('aria-expanded') === 'true') {
    event.preventDefault();
    // Mantine takes the option it tracks; should it have lost track (a list re-rendered while
    // filtering), take the one shown highlighted.
    const listId = target.getAttribute('aria-controls');
    window.setTimeout(() => {
      if (!listId || target.getAttribute('aria-expanded') !== 'true') return;
      document.getElementById(listId)?.querySelector<HTMLElement>('[data-combobox-selected]')?.click();
    }, 0);
    return;
  }
  if (target.readOnly) {
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.requestSubmit();
  }
}

/** A choice left empty reads "Chưa chọn …" rather than the schema's "… không hợp lệ". */
export function choiceError(value: unknown, error: { message?: string } | undefined, missing: string): string | undefined {
  if (!error) return undefined;
  return value === null || value === undefined || value === '' ? missing : error.message;
}
