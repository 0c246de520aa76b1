// A reception session's details (sessions.upsert): kind, date, who hosts it, where, officers.
import { Alert, Button, Group, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { Controller, useWatch } from 'react-hook-form';
import { DELEGATION_RULES, HOST_MODES, HOST_MODE_LABELS, receptionGroup } from '../../../../shared/rules/reception.ts';
import { api } from '../../api.ts';
import { SESSION_KINDS, SESSION_KIND_LABELS, sessionUpsertSchema, type ReceptionSession, type SessionKind } from '../../../../shared/domain/reception.ts';
import { showApiError, useApiForm } from '../useApiForm.ts';
import { enterSubmitsFromSelects } from './util.ts';
import { DateField } from '../DateInput.tsx';

export const SESSION_KIND_OPTIONS = SESSION_KINDS.map((k) => ({ value: k, label: SESSION_KIND_LABELS[k] }));
const HOST_MODE_OPTIONS = HOST_MODES.map((m) => ({ value: m, label: HOST_MODE_LABELS[m] }));
const ONLINE_OF_OPTIONS = (['regular', 'periodic', 'adhoc'] as const).map((k) => ({ value: k, label: `Tiếp ${SESSION_KIND_LABELS[k].toLowerCase()}` }));

export interface SessionFormProps {
  session: ReceptionSession;
  onSaved(session: ReceptionSession): void;
  onCancel(): void;
}

export function SessionForm({ session, onSaved, onCancel }: SessionFormProps) {
  const form = useApiForm(sessionUpsertSchema, {
    id: session.id,
    kind: session.kind,
    date: session.date,
    host: session.host ?? '',
    hostName: session.hostName ?? '',
    location: session.location ?? '',
    officers: session.officers,
    hostMode: session.hostMode,
    delegateName: session.delegateName ?? '',
    delegateTitle: session.delegateTitle ?? '',
    onlineOf: session.onlineOf,
  });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const onlineOf = useWatch({ control: form.control, name: 'onlineOf' });
  const hostMode = useWatch({ control: form.control, name: 'hostMode' });
  const group = receptionGroup(kind, kind === 'online' ? (onlineOf ?? null) : null);
  const rule = DELEGATION_RULES[group];
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      // Only what the kind of session asks for is sent (the form keeps the rest while it is open).
      const head = rule.hostMode === 'required';
      const mode = head ? (values.hostMode ?? 'in_person') : null;
      onSaved(
        await api.sessions.upsert({
          ...values,
          onlineOf: values.kind === 'online' ? values.onlineOf : null,
          hostMode: mode,
          delegateName: mode === 'delegated' ? values.delegateName : null,
          delegateTitle: mode === 'delegated' ? values.delegateTitle : null,
        }),
      );
    } catch (error) {
      showApiError(form, error);
    }
  });

  useHotkeys([['mod+S', () => void submit()]], []);

  return (
    <form onSubmit={submit} onKeyDownCapture={enterSubmitsFromSelects} noValidate aria-label="Thông tin kỳ tiếp">
      <Stack>
        {errors.root && <Alert color="red">{errors.root.message}</Alert>}
        <SimpleGrid cols={2}>
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label="Loại kỳ tiếp"
                data={SESSION_KIND_OPTIONS}
                value={field.value}
                onChange={(v) => v && field.onChange(v as SessionKind)}
                allowDeselect={false}
                error={errors.kind?.message}
              />
            )}
          />
          <DateField control={form.control} name="date" label="Ngày tiếp" withAsterisk error={errors.date?.message} />
          <TextInput
            label="Chức vụ người chủ trì"
            description="Ví dụ: Chủ tịch UBND tỉnh"
            data-autofocus
            {...form.register('host')}
            error={errors.host?.message}
          />
          <TextInput label="Họ tên người chủ trì" description="Để trống nếu chưa biết" {...form.register('hostName')} error={errors.hostName?.message} />
        </SimpleGrid>
        {(kind === 'online' || rule.hostMode === 'required') && (
          <SimpleGrid cols={2}>
            {kind === 'online' && (
              <Controller
                control={form.control}
                name="onlineOf"
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    label="Tiếp trực tuyến của"
                    description="Được tính vào nhóm tiếp tương ứng (mẫu 01/TCD)"
                    data={ONLINE_OF_OPTIONS}
                    value={field.value ?? 'regular'}
                    onChange={(v) => field.onChange(v)}
                    allowDeselect={false}
                    error={errors.onlineOf?.message}
                  />
                )}
              />
            )}
            {rule.hostMode === 'required' && (
              <Controller
                control={form.control}
                name="hostMode"
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    label="Hình thức tiếp của thủ trưởng"
                    description={rule.mayDelegate ? 'Tiếp đột xuất có thể ủy quyền' : `Không được ủy quyền (${rule.article})`}
                    data={HOST_MODE_OPTIONS.filter((o) => rule.mayDelegate || o.value === 'in_person')}
                    value={field.value ?? 'in_person'}
                    onChange={(v) => field.onChange(v)}
                    allowDeselect={false}
                    error={errors.hostMode?.message}
                  />
                )}
              />
            )}
            {rule.hostMode === 'required' && hostMode === 'delegated' && (
              <>
                <TextInput label="Người được ủy quyền tiếp" withAsterisk {...form.register('delegateName')} error={errors.delegateName?.message} />
                <TextInput label="Chức vụ người được ủy quyền" description="Ví dụ: Phó Chủ tịch UBND tỉnh" {...form.register('delegateTitle')} error={errors.delegateTitle?.message} />
              </>
            )}
          </SimpleGrid>
        )}
        <TextInput label="Địa điểm" {...form.register('location')} error={errors.location?.message} />
        <Controller
          control={form.control}
          name="officers"
          render={({ field }) => (
            <TagsInput
              ref={field.ref}
              label="Cán bộ tiếp"
              description="Gõ họ tên rồi nhấn Enter để thêm từng người"
              value={field.value ?? []}
              onChange={field.onChange}
              clearable
              error={errors.officers?.message ?? errors.officers?.[0]?.message}
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>Hủy</Button>
          <Button type="submit" loading={isSubmitting}>Lưu <kbd className="key" style={{ marginLeft: 8 }}>Ctrl+S</kbd></Button>
        </Group>
      </Stack>
    </form>
  );
}
