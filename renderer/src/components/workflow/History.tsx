// A petition's workflow as it happened: classification → decision → (reminders, reply), oldest
// first. Reversed records stay, struck through, with who reversed them, when and why.
import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import {
  DECISION_ACTION_LABELS,
  REPLY_OUTCOME_LABELS,
  type Classification,
  type Decision,
  type DecisionAction,
  type Reminder,
  type Reply,
  type Workflow,
} from '../../../../shared/domain/workflow.ts';
import { formatDateTime } from '../../format.ts';
import { formatIsoDate } from '../petitions/format.ts';
import { describeReason, reversibleStep, STEP_LABELS, type WorkflowData } from './data.ts';
import { PrintButton } from './PrintButton.tsx';

type Reversal = { at: string; by: string; note: string } | null;
type StepKind = keyof typeof STEP_LABELS;

/** The print button of each decision's document. */
export const DECISION_PRINT: Partial<Record<DecisionAction, { kind: 'forward' | 'guide' | 'accept' | 'return' | 'urge'; label: string }>> = {
  urge: { kind: 'urge', label: 'In văn bản đôn đốc giải quyết' },
  forward: { kind: 'forward', label: 'In phiếu chuyển đơn' },
  guide: { kind: 'guide', label: 'In phiếu hướng dẫn' },
  accept: { kind: 'accept', label: 'In phiếu đề xuất thụ lý' },
  return: { kind: 'return', label: 'In phiếu trả lại đơn' },
};

function Step({
  title,
  reversed,
  children,
  meta,
  actions,
  label,
}: {
  title: ReactNode;
  reversed: Reversal;
  children?: ReactNode;
  meta: string;
  actions?: ReactNode;
  label: string;
}) {
  return (
    <div className="wf-step" data-state={reversed ? 'reversed' : 'active'} role="listitem" aria-label={label}>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} className="wf-struck" style={{ overflowWrap: 'anywhere' }}>{title}</Text>
        {children && (
          <Stack gap={0} className="wf-struck">
            {children}
          </Stack>
        )}
        <Text size="xs" c="dimmed" className="wf-struck">{meta}</Text>
        {reversed && (
          <Text size="xs" c="red.8" style={{ overflowWrap: 'anywhere' }}>
            Đã hủy lúc {formatDateTime(reversed.at)}, {reversed.by}. Lý do: {reversed.note}
          </Text>
        )}
        {actions && <Group gap={6} mt={2}>{actions}</Group>}
      </Stack>
    </div>
  );
}

function Line({ children }: { children: ReactNode }) {
  return <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{children}</Text>;
}

interface Props {
  petitionId: number;
  workflow: Workflow;
  data: WorkflowData;
  onReverse(what: StepKind): void;
}

export function WorkflowHistory({ petitionId, workflow: w, data, onReverse }: Props) {
  const latest = reversibleStep(w);
  const reverseButton = (what: StepKind, id: number) =>
    latest && latest.what === what && latest.id === id ? (
      <Button size="xs" variant="subtle" color="red" onClick={() => onReverse(what)}>
        Hủy {STEP_LABELS[what]}…
      </Button>
    ) : null;

  const classification = (c: Classification) => {
    const reason = describeReason(c, data);
    return (
      <Step
        key={`c${c.id}`}
        label={`Phân loại ngày ${formatIsoDate(c.decidedOn)}${c.reversed ? ' (đã hủy)' : ''}`}
        title={c.eligible ? 'Phân loại: Đủ điều kiện xử lý' : 'Phân loại: Không đủ điều kiện xử lý'}
        reversed={c.reversed}
        meta={`Ngày ${formatIsoDate(c.decidedOn)} · ${c.decidedBy}`}
        actions={reverseButton('classification', c.id)}
      >
        {!c.eligible && <Line>Lý do: {reason.label}</Line>}
        {c.duplicateOf && <Line>Trùng với đơn số {c.duplicateOf.registerNo}</Line>}
        {reason.note && <Line>Ghi chú: {reason.note}</Line>}
      </Step>
    );
  };

  const reminder = (r: Reminder, active: boolean) => (
    <Step
      key={`m${r.id}`}
      label={`Đôn đốc ngày ${formatIsoDate(r.sentOn)}`}
      title={`Đôn đốc${r.documentNo ? `: văn bản số ${r.documentNo}` : ''}`}
      reversed={null}
      meta={`Ngày ${formatIsoDate(r.sentOn)} · ${r.recordedBy}`}
      actions={active && <PrintButton request={{ kind: 'reminder', petitionId, reminderId: r.id }} label="In văn bản đôn đốc" />}
    />
  );

  const reply = (r: Reply, d: Decision) => {
    const late = d.replyDueOn !== null && r.receivedOn > d.replyDueOn;
    return (
      <Step
        key={`r${r.id}`}
        label={`Kết quả trả lời ngày ${formatIsoDate(r.receivedOn)}${r.reversed ? ' (đã hủy)' : ''}`}
        title={`Kết quả trả lời: ${REPLY_OUTCOME_LABELS[r.outcome]}`}
        reversed={r.reversed}
        meta={`Nhận ngày ${formatIsoDate(r.receivedOn)}${d.replyDueOn ? (late ? ' (quá hạn)' : ' (đúng hạn)') : ''} · ${r.recordedBy}`}
        actions={reverseButton('reply', r.id)}
      >
        {r.documentNo && <Line>Văn bản số {r.documentNo}</Line>}
        {r.summary && <Line>{r.summary}</Line>}
      </Step>
    );
  };

  const decision = (d: Decision) => {
    const print = d.reversed === null && d.documentNo ? DECISION_PRINT[d.action] : undefined;
    // Reminders and replies under their decision, by date (a reminder before a reply of the same day).
    const after = [
      ...w.reminders.filter((r) => r.decisionId === d.id).map((r) => ({ on: r.sentOn, rank: 0, node: reminder(r, d.reversed === null) })),
      ...w.replies.filter((r) => r.decisionId === d.id).map((r) => ({ on: r.receivedOn, rank: 1, node: reply(r, d) })),
    ].sort((a, b) => a.on.localeCompare(b.on) || a.rank - b.rank);
    return [
      <Step
        key={`d${d.id}`}
        label={`Quyết định xử lý ngày ${formatIsoDate(d.decidedOn)}${d.reversed ? ' (đã hủy)' : ''}`}
        title={`Quyết định${d.contentPosition > 0 ? ` (nội dung ${d.contentPosition + 1})` : ''}: ${DECISION_ACTION_LABELS[d.action]}`}
        reversed={d.reversed}
        meta={`Ngày ${formatIsoDate(d.decidedOn)} · ${d.decidedBy}`}
        actions={
          <>
            {print && <PrintButton request={{ kind: print.kind, petitionId, ...(d.contentPosition > 0 && d.contentId !== null ? { contentId: d.contentId } : {}) }} label={print.label} />}
            {reverseButton('decision', d.id)}
          </>
        }
      >
        {d.agency && <Line>Cơ quan: {d.agency.name}</Line>}
        {d.documentNo && <Line>Văn bản số {d.documentNo}</Line>}
        {d.replyDueOn && <Line>Hạn báo cáo kết quả: {formatIsoDate(d.replyDueOn)}</Line>}
        {d.note && <Line>Ghi chú: {d.note}</Line>}
      </Step>,
      ...after.map((a) => a.node),
    ];
  };

  const empty = w.classifications.length === 0 && w.decisions.length === 0;
  return (
    <Stack gap="xs" role="list" aria-label="Quá trình xử lý đơn">
      {empty && <Text size="sm" c="dimmed">Đơn chưa được phân loại.</Text>}
      {w.classifications.map(classification)}
      {w.decisions.flatMap(decision)}
    </Stack>
  );
}
