// The one date field of the interface: shows and takes dd/mm/yyyy whatever the OS language
// (`20112026`, `20/11/2026`, `20-11-26` all give 20/11/2026), hands the form an ISO `YYYY-MM-DD`,
// has ONE tab stop, and opens a small calendar on demand (the button, or Alt+↓ in the field).
// Text that is not a date is handed on as typed, so the form's schema refuses it, and the field
// says what is wrong in dd/mm/yyyy terms.
import { ActionIcon, Group, Popover, SimpleGrid, Text, TextInput, UnstyledButton, type TextInputProps } from '@mantine/core';
import { forwardRef, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { addDays, dayOfWeek, formatDateVN, isIsoDate, isoFromParts, parseIsoDate } from '../../../shared/calendar/dates.ts';
import { parseTypedDate, showTypedDate } from '../../../shared/calendar/typed-date.ts';
import { vietnamDate } from '../../../shared/domain/dates.ts';

const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

export interface DateInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'max' | 'min'> {
  /** ISO `YYYY-MM-DD`, '' when empty, or the text as typed when it is not a date. */
  value: string | null | undefined;
  onChange(value: string): void;
  /** The latest date allowed (ISO): a later one is flagged at once, e.g. "after today". */
  max?: string;
  /** What the field says about a date after `max`; default "không được sau ngày …". */
  maxMessage?: string;
  /** The earliest date allowed (ISO). */
  min?: string;
}

function today(): string {
  return vietnamDate(new Date());
}

/** Monday-first month grid: the ISO dates of the weeks covering the month. */
function monthGrid(year: number, month: number): string[] {
  const first = isoFromParts(year, month, 1);
  const start = addDays(first, -((dayOfWeek(first) + 6) % 7));
  return Array.from({ length: 42 }, (_, i) => addDays(start, i));
}

function Calendar({ value, onPick, min, max }: { value: string; onPick(iso: string): void; min?: string; max?: string }) {
  const [focus, setFocus] = useState(() => {
    let start = isIsoDate(value) ? value : today();
    if (max !== undefined && start > max) start = max;
    if (min !== undefined && start < min) start = min;
    return start;
  });
  const { year, month } = parseIsoDate(focus);
  const grid = monthGrid(year, month);
  const gridRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Move the keyboard focus with the day at once, before the next key is handled; the dropdown
    // may still be entering on the first render, so focus it again once it is laid out.
    const cell = () => gridRef.current?.querySelector<HTMLElement>(`[data-date="${focus}"]`);
    cell()?.focus();
    const frame = window.requestAnimationFrame(() => cell()?.focus());
    return () => window.cancelAnimationFrame(frame);
  }, [focus]);
  const shiftMonth = (n: number) => {
    const m0 = month - 1 + n;
    const y = year + Math.floor(m0 / 12);
    const m = ((m0 % 12) + 12) % 12 + 1;
    const { day } = parseIsoDate(focus);
    const last = parseIsoDate(addDays(isoFromParts(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1)).day;
    setFocus(isoFromParts(y, m, Math.min(day, last)));
  };
  const allowed = (iso: string) => !((max !== undefined && iso > max) || (min !== undefined && iso < min));
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    if (e.key in moves) setFocus(addDays(focus, moves[e.key]!));
    // Enter picks the day the keys moved to, whichever cell the browser has focused yet.
    else if (e.key === 'Enter' || e.key === ' ') {
      if (allowed(focus)) onPick(focus);
    } else if (e.key === 'PageUp') shiftMonth(-1);
    else if (e.key === 'PageDown') shiftMonth(1);
    else return;
    e.preventDefault();
  };
  return (
    <div onKeyDown={onKeyDown}>
      <Group justify="space-between" mb={4}>
        <ActionIcon variant="subtle" color="gray" aria-label="Tháng trước" onClick={() => shiftMonth(-1)} tabIndex={-1}>
          ‹
        </ActionIcon>
        <Text size="sm" fw={500}>
          Tháng {month}/{year}
        </Text>
        <ActionIcon variant="subtle" color="gray" aria-label="Tháng sau" onClick={() => shiftMonth(1)} tabIndex={-1}>
          ›
        </ActionIcon>
      </Group>
      <SimpleGrid cols={7} spacing={2} verticalSpacing={2} ref={gridRef} role="grid" aria-label={`Tháng ${month} năm ${year}`}>
        {WEEKDAYS.map((d) => (
          <Text key={d} size="xs" c="dimmed" ta="center">
            {d}
          </Text>
        ))}
        {grid.map((iso) => {
          const p = parseIsoDate(iso);
          const disabled = !allowed(iso);
          const selected = iso === value;
          return (
            <UnstyledButton
              key={iso}
              data-date={iso}
              role="gridcell"
              aria-selected={selected}
              aria-label={formatDateVN(iso)}
              tabIndex={iso === focus ? 0 : -1}
              disabled={disabled}
              onClick={() => onPick(iso)}
              className="date-cell"
              data-outside={p.month !== month || undefined}
              data-selected={selected || undefined}
              data-today={iso === today() || undefined}
              data-disabled={disabled || undefined}
            >
              {p.day}
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
    </div>
  );
}

export const DateInput = forwardRef<HTMLInputElement, DateInputProps>(function DateInput(
  { value, onChange, max, maxMessage, min, error, onBlur, onKeyDown, ...rest },
  ref,
) {
  const [text, setText] = useState(() => showTypedDate(value));
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);

  // A value set from outside (reset, a restored draft, the calendar) shows as dd/mm/yyyy.
  useEffect(() => {
    const current = parseTypedDate(text, Number(today().slice(0, 4)));
    const shown = current.ok ? current.iso : text.trim() === '' ? '' : text;
    if ((value ?? '') !== shown) setText(showTypedDate(value));
  }, [value]);

  const typed = (next: string) => {
    setText(next);
    const r = parseTypedDate(next, Number(today().slice(0, 4)));
    onChange(r.ok ? r.iso : r.reason === 'empty' ? '' : next);
  };

  const parsed = parseTypedDate(text, Number(today().slice(0, 4)));
  let ownError: string | undefined;
  if (!parsed.ok && parsed.reason !== 'empty') ownError = parsed.message;
  else if (parsed.ok && max !== undefined && parsed.iso > max) ownError = maxMessage ?? `Không được sau ngày ${formatDateVN(max)}`;
  else if (parsed.ok && min !== undefined && parsed.iso < min) ownError = `Không được trước ngày ${formatDateVN(min)}`;
  const shownError = (touched || error) && ownError ? ownError : error;

  const pick = (iso: string) => {
    setOpen(false);
    setText(formatDateVN(iso));
    onChange(iso);
    inputRef.current?.focus();
  };

  return (
    <Popover opened={open} onChange={setOpen} position="bottom-start" withinPortal returnFocus shadow="md">
      <Popover.Target>
        <TextInput
          {...rest}
          ref={(el) => {
            inputRef.current = el;
            if (typeof ref === 'function') ref(el);
            else if (ref) ref.current = el;
          }}
          inputMode="numeric"
          autoComplete="off"
          placeholder={rest.placeholder ?? 'dd/mm/yyyy'}
          value={text}
          error={shownError}
          onChange={(e) => typed(e.currentTarget.value)}
          onBlur={(e) => {
            setTouched(true);
            if (parsed.ok) setText(formatDateVN(parsed.iso));
            onBlur?.(e);
          }}
          onKeyDown={(e) => {
            if (e.altKey && e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
            }
            onKeyDown?.(e);
          }}
          rightSection={
            <ActionIcon variant="subtle" color="gray" size="sm" tabIndex={-1} aria-label="Mở lịch (Alt+↓)" title="Mở lịch (Alt+↓)" onClick={() => setOpen((o) => !o)}>
              <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
                <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
                <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
              </svg>
            </ActionIcon>
          }
        />
      </Popover.Target>
      <Popover.Dropdown p="xs" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setOpen(false), inputRef.current?.focus())}>
        <Calendar value={parsed.ok ? parsed.iso : ''} onPick={pick} min={min} max={max} />
      </Popover.Dropdown>
    </Popover>
  );
});

/** A DateInput bound to a react-hook-form field (value stays ISO for the shared zod schemas). */
export function DateField<T extends FieldValues>({
  control,
  name,
  ...props
}: { control: Control<T, any, any>; name: FieldPath<T> } & Omit<DateInputProps, 'value' | 'onChange'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <DateInput
          {...props}
          ref={field.ref}
          name={field.name}
          value={field.value as string}
          onChange={field.onChange}
          onBlur={(e) => {
            field.onBlur();
            props.onBlur?.(e);
          }}
        />
      )}
    />
  );
}
