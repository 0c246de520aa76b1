// The reporting period: a kind (calendar month, official quarter 15th–14th, …), the year, the
// month or quarter where the kind has one, or two dates for a custom period.
import { Group, NumberInput, Select } from '@mantine/core';
import { vietnamDate } from '../../../../shared/domain/dates.ts';
import { PERIOD_KINDS, PERIOD_KIND_LABELS, type PeriodKind } from '../../../../shared/stats/periods.ts';
import { currentChoice, type PeriodChoice } from './state.ts';
import { DateInput } from '../DateInput.tsx';
import { isIsoDate } from '../../../../shared/calendar/dates.ts';

const KIND_OPTIONS = PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }));
const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `Tháng ${i + 1}` }));
const QUARTERS = ['I', 'II', 'III', 'IV'].map((roman, i) => ({ value: String(i + 1), label: `Quý ${roman}` }));

export function PeriodPicker({ choice, period, onChange }: {
  choice: PeriodChoice;
  /** The period resolved last (pre-fills the dates when switching to a custom period). */
  period: { from: string; to: string } | null;
  onChange(choice: PeriodChoice): void;
}) {
  const months = choice.kind === 'calendar_month' || choice.kind === 'official_month';
  const quarter = choice.kind === 'official_quarter';
  const custom = choice.kind === 'custom';

  const changeKind = (value: string | null) => {
    if (!value) return;
    const kind = value as PeriodKind;
    const next = currentChoice(kind, vietnamDate(new Date()), choice);
    // Keep the year the officer chose; the month or quarter goes to the current one.
    if (kind !== 'custom' && choice.kind !== 'custom') next.year = choice.year;
    // A custom period starts from the one on screen.
    if (kind === 'custom' && period) Object.assign(next, { from: period.from, to: period.to });
    onChange(next);
  };

  return (
    <Group align="flex-end" gap="sm" wrap="nowrap">
      <Select label="Loại kỳ báo cáo" data={KIND_OPTIONS} value={choice.kind} onChange={changeKind} allowDeselect={false} w={260} />
      {!custom && (
        <NumberInput
          label="Năm"
          value={choice.year}
          min={2000}
          max={2100}
          clampBehavior="blur"
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator={false}
          onChange={(v) => {
            const year = typeof v === 'number' ? v : Number(v);
            if (Number.isInteger(year) && year >= 2000 && year <= 2100) onChange({ ...choice, year });
          }}
          w={100}
        />
      )}
      {months && (
        <Select label="Tháng" data={MONTHS} value={String(choice.index)} onChange={(v) => v && onChange({ ...choice, index: Number(v) })} allowDeselect={false} w={130} />
      )}
      {quarter && (
        <Select label="Quý" data={QUARTERS} value={String(Math.min(choice.index, 4))} onChange={(v) => v && onChange({ ...choice, index: Number(v) })} allowDeselect={false} w={110} />
      )}
      {custom && (
        <>
          <DateInput label="Từ ngày" value={choice.from} onChange={(v) => isIsoDate(v) && onChange({ ...choice, from: v })} w={150} />
          <DateInput label="Đến ngày" value={choice.to} onChange={(v) => isIsoDate(v) && onChange({ ...choice, to: v })} w={150} />
        </>
      )}
    </Group>
  );
}
