// Earlier petitions that may be the same matter (petitions.similar): asked while a petition is
// typed at intake, so the officer sees "this matter came before" before saving it.
import { Badge, Group, Radio, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { isIsoDate } from '../../../../shared/domain/dates.ts';
import type { Workflow, similarSchema } from '../../../../shared/domain/workflow.ts';
import type { z } from '../../../../shared/validation.ts';
import { formatIsoDate } from '../petitions/format.ts';
import { SAME_MATTER_SCORE, formatScore, sameMatterCount } from './data.ts';
import './workflow.css';

export type Candidate = Workflow['duplicateCandidates'][number];
export type SimilarProbe = z.input<typeof similarSchema>;

function scoreColor(score: number): string {
  if (score >= 1) return 'red';
  if (score >= SAME_MATTER_SCORE) return 'orange';
  return 'gray';
}

function CandidateText({ c }: { c: Candidate }) {
  return (
    <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Text size="sm" fw={600} ff="monospace">{c.registerNo}</Text>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed">nhận {formatIsoDate(c.receivedOn)}</Text>
          <Badge size="sm" variant="light" color={scoreColor(c.score)} title="Mức giống nhau (từ 0,50 trở lên: có thể cùng vụ việc)">
            {formatScore(c.score)}
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>{c.summary}</Text>
    </Stack>
  );
}

/** "Vụ việc này đã đến N lần": the candidates that score as the same matter. */
export function SameMatterLine({ candidates }: { candidates: Candidate[] }) {
  const n = sameMatterCount(candidates);
  if (n === 0) return null;
  return (
    <Text size="sm" fw={600} c="orange.9">
      Vụ việc này đã đến {n} lần
    </Text>
  );
}

interface ListProps {
  candidates: Candidate[];
  /** Pick one (the original of a duplicate): radios. */
  selected?: number | null;
  onSelect?(id: number): void;
  /** Open one: buttons. */
  onPick?(id: number): void;
  label: string;
}

/** Candidates with register number, date received, summary and score. */
export function CandidateList({ candidates, selected, onSelect, onPick, label }: ListProps) {
  if (onSelect) {
    return (
      <Radio.Group value={selected ? String(selected) : null} onChange={(v) => onSelect(Number(v))} label={label} size="sm" labelProps={{ style: { fontWeight: 400, color: 'var(--mantine-color-dimmed)' } }}>
        <Stack gap={4} mt={4} className="wf-candidates">
          {candidates.map((c) => (
            <Radio.Card key={c.id} value={String(c.id)} className="wf-candidate" aria-label={`Đơn ${c.registerNo}`}>
              <Group wrap="nowrap" align="flex-start" gap="xs">
                <Radio.Indicator size="xs" mt={4} />
                <CandidateText c={c} />
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>
    );
  }
  return (
    <Stack gap={4} className="wf-candidates" role="list" aria-label={label}>
      {candidates.map((c) =>
        onPick ? (
          <UnstyledButton key={c.id} role="listitem" className="wf-candidate" onClick={() => onPick(c.id)} aria-label={`Mở đơn ${c.registerNo}`}>
            <CandidateText c={c} />
          </UnstyledButton>
        ) : (
          <div key={c.id} role="listitem" className="wf-candidate">
            <CandidateText c={c} />
          </div>
        ),
      )}
    </Stack>
  );
}

function worthAsking(p: SimilarProbe): boolean {
  if (!isIsoDate(p.receivedOn ?? '')) return false;
  const named = (p.petitioners ?? []).some((x) => (x.fullName ?? '').trim() !== '' || (x.idNumber ?? '').trim() !== '' || x.citizenId);
  return named || (p.subject ?? '').trim() !== '';
}

export interface SimilarPetitionsProps {
  /** The petition as typed so far (similarSchema's input); excludeId leaves the petition itself out. */
  probe: SimilarProbe;
  onPick?(id: number): void;
  /** Debounce of the typing, in milliseconds. */
  wait?: number;
}

/**
 * Earlier petitions that look like the same matter (same petitioner, citizen record, ID number or
 * subject; ranked by the summary they share). Renders nothing while there is nothing to show.
 */
export function SimilarPetitions({ probe, onPick, wait = 400 }: SimilarPetitionsProps) {
  const key = JSON.stringify(probe);
  const [debounced] = useDebouncedValue(key, wait);
  const [result, setResult] = useState<{ key: string; candidates: Candidate[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useMemo(() => JSON.parse(debounced) as SimilarProbe, [debounced]);

  useEffect(() => {
    if (!worthAsking(input)) return;
    let live = true;
    api.petitions.similar(input).then(
      (candidates) => {
        if (!live) return;
        setResult({ key: debounced, candidates });
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [input, debounced]);

  if (!worthAsking(input)) return null;
  if (error) return <Text size="xs" c="red">Không kiểm tra được đơn trùng: {error}</Text>;
  const candidates = result?.candidates ?? [];
  if (candidates.length === 0) return null;
  return (
    <Stack gap={4} component="section" aria-label="Đơn có thể cùng vụ việc" className="wf-similar">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>Đơn trước có thể cùng vụ việc ({candidates.length})</Text>
        <SameMatterLine candidates={candidates} />
      </Group>
      <CandidateList candidates={candidates} onPick={onPick} label="Đơn có thể cùng vụ việc" />
    </Stack>
  );
}
