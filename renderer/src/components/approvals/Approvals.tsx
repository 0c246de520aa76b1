// The leader's approval of outgoing documents (issue 14 item 3; shared/domain/approval.ts) on the
// screens: a draft with its state and the acts the signed-in officer may take (approve with the
// day signed, send back with a reason, withdraw one's own draft); a record's open drafts on its
// processing panel; and the to-do sections "Chờ duyệt" (leaders) and "Bị trả lại" (the drafter).
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { formatDateVN } from '../../../../shared/calendar/dates.ts';
import { vietnamDate } from '../../../../shared/domain/dates.ts';
import { APPROVAL_STATUS_LABELS, approvalApproveSchema, approvalSendBackSchema, type Approval, type ApprovalListInput, type ApprovalTodo } from '../../../../shared/domain/approval.ts';
import { mayCall } from '../../../../shared/domain/permissions.ts';
import type { RenderedDocument } from '../../../../shared/documents/kinds.ts';
import { useUi } from '../../state/ui.ts';
import { DateField } from '../DateInput.tsx';
import { TodoCard } from '../TodoCard.tsx';
import { showApiError, useApiForm } from '../useApiForm.ts';
import { useConfirm } from '../useConfirm.tsx';

const STATUS_COLORS: Record<Approval['status'], string> = { pending: 'orange', returned: 'red', approved: 'green', withdrawn: 'gray' };

function when(iso: string): string {
  return formatDateVN(vietnamDate(new Date(iso)));
}

function ApproveForm({ approval, today, onClose, onDone }: { approval: Approval; today: string; onClose(): void; onDone(a: Approval): void }) {
  const form = useApiForm(approvalApproveSchema, { id: approval.id, on: today });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      onDone(await api.approvals.approve(values));
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Duyệt dự thảo">
      <Stack gap="sm">
        {errors.root && <Alert color="red" title="Không duyệt được">{errors.root.message}</Alert>}
        <Text size="sm">
          Duyệt <b>{approval.title.toLowerCase()}</b>
          {approval.registerNo ? ` (đơn ${approval.registerNo})` : ''} do {approval.draftedBy} soạn. Văn bản được cấp số tiếp theo và mang ngày ký duyệt; số đã cấp không thu hồi được.
        </Text>
        <DateField control={form.control} name="on" label="Ngày ký duyệt" withAsterisk max={today} maxMessage="Ngày ký duyệt không được sau hôm nay" error={errors.on?.message} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Đóng</Button>
          <Button type="submit" color="green" loading={isSubmitting}>Duyệt và cấp số</Button>
        </Group>
      </Stack>
    </form>
  );
}

function SendBackForm({ approval, onClose, onDone }: { approval: Approval; onClose(): void; onDone(a: Approval): void }) {
  const form = useApiForm(approvalSendBackSchema, { id: approval.id, reason: '' });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      onDone(await api.approvals.sendBack(values));
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Trả lại dự thảo">
      <Stack gap="sm">
        {errors.root && <Alert color="red" title="Không trả lại được">{errors.root.message}</Alert>}
        <Text size="sm">
          Trả lại <b>{approval.title.toLowerCase()}</b> cho {approval.draftedBy} để sửa. Lý do được ghi vào dự thảo và nhật ký.
        </Text>
        <Textarea label="Lý do trả lại" withAsterisk autosize minRows={2} maxRows={6} data-autofocus {...form.register('reason')} error={errors.reason?.message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Đóng</Button>
          <Button type="submit" color="red" loading={isSubmitting}>Trả lại</Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * "Xem dự thảo": the draft as it will read once approved, unnumbered and marked DỰ THẢO. Only
 * shown, never printed: the frame runs nothing and the dialog offers no print or PDF.
 */
export function DraftPreviewButton({ approval }: { approval: Approval }) {
  const [open, setOpen] = useState(false);
  const [doc, setDoc] = useState<RenderedDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setDoc(null);
    setError(null);
    api.approvals.preview({ id: approval.id }).then(
      (d) => live && setDoc(d),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [open, approval.id]);
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)} aria-label={`Xem dự thảo ${approval.title.toLowerCase()}${approval.registerNo ? ` của đơn ${approval.registerNo}` : ''}`}>
        Xem dự thảo
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={doc?.title ?? approval.title} size="calc(210mm + 48px)" padding="md" aria-label="Xem dự thảo">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">Bản dự thảo để đọc trước khi duyệt: chưa có số, không in. Văn bản được cấp số và in sau khi lãnh đạo duyệt.</Text>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          {!doc && !error && <Loader size="sm" />}
          {doc && (
            <div style={{ overflowX: 'auto', background: '#e9ecef', padding: 8 }}>
              <iframe title={doc.title} srcDoc={doc.html} sandbox="" style={{ display: 'block', width: '210mm', height: '297mm', border: 0, background: '#fff', margin: '0 auto' }} />
            </div>
          )}
        </Stack>
      </Modal>
    </>
  );
}

/** The acts the signed-in officer may take on a draft: approve and send back (leaders), withdraw (the drafter). */
export function ApprovalActions({ approval, today, onChanged }: { approval: Approval; today: string; onChanged(a: Approval): void }) {
  const officer = useUi((s) => s.officer);
  const touch = useUi((s) => s.touch);
  const [dialog, setDialog] = useState<'approve' | 'sendBack' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const mayApprove = approval.status === 'pending' && mayCall(officer, 'approvals.approve');
  const mayWithdraw = (approval.status === 'pending' || approval.status === 'returned') && officer !== null && officer.id === approval.draftedById;
  const done = (a: Approval) => {
    setDialog(null);
    touch();
    onChanged(a);
  };
  const withdraw = async () => {
    const ok = await confirm({
      title: 'Rút dự thảo?',
      message: `${approval.title} sẽ không được gửi duyệt nữa; không có số nào được cấp. Muốn làm lại, ghi lại bước này.`,
      confirmLabel: 'Rút dự thảo',
      color: 'red',
    });
    if (!ok) return;
    try {
      done(await api.approvals.withdraw({ id: approval.id }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (!mayApprove && !mayWithdraw) return null;
  const about = `${approval.title.toLowerCase()}${approval.registerNo ? ` của đơn ${approval.registerNo}` : ''}`;
  return (
    <Stack gap={4}>
      {confirmDialog}
      <Group gap={6} justify="flex-end" wrap="nowrap">
        {mayApprove && (
          <Button size="xs" color="green" onClick={() => setDialog('approve')} aria-label={`Duyệt ${about}`}>
            Duyệt
          </Button>
        )}
        {mayApprove && (
          <Button size="xs" color="red" variant="light" onClick={() => setDialog('sendBack')} aria-label={`Trả lại ${about}`}>
            Trả lại
          </Button>
        )}
        {mayWithdraw && (
          <Button size="xs" variant="default" onClick={() => void withdraw()} aria-label={`Rút dự thảo ${about}`}>
            Rút dự thảo
          </Button>
        )}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog === 'approve' ? 'Duyệt văn bản' : 'Trả lại dự thảo'} size="lg" trapFocus>
        {dialog === 'approve' && <ApproveForm approval={approval} today={today} onClose={() => setDialog(null)} onDone={done} />}
        {dialog === 'sendBack' && <SendBackForm approval={approval} onClose={() => setDialog(null)} onDone={done} />}
      </Modal>
    </Stack>
  );
}

/** Who drafted it, when, and what became of it, in one line or two. */
export function ApprovalFacts({ approval }: { approval: Approval }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {approval.draftedBy} soạn ngày {when(approval.draftedAt)} · ngày đề xuất {formatDateVN(approval.proposal.on)}
        {approval.proposal.note ? ` · ghi chú: ${approval.proposal.note}` : ''}
      </Text>
      {approval.status === 'returned' && (
        <Text size="sm" c="red" data-testid="approval-return-reason">
          {approval.decidedBy} trả lại ngày {approval.decidedAt ? when(approval.decidedAt) : ''}: {approval.returnReason}
        </Text>
      )}
      {approval.status === 'pending' && approval.returnReason && (
        <Text size="xs" c="dimmed">Đã sửa sau khi bị trả lại (lý do: {approval.returnReason})</Text>
      )}
      {approval.status === 'approved' && (
        <Text size="xs" c="dimmed">
          {approval.decidedBy} duyệt ngày {approval.signedOn ? formatDateVN(approval.signedOn) : ''}, số {approval.documentNo}
        </Text>
      )}
    </Stack>
  );
}

export function ApprovalBadge({ approval }: { approval: Approval }) {
  return (
    <Badge color={STATUS_COLORS[approval.status]} variant="light" data-testid="approval-status">
      {APPROVAL_STATUS_LABELS[approval.status]}
    </Badge>
  );
}

/** A record's drafts (petition or visit), reloaded when `version` changes. */
export function useApprovals(where: ApprovalListInput, version?: unknown): { approvals: Approval[] | null; error: string | null; reload(): void } {
  const [approvals, setApprovals] = useState<Approval[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(where);
  useEffect(() => {
    let live = true;
    api.approvals
      .list(JSON.parse(key) as ApprovalListInput)
      .then((a) => live && setApprovals(a))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [key, version, tick]);
  return { approvals, error, reload: () => setTick((x) => x + 1) };
}

/**
 * A petition's open drafts on its processing panel: what waits for the leader, what was sent
 * back and why, with the acts the signed-in officer may take. Nothing when there is none.
 */
export function OpenDrafts({ approvals, today, onChanged }: { approvals: Approval[]; today: string; onChanged(a: Approval): void }) {
  const open = approvals.filter((a) => a.status === 'pending' || a.status === 'returned');
  if (open.length === 0) return null;
  return (
    <Stack gap="xs" mb="sm" aria-label="Dự thảo văn bản" role="group">
      {open.map((a) => (
        <Alert
          key={a.id}
          color={a.status === 'returned' ? 'red' : 'orange'}
          variant="light"
          data-testid={`draft-${a.kind}`}
          title={
            <Group gap="xs">
              <Badge color="gray" variant="outline">Dự thảo</Badge>
              <span>{a.title}</span>
              <ApprovalBadge approval={a} />
            </Group>
          }
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2}>
              <ApprovalFacts approval={a} />
              <Text size="xs" c="dimmed">
                {a.status === 'pending'
                  ? 'Chưa có số, chưa in được: chờ lãnh đạo duyệt.'
                  : 'Sửa rồi gửi lại (cùng mẫu ở bước này), hoặc rút dự thảo.'}
              </Text>
            </Stack>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <DraftPreviewButton approval={a} />
              <ApprovalActions approval={a} today={today} onChanged={onChanged} />
            </Group>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}

function DraftTable({ label, items, today, onChanged, empty }: { label: string; items: Approval[]; today: string; onChanged(a: Approval): void; empty: string }) {
  const go = useUi((s) => s.go);
  if (items.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  const open = (a: Approval) => a.petitionId !== null && go('petition', { petitionId: a.petitionId, back: { page: 'todo', label: 'Việc cần làm' } });
  return (
    <Table highlightOnHover aria-label={label} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>Số vào sổ</Table.Th>
          <Table.Th>Văn bản · người soạn</Table.Th>
          <Table.Th w={170} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.id} data-testid={`todo-draft-${a.id}`}>
            <Table.Td ff="monospace">
              {a.registerNo ? (
                <Text component="a" href="#" size="sm" ff="monospace" onClick={(e: React.MouseEvent) => { e.preventDefault(); open(a); }}>
                  {a.registerNo}
                </Text>
              ) : (
                `Lượt tiếp ${a.visitId}`
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>{a.title}</Text>
              <ApprovalFacts approval={a} />
            </Table.Td>
            <Table.Td>
              <Stack gap={4} align="flex-end">
                <DraftPreviewButton approval={a} />
                <ApprovalActions approval={a} today={today} onChanged={onChanged} />
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}


/** Việc cần làm: "Chờ duyệt" for an officer who may approve, "Bị trả lại" for the drafter. */
export function ApprovalTodoSections({ today }: { today: string }) {
  const officer = useUi((s) => s.officer);
  const [todo, setTodo] = useState<ApprovalTodo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    api.approvals.todo().then(
      (t) => live && setTodo(t),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [tick]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!todo) return null;
  const mayApprove = mayCall(officer, 'approvals.approve');
  const reload = () => setTick((x) => x + 1);
  if (!mayApprove && todo.counts.returned === 0) return null;
  return (
    <>
      {mayApprove && (
        <TodoCard title="Chờ duyệt" hint="Dự thảo văn bản đi cán bộ đã gửi: duyệt (cấp số, ngày ký) hoặc trả lại kèm lý do" color="orange" total={todo.counts.pending}>
          <DraftTable label="Chờ duyệt" items={todo.pending} today={today} onChanged={reload} empty="Không có dự thảo nào chờ duyệt." />
        </TodoCard>
      )}
      {todo.counts.returned > 0 && (
        <TodoCard title="Bị trả lại" hint="Dự thảo của anh/chị lãnh đạo đã trả lại: mở đơn, sửa rồi gửi lại, hoặc rút dự thảo" color="red" total={todo.counts.returned}>
          <DraftTable label="Bị trả lại" items={todo.returned} today={today} onChanged={reload} empty="" />
        </TodoCard>
      )}
    </>
  );
}

/** The Board's setting, read once per screen: outgoing documents wait for a leader's approval. */
export function useApprovalRequired(): boolean {
  const [required, setRequired] = useState(false);
  useEffect(() => {
    let live = true;
    api.settings.get().then(
      (s) => live && setRequired(s.approvalRequired === true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return required;
}
