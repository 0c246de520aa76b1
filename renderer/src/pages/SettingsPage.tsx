import { Alert, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Controller } from 'react-hook-form';
import { api, errorMessage } from '../api.ts';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, settingsSchema, type Settings } from '../../../shared/domain/settings.ts';
import { FIELDS, FIELD_LABELS, PETITION_KINDS, PETITION_KIND_LABELS } from '../../../shared/domain/petition.ts';
import { FIELD_GROUPS, FIELD_GROUP_LABELS } from '../../../shared/reports/model.ts';
import { DEFAULT_REASON_LABELS, INELIGIBLE_REASONS } from '../../../shared/domain/workflow.ts';
import type { AppInfo } from '../../../shared/api/contract.ts';
import { HolidaysCard } from '../components/HolidaysCard.tsx';
import { DeadlinesCard } from '../components/notices/DeadlinesCard.tsx';
import { UsersCard } from '../components/UsersCard.tsx';
import { BackupsCard } from '../components/backups/BackupsCard.tsx';
import { LocationCard } from '../components/location/LocationCard.tsx';
import type { Province } from '../../../shared/domain/units.ts';
import { showApiError, useApiForm } from '../components/useApiForm.ts';
import { useUi } from '../state/ui.ts';

/** A list of short texts edited one per line; blank lines are dropped from the value. */
function LinesInput(props: { label: string; description: string; value: string[]; onChange(v: string[]): void; error?: string | undefined }) {
  const [text, setText] = useState(props.value.join('\n'));
  const joined = props.value.join('\n');
  useEffect(() => {
    // Follow outside changes (a reset), not our own edits.
    setText((current) => (current.split('\n').filter((l) => l.trim()).join('\n') === joined ? current : joined));
  }, [joined]);
  return (
    <Textarea
      label={props.label}
      description={props.description}
      autosize
      minRows={2}
      value={text}
      error={props.error}
      onChange={(e) => {
        setText(e.currentTarget.value);
        props.onChange(e.currentTarget.value.split('\n').map((l) => l.trim()).filter(Boolean));
      }}
    />
  );
}

function SettingsForm({ initial, provinces }: { initial: Settings; provinces: Province[] }) {
  const form = useApiForm(settingsSchema, initial);
  const { errors, isSubmitting, isDirty } = form.formState;
  const [saved, setSaved] = useState<string | null>(null);
  const setBoardName = useUi((s) => s.setBoardName);

  const submit = form.handleSubmit(async (values) => {
    setSaved(null);
    try {
      const result = await api.settings.update(values);
      form.reset(result);
      setBoardName(result.boardName);
      setSaved('Đã lưu cài đặt.');
    } catch (error) {
      showApiError(form, error);
    }
  });

  useHotkeys([['mod+S', () => void submit()]], []);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {errors.root && <Alert color="red">{errors.root.message}</Alert>}
        {saved && !isDirty && <Alert color="green" role="status">{saved}</Alert>}
        <Card withBorder>
          <Stack>
            <Title order={4}>Cơ quan</Title>
            <SimpleGrid cols={2}>
              <TextInput label="Tên Ban" withAsterisk {...form.register('boardName')} error={errors.boardName?.message} />
              <TextInput label="Cơ quan chủ quản (dòng đầu tiêu đề văn bản)" withAsterisk {...form.register('parentBody')} error={errors.parentBody?.message} />
              <Controller
                control={form.control}
                name="provinceCode"
                render={({ field }) => (
                  <Select
                    label="Tỉnh, thành phố"
                    description="Danh sách xã, phường của tỉnh được thêm vào danh bạ cơ quan khi đổi tỉnh"
                    searchable
                    data={provinces.map((p) => ({ value: p.code, label: `${p.fullName} (${p.communeCount} xã, phường)` }))}
                    value={field.value}
                    onChange={(v) => field.onChange(v ?? '')}
                    allowDeselect={false}
                    error={errors.provinceCode?.message}
                  />
                )}
              />
              <TextInput label="Địa danh ghi trên văn bản" description="Ví dụ: Quảng Ngãi, ngày 05 tháng 3 năm 2026" withAsterisk {...form.register('placeName')} error={errors.placeName?.message} />
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={4}>Người ký văn bản</Title>
            <SimpleGrid cols={2}>
              <TextInput label="Họ và tên người ký" {...form.register('signerName')} error={errors.signerName?.message} />
              <TextInput label="Chức vụ người ký" withAsterisk {...form.register('signerTitle')} error={errors.signerTitle?.message} />
            </SimpleGrid>
            <Checkbox
              label="Văn bản đi phải được lãnh đạo duyệt trước khi cấp số và in"
              description="Phiếu chuyển, phiếu hướng dẫn, công văn trả lại, đôn đốc và thông báo gửi công dân do cán bộ soạn được lưu thành dự thảo; lãnh đạo (quyền duyệt) duyệt thì mới cấp số, ghi ngày ký và in được, hoặc trả lại kèm lý do (Nghị định 30/2020/NĐ-CP, Điều 11 và Điều 15 khoản 2)."
              {...form.register('approvalRequired')}
              error={errors.approvalRequired?.message}
            />
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={4}>Đăng nhập</Title>
            <SimpleGrid cols={2}>
              <TextInput
                type="number"
                label="Khóa màn hình sau (phút không dùng)"
                description="Hết thời gian này, cán bộ phải nhập lại mật khẩu (1–240 phút)"
                withAsterisk
                {...form.register('idleLockMinutes', { valueAsNumber: true })}
                error={errors.idleLockMinutes?.message}
              />
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={4}>Ký hiệu số văn bản</Title>
            <Text size="sm" c="dimmed">Số văn bản đánh theo năm và loại, ví dụ “Số: 12/PC-BTCD”.</Text>
            <SimpleGrid cols={2}>
              {DOCUMENT_KINDS.map((kind) => (
                <TextInput
                  key={kind}
                  label={DOCUMENT_KIND_LABELS[kind]}
                  {...form.register(`docPrefixes.${kind}`)}
                  error={errors.docPrefixes?.[kind]?.message}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={4}>Thời hạn cơ quan báo cáo kết quả</Title>
            <Text size="sm" c="dimmed">
              Số ngày làm việc kể từ ngày chuyển đơn: thời hạn giải quyết theo luật (khiếu nại, tố cáo 30 ngày; kiến nghị, phản ánh 15 ngày)
              cộng 7 ngày làm việc để báo cáo kết quả.
            </Text>
            <SimpleGrid cols={4}>
              {PETITION_KINDS.map((kind) => (
                <TextInput
                  key={kind}
                  type="number"
                  label={PETITION_KIND_LABELS[kind]}
                  {...form.register(`replyDays.${kind}`, { valueAsNumber: true })}
                  error={errors.replyDays?.[kind]?.message}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={4}>Lý do đơn không đủ điều kiện xử lý</Title>
            <SimpleGrid cols={2}>
              {INELIGIBLE_REASONS.map((reason, i) => (
                <TextInput
                  key={reason}
                  label={`Lý do ${i + 1}`}
                  description={`Mặc định: ${DEFAULT_REASON_LABELS[reason]}`}
                  {...form.register(`reasonLabels.${reason}`)}
                  error={errors.reasonLabels?.[reason]?.message}
                />
              ))}
            </SimpleGrid>
            <Controller
              control={form.control}
              name="customReasons"
              render={({ field }) => (
                <LinesInput
                  label="Lý do bổ sung (mỗi dòng một lý do)"
                  description="Khi phân loại, lý do bổ sung được ghi là “Lý do khác” kèm nội dung của nó."
                  value={field.value ?? []}
                  onChange={field.onChange}
                  error={errors.customReasons?.message ?? (Array.isArray(errors.customReasons) ? errors.customReasons.find(Boolean)?.message : undefined)}
                />
              )}
            />
          </Stack>
        </Card>
        <Card withBorder>
          <Stack>
            <Title order={4}>Nhóm lĩnh vực trong biểu mẫu báo cáo</Title>
            <Text size="sm" c="dimmed">
              Sổ ghi lĩnh vực chi tiết hơn biểu mẫu thống kê; mỗi lĩnh vực được tính vào đúng một nhóm của biểu mẫu (các biểu 02/XLD, 03/XLD, 04/XLD).
            </Text>
            <SimpleGrid cols={2}>
              {FIELDS.map((field) => (
                <Controller
                  key={field}
                  control={form.control}
                  name={`fieldGroups.${field}`}
                  render={({ field: f }) => (
                    <Select
                      label={FIELD_LABELS[field]}
                      data={FIELD_GROUPS.map((g) => ({ value: g, label: FIELD_GROUP_LABELS[g] }))}
                      value={f.value}
                      onChange={(v) => v && f.onChange(v)}
                      allowDeselect={false}
                      error={errors.fieldGroups?.[field]?.message}
                    />
                  )}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button variant="default" disabled={!isDirty} onClick={() => form.reset(initial)}>Hoàn tác</Button>
          <Button type="submit" loading={isSubmitting}>Lưu cài đặt <kbd className="key" style={{ marginLeft: 8 }}>Ctrl+S</kbd></Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [provinces, setProvinces] = useState<Province[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const [s, p] = await Promise.all([api.settings.get(), api.units.provinces()]);
        setSettings(s);
        setProvinces(p);
      } catch (e) {
        setError(errorMessage(e));
      }
    })();
  }, []);

  return (
    <Stack>
      <Title order={2}>Cài đặt</Title>
      {error && <Alert color="red">{error}</Alert>}
      {settings && <SettingsForm initial={settings} provinces={provinces} />}
      <DeadlinesCard />
      <HolidaysCard />
      <UsersCard />
      <BackupsCard />
      <LocationCard />
      <TechnicalInfo />
    </Stack>
  );
}

/** Thông tin kỹ thuật: where the register lives and which version wrote it (for support). */
function TechnicalInfo() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api.app.info().then(setInfo, () => undefined);
  }, []);
  if (!info) return null;
  return (
    <Card withBorder>
      <Title order={4} mb="xs">Thông tin kỹ thuật</Title>
      <Stack gap={4}>
        <Text size="sm">{/^postgres(ql)?:/i.test(info.databasePath) ? 'Sổ dùng chung trên máy chủ PostgreSQL' : 'Tệp dữ liệu'}: <Text span ff="monospace" size="sm">{info.databasePath}</Text></Text>
        <Text size="sm">Phiên bản phần mềm {info.appVersion}, phiên bản cấu trúc dữ liệu {info.schemaVersion}</Text>
        <Text size="sm">
          {info.counts.agencies} cơ quan trong danh bạ ({info.counts.activeAgencies} đang hoạt động), {info.counts.users} cán bộ, {info.counts.auditEntries} mục nhật ký
        </Text>
      </Stack>
    </Card>
  );
}
