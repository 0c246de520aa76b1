// The petition's handling on its detail screen: status and deadlines, the history of
// classification → decision → reply and reminders, the form of the next step, reversal of the
// latest step, and the documents to print. Every write goes through the core (workflow.*), which
// enforces the rules; its refusals come back next to the fields or as an alert.
import { Alert, Badge, Card, Divider, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PetitionDetail } from '../../../../shared/api/contract.ts';
import type { DocumentRequest } from '../../../../shared/documents/kinds.ts';
import { DECISION_ACTION_LABELS, PETITION_STATUS_LABELS, type DecisionAction, type Workflow } from '../../../../shared/domain/workflow.ts';
import { useUi } from '../../state/ui.ts';
import { STATUS_COLORS, formatIsoDate } from '../petitions/format.ts';
import { ClassifyForm } from './ClassifyForm.tsx';
import { activeOf, firstContentDecisions, STEP_LABELS, useWorkflowData } from './data.ts';
import { ContentDecisions } from './ContentDecisions.tsx';
import { DecideForm } from './DecideForm.tsx';
import { DECISION_PRINT, WorkflowHistory } from './History.tsx';
import { ReceiptItemsButton } from './ReceiptItemsButton.tsx';
import { PrintButton } from './PrintButton.tsx';
import { ReminderForm, ReplyForm } from './ReplyForms.tsx';
import { ReverseModal } from './ReverseModal.tsx';
import { NoticesTable } from '../notices/Notices.tsx';
import { isDenunciation } from '../../../../shared/rules/deadlines.ts';
import { mayCall } from '../../../../shared/domain/permissions.ts';
import { OpenDrafts, useApprovals } from '../approvals/Approvals.tsx';
import './workflow.css';

interface Notice {
  text: string;
  print?: { request: DocumentRequest; label: string };
}

function Fact({ label, children, late, testId }: { label: string; children: ReactNode; late?: boolean; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" component="div" className={late ? 'wf-late' : undefined} data-testid={testId}>{children}</Text>
    </div>
  );
}

interface Props {
  detail: PetitionDetail;
  /** Called after every write: the page reloads the petition (status, audit trail). */
  onChanged(): void;
}

export function WorkflowPanel({ detail, onChanged }: Props) {
  const { petition: p, visit, workflow: w } = detail;
  const touch = useUi((s) => s.touch);
  const { data, error } = useWorkflowData();
  const [reversing, setReversing] = useState<keyof typeof STEP_LABELS | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const stepRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  /** Set by a saved step: once the petition is reloaded, focus goes to the next thing to do. */
  const focusNext = useRef<'step' | 'notice' | false>(false);

  useHotkeys(
    [
      [
        'alt+X',
        () => {
          const first = stepRef.current?.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled), textarea, button');
          stepRef.current?.scrollIntoView({ block: 'center' });
          first?.focus();
        },
      ],
    ],
    [],
  );

  const saved = (next: Workflow, text: string, print?: Notice['print'], focus: 'step' | 'notice' = 'step') => {
    setNotice({ text, ...(print ? { print } : {}) });
    focusNext.current = focus;
    touch();
    onChanged();
    return next;
  };

  // Drafts waiting for (or sent back by) the leader (issue 14 item 3).
  const { approvals, reload: reloadApprovals } = useApprovals({ petitionId: p.id }, w);
  const openDraft = (kind: 'decision' | 'reminder') => approvals?.find((a) => a.kind === kind && (a.status === 'pending' || a.status === 'returned')) ?? null;
  const decisionDraft = openDraft('decision');
  const reminderDraft = openDraft('reminder');

  const classification = activeOf(w.classifications);
  // The panel's main flow is the first content's handling; further contents are decided below.
  const decision = activeOf(firstContentDecisions(w));
  const reply = decision ? w.replies.find((r) => r.decisionId === decision.id && r.reversed === null) ?? null : null;
  const forwarded = decision?.action === 'forward' && reply === null;

  const onDecided = (next: Workflow, action: DecisionAction) => {
    const made = activeOf(firstContentDecisions(next));
    if (!made) {
      saved(next, `Đã gửi dự thảo “${DECISION_ACTION_LABELS[action]}” chờ lãnh đạo duyệt. Văn bản chưa có số, chưa in được cho đến khi được duyệt.`);
      return;
    }
    const doc = made?.documentNo ?? null;
    const print = DECISION_PRINT[action];
    saved(
      next,
      `Đã ghi quyết định: ${DECISION_ACTION_LABELS[action]}${made?.agency ? ` (${made.agency.name})` : ''}.${doc ? ` Số văn bản: ${doc}.` : ''}`,
      doc && print ? { request: { kind: print.kind, petitionId: p.id }, label: print.label } : undefined,
    );
  };

  const onReminded = (next: Workflow) => {
    if (next.reminders.length === w.reminders.length) {
      saved(next, 'Đã gửi dự thảo công văn đôn đốc chờ lãnh đạo duyệt. Văn bản chưa có số, chưa in được cho đến khi được duyệt.');
      return;
    }
    const made = next.reminders.at(-1);
    saved(
      next,
      `Đã ghi đôn đốc.${made?.documentNo ? ` Số văn bản: ${made.documentNo}.` : ''}`,
      made ? { request: { kind: 'reminder', petitionId: p.id, reminderId: made.id }, label: 'In văn bản đôn đốc' } : undefined,
    );
  };

  // After a step is saved and the petition reloaded, the next thing to do has the focus: the
  // document to print when the step numbered one, else the first field of the next step, else
  // the message saying what was recorded (never the top of the page).
  useEffect(() => {
    if (!focusNext.current) return;
    // A further content's step keeps the officer at the message (the main flow is another content's).
    const toNotice = focusNext.current === 'notice';
    focusNext.current = false;
    const target =
      noticeRef.current?.querySelector<HTMLElement>('button:not(.mantine-Alert-closeButton)') ??
      (toNotice ? null : stepRef.current?.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled), textarea, button:not(:disabled)')) ??
      noticeRef.current;
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  }, [w]);

  let step: { title: string; body: ReactNode };
  if (!data) {
    step = { title: 'Bước tiếp theo', body: <Text size="sm" c="dimmed">Đang tải…</Text> };
  } else if (!classification) {
    step = {
      title: 'Phân loại đơn',
      body: (
        <ClassifyForm
          petitionId={p.id}
          receivedOn={p.receivedOn}
          candidates={w.duplicateCandidates}
          data={data}
          onSaved={(next) => {
            const c = activeOf(next.classifications);
            saved(next, `Đã ghi phân loại: ${c?.eligible ? 'đủ điều kiện xử lý' : 'không đủ điều kiện xử lý'}.`);
          }}
        />
      ),
    };
  } else if (!decision && decisionDraft?.status === 'pending') {
    step = {
      title: 'Quyết định xử lý',
      body: <Text size="sm" c="dimmed" data-testid="decision-awaiting-approval">Dự thảo “{decisionDraft.title}” đang chờ lãnh đạo duyệt. Quyết định được ghi và văn bản được cấp số khi lãnh đạo duyệt.</Text>,
    };
  } else if (!decision) {
    step = {
      title: decisionDraft?.status === 'returned' ? 'Sửa dự thảo bị trả lại' : 'Quyết định xử lý',
      body: (
        <DecideForm
          key={decisionDraft?.id ?? 'new'}
          returned={decisionDraft?.status === 'returned' ? decisionDraft.proposal : null}
          petitionId={p.id}
          eligible={classification.eligible}
          classifiedOn={classification.decidedOn}
          data={data}
          inspectable={isDenunciation(p) && !classification.eligible && classification.reason === 'anonymous'}
          onSaved={onDecided}
        />
      ),
    };
  } else if (forwarded) {
    step = {
      title: 'Kết quả trả lời của cơ quan',
      body: (
        <Stack gap="sm">
          <ReplyForm petitionId={p.id} forwardedOn={decision.decidedOn} data={data} onSaved={(next) => saved(next, 'Đã ghi kết quả trả lời của cơ quan. Đơn đã xử lý xong.')} />
          <Divider label="Cơ quan chưa trả lời: đôn đốc" labelPosition="left" />
          {reminderDraft?.status === 'pending' ? (
            <Text size="sm" c="dimmed">Dự thảo công văn đôn đốc đang chờ lãnh đạo duyệt.</Text>
          ) : (
            <ReminderForm petitionId={p.id} forwardedOn={decision.decidedOn} replyDueOn={w.replyDueOn} data={data} onSaved={onReminded} />
          )}
        </Stack>
      ),
    };
  } else {
    step = {
      title: 'Đã xử lý xong',
      body: (
        <Text size="sm" c="dimmed">
          {reply ? 'Cơ quan đã báo cáo kết quả giải quyết.' : `Đơn đã có quyết định: ${DECISION_ACTION_LABELS[decision.action].toLowerCase()}.`} Muốn sửa, hủy bước gần
          nhất (ghi rõ lý do) rồi ghi lại.
        </Text>
      ),
    };
  }

  // A role without the handling permission sees where the petition stands, not the forms (issue 14).
  const officer = useUi((s) => s.officer);
  const mayHandle = mayCall(officer, 'workflow.decide');
  if (!mayHandle && data && step.title !== 'Đã xử lý xong') {
    step = { title: step.title, body: <Text size="sm" c="dimmed" data-testid="workflow-not-permitted">Bước này do cán bộ xử lý hoặc lãnh đạo thực hiện; vai trò của anh/chị chỉ xem.</Text> };
  }

  const late = w.status === 'overdue';
  const replyLate = w.status === 'reply_overdue';

  return (
    <Card withBorder padding="md" component="section" aria-label="Xử lý đơn">
      <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
        <Group gap="xs" wrap="nowrap">
          <Title order={4}>Xử lý đơn</Title>
          <kbd className="key" title="Đến ô đầu tiên của bước tiếp theo">Alt+X</kbd>
        </Group>
        <Group gap="xs" justify="flex-end">
          <ReceiptItemsButton petitionId={p.id} officer={null} />
          <PrintButton request={{ kind: 'receipt', petitionId: p.id }} label="In giấy biên nhận (02/TCD)" />
          {visit?.outcome === 'refused' && <PrintButton request={{ kind: 'refusal', visitId: visit.id }} label="In thông báo từ chối tiếp (01/TCD)" />}
        </Group>
      </Group>

      <Group gap="xl" mb="sm" align="flex-start">
        <Fact label="Trạng thái">
          <Badge variant="light" color={STATUS_COLORS[w.status] ?? 'gray'} data-testid="workflow-status">{PETITION_STATUS_LABELS[w.status]}</Badge>
        </Fact>
        <Fact label="Hạn xử lý" late={late} testId="workflow-due">
          {w.dueOn ? formatIsoDate(w.dueOn) : '—'}
          {late && ' (quá hạn)'}
        </Fact>
        {w.replyDueOn && (
          <Fact label="Hạn trả lời" late={replyLate} testId="workflow-reply-due">
            {formatIsoDate(w.replyDueOn)}
            {replyLate && ' (quá hạn)'}
          </Fact>
        )}
        {decision?.agency && (
          <Fact label={decision.action === 'forward' ? 'Đã chuyển đến' : 'Cơ quan'}>{decision.agency.name}</Fact>
        )}
      </Group>

      {error && <Alert color="red" mb="sm" title="Không tải được dữ liệu xử lý đơn">{error}</Alert>}
      {notice && (
        <Alert ref={noticeRef} tabIndex={-1} color="green" mb="sm" withCloseButton closeButtonLabel="Đóng thông báo" onClose={() => setNotice(null)} aria-live="polite" data-testid="workflow-notice">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{notice.text}</Text>
            {notice.print && <PrintButton request={notice.print.request} label={notice.print.label} />}
          </Group>
        </Alert>
      )}

      {data && approvals && (
        <OpenDrafts
          approvals={approvals}
          today={data.today}
          onChanged={() => {
            reloadApprovals();
            onChanged();
          }}
        />
      )}

      <Grid gap="lg">
        <Grid.Col span={6}>
          <Title order={5} mb="xs">Quá trình xử lý</Title>
          {data && <WorkflowHistory petitionId={p.id} workflow={w} data={data} onReverse={setReversing} />}
        </Grid.Col>
        <Grid.Col span={6}>
          <div ref={stepRef} role="group" aria-label={step.title}>
            <Title order={5} mb="xs">{step.title}</Title>
            {step.body}
          </div>
        </Grid.Col>
      </Grid>

      {data && detail.contents.length > 1 && (
        <ContentDecisions detail={detail} data={data} classification={classification} mayHandle={mayHandle} onSaved={(next, text) => saved(next, text, undefined, 'notice')} />
      )}

      {data && (
        <>
          <Title order={5} mt="md" mb="xs">Thông báo gửi công dân</Title>
          <NoticesTable where={{ petitionId: p.id }} today={data.today} version={w} onChanged={() => { touch(); onChanged(); }} />
        </>
      )}

      {reversing && (
        <ReverseModal
          opened
          petitionId={p.id}
          what={reversing}
          onClose={() => setReversing(null)}
          onSaved={(next) => {
            const what = reversing;
            setReversing(null);
            saved(next, `Đã hủy ${STEP_LABELS[what]}.`);
          }}
        />
      )}
    </Card>
  );
}
