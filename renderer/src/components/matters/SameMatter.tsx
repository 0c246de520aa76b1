// "Cùng vụ việc?": while a petition or a visit is typed, the matters it may belong to (same
// citizen or ID number, same subject, similar summary; matters.suggest). The officer picks one
// with ONE key, Alt+Shift+1…9 (Alt+0…6 open screens), or leaves "Vụ việc mới", the default;
// pressing the same key again goes back to a new matter.
import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { FIELD_LABELS } from '../../../../shared/domain/petition.ts';
import { MATTER_KIND_LABELS, type MatterCandidate, type MatterSuggestInput } from '../../../../shared/domain/matter.ts';
import { formatIsoDate } from '../petitions/format.ts';
import './matters.css';

const REASON_LABELS: Record<MatterCandidate['reasons'][number], string> = {
  person: 'cùng người',
  subject: 'cùng đối tượng',
  summary: 'nội dung giống',
};

function worthAsking(p: MatterSuggestInput): boolean {
  const named = (p.petitioners ?? []).some((x) => (x.fullName ?? '').trim().length >= 3 || (x.idNumber ?? '').trim() !== '' || x.citizenId);
  return named || (p.subject ?? '').trim() !== '' || (p.summary ?? '').trim().length >= 12;
}

/** The digit of a keyboard event with Alt+Shift held (by physical key, whatever the layout). */
export function altShiftDigit(e: KeyboardEvent): number | null {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return null;
  const m = /^Digit([0-9])$/.exec(e.code);
  return m ? Number(m[1]) : null;
}

export interface SameMatterProps {
  probe: MatterSuggestInput;
  /** The chosen matter; null: a new matter. */
  value: number | null;
  onChange(matterId: number | null): void;
  /** Debounce of the typing, in milliseconds. */
  wait?: number;
  /** What "no choice" means: a new matter at intake, the current matter on an edit. */
  noneLabel?: string;
}

export function SameMatter({ probe, value, onChange, wait = 350, noneLabel = 'Vụ việc mới' }: SameMatterProps) {
  const key = JSON.stringify(probe);
  const [debounced] = useDebouncedValue(key, wait);
  const input = useMemo(() => JSON.parse(debounced) as MatterSuggestInput, [debounced]);
  const [candidates, setCandidates] = useState<MatterCandidate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const ask = worthAsking(input);

  useEffect(() => {
    if (!ask) return;
    let live = true;
    api.matters.suggest({ ...input, limit: 9 }).then(
      (list) => {
        if (!live) return;
        setCandidates(list);
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [input, ask]);

  // The chosen matter stays listed even when a later probe no longer suggests it.
  const shown = ask ? candidates : [];
  // The key reads the list as it is on screen. The listener is registered once and reads the latest
  // list from a ref set before the browser paints (a layout effect): a listener re-registered by a
  // passive effect, which runs after the paint, answered a key pressed the moment the suggestions
  // appeared with the list before them, and the officer's Alt+Shift+1 did nothing (seen under load
  // in the visit dialog's Playwright path).
  const latest = useRef({ shown, value, onChange });
  useLayoutEffect(() => {
    latest.current = { shown, value, onChange };
  });
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const digit = altShiftDigit(e);
      if (digit === null) return;
      e.preventDefault();
      e.stopPropagation();
      const now = latest.current;
      if (digit === 0) return now.onChange(null);
      const c = now.shown[digit - 1];
      if (c) now.onChange(now.value === c.matterId ? null : c.matterId);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const chosen = value !== null && !shown.some((c) => c.matterId === value) ? value : null;
  return (
    <Stack gap={4} component="section" aria-label="Cùng vụ việc?" className="mt-same">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>Cùng vụ việc?</Text>
        <Text size="xs" c="dimmed">
          Chọn bằng <kbd className="key">Alt+Shift+số</kbd>; <kbd className="key">Alt+Shift+0</kbd>: {noneLabel.toLowerCase()}
        </Text>
      </Group>
      {error && <Text size="xs" c="red">Không tìm được vụ việc tương tự: {error}</Text>}
      <div role="radiogroup" aria-label="Vụ việc của đơn" className="mt-choices">
        <UnstyledButton tabIndex={-1} role="radio" aria-checked={value === null} className="mt-choice" data-checked={value === null || undefined} onClick={() => onChange(null)}>
          <Group gap="xs" wrap="nowrap">
            <kbd className="key">0</kbd>
            <Text size="sm" fw={600}>{noneLabel}</Text>
            {noneLabel === 'Vụ việc mới' && <Text size="xs" c="dimmed">(lần đầu)</Text>}
          </Group>
        </UnstyledButton>
        {chosen !== null && (
          <UnstyledButton tabIndex={-1} role="radio" aria-checked className="mt-choice" data-checked>
            <Text size="sm" fw={600}>Vụ việc số {chosen}</Text>
          </UnstyledButton>
        )}
        {shown.map((c, i) => (
          <UnstyledButton
            key={c.matterId}
            tabIndex={-1}
            role="radio"
            aria-checked={value === c.matterId}
            aria-label={`Vụ việc số ${c.matterId}: ${c.title}`}
            className="mt-choice"
            data-checked={value === c.matterId || undefined}
            onClick={() => onChange(value === c.matterId ? null : c.matterId)}
          >
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <kbd className="key">{i + 1}</kbd>
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Group gap={6} justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={600} lineClamp={1}>
                    Vụ việc số {c.matterId} · {MATTER_KIND_LABELS[c.kind]}
                    {c.field ? ` · ${FIELD_LABELS[c.field]}` : ''}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    {c.reasons.map((r) => (
                      <Badge key={r} size="xs" variant="light" color={r === 'person' ? 'orange' : 'gray'}>
                        {REASON_LABELS[r]}
                      </Badge>
                    ))}
                  </Group>
                </Group>
                <Text size="xs" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>{c.title}</Text>
                <Text size="xs" c="dimmed">
                  {c.petitions} đơn, {c.visits} lượt tiếp · từ {formatIsoDate(c.firstSeenOn)} đến {formatIsoDate(c.lastSeenOn)}
                  {c.lastRegisterNo ? ` · đơn gần nhất ${c.lastRegisterNo}` : ''}
                </Text>
              </Stack>
            </Group>
          </UnstyledButton>
        ))}
      </div>
    </Stack>
  );
}
