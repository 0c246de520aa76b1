// Classification (phân loại): eligible for processing, or not with a reason; a duplicate names the
// original petition, chosen among the earlier petitions that look like the same matter or typed.
import { Alert, Button, Grid, Group, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useErrorFocus } from '../useErrorFocus.tsx';
import { api, errorMessage } from '../../api.ts';
import { formatRegisterNo, parseRegisterNo } from '../../../../shared/domain/petition.ts';
import { classifySchema, type Workflow } from '../../../../shared/domain/workflow.ts';
import { enterSubmitsFromSelects, reshapingResolver } from '../intake/util.ts';
import { formatIsoDate } from '../petitions/format.ts';
import { showApiError } from '../useApiForm.ts';
import { reasonOptions, resolveReason, type WorkflowData } from './data.ts';
import { CandidateList, SameMatterLine, type Candidate } from './SimilarPetitions.tsx';
import { DateField } from '../DateInput.tsx';

interface Values {
  eligible: 'yes' | 'no' | null;
  reason: string | null;
  duplicateOf: number | null;
  note: string;
  on: string;
}

interface Props {
  petitionId: number;
  receivedOn: string;
  candidates: Candidate[];
  data: WorkflowData;
  onSaved(workflow: Workflow): void;
}

export function ClassifyForm({ petitionId, receivedOn, candidates, data, onSaved }: Props) {
  const toInput = (v: Values) => {
    const ineligible = v.eligible === 'no';
    const { reason, note } = resolveReason(ineligible ? v.reason : null, v.note, data.customReasons);
    return {
      petitionId,
      eligible: v.eligible === null ? undefined : !ineligible,
      reason,
      duplicateOf: ineligible && reason === 'duplicate' ? v.duplicateOf : null,
      note,
      on: v.on,
    };
  };
  const form = useForm<Values, unknown, ReturnType<typeof classifySchema.parse>>({
    resolver: reshapingResolver<Values, typeof classifySchema>(classifySchema, toInput),
    defaultValues: { eligible: null, reason: null, duplicateOf: null, note: '', on: data.today },
    mode: 'onSubmit',
  });
  const { errors, isSubmitting } = form.formState;
  const eligible = useWatch({ control: form.control, name: 'eligible' });
  const reason = useWatch({ control: form.control, name: 'reason' });
  const duplicateOf = useWatch({ control: form.control, name: 'duplicateOf' });
  /** Petitions found by register number, added to the choice list. */
  const [typed, setTyped] = useState<Candidate[]>([]);
  const [registerNo, setRegisterNo] = useState('');
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);

  const errorFocus = useErrorFocus();
  const submit = form.handleSubmit(async (values) => {
    errorFocus.clear();
    try {
      onSaved(await api.workflow.classify(values));
    } catch (error) {
      showApiError(form, error);
      errorFocus.onInvalid();
    }
  }, errorFocus.onInvalid);
  useHotkeys([['mod+S', () => void submit()]], []);

  const lookup = async () => {
    const parsed = parseRegisterNo(registerNo);
    if (!parsed) {
      setLookupError('Số vào sổ có dạng năm/số, ví dụ 2026/000012');
      return;
    }
    const wanted = formatRegisterNo(parsed.year, parsed.seq);
    setLooking(true);
    try {
      const page = await api.petitions.list({ search: wanted, limit: 20 });
      const found = page.rows.find((r) => r.registerNo === wanted);
      if (!found) {
        setLookupError(`Không tìm thấy đơn số ${wanted}`);
      } else if (found.id === petitionId) {
        setLookupError('Đơn không thể trùng với chính nó');
      } else {
        setLookupError(null);
        setRegisterNo('');
        if (!candidates.some((c) => c.id === found.id) && !typed.some((c) => c.id === found.id)) {
          setTyped((t) => [...t, { id: found.id, registerNo: found.registerNo, receivedOn: found.receivedOn, summary: found.summary, score: 0 }]);
        }
        form.setValue('duplicateOf', found.id, { shouldValidate: form.formState.isSubmitted });
        form.clearErrors('duplicateOf');
      }
    } catch (e) {
      setLookupError(errorMessage(e));
    } finally {
      setLooking(false);
    }
  };

  const choices = [...candidates, ...typed];
  const original = choices.find((c) => c.id === duplicateOf);

  return (
    <form ref={errorFocus.ref} onSubmit={submit} onKeyDownCapture={enterSubmitsFromSelects} noValidate aria-label="Phân loại đơn">
      <Stack gap="xs">
        {errorFocus.summary}
        {errors.root && <Alert color="red" title="Không ghi được phân loại">{errors.root.message}</Alert>}
        <SameMatterLine candidates={candidates} />
        <Controller
          control={form.control}
          name="eligible"
          render={({ field }) => (
            <Radio.Group
              label="Kết quả phân loại"
              withAsterisk
              value={field.value}
              onChange={(v) => field.onChange(v as Values['eligible'])}
              error={errors.eligible?.message}
            >
              <Group gap="lg" mt={4}>
                <Radio ref={field.ref} value="yes" label="Đủ điều kiện xử lý" />
                <Radio value="no" label="Không đủ điều kiện xử lý" />
              </Group>
            </Radio.Group>
          )}
        />
        {eligible === 'no' && (
          <Controller
            control={form.control}
            name="reason"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label="Lý do không đủ điều kiện"
                withAsterisk
                data={reasonOptions(data)}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={errors.reason?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
        )}
        {eligible === 'no' && reason === 'duplicate' && (
          <Stack gap={4} role="group" aria-label="Đơn gốc">
            <Text size="sm" fw={500}>
              Đơn gốc <Text span c="red">*</Text>
            </Text>
            {choices.length > 0 ? (
              <CandidateList
                candidates={choices}
                selected={duplicateOf}
                onSelect={(id) => {
                  form.setValue('duplicateOf', id);
                  form.clearErrors('duplicateOf');
                }}
                label="Chọn trong các đơn trước giống đơn này"
              />
            ) : (
              <Text size="xs" c="dimmed">Không thấy đơn trước nào giống đơn này; nhập số vào sổ của đơn gốc.</Text>
            )}
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                aria-label="Số vào sổ của đơn gốc"
                placeholder="Hoặc nhập số vào sổ, ví dụ 2026/000012"
                value={registerNo}
                onChange={(e) => setRegisterNo(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    e.stopPropagation();
                    void lookup();
                  }
                }}
                error={lookupError}
                style={{ flex: 1 }}
              />
              <Button variant="default" onClick={() => void lookup()} loading={looking}>Tìm đơn</Button>
            </Group>
            {original && (
              <Text size="sm">
                Đơn gốc đã chọn: <b>{original.registerNo}</b> (nhận {formatIsoDate(original.receivedOn)})
              </Text>
            )}
            {errors.duplicateOf && <Text size="sm" c="red" role="alert">{errors.duplicateOf.message}</Text>}
          </Stack>
        )}
        <Grid gap="xs">
          <Grid.Col span={4}>
            <DateField control={form.control} name="on" label="Ngày phân loại" withAsterisk min={receivedOn ?? undefined} max={data.today} maxMessage="Ngày phân loại không được sau hôm nay" error={errors.on?.message} />
          </Grid.Col>
          <Grid.Col span={8}>
            <Textarea label="Ghi chú" autosize minRows={1} maxRows={4} {...form.register('note')} error={errors.note?.message} />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            Ghi phân loại <kbd className="key" style={{ marginLeft: 8 }}>Ctrl+S</kbd>
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
