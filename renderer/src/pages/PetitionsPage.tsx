import { Alert, Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useUi } from '../state/ui.ts';
import {
  CHANNELS,
  CHANNEL_LABELS,
  FIELDS,
  FIELD_LABELS,
  PETITION_KINDS,
  PETITION_KIND_LABELS,
  PETITION_STATUSES,
  PETITION_STATUS_LABELS,
  type Channel,
  type Field,
  type PetitionKind,
  type PetitionStatus,
} from '../../../shared/domain/petition.ts';
import { PetitionTable, type ListTotal, type PetitionQuery, type PetitionTableHandle } from '../components/petitions/PetitionTable.tsx';
import { DEFAULT_FILTERS, usePetitionScreens } from '../components/petitions/state.ts';
import { formatCount, periodRange, type PeriodChoice } from '../components/petitions/format.ts';
import { DateInput } from '../components/DateInput.tsx';
import { isIsoDate } from '../../../shared/calendar/dates.ts';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));
const KIND_OPTIONS = options(PETITION_KINDS, PETITION_KIND_LABELS);
const FIELD_OPTIONS = options(FIELDS, FIELD_LABELS);
const CHANNEL_OPTIONS = options(CHANNELS, CHANNEL_LABELS);
const STATUS_OPTIONS = options(PETITION_STATUSES, PETITION_STATUS_LABELS);

const PERIODS: { value: PeriodChoice; label: string }[] = [
  { value: 'month', label: 'Tháng này' },
  { value: 'year', label: 'Năm nay' },
  { value: 'all', label: 'Tất cả' },
  { value: 'custom', label: 'Khoảng khác' },
];

/** How the results of a search are ordered (db/ops/petitions.ts listPetitions), said in the screen. */
function searchOrderNote(query: PetitionQuery, total: ListTotal): string {
  const newest = query.direction === 'desc';
  const then = total.orderedByEntry
    ? `theo thứ tự vào sổ, ${newest ? 'mới nhất' : 'cũ nhất'} trước (nhiều đơn khớp; gõ thêm chữ hoặc lọc để xếp theo cột đã chọn)`
    : `theo ${query.sort === 'receivedOn' ? 'ngày nhận' : 'số vào sổ'}, ${newest ? 'mới nhất' : 'cũ nhất'} trước`;
  return `Kết quả tìm: đơn có người đứng đơn trùng đúng họ tên đã gõ xếp đầu, sau đó ${then}.`;
}

export function PetitionsPage() {
  const go = useUi((s) => s.go);
  const filters = usePetitionScreens((s) => s.filters);
  const setFilters = usePetitionScreens((s) => s.setFilters);
  const resetFilters = usePetitionScreens((s) => s.resetFilters);
  const rememberPosition = usePetitionScreens((s) => s.rememberPosition);
  // Read once: where the list was when the officer opened a petition.
  const [initial] = useState(() => ({ ...usePetitionScreens.getState(), returning: usePetitionScreens.getState().takeReturning() }));
  const [debouncedSearch] = useDebouncedValue(filters.search, 150);
  const [total, setTotal] = useState<ListTotal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<PetitionTableHandle>(null);

  useHotkeys([
    ['mod+K', () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    }],
    ['alt+N', () => go('petitionNew')],
  ], []);

  const query = useMemo<PetitionQuery>(
    () => ({
      from: filters.from || null,
      to: filters.to || null,
      kind: filters.kind,
      field: filters.field,
      channel: filters.channel,
      status: filters.status,
      search: debouncedSearch.trim() || null,
      sort: filters.sort,
      direction: filters.direction,
    }),
    [filters.from, filters.to, filters.kind, filters.field, filters.channel, filters.status, debouncedSearch, filters.sort, filters.direction],
  );

  const onSort = useCallback(
    (sort: 'registerNo' | 'receivedOn') => {
      const { filters: f } = usePetitionScreens.getState();
      setFilters(f.sort === sort ? { direction: f.direction === 'asc' ? 'desc' : 'asc' } : { sort, direction: 'desc' });
    },
    [setFilters],
  );

  const choosePeriod = (value: string) => {
    const period = value as PeriodChoice;
    if (period === 'custom') setFilters({ period });
    else setFilters({ period, ...periodRange(period) });
  };

  const filtered =
    filters.from !== DEFAULT_FILTERS.from ||
    filters.to !== DEFAULT_FILTERS.to ||
    filters.kind !== null ||
    filters.field !== null ||
    filters.channel !== null ||
    filters.status !== null ||
    filters.search !== '';

  return (
    <Stack gap="sm" h="calc(100dvh - var(--app-shell-header-offset, 56px) - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" align="baseline">
          <Title order={2}>Đơn thư</Title>
          <Text c="dimmed" aria-live="polite" data-testid="petition-total">
            {total === null ? 'Đang tải…' : `${total.capped ? 'hơn ' : ''}${formatCount(total.count)} đơn`}
          </Text>
        </Group>
        <Button onClick={() => go('petitionNew')}>Nhập đơn mới <kbd className="key" style={{ marginLeft: 8 }}>Alt+N</kbd></Button>
      </Group>

      <Group align="flex-end" gap="sm" wrap="nowrap">
        <TextInput
          ref={searchRef}
          label="Tìm kiếm"
          aria-label="Tìm đơn"
          placeholder="Số đơn, tên, CCCD, nội dung — gõ không dấu được, “…” tìm đúng cụm từ (Ctrl+K)"
          value={filters.search}
          onChange={(e) => setFilters({ search: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              tableRef.current?.focus();
            }
          }}
          style={{ flex: 1, minWidth: 240 }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="pl-period-label">Thời gian nhận</Text>
          <SegmentedControl aria-labelledby="pl-period-label" data={PERIODS} value={filters.period} onChange={choosePeriod} />
        </Stack>
        <DateInput
          label="Từ ngày"
          value={filters.from}
          onChange={(v) => (v === '' || isIsoDate(v)) && setFilters({ from: v, period: 'custom' })}
          w={140}
        />
        <DateInput
          label="Đến ngày"
          value={filters.to}
          onChange={(v) => (v === '' || isIsoDate(v)) && setFilters({ to: v, period: 'custom' })}
          w={140}
        />
      </Group>

      <Group align="flex-end" gap="sm" wrap="nowrap">
        <Select label="Loại đơn" placeholder="Tất cả" data={KIND_OPTIONS} value={filters.kind} onChange={(v) => setFilters({ kind: v as PetitionKind | null })} clearable w={190} />
        <Select label="Lĩnh vực" placeholder="Tất cả" data={FIELD_OPTIONS} value={filters.field} onChange={(v) => setFilters({ field: v as Field | null })} clearable w={250} />
        <Select label="Nguồn đơn" placeholder="Tất cả" data={CHANNEL_OPTIONS} value={filters.channel} onChange={(v) => setFilters({ channel: v as Channel | null })} clearable w={220} />
        <Select label="Trạng thái" placeholder="Tất cả" data={STATUS_OPTIONS} value={filters.status} onChange={(v) => setFilters({ status: v as PetitionStatus | null })} clearable w={170} />
        <Button variant="subtle" color="gray" onClick={resetFilters} disabled={!filtered}>Bỏ lọc</Button>
      </Group>

      {error && <Alert color="red" title="Không tải được danh sách đơn">{error}</Alert>}
      {debouncedSearch.trim() !== '' && total !== null && total.count > 0 && (
        <Text size="sm" c="dimmed" data-testid="petition-search-order">
          {searchOrderNote(query, total)}
        </Text>
      )}

      <PetitionTable
        ref={tableRef}
        query={query}
        onSort={onSort}
        onTotal={setTotal}
        onError={setError}
        initialScrollOffset={initial.scrollOffset}
        initialActiveIndex={initial.activeIndex}
        focusOnLoad={initial.returning}
        onOpen={(row, position) => {
          rememberPosition(position.scrollOffset, position.index);
          go('petition', { petitionId: row.id });
        }}
      />
      <Text size="xs" c="dimmed">
        ↑ ↓ chọn đơn · Enter mở đơn · Ctrl+K tìm kiếm · Alt+N nhập đơn mới
      </Text>
    </Stack>
  );
}
