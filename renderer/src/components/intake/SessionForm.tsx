// A reception session's details (sessions.upsert): kind, date, who hosts it, where, officers.
import { Alert, Button, Group, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { Controller } from 'react-hook-form';
import { api } from '../../api.ts';
import { SESSION_KINDS, SESSION_KIND_LABELS, sessionUpsertSchema, type ReceptionSession, type SessionKind } from '../../../../shared/domain/reception.ts';
import { showApiError, useApiForm } from '../useApiForm.ts';
import { enterSubmitsFromSelects } from './util.ts';
import { DateField } from '../DateInput.tsx';

export const SESSION_KIND_OPTIONS = SESSION_KINDS.map((k) => ({ value: k, label: SESSION_KIND_LABELS[k] }));

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
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      onSaved(await api.sessions.upsert(values));
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
