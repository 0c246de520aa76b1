// Reversing the latest step: nothing is deleted; the record stays, struck through, with who
// reversed it, when and the reason, which is required.
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { api } from '../../api.ts';
import { reverseSchema, type Workflow } from '../../../../shared/domain/workflow.ts';
import { showApiError, useApiForm } from '../useApiForm.ts';
import { STEP_LABELS } from './data.ts';

type What = keyof typeof STEP_LABELS;

interface Props {
  petitionId: number;
  /** The content whose step is reversed (a further content of the letter); absent: the first. */
  contentId?: number | null;
  what: What;
  onClose(): void;
  onSaved(workflow: Workflow): void;
}

function ReverseForm({ petitionId, contentId = null, what, onClose, onSaved }: Props) {
  const form = useApiForm(reverseSchema, { petitionId, contentId, what, note: '' });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      onSaved(await api.workflow.reverse(values));
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={`Hủy ${STEP_LABELS[what]}`}>
      <Stack gap="sm">
        {errors.root && <Alert color="red">{errors.root.message}</Alert>}
        <Text size="sm">
          Bản ghi {STEP_LABELS[what]} không bị xóa: nó được giữ lại, gạch ngang, kèm người hủy, thời điểm và lý do hủy. Sau đó có thể ghi lại cho đúng.
        </Text>
        <TextInput label="Lý do hủy" withAsterisk data-autofocus placeholder="ví dụ: Chọn nhầm cơ quan" {...form.register('note')} error={errors.note?.message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Đóng</Button>
          <Button type="submit" color="red" loading={isSubmitting}>Ghi hủy {STEP_LABELS[what]}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ReverseModal(props: Props & { opened: boolean }) {
  const { opened, ...rest } = props;
  return (
    <Modal opened={opened} onClose={rest.onClose} title={`Hủy ${STEP_LABELS[rest.what]}`} size="lg" trapFocus>
      {opened && <ReverseForm {...rest} />}
    </Modal>
  );
}
