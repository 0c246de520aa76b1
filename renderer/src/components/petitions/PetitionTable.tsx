// The petition list: a virtualised div grid (role=table) over pages of 200 rows fetched from
// SQLite by offset as the officer scrolls. Only the rows in view (plus a few) are in the DOM and
// only the pages they fall in are loaded, so 100,000 petitions scroll as smoothly as 100.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { api, errorMessage } from '../../api.ts';
import {
  CHANNEL_LABELS,
  FIELD_LABELS,
  PETITION_KIND_LABELS,
  PETITION_STATUS_LABELS,
  type PetitionListInput,
  type PetitionListItem,
} from '../../../../shared/domain/petition.ts';
import { formatIsoDate } from './format.ts';
import './petitions.css';

export const PAGE_SIZE = 200;
export const ROW_HEIGHT = 36;

export type PetitionQuery = Omit<NonNullable<PetitionListInput>, 'offset' | 'limit'> & { sort: 'registerNo' | 'receivedOn'; direction: 'asc' | 'desc' };

/**
 * How many petitions the list holds: `capped` when the register stopped counting (the screen says
 * "hơn 1.000"); a page further down counts further, so the list grows as the officer scrolls.
 * `orderedByEntry`: a search matching many petitions comes by order of entry, not by the sort column.
 */
export interface ListTotal {
  count: number;
  capped: boolean;
  orderedByEntry: boolean;
}

export interface PetitionTableHandle {
  /** Moves keyboard focus into the list (the remembered row, else the first). */
  focus(): void;
}

interface Props {
  query: PetitionQuery;
  onSort(sort: 'registerNo' | 'receivedOn'): void;
  onOpen(row: PetitionListItem, position: { scrollOffset: number; index: number }): void;
  onTotal(total: ListTotal | null): void;
  onError(message: string | null): void;
  /** Where to start (returning from a petition). */
  initialScrollOffset?: number;
  initialActiveIndex?: number;
  /** Put the keyboard focus on the active row once loaded (coming back from a petition). */
  focusOnLoad?: boolean;
  ref?: Ref<PetitionTableHandle>;
}

const COLUMNS = ['Số vào sổ', 'Ngày nhận', 'Người đứng đơn', 'Nội dung tóm tắt', 'Loại', 'Lĩnh vực', 'Nguồn', 'Trạng thái'] as const;

function Cells({ row }: { row: PetitionListItem }) {
  const summary = row.subject ? `${row.summary} (${row.subject})` : row.summary;
  return (
    <>
      <div role="cell" className="pl-mono">{row.registerNo}</div>
      <div role="cell">{formatIsoDate(row.receivedOn)}</div>
      <div role="cell" title={row.petitionerNames}>{row.petitionerNames || '—'}</div>
      <div role="cell" title={summary}>{row.summary}</div>
      <div role="cell" title={PETITION_KIND_LABELS[row.kind]}>{PETITION_KIND_LABELS[row.kind]}</div>
      <div role="cell" title={FIELD_LABELS[row.field]}>{FIELD_LABELS[row.field]}</div>
      <div role="cell" title={CHANNEL_LABELS[row.channel]}>{CHANNEL_LABELS[row.channel]}</div>
      <div role="cell" data-status={row.status} title={row.dueOn ? `Hạn xử lý: ${formatIsoDate(row.dueOn)}` : undefined}>
        {PETITION_STATUS_LABELS[row.status] ?? row.status}
      </div>
    </>
  );
}

function Placeholder() {
  return (
    <>
      <div role="cell">…</div>
      {COLUMNS.slice(1).map((c) => <div role="cell" key={c} />)}
    </>
  );
}

export function PetitionTable({ query, onSort, onOpen, onTotal, onError, initialScrollOffset = 0, initialActiveIndex = 0, focusOnLoad = false, ref }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, PetitionListItem[]>());
  /** The previous query's pages, shown until the new query's first page arrives (no flicker while typing). */
  const stale = useRef<Map<number, PetitionListItem[]> | null>(null);
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const [, setLoadedCount] = useState(0);
  const [listTotal, setListTotal] = useState<(ListTotal & { generation: number }) | null>(null);
  const total = listTotal?.count ?? null;
  const [active, setActive] = useState(initialActiveIndex);
  const pendingFocus = useRef<number | null>(null);
  const restore = useRef<number | null>(initialScrollOffset > 0 ? initialScrollOffset : null);
  const focusPending = useRef(focusOnLoad);
  const firstQuery = useRef(true);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const fetchPage = useCallback(
    async (offset: number) => {
      if (pages.current.has(offset) || inFlight.current.has(offset)) return;
      const gen = generation.current;
      inFlight.current.add(offset);
      try {
        const page = await api.petitions.list({ ...query, offset, limit: PAGE_SIZE });
        if (gen !== generation.current) return;
        pages.current.set(offset, page.rows);
        stale.current = null;
        const capped = page.totalCapped === true;
        const orderedByEntry = page.orderedByEntry === true;
        // A capped count only grows (pages arrive in any order); an exact one is the answer.
        setListTotal((prev) => {
          if (prev && prev.generation === gen && !prev.capped) return prev;
          if (prev && prev.generation === gen && capped) return { ...prev, count: Math.max(prev.count, page.total) };
          return { count: page.total, capped, orderedByEntry, generation: gen };
        });
        setLoadedCount((n) => n + 1);
        onError(null);
        // Without a search the list counts only up to its cap: the exact total follows the page.
        if (capped && offset === 0 && !query.search?.trim()) {
          const { from, to, kind, field, channel, status } = query;
          const { total } = await api.petitions.count({ from, to, kind, field, channel, status });
          if (gen === generation.current) setListTotal({ count: total, capped: false, orderedByEntry, generation: gen });
        }
      } catch (e) {
        if (gen === generation.current) onError(errorMessage(e));
      } finally {
        if (gen === generation.current) inFlight.current.delete(offset);
      }
    },
    [query, onError],
  );

  // A new query (filters, search, sort): drop the cached pages and start from the top.
  useEffect(() => {
    generation.current++;
    stale.current = pages.current.size > 0 ? pages.current : stale.current;
    pages.current = new Map();
    inFlight.current = new Set();
    if (firstQuery.current) {
      firstQuery.current = false;
      const start = restore.current === null ? 0 : Math.floor(restore.current / ROW_HEIGHT / PAGE_SIZE) * PAGE_SIZE;
      void fetchPage(0);
      if (start > 0) void fetchPage(start);
    } else {
      setActive(0);
      scrollRef.current?.scrollTo({ top: 0 });
      void fetchPage(0);
    }
  }, [fetchPage]);

  useEffect(() => onTotal(listTotal && { count: listTotal.count, capped: listTotal.capped, orderedByEntry: listTotal.orderedByEntry }), [listTotal, onTotal]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index;
  const lastIndex = items[items.length - 1]?.index;

  // Load the pages the visible rows fall in.
  useEffect(() => {
    if (firstIndex === undefined || lastIndex === undefined) return;
    for (let offset = Math.floor(firstIndex / PAGE_SIZE) * PAGE_SIZE; offset <= lastIndex; offset += PAGE_SIZE) void fetchPage(offset);
  }, [firstIndex, lastIndex, fetchPage]);

  // Back from a petition: return to where the officer was, once the list has its height.
  useEffect(() => {
    if (total === null) return;
    if (restore.current !== null) {
      virtualizer.scrollToOffset(restore.current);
      restore.current = null;
    }
    if (focusPending.current && total > 0) {
      focusPending.current = false;
      pendingFocus.current = Math.min(active, total - 1);
      setActive(pendingFocus.current);
    }
  }, [total, virtualizer, active]);

  // Keyboard focus follows the active row once it is rendered (after scrolling to it).
  const focusPendingRow = useCallback(() => {
    if (pendingFocus.current === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  }, []);
  useEffect(focusPendingRow);

  const rowAt = (index: number): PetitionListItem | undefined => {
    const offset = Math.floor(index / PAGE_SIZE) * PAGE_SIZE;
    return (pages.current.get(offset) ?? stale.current?.get(offset))?.[index % PAGE_SIZE];
  };

  const moveTo = useCallback(
    (index: number) => {
      const count = total ?? 0;
      if (count === 0) return;
      const i = Math.max(0, Math.min(count - 1, index));
      setActive(i);
      pendingFocus.current = i;
      virtualizer.scrollToIndex(i, { align: 'auto' });
      focusPendingRow();
    },
    [total, virtualizer, focusPendingRow],
  );

  useImperativeHandle(ref, () => ({ focus: () => moveTo(active) }), [moveTo, active]);

  const open = (index: number) => {
    const row = rowAt(index);
    if (row) onOpen(row, { scrollOffset: scrollRef.current?.scrollTop ?? 0, index });
  };

  const perPage = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + perPage),
      PageUp: () => moveTo(active - perPage),
      Home: () => moveTo(0),
      End: () => moveTo((total ?? 1) - 1),
      Enter: () => open(active),
    };
    const action = keys[e.key];
    if (action && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      action();
    }
  };

  // One row is reachable with Tab: the active one if it is rendered, else the first in view.
  const tabbable = items.some((it) => it.index === active) ? active : items[0]?.index;

  const sortHeader = (label: string, key: 'registerNo' | 'receivedOn') => {
    const on = query.sort === key;
    return (
      <div role="columnheader" aria-sort={on ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          className="pl-sort"
          data-active={on}
          onClick={() => onSort(key)}
          title={on ? `Đang xếp ${query.direction === 'asc' ? 'tăng' : 'giảm'} dần; bấm để đảo` : 'Bấm để sắp xếp theo cột này'}
        >
          {label}
          <span aria-hidden="true">{on ? (query.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </div>
    );
  };

  return (
    <div role="table" aria-label="Danh sách đơn" aria-rowcount={(total ?? 0) + 1} className="pl-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="pl-head">
          {sortHeader('Số vào sổ', 'registerNo')}
          {sortHeader('Ngày nhận', 'receivedOn')}
          {COLUMNS.slice(2).map((c) => <div role="columnheader" key={c}>{c}</div>)}
        </div>
      </div>
      <div role="rowgroup" ref={scrollRef} className="pl-body" onKeyDown={onKeyDown}>
        {total === 0 && <div className="pl-empty">Không có đơn nào khớp với điều kiện lọc, tìm kiếm.</div>}
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                data-odd={item.index % 2 === 1}
                data-loaded={row !== undefined}
                aria-busy={row === undefined || undefined}
                tabIndex={item.index === tabbable ? 0 : -1}
                className="pl-row"
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  setActive(item.index);
                  open(item.index);
                }}
                onFocus={() => setActive(item.index)}
              >
                {row ? <Cells row={row} /> : <Placeholder />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
