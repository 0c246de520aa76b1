// The petition form (đơn): create (petitions.create) or edit (petitions.update) every field of
// the contract, validated by the shared schemas. A petition handed in at a visit starts from it:
// the session's date, in person, the visitor or the delegation's representatives as petitioners.
import { Alert, Autocomplete, Button, Grid, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { api } from '../../api.ts';
import { vietnamDate } from '../../../../shared/domain/dates.ts';
import {
  CHANNELS,
  CHANNEL_LABELS,
  FIELDS,
  FIELD_LABELS,
  PETITION_KINDS,
  PETITION_KIND_LABELS,
  petitionCreateSchema,
  petitionUpdateSchema,
  type Channel,
  type Field,
  type Petition,
  type PetitionKind,
} from '../../../../shared/domain/petition.ts';
import type { Visit } from '../../../../shared/domain/reception.ts';
import { showApiError } from '../useApiForm.ts';
import { SameMatter } from '../matters/SameMatter.tsx';
import { CONTENT_KINDS, type ContentKind } from '../../../../shared/domain/petition.ts';
import { PersonFields } from './PersonFields.tsx';
import { refreshBoardProvince } from './units.ts';
import { choiceError, emptyPerson, enterSubmitsFromSelects, foldedFilter, formatDate, numberOrNull, personToForm, reshapingResolver, type PersonFormValue } from './util.ts';

const CHANNEL_OPTIONS = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));
const ALL_KIND_OPTIONS = PETITION_KINDS.map((k) => ({ value: k, label: PETITION_KIND_LABELS[k] }));
/** Several contents are several contents ("Thêm nội dung"): `multiple` stays only on old, unsplit letters. */
const KIND_OPTIONS = ALL_KIND_OPTIONS.filter((o) => o.value !== 'multiple');
const CONTENT_KIND_OPTIONS = CONTENT_KINDS.map((k) => ({ value: k, label: PETITION_KIND_LABELS[k] }));
const FIELD_OPTIONS = FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }));

export interface PetitionFormValues {
  id?: number;
  receivedOn: string;
  channel: Channel | null;
  visitId: number | null;
  /** Kept while the form is open; sent only when the channel is "forwarded". */
  forwardedBy: { agency: string; letterNo: string; letterDate: string };
  writtenOn: string;
  kind: PetitionKind | null;
  field: Field | null;
  signatories: number | null;
  petitioners: PersonFormValue[];
  subject: string;
  summary: string;
  /** The matter (vụ việc) of the first content; null: a new matter (on an edit: unchanged). */
  matterId: number | null;
  /** Contents after the first, each on a new matter (new petitions only). */
  contents: { kind: ContentKind | null; field: Field | null; summary: string }[];
}

/** "Cùng vụ việc?": the matters this petition may belong to, picked with one key. */
function MatterChoice({ control, excludeId }: { control: Control<PetitionFormValues, unknown, ReturnType<typeof petitionUpdateSchema.parse>>; excludeId: number | null }) {
  const [petitioners, subject, summary] = useWatch({ control, name: ['petitioners', 'subject', 'summary'] });
  const probe = {
    excludePetitionId: excludeId,
    petitioners: petitioners.map((p) => ({ citizenId: p.citizenId ?? null, fullName: p.fullName ?? '', idNumber: p.idNumber || null })),
    subject: subject || null,
    summary,
  };
  return (
    <Controller
      control={control}
      name="matterId"
      render={({ field }) => <SameMatter probe={probe} value={field.value} onChange={(id) => field.onChange(id)} noneLabel={excludeId === null ? 'Vụ việc mới' : 'Giữ vụ việc hiện tại'} />}
    />
  );
}

function reshape(v: PetitionFormValues) {
  return { ...v, forwardedBy: v.channel === 'forwarded' ? v.forwardedBy : null };
}
const createResolver = reshapingResolver<PetitionFormValues, typeof petitionCreateSchema>(petitionCreateSchema, (v) => {
  const { id: _id, ...rest } = reshape(v);
  return { ...rest, contents: v.contents.map((c) => ({ ...c, matterId: null })) };
});
// An edit keeps the further contents, and the matter unless another one is picked.
const updateResolver = reshapingResolver<PetitionFormValues, typeof petitionUpdateSchema>(petitionUpdateSchema, (v) => {
  const { contents: _contents, matterId, ...rest } = reshape(v);
  return matterId === null ? rest : { ...rest, matterId };
});

function fromPetition(p: Petition): PetitionFormValues {
  return {
    id: p.id,
    receivedOn: p.receivedOn,
    channel: p.channel,
    visitId: p.visitId,
    forwardedBy: { agency: p.forwardedBy?.agency ?? '', letterNo: p.forwardedBy?.letterNo ?? '', letterDate: p.forwardedBy?.letterDate ?? '' },
    writtenOn: p.writtenOn ?? '',
    kind: p.kind,
    field: p.field,
    signatories: p.signatories,
    petitioners: p.petitioners.map(personToForm),
    subject: p.subject ?? '',
    summary: p.summary,
    matterId: null,
    contents: [],
  };
}

function fromVisit(v: Visit | null | undefined, defaults: PetitionFormDefaults | undefined): PetitionFormValues {
  const blank: PetitionFormValues = {
    receivedOn: defaults?.receivedOn ?? vietnamDate(new Date()),
    channel: defaults?.channel ?? null,
    visitId: null,
    forwardedBy: { agency: '', letterNo: '', letterDate: '' },
    writtenOn: '',
    kind: null,
    field: null,
    signatories: 1,
    petitioners: [emptyPerson()],
    subject: '',
    summary: '',
    matterId: null,
    contents: [],
  };
  if (!v) return blank;
  return {
    ...blank,
    receivedOn: v.sessionDate,
    channel: 'in_person',
    visitId: v.id,
    kind: (PETITION_KINDS as readonly string[]).includes(v.matter) ? (v.matter as PetitionKind) : null,
    signatories: v.delegation ? v.delegation.members : 1,
    petitioners: (v.delegation ? v.delegation.representatives : [v.citizen]).map(personToForm),
    summary: v.content,
    // A petition handed in at a visit is on the visit's matter.
    matterId: v.matterId,
  };
}

export interface PetitionFormDefaults {
  receivedOn?: string;
  channel?: Channel;
}

export interface PetitionFormProps {
  /** Edit this petition (petitions.update); a new one (petitions.create) when absent. */
  initial?: Petition;
  /** The visit the petition was handed in at: pre-fills a new petition, shown as its link. */
  visit?: Visit | null;
  /** Starting date and channel of a new petition not taken from a visit ("Nhập đơn tiếp theo"). */
  defaults?: PetitionFormDefaults;
  onSaved(petition: Petition): void;
  onCancel?(): void;
}

function visitText(v: Visit): string {
  const who = v.delegation ? `đoàn ${v.delegation.members} người (đại diện: ${v.delegation.representatives.map((r) => r.fullName).join(', ')})` : v.citizen.fullName;
  return `Lượt tiếp ngày ${formatDate(v.sessionDate)}: ${who}`;
}

export function PetitionForm({ initial, visit, defaults, onSaved, onCancel }: PetitionFormProps) {
  useState(refreshBoardProvince);
  const editing = initial !== undefined;
  const form = useForm<PetitionFormValues, unknown, ReturnType<typeof petitionUpdateSchema.parse>>({
    resolver: (editing ? updateResolver : createResolver) as never,
    defaultValues: editing ? fromPetition(initial) : fromVisit(visit, defaults),
    mode: 'onSubmit',
  });
  const { errors, isSubmitting } = form.formState;
  const petitioners = useFieldArray({ control: form.control, name: 'petitioners' });
  const contents = useFieldArray({ control: form.control, name: 'contents' });
  const kindOptions = editing && initial.kind === 'multiple' ? ALL_KIND_OPTIONS : KIND_OPTIONS;
  const channel = useWatch({ control: form.control, name: 'channel' });
  const visitId = useWatch({ control: form.control, name: 'visitId' });
  const [agencies, setAgencies] = useState<string[]>([]);
  /** The petitioner just added, whose lookup takes the focus. */
  const [added, setAdded] = useState<number | null>(null);

  useEffect(() => {
    if (channel !== 'forwarded' || agencies.length) return;
    void api.agencies.list({}).then((list) => setAgencies([...new Set(list.map((a) => a.name))]), () => undefined);
  }, [channel, agencies.length]);

  const submit = form.handleSubmit(async (values) => {
    try {
      onSaved(editing ? await api.petitions.update({ ...values, id: initial.id }) : await api.petitions.create(values));
    } catch (error) {
      showApiError(form, error);
    }
  });

  useHotkeys([['mod+S', () => void submit()]], []);

  const petitionersError = (errors.petitioners as { root?: { message?: string } } | undefined)?.root?.message ?? errors.petitioners?.message;
  const linkedVisit = visit && visit.id === visitId ? visit : null;

  return (
    <form onSubmit={submit} onKeyDownCapture={enterSubmitsFromSelects} noValidate aria-label={editing ? `Sửa đơn ${initial.registerNo}` : 'Nhập đơn'}>
      <Stack gap="sm">
        {errors.root && <Alert color="red">{errors.root.message}</Alert>}

        <Paper withBorder p="sm" role="group" aria-label="Tiếp nhận đơn">
          <Title order={5} mb={4}>Tiếp nhận</Title>
          <Grid gap="xs">
            <Grid.Col span={4}>
              <TextInput type="date" label="Ngày nhận đơn" withAsterisk {...form.register('receivedOn')} error={errors.receivedOn?.message} />
            </Grid.Col>
            <Grid.Col span={4}>
              <Controller
                control={form.control}
                name="channel"
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    label="Nguồn đơn"
                    withAsterisk
                    data={CHANNEL_OPTIONS}
                    value={field.value}
                    onChange={(v) => field.onChange(v as Channel | null)}
                    onBlur={field.onBlur}
                    error={choiceError(field.value, errors.channel, 'Chưa chọn nguồn đơn')}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <TextInput type="date" label="Ngày viết đơn" {...form.register('writtenOn')} error={errors.writtenOn?.message} />
            </Grid.Col>
            {visitId !== null && (
              <Grid.Col span={12}>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm">
                    Nhận tại: <b>{linkedVisit ? visitText(linkedVisit) : `lượt tiếp mã số ${visitId}`}</b>
                  </Text>
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => form.setValue('visitId', null, { shouldDirty: true })}>
                    Bỏ liên kết với lượt tiếp
                  </Button>
                </Group>
                {errors.visitId && (
                  <Text c="red" size="sm">
                    {errors.visitId.message}
                  </Text>
                )}
              </Grid.Col>
            )}
            {channel === 'forwarded' && (
              <>
                <Grid.Col span={6}>
                  <Controller
                    control={form.control}
                    name="forwardedBy.agency"
                    render={({ field }) => (
                      <Autocomplete
                        ref={field.ref}
                        label="Cơ quan chuyển đơn"
                        withAsterisk
                        placeholder="Chọn trong danh bạ hoặc gõ tên cơ quan"
                        data={agencies}
                        filter={foldedFilter}
                        limit={30}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        error={errors.forwardedBy?.agency?.message ?? errors.forwardedBy?.message}
                      />
                    )}
                  />
                </Grid.Col>
                <Grid.Col span={3}>
                  <TextInput label="Số văn bản chuyển" {...form.register('forwardedBy.letterNo')} error={errors.forwardedBy?.letterNo?.message} />
                </Grid.Col>
                <Grid.Col span={3}>
                  <TextInput type="date" label="Ngày văn bản chuyển" {...form.register('forwardedBy.letterDate')} error={errors.forwardedBy?.letterDate?.message} />
                </Grid.Col>
              </>
            )}
          </Grid>
        </Paper>

        <Paper withBorder p="sm" role="group" aria-label="Phân loại">
          <Title order={5} mb={4}>Phân loại</Title>
          <Grid gap="xs">
            <Grid.Col span={4}>
              <Controller
                control={form.control}
                name="kind"
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    label="Loại đơn"
                    withAsterisk
                    data={kindOptions}
                    value={field.value}
                    onChange={(v) => field.onChange(v as PetitionKind | null)}
                    onBlur={field.onBlur}
                    error={choiceError(field.value, errors.kind, 'Chưa chọn loại đơn')}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <Controller
                control={form.control}
                name="field"
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    label="Lĩnh vực"
                    withAsterisk
                    data={FIELD_OPTIONS}
                    value={field.value}
                    onChange={(v) => field.onChange(v as Field | null)}
                    onBlur={field.onBlur}
                    error={choiceError(field.value, errors.field, 'Chưa chọn lĩnh vực')}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <Controller
                control={form.control}
                name="signatories"
                render={({ field }) => (
                  <NumberInput
                    ref={field.ref}
                    label="Số người đứng tên"
                    withAsterisk
                    min={1}
                    allowDecimal={false}
                    allowNegative={false}
                    value={field.value ?? ''}
                    onChange={(v) => field.onChange(numberOrNull(v))}
                    onBlur={field.onBlur}
                    error={errors.signatories?.message}
                  />
                )}
              />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder p="sm" role="group" aria-label="Người đứng đơn">
          <Group justify="space-between" mb={4}>
            <Title order={5}>Người đứng đơn</Title>
            <Text size="sm" c="dimmed">
              {petitioners.fields.length} người được ghi
            </Text>
          </Group>
          <Stack gap="xs">
            {petitioners.fields.map((f, i) => (
              <PersonFields
                key={f.id}
                form={form}
                name={`petitioners.${i}`}
                legend={`Người đứng đơn ${i + 1}`}
                focusOnMount={added === i}
                actions={
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => petitioners.remove(i)} aria-label={`Xóa người đứng đơn ${i + 1}`}>
                    Xóa
                  </Button>
                }
              />
            ))}
            {petitioners.fields.length === 0 && (
              <Text size="sm" c="dimmed">
                Chưa ghi người đứng đơn (đơn không rõ họ tên, địa chỉ).
              </Text>
            )}
            {petitionersError && (
              <Text c="red" size="sm" role="alert">
                {petitionersError}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                size="xs"
                onClick={() => {
                  const count = petitioners.fields.length + 1;
                  // Everyone written down signs: the count of signatories is at least that.
                  if ((form.getValues('signatories') ?? 0) < count) form.setValue('signatories', count);
                  setAdded(count - 1);
                  petitioners.append(emptyPerson(), { shouldFocus: false });
                }}
              >
                Thêm người đứng đơn
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="sm" role="group" aria-label="Nội dung đơn">
          <Title order={5} mb={4}>Nội dung</Title>
          <Stack gap="xs">
            <TextInput label="Người, cơ quan bị khiếu nại, tố cáo" {...form.register('subject')} error={errors.subject?.message} />
            <Textarea label="Tóm tắt nội dung" withAsterisk autosize minRows={3} maxRows={10} {...form.register('summary')} error={errors.summary?.message} />
            {contents.fields.map((f, i) => (
              <Paper key={f.id} withBorder p="xs" role="group" aria-label={`Nội dung ${i + 2}`}>
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={600}>Nội dung {i + 2} (vụ việc mới)</Text>
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => contents.remove(i)} aria-label={`Xóa nội dung ${i + 2}`}>
                    Xóa
                  </Button>
                </Group>
                <Grid gap="xs">
                  <Grid.Col span={6}>
                    <Controller
                      control={form.control}
                      name={`contents.${i}.kind`}
                      render={({ field }) => (
                        <Select
                          ref={field.ref}
                          label="Loại nội dung"
                          withAsterisk
                          data={CONTENT_KIND_OPTIONS}
                          value={field.value}
                          onChange={(v) => field.onChange(v as ContentKind | null)}
                          error={choiceError(field.value, errors.contents?.[i]?.kind, 'Chưa chọn loại nội dung')}
                        />
                      )}
                    />
                  </Grid.Col>
                  <Grid.Col span={6}>
                    <Controller
                      control={form.control}
                      name={`contents.${i}.field`}
                      render={({ field }) => (
                        <Select
                          ref={field.ref}
                          label="Lĩnh vực"
                          withAsterisk
                          data={FIELD_OPTIONS}
                          value={field.value}
                          onChange={(v) => field.onChange(v as Field | null)}
                          error={choiceError(field.value, errors.contents?.[i]?.field, 'Chưa chọn lĩnh vực')}
                        />
                      )}
                    />
                  </Grid.Col>
                  <Grid.Col span={12}>
                    <Textarea label="Tóm tắt nội dung" withAsterisk autosize minRows={2} maxRows={6} {...form.register(`contents.${i}.summary`)} error={errors.contents?.[i]?.summary?.message} />
                  </Grid.Col>
                </Grid>
              </Paper>
            ))}
            {!editing && (
              <Group>
                <Button variant="light" size="xs" onClick={() => contents.append({ kind: null, field: null, summary: '' })}>
                  Thêm nội dung
                </Button>
                <Text size="xs" c="dimmed">Đơn có nhiều nội dung (ví dụ vừa khiếu nại vừa tố cáo): mỗi nội dung ghi riêng, với loại và lĩnh vực riêng.</Text>
              </Group>
            )}
          </Stack>
        </Paper>

        <MatterChoice control={form.control} excludeId={initial?.id ?? null} />

        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Hủy
            </Button>
          )}
          <Button type="submit" loading={isSubmitting}>
            {editing ? 'Lưu thay đổi' : 'Vào sổ'} <kbd className="key" style={{ marginLeft: 8 }}>Ctrl+S</kbd>
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
