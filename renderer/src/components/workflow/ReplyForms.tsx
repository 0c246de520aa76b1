// While a petition is forwarded: the agency's reply (báo cáo kết quả) and reminders (đôn đốc),
// each reminder issuing a numbered letter.
import { Alert, Button, Grid, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { Controller, useForm } from 'react-hook-form';
import { useErrorFocus } from '../useErrorFocus.tsx';
import { api } from '../../api.ts';
import { REPLY_OUTCOMES, REPLY_OUTCOME_LABELS, reminderSchema, replySchema, type ReplyOutcome, type Workflow } from '../../../../shared/domain/workflow.ts';
import { choiceError, enterSubmitsFromSelects, reshapingResolver } from '../intake/util.ts';
import { showApiError } from '../useApiForm.ts';
import { scopedSave, type WorkflowData } from './data.ts';
import { DateField } from '../DateInput.tsx';
import { useConfirm } from '../useConfirm.tsx';
import { formatDateVN } from '../../../../shared/calendar/dates.ts';

interface ReplyValues {
  on: string;
  documentNo: string;
  outcome: ReplyOutcome | null;
  summary: string;
}

interface Props {
  petitionId: number;
  /** The content forwarded (a further content of the letter); absent: the first. */
  contentId?: number | null;
  forwardedOn: string;
  data: WorkflowData;
  onSaved(workflow: Workflow): void;
}

export function ReplyForm({ petitionId, contentId = null, forwardedOn, data, onSaved }: Props) {
  const form = useForm<ReplyValues, unknown, ReturnType<typeof replySchema.parse>>({
    resolver: reshapingResolver<ReplyValues, typeof replySchema>(replySchema, (v) => ({ ...v, petitionId, contentId, outcome: v.outcome ?? undefined })),
    defaultValues: { on: data.today, documentNo: '', outcome: null, summary: '' },
    mode: 'onSubmit',
  });
  const { errors, isSubmitting } = form.formState;

  const errorFocus = useErrorFocus();
  const submit = form.handleSubmit(async (values) => {
    errorFocus.clear();
    try {
      onSaved(await api.workflow.reply(values));
    } catch (error) {
      showApiError(form, error);
      errorFocus.onInvalid();
    }
  }, errorFocus.onInvalid);
  // A further content's form saves on Ctrl+S only when the focus is inside it.
  useHotkeys(contentId === null ? [['mod+S', () => void submit()]] : [], []);

  return (
    <form ref={errorFocus.ref} onSubmit={submit} onKeyDownCapture={enterSubmitsFromSelects} onKeyDown={contentId === null ? undefined : scopedSave(() => void submit())} noValidate aria-label="Ghi kết quả trả lời">
      <Stack gap="xs">
        {errorFocus.summary}
        {errors.root && <Alert color="red" title="Không ghi được kết quả">{errors.root.message}</Alert>}
        <Grid gap="xs">
          <Grid.Col span={4}>
            <DateField control={form.control} name="on" label="Ngày nhận báo cáo" withAsterisk min={forwardedOn ?? undefined} max={data.today} maxMessage="Ngày nhận báo cáo không được sau hôm nay" error={errors.on?.message} />
          </Grid.Col>
          <Grid.Col span={4}>
            <TextInput label="Số văn bản trả lời" placeholder="ví dụ 125/UBND-NN" {...form.register('documentNo')} error={errors.documentNo?.message} />
          </Grid.Col>
          <Grid.Col span={4}>
            <Controller
              control={form.control}
              name="outcome"
              render={({ field }) => (
                <Select
                  ref={field.ref}
                  label="Kết quả giải quyết"
                  withAsterisk
                  data={REPLY_OUTCOMES.map((o) => ({ value: o, label: REPLY_OUTCOME_LABELS[o] }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v as ReplyOutcome | null)}
                  onBlur={field.onBlur}
                  error={choiceError(field.value, errors.outcome, 'Chưa chọn kết quả giải quyết')}
                  allowDeselect={false}
                />
              )}
            />
          </Grid.Col>
        </Grid>
        <Textarea label="Tóm tắt kết quả" autosize minRows={2} maxRows={6} {...form.register('summary')} error={errors.summary?.message} />
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            Ghi kết quả trả lời <kbd className="key" style={{ marginLeft: 8 }}>Ctrl+S</kbd>
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ReminderForm({ petitionId, contentId = null, forwardedOn, replyDueOn, data, onSaved }: Props & { replyDueOn: string | null }) {
  const [confirm, confirmDialog] = useConfirm();
  const form = useForm<{ on: string }, unknown, ReturnType<typeof reminderSchema.parse>>({
    resolver: reshapingResolver<{ on: string }, typeof reminderSchema>(reminderSchema, (v) => ({ ...v, petitionId, contentId })),
    defaultValues: { on: data.today },
    mode: 'onSubmit',
  });
  const { errors, isSubmitting } = form.formState;
  const errorFocus = useErrorFocus();
  const submit = form.handleSubmit(async (values) => {
    errorFocus.clear();
    const early = replyDueOn !== null && values.on <= replyDueOn;
    const ok = await confirm({
      title: data.approvalRequired ? 'Gửi lãnh đạo duyệt công văn đôn đốc?' : 'Ghi đôn đốc?',
      warning: early
        ? `Chưa đến hạn: cơ quan có đến hết ngày ${formatDateVN(replyDueOn)} để báo cáo kết quả giải quyết. Đôn đốc lúc này là sớm.`
        : undefined,
      message: data.approvalRequired
        ? 'Công văn đôn đốc được lưu thành dự thảo, chưa có số và chưa in được; số được cấp khi lãnh đạo duyệt.'
        : `Ghi đôn đốc ngày ${formatDateVN(values.on)} sẽ cấp một số văn bản đôn đốc. Số đã cấp không thu hồi được.`,
      confirmLabel: data.approvalRequired ? 'Gửi duyệt' : early ? 'Vẫn đôn đốc và cấp số' : 'Ghi đôn đốc và cấp số',
    });
    if (!ok) return;
    try {
      onSaved(await api.workflow.remind(values));
    } catch (error) {
      showApiError(form, error);
      errorFocus.onInvalid();
    }
  }, errorFocus.onInvalid);

  return (
    <form ref={errorFocus.ref} onSubmit={submit} noValidate aria-label="Đôn đốc cơ quan">
      {confirmDialog}
      <Stack gap="xs">
        {errorFocus.summary}
        {errors.root && <Alert color="red" title="Không ghi được đôn đốc">{errors.root.message}</Alert>}
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <DateField control={form.control} name="on" label="Ngày đôn đốc" withAsterisk min={forwardedOn ?? undefined} max={data.today} maxMessage="Ngày đôn đốc không được sau hôm nay" error={errors.on?.message} w={170} />
          <Button type="submit" variant="light" loading={isSubmitting}>{data.approvalRequired ? 'Gửi duyệt công văn đôn đốc' : 'Ghi đôn đốc và cấp số văn bản'}</Button>
        </Group>
      </Stack>
    </form>
  );
}
