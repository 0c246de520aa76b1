// The handling decision (hướng xử lý): accept, forward or guide (to an agency), return, or file.
// After an ineligible classification only "return" and "file" are offered (the core refuses the rest).
import { Alert, Button, Grid, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useErrorFocus } from '../useErrorFocus.tsx';
import { api } from '../../api.ts';
import { DECISION_ACTIONS, DECISION_ACTION_LABELS, DECISION_DOCUMENT, decideSchema, type DecisionAction, type Workflow } from '../../../../shared/domain/workflow.ts';
import { choiceError, enterSubmitsFromSelects, foldedFilter, reshapingResolver } from '../intake/util.ts';
import { showApiError } from '../useApiForm.ts';
import { scopedSave, type WorkflowData } from './data.ts';
import { DateField } from '../DateInput.tsx';
import { useConfirm } from '../useConfirm.tsx';
import { formatDateVN } from '../../../../shared/calendar/dates.ts';
import { decisionNeedsApproval, type ApprovalProposal } from '../../../../shared/domain/approval.ts';

interface Values {
  action: DecisionAction | null;
  agencyId: string | null;
  on: string;
  note: string;
}

const NEEDS_AGENCY: DecisionAction[] = ['forward', 'guide', 'urge'];

interface Props {
  petitionId: number;
  /** The content decided (a further content of the letter); absent: the first. */
  contentId?: number | null;
  /** How the form is named to assistive technology and tests. */
  label?: string;
  eligible: boolean;
  classifiedOn: string;
  data: WorkflowData;
  /** An anonymous denunciation: it may go to the inspection body (Law on Denunciations art. 25(2)). */
  inspectable?: boolean;
  onSaved(workflow: Workflow, action: DecisionAction): void;
  /** A draft sent back by the leader: the form opens on its proposal, to edit and send again. */
  returned?: ApprovalProposal | null;
}

export function DecideForm({ petitionId, contentId = null, label = 'Quyết định xử lý', eligible, classifiedOn, data, inspectable = false, onSaved, returned = null }: Props) {
  const allowed: readonly DecisionAction[] = eligible ? DECISION_ACTIONS : inspectable ? ['forward', 'return', 'file'] : ['return', 'file'];
  // After an ineligible classification, a forward is the one to the inspection body.
  const toInspection = !eligible && inspectable;
  const labelOf = (a: DecisionAction) => (a === 'forward' && toInspection ? 'Chuyển cơ quan thanh tra (tố cáo nặc danh có tài liệu, chứng cứ cụ thể)' : DECISION_ACTION_LABELS[a]);
  const form = useForm<Values, unknown, ReturnType<typeof decideSchema.parse>>({
    resolver: reshapingResolver<Values, typeof decideSchema>(decideSchema, (v) => ({
      petitionId,
      contentId,
      action: v.action ?? undefined,
      agencyId: v.action && NEEDS_AGENCY.includes(v.action) && v.agencyId ? Number(v.agencyId) : null,
      on: v.on,
      note: v.note,
      toInspection: toInspection && v.action === 'forward',
    })),
    defaultValues: returned
      ? { action: returned.action ?? null, agencyId: returned.agencyId ? String(returned.agencyId) : null, on: data.today, note: returned.note ?? '' }
      : { action: null, agencyId: null, on: data.today, note: '' },
    mode: 'onSubmit',
  });
  const { errors, isSubmitting } = form.formState;
  const action = useWatch({ control: form.control, name: 'action' });

  const [confirm, confirmDialog] = useConfirm();
  const errorFocus = useErrorFocus();
  const submit = form.handleSubmit(async (values) => {
    errorFocus.clear();
    if (data.approvalRequired && decisionNeedsApproval(values.action)) {
      const ok = await confirm({
        title: `Gửi lãnh đạo duyệt: ${DECISION_ACTION_LABELS[values.action].toLowerCase()}?`,
        message: `Văn bản được lưu thành dự thảo, chưa có số và chưa in được. Khi lãnh đạo duyệt, quyết định được ghi và văn bản được cấp số, ghi ngày ký duyệt; nếu lãnh đạo trả lại, anh/chị sửa rồi gửi lại.`,
        confirmLabel: 'Gửi duyệt',
      });
      if (!ok) return;
    } else if (DECISION_DOCUMENT[values.action] !== null) {
      const ok = await confirm({
        title: `${DECISION_ACTION_LABELS[values.action]}?`,
        message: `Ghi quyết định “${DECISION_ACTION_LABELS[values.action].toLowerCase()}” ngày ${formatDateVN(values.on)} sẽ cấp một số văn bản đi. Số đã cấp không thu hồi được: muốn sửa phải hủy bước này kèm lý do, số vẫn được giữ trong sổ.`,
        confirmLabel: 'Ghi và cấp số',
      });
      if (!ok) return;
    }
    try {
      onSaved(await api.workflow.decide(values), values.action);
    } catch (error) {
      showApiError(form, error);
      errorFocus.onInvalid();
    }
  }, errorFocus.onInvalid);
  // A further content's form saves on Ctrl+S only when the focus is inside it.
  useHotkeys(contentId === null ? [['mod+S', () => void submit()]] : [], []);

  const agencyOptions = data.agencies.filter((a) => a.active).map((a) => ({ value: String(a.id), label: a.name }));

  return (
    <form ref={errorFocus.ref} onSubmit={submit} onKeyDownCapture={enterSubmitsFromSelects} onKeyDown={contentId === null ? undefined : scopedSave(() => void submit())} noValidate aria-label={label}>
      {confirmDialog}
      <Stack gap="xs">
        {errorFocus.summary}
        {errors.root && <Alert color="red" title="Không ghi được quyết định">{errors.root.message}</Alert>}
        {!eligible && !inspectable && <Text size="sm" c="dimmed">Đơn không đủ điều kiện xử lý: chỉ có thể trả lại đơn hoặc lưu đơn.</Text>}
        {toInspection && (
          <Text size="sm" c="dimmed">
            Tố cáo nặc danh: nếu nêu rõ người vi phạm, có tài liệu, chứng cứ cụ thể thì chuyển cơ quan thanh tra (Điều 25 khoản 2 Luật Tố cáo); nếu không, lưu đơn.
          </Text>
        )}
        <Controller
          control={form.control}
          name="action"
          render={({ field }) => (
            <Select
              ref={field.ref}
              label="Hướng xử lý"
              withAsterisk
              data={allowed.map((a) => ({ value: a, label: labelOf(a) }))}
              value={field.value}
              onChange={(v) => field.onChange(v as DecisionAction | null)}
              onBlur={field.onBlur}
              error={choiceError(field.value, errors.action, 'Chưa chọn hướng xử lý')}
              allowDeselect={false}
            />
          )}
        />
        {action !== null && NEEDS_AGENCY.includes(action) && (
          <Controller
            control={form.control}
            name="agencyId"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label={action === 'forward' ? (toInspection ? 'Cơ quan thanh tra' : 'Chuyển đến cơ quan') : action === 'urge' ? 'Cơ quan đang giải quyết' : 'Hướng dẫn đến cơ quan'}
                withAsterisk
                searchable
                filter={foldedFilter}
                limit={50}
                placeholder="Gõ để tìm trong danh bạ cơ quan"
                nothingFoundMessage="Không có cơ quan nào khớp"
                data={agencyOptions}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={errors.agencyId?.message}
              />
            )}
          />
        )}
        <Grid gap="xs">
          <Grid.Col span={4}>
            <DateField control={form.control} name="on" label="Ngày quyết định" withAsterisk min={classifiedOn ?? undefined} max={data.today} maxMessage="Ngày quyết định không được sau hôm nay" error={errors.on?.message} />
          </Grid.Col>
          <Grid.Col span={8}>
            <Textarea label="Ghi chú" autosize minRows={1} maxRows={4} {...form.register('note')} error={errors.note?.message} />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            {data.approvalRequired && action !== null && decisionNeedsApproval(action) ? (returned ? 'Sửa và gửi duyệt lại' : 'Gửi lãnh đạo duyệt') : 'Ghi quyết định'} <kbd className="key" style={{ marginLeft: 8 }}>Ctrl+S</kbd>
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
