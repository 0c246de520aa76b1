// A visit (lượt tiếp): the citizen (looked up or new), số người, a delegation's members and
// representatives when five or more came, the matter, content and outcome. Validated with the
// shared visitSaveSchema; the first representative of a delegation is the visit's citizen.
import { Alert, Button, Checkbox, Grid, Group, NumberInput, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { api } from '../../api.ts';
import {
  DELEGATION_MIN_MEMBERS,
  MATTERS,
  MATTER_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  maxRepresentatives,
  visitSaveSchema,
  type Matter,
  type Outcome,
  type ReceptionSession,
  type Visit,
} from '../../../../shared/domain/reception.ts';
import { showApiError } from '../useApiForm.ts';
import { CitizenHistoryPanel } from './CitizenHistoryPanel.tsx';
import { PersonFields } from './PersonFields.tsx';
import { refreshBoardProvince } from './units.ts';
import { SameMatter } from '../matters/SameMatter.tsx';
import { choiceError, emptyPerson, enterSubmitsFromSelects, formatDate, numberOrNull, personToForm, reshapingResolver, type PersonFormValue } from './util.ts';

const MAX_REPRESENTATIVES = 5;
const MATTER_OPTIONS = MATTERS.map((m) => ({ value: m, label: MATTER_LABELS[m] }));
const OUTCOME_OPTIONS = OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }));

export interface VisitFormValues {
  id?: number;
  sessionId: number;
  persons: number | null;
  citizen: PersonFormValue;
  /** Kept while the form is open; sent only when persons >= 5. Index 0 mirrors `citizen`. */
  delegation: { members: number | null; representatives: PersonFormValue[] };
  matter: Matter | null;
  content: string;
  repeat: boolean;
  outcome: Outcome | null;
  /** The matter (vụ việc); null: a new one (on an edit: unchanged). */
  matterId: number | null;
}

/** The API input the form stands for: the delegation only from five people, led by the citizen. */
function toInput(v: VisitFormValues) {
  const isDelegation = (v.persons ?? 0) >= DELEGATION_MIN_MEMBERS;
  const { matterId, ...rest } = v;
  return {
    ...rest,
    ...(matterId === null ? {} : { matterId }),
    delegation: isDelegation ? { members: v.delegation.members, representatives: [v.citizen, ...v.delegation.representatives.slice(1)] } : null,
  };
}

const resolver = reshapingResolver<VisitFormValues, typeof visitSaveSchema>(visitSaveSchema, toInput);

function defaults(session: ReceptionSession, visit?: Visit): VisitFormValues {
  if (!visit) {
    return {
      sessionId: session.id,
      persons: 1,
      citizen: emptyPerson(),
      delegation: { members: null, representatives: [emptyPerson()] },
      matter: null,
      content: '',
      repeat: false,
      outcome: null,
      matterId: null,
    };
  }
  const citizen = personToForm(visit.citizen);
  return {
    id: visit.id,
    sessionId: visit.sessionId,
    persons: visit.persons,
    citizen,
    delegation: visit.delegation
      ? { members: visit.delegation.members, representatives: [citizen, ...visit.delegation.representatives.slice(1).map(personToForm)] }
      : { members: null, representatives: [citizen] },
    matter: visit.matter,
    content: visit.content,
    repeat: visit.repeat,
    outcome: visit.outcome,
    matterId: null,
  };
}

/** "Cùng vụ việc?" for the visitor: picked with one key, a new matter by default. */
function VisitMatterChoice({ control, onRepeat, editing }: { control: Control<VisitFormValues, unknown, ReturnType<typeof visitSaveSchema.parse>>; onRepeat(): void; editing: boolean }) {
  const [citizen, content] = useWatch({ control, name: ['citizen', 'content'] });
  const probe = { petitioners: [{ citizenId: citizen.citizenId ?? null, fullName: citizen.fullName ?? '', idNumber: citizen.idNumber || null }], summary: content };
  return (
    <Controller
      control={control}
      name="matterId"
      render={({ field }) => (
        <SameMatter
          probe={probe}
          noneLabel={editing ? 'Giữ vụ việc hiện tại' : 'Vụ việc mới'}
          value={field.value}
          onChange={(id) => {
            field.onChange(id);
            // On an existing matter the visit is a repeat.
            if (id !== null) onRepeat();
          }}
        />
      )}
    />
  );
}

export interface VisitFormProps {
  session: ReceptionSession;
  /** Edit this visit; a new one when absent. */
  visit?: Visit;
  onSaved(visit: Visit): void;
  onCancel(): void;
}

export function VisitForm({ session, visit, onSaved, onCancel }: VisitFormProps) {
  useState(refreshBoardProvince);
  const form = useForm<VisitFormValues, unknown, ReturnType<typeof visitSaveSchema.parse>>({
    resolver,
    defaultValues: defaults(session, visit),
    mode: 'onSubmit',
  });
  const { errors, isSubmitting } = form.formState;
  const reps = useFieldArray({ control: form.control, name: 'delegation.representatives' });
  const persons = useWatch({ control: form.control, name: 'persons' });
  const members = useWatch({ control: form.control, name: 'delegation.members' });
  const citizenName = useWatch({ control: form.control, name: 'citizen.fullName' });
  /** The representative just added, whose lookup takes the focus. */
  const [added, setAdded] = useState<number | null>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(visit?.citizen.citizenId ?? null);
  const isDelegation = (persons ?? 0) >= DELEGATION_MIN_MEMBERS;
  const max = maxRepresentatives(members ?? persons ?? DELEGATION_MIN_MEMBERS);

  // The delegation's size starts at the number who came, and follows it until changed by hand.
  const membersEdited = useRef(visit?.delegation != null && visit.delegation.members !== visit.persons);
  useEffect(() => {
    if (isDelegation && !membersEdited.current) form.setValue('delegation.members', persons);
  }, [isDelegation, persons, form]);

  const submit = form.handleSubmit(async (values) => {
    try {
      onSaved(await api.visits.save(values));
    } catch (error) {
      showApiError(form, error);
    }
  });

  useHotkeys([
    ['mod+S', () => void submit()],
    ['mod+Enter', () => void submit()],
  ], []);

  const repsError =
    (errors.delegation?.representatives as { root?: { message?: string } } | undefined)?.root?.message ?? errors.delegation?.representatives?.message;

  return (
    <form onSubmit={submit} onKeyDownCapture={enterSubmitsFromSelects} noValidate aria-label={visit ? 'Sửa lượt tiếp' : 'Thêm lượt tiếp'}>
      <Grid gap="md">
        <Grid.Col span={8}>
          <Stack gap="sm">
            {errors.root && <Alert color="red">{errors.root.message}</Alert>}
            <Text size="sm" c="dimmed">
              Kỳ tiếp ngày {formatDate(session.date)}
            </Text>
            <PersonFields
              form={form}
              name="citizen"
              legend={isDelegation ? 'Công dân (người đại diện thứ nhất của đoàn)' : 'Công dân'}
              lookupAutoFocus
              onCitizenChange={setHistoryOf}
              afterPick={() => form.setFocus('persons')}
            />
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <Controller
                control={form.control}
                name="persons"
                render={({ field }) => (
                  <NumberInput
                    ref={field.ref}
                    label="Số người"
                    description="Từ 5 người là đoàn đông người"
                    w={190}
                    min={1}
                    allowDecimal={false}
                    allowNegative={false}
                    value={field.value ?? ''}
                    onChange={(v) => field.onChange(numberOrNull(v))}
                    onBlur={field.onBlur}
                    error={errors.persons?.message}
                  />
                )}
              />
              {isDelegation && (
                <Controller
                  control={form.control}
                  name="delegation.members"
                  render={({ field }) => (
                    <NumberInput
                      ref={field.ref}
                      label="Số người trong đoàn"
                      description={`Đoàn ${field.value ?? '…'} người cử tối đa ${max} người đại diện`}
                      w={260}
                      min={DELEGATION_MIN_MEMBERS}
                      allowDecimal={false}
                      allowNegative={false}
                      value={field.value ?? ''}
                      onChange={(v) => {
                        membersEdited.current = true;
                        field.onChange(numberOrNull(v));
                      }}
                      onBlur={field.onBlur}
                      error={errors.delegation?.members?.message}
                    />
                  )}
                />
              )}
            </Group>
            {isDelegation && (
              <Paper withBorder p="sm" role="group" aria-label="Người đại diện của đoàn">
                <Stack gap="xs">
                  <Group justify="space-between">
                    <Title order={5}>Người đại diện của đoàn</Title>
                    <Text size="sm" c="dimmed">
                      {reps.fields.length}/{max} người (tối đa {max} với đoàn {members ?? '…'} người)
                    </Text>
                  </Group>
                  <Text size="sm">
                    1. <b>{citizenName || '(họ tên công dân ở trên)'}</b> — công dân ở trên là người đại diện thứ nhất
                  </Text>
                  {reps.fields.slice(1).map((f, i) => (
                    <PersonFields
                      key={f.id}
                      form={form}
                      name={`delegation.representatives.${i + 1}`}
                      legend={`Người đại diện ${i + 2}`}
                      focusOnMount={added === i + 1}
                      actions={
                        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => reps.remove(i + 1)} aria-label={`Xóa người đại diện ${i + 2}`}>
                          Xóa
                        </Button>
                      }
                    />
                  ))}
                  {repsError && (
                    <Text c="red" size="sm" role="alert">
                      {repsError}
                    </Text>
                  )}
                  <Group>
                    <Button
                      variant="light"
                      size="xs"
                      disabled={reps.fields.length >= MAX_REPRESENTATIVES}
                      onClick={() => {
                        setAdded(reps.fields.length);
                        reps.append(emptyPerson(), { shouldFocus: false });
                      }}
                    >
                      Thêm người đại diện
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <Controller
                control={form.control}
                name="matter"
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    label="Loại vụ việc"
                    withAsterisk
                    w={240}
                    data={MATTER_OPTIONS}
                    value={field.value}
                    onChange={(v) => field.onChange(v as Matter | null)}
                    onBlur={field.onBlur}
                    error={choiceError(field.value, errors.matter, 'Chưa chọn loại vụ việc')}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="repeat"
                render={({ field }) => (
                  <Checkbox
                    ref={field.ref}
                    mt={32}
                    label="Tiếp nhiều lần (vụ việc đã được tiếp trước đây)"
                    checked={field.value}
                    onChange={(e) => field.onChange(e.currentTarget.checked)}
                    onBlur={field.onBlur}
                  />
                )}
              />
            </Group>
            <Textarea label="Nội dung" withAsterisk autosize minRows={3} maxRows={8} {...form.register('content')} error={errors.content?.message} />
            <VisitMatterChoice control={form.control} onRepeat={() => form.setValue('repeat', true)} editing={visit !== undefined} />
            <Group align="flex-end" justify="space-between" wrap="nowrap">
              <Controller
                control={form.control}
                name="outcome"
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    label="Kết quả tiếp"
                    withAsterisk
                    w={340}
                    data={OUTCOME_OPTIONS}
                    value={field.value}
                    onChange={(v) => field.onChange(v as Outcome | null)}
                    onBlur={field.onBlur}
                    error={choiceError(field.value, errors.outcome, 'Chưa chọn kết quả tiếp')}
                  />
                )}
              />
              <Group gap="xs" wrap="nowrap">
                <Button variant="default" onClick={onCancel}>
                  Hủy <kbd className="key" style={{ marginLeft: 8 }}>Esc</kbd>
                </Button>
                <Button type="submit" loading={isSubmitting}>
                  Lưu lượt tiếp <kbd className="key" style={{ marginLeft: 8 }}>Ctrl+S</kbd>
                </Button>
              </Group>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={4}>
          {/* Stays in view while the form scrolls inside the dialog. */}
          <div style={{ position: 'sticky', top: 64 }}>
            <CitizenHistoryPanel citizenId={historyOf} exceptVisitId={visit?.id} height="min(640px, calc(90dvh - 120px))" />
          </div>
        </Grid.Col>
      </Grid>
    </form>
  );
}
