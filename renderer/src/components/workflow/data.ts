// What the workflow forms need besides the petition: the register's today (the core's clock, which
// tests may fix), the Board's settings (reason labels, added reasons) and the agency directory.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { api, errorMessage } from '../../api.ts';
import { vietnamDate } from '../../../../shared/domain/dates.ts';
import type { Agency } from '../../../../shared/domain/agency.ts';
import {
  DEFAULT_REASON_LABELS,
  INELIGIBLE_REASONS,
  type Classification,
  type IneligibleReason,
  type Workflow,
} from '../../../../shared/domain/workflow.ts';

export interface WorkflowData {
  /** Today as the register reads it (todo.counts), so default dates are never "in the future". */
  today: string;
  reasonLabels: Record<IneligibleReason, string>;
  customReasons: string[];
  agencies: Agency[];
  /** Outgoing documents wait for a leader's approval (Cài đặt; shared/domain/approval.ts). */
  approvalRequired: boolean;
}

export function useWorkflowData(): { data: WorkflowData | null; error: string | null } {
  const [data, setData] = useState<WorkflowData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [settings, agencies, today] = await Promise.all([
          api.settings.get(),
          api.agencies.list({}),
          api.todo.counts().then((s) => s.today, () => vietnamDate(new Date())),
        ]);
        if (!live) return;
        setData({
          today,
          reasonLabels: { ...DEFAULT_REASON_LABELS, ...settings.reasonLabels },
          customReasons: settings.customReasons ?? [],
          agencies,
          approvalRequired: settings.approvalRequired === true,
        });
      } catch (e) {
        if (live) setError(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return { data, error };
}

/** Select values of the reasons: the codes, then `custom:<n>` for the Board's added reasons. */
export const CUSTOM_PREFIX = 'custom:';

export function reasonOptions(data: Pick<WorkflowData, 'reasonLabels' | 'customReasons'>): { value: string; label: string }[] {
  const coded = INELIGIBLE_REASONS.filter((r) => r !== 'other').map((r) => ({ value: r, label: data.reasonLabels[r] }));
  const custom = data.customReasons.map((text, i) => ({ value: `${CUSTOM_PREFIX}${i}`, label: text }));
  return [...coded, ...custom, { value: 'other', label: data.reasonLabels.other }];
}

/** What an added reason is recorded as: reason `other`, its wording (and the officer's note) as the note. */
export function resolveReason(
  value: string | null,
  note: string,
  customReasons: string[],
): { reason: IneligibleReason | null; note: string } {
  if (value === null || value === '') return { reason: null, note };
  if (value.startsWith(CUSTOM_PREFIX)) {
    const text = customReasons[Number(value.slice(CUSTOM_PREFIX.length))] ?? '';
    const extra = note.trim();
    return { reason: 'other', note: extra ? `${text} — ${extra}` : text };
  }
  return { reason: value as IneligibleReason, note };
}

/** A classification's reason as the officer reads it; an added reason shows under its own wording. */
export function describeReason(c: Classification, data: Pick<WorkflowData, 'reasonLabels' | 'customReasons'>): { label: string; note: string | null } {
  if (c.reason === null) return { label: '', note: c.note };
  if (c.reason === 'other' && c.note) {
    const custom = data.customReasons.find((r) => c.note === r || c.note!.startsWith(`${r} — `));
    if (custom) {
      const rest = c.note.slice(custom.length).replace(/^ — /, '');
      return { label: custom, note: rest || null };
    }
  }
  return { label: data.reasonLabels[c.reason] ?? DEFAULT_REASON_LABELS[c.reason], note: c.note };
}

/** Candidates scoring at least this are counted as earlier visits of the same matter. */
export const SAME_MATTER_SCORE = 0.5;

export function sameMatterCount(candidates: Workflow['duplicateCandidates']): number {
  return candidates.filter((c) => c.score >= SAME_MATTER_SCORE).length;
}

/** The decisions of the letter's first content: the petition's own handling (further contents have theirs). */
export function firstContentDecisions(w: Workflow): Workflow['decisions'] {
  return w.decisions.filter((d) => d.contentPosition === 0);
}

/** The active (not reversed) record of a list: the last one. */
export function activeOf<T extends { reversed: unknown }>(records: T[]): T | null {
  return records.filter((r) => r.reversed === null).at(-1) ?? null;
}

/** The most recent step that can still be reversed: the reply, else the decision, else the classification. */
export function reversibleStep(w: Workflow): { what: 'classification' | 'decision' | 'reply'; id: number } | null {
  // Further contents' decisions are reversed from their own rows (ContentDecisions); the classification waits for them.
  if (w.decisions.some((d) => d.contentPosition > 0 && d.reversed === null) && !activeOf(firstContentDecisions(w))) return null;
  const decision = activeOf(firstContentDecisions(w));
  const reply = decision ? w.replies.find((r) => r.decisionId === decision.id && r.reversed === null) : undefined;
  if (reply) return { what: 'reply', id: reply.id };
  if (decision) return { what: 'decision', id: decision.id };
  const classification = activeOf(w.classifications);
  return classification ? { what: 'classification', id: classification.id } : null;
}

export const STEP_LABELS = { classification: 'phân loại', decision: 'quyết định xử lý', reply: 'kết quả trả lời' } as const;

export function formatScore(score: number): string {
  return score.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * Ctrl+S for a form that shares the screen with another form (a further content's): it saves
 * this form only, when the focus is inside it, and does not reach the screen's own Ctrl+S.
 */
export function scopedSave(submit: () => void) {
  return (e: KeyboardEvent<HTMLFormElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      e.stopPropagation();
      submit();
    }
  };
}
