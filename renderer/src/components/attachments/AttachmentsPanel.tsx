// A petition's attachments: list, add (PDF, JPEG, PNG up to 20 MB), view, download, remove with
// a reason. The core checks everything again (content type by magic bytes, size, hash); the
// checks here only spare the officer a long read of a file that would be refused anyway.
import { Alert, Button, FileButton, Group, Image, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { downloadBase64 } from '../../download.ts';
import { api, errorMessage } from '../../api.ts';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MIME_LABELS,
  MAX_ATTACHMENT_BYTES,
  formatFileSize,
  mimeFromFileName,
  type Attachment,
  type AttachmentContent,
} from '../../../../shared/domain/attachment.ts';
import { formatDateTime } from '../../format.ts';

interface Props {
  petitionId: number;
}

/** Reads a picked file as base64 (without the `data:…;base64,` prefix). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`Không đọc được tệp “${file.name}” từ máy`));
    reader.readAsDataURL(file);
  });
}

/** Saves the content through the browser's own download. */
function download(content: AttachmentContent): void {
  downloadBase64(content.base64, content.attachment.mime, content.attachment.fileName);
}

/** Refusals the core would make anyway, said before a possibly long read. */
function precheck(file: File): string | null {
  if (mimeFromFileName(file.name) === null) return `Tệp “${file.name}” không phải PDF, JPEG hoặc PNG (chỉ nhận .pdf, .jpg, .jpeg, .png).`;
  if (file.size === 0) return `Tệp “${file.name}” rỗng, không có nội dung để đính kèm.`;
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return `Tệp “${file.name}” quá lớn (${formatFileSize(file.size)}); mỗi tệp đính kèm tối đa ${formatFileSize(MAX_ATTACHMENT_BYTES)}.`;
  }
  return null;
}

function Viewer({ content, onClose }: { content: AttachmentContent; onClose(): void }) {
  const { attachment } = content;
  const isImage = attachment.mime !== 'application/pdf';
  return (
    <Modal opened onClose={onClose} title={attachment.fileName} size={isImage ? 'xl' : 'md'}>
      <Stack>
        {isImage ? (
          <Image src={`data:${attachment.mime};base64,${content.base64}`} alt={attachment.fileName} fit="contain" mah="70vh" />
        ) : (
          // The app's Content-Security-Policy lets frames load only from the app itself, so a
          // blob: PDF cannot be shown inline; the officer opens it in the computer's PDF reader.
          <Text size="sm">
            Tệp PDF không xem trực tiếp được trong ứng dụng (chính sách bảo mật không cho nhúng khung). Hãy tải về và mở bằng trình đọc PDF
            của máy.
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {ATTACHMENT_MIME_LABELS[attachment.mime]}, {formatFileSize(attachment.size)} — {attachment.addedBy}, {formatDateTime(attachment.createdAt)}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Đóng</Button>
          <Button onClick={() => download(content)}>Tải về</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RemoveForm({ attachment, onRemoved, onCancel }: { attachment: Attachment; onRemoved(a: Attachment): void; onCancel(): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (note.trim().length < 3) {
      setError('Lý do gỡ tệp phải ghi rõ (ít nhất 3 ký tự)');
      return;
    }
    setBusy(true);
    try {
      onRemoved(await api.attachments.remove({ id: attachment.id, note }));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text size="sm">
          Gỡ “{attachment.fileName}” khỏi danh sách tệp của đơn. Tệp vẫn được lưu trong kho và nhật ký ghi lại lý do.
        </Text>
        <Textarea label="Lý do gỡ" withAsterisk data-autofocus autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>Hủy</Button>
          <Button type="submit" color="red" loading={busy}>Gỡ tệp</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AttachmentsPanel({ petitionId }: Props) {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const [viewing, setViewing] = useState<AttachmentContent | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);

  const load = useCallback(async () => {
    try {
      setAttachments(await api.attachments.list({ petitionId }));
    } catch (e) {
      setErrors([errorMessage(e)]);
    } finally {
      setLoaded(true);
    }
  }, [petitionId]);

  useEffect(() => {
    void load();
  }, [load]);

  const add = async (files: File[]) => {
    if (files.length === 0) return;
    const problems: string[] = [];
    const added: string[] = [];
    setErrors([]);
    setNotice(null);
    for (const file of files) {
      const refused = precheck(file);
      if (refused) {
        problems.push(refused);
        continue;
      }
      setUploading(file.name);
      try {
        const base64 = await readAsBase64(file);
        const saved = await api.attachments.add({ petitionId, fileName: file.name, mime: mimeFromFileName(file.name)!, base64 });
        added.push(saved.fileName);
      } catch (e) {
        problems.push(`“${file.name}”: ${errorMessage(e)}`);
      }
    }
    setUploading(null);
    setErrors(problems);
    if (added.length > 0) setNotice(`Đã đính kèm ${added.map((n) => `“${n}”`).join(', ')}`);
    await load();
  };

  const open = async (attachment: Attachment, then: (content: AttachmentContent) => void) => {
    setOpening(attachment.id);
    try {
      then(await api.attachments.get({ id: attachment.id }));
    } catch (e) {
      setErrors([errorMessage(e)]);
    } finally {
      setOpening(null);
    }
  };

  return (
    <Stack gap="xs" component="section" aria-label="Tệp đính kèm">
      <Group justify="space-between">
        <Title order={4}>Tệp đính kèm</Title>
        <FileButton onChange={(files) => void add(files)} accept={ATTACHMENT_ACCEPT} multiple disabled={uploading !== null}>
          {(props) => (
            <Button {...props} variant="light" loading={uploading !== null}>
              Thêm tệp (PDF, JPEG, PNG)
            </Button>
          )}
        </FileButton>
      </Group>
      {uploading && <Text size="sm" c="dimmed" aria-live="polite">Đang tải lên “{uploading}”…</Text>}
      {errors.length > 0 && (
        <Alert color="red" withCloseButton onClose={() => setErrors([])}>
          {errors.map((e, i) => <Text key={i} size="sm">{e}</Text>)}
        </Alert>
      )}
      {notice && <Alert color="green" withCloseButton onClose={() => setNotice(null)}>{notice}</Alert>}
      <Table withTableBorder fz="sm" aria-label="Danh sách tệp đính kèm" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Tên tệp</Table.Th>
            <Table.Th w={100}>Loại</Table.Th>
            <Table.Th w={100}>Dung lượng</Table.Th>
            <Table.Th w={220}>Người thêm, thời gian</Table.Th>
            <Table.Th w={220}></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loaded && attachments.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}><Text size="sm" c="dimmed">Đơn chưa có tệp đính kèm nào.</Text></Table.Td>
            </Table.Tr>
          )}
          {attachments.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td><Text size="sm" truncate="end" title={a.fileName}>{a.fileName}</Text></Table.Td>
              <Table.Td>{ATTACHMENT_MIME_LABELS[a.mime]}</Table.Td>
              <Table.Td>{formatFileSize(a.size)}</Table.Td>
              <Table.Td>{a.addedBy}<Text size="xs" c="dimmed">{formatDateTime(a.createdAt)}</Text></Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-sm" variant="light" loading={opening === a.id} onClick={() => void open(a, setViewing)} aria-label={`Xem ${a.fileName}`}>
                    Xem
                  </Button>
                  <Button size="compact-sm" variant="subtle" disabled={opening === a.id} onClick={() => void open(a, download)} aria-label={`Tải về ${a.fileName}`}>
                    Tải về
                  </Button>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(a)} aria-label={`Gỡ ${a.fileName}`}>
                    Gỡ
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {viewing && <Viewer content={viewing} onClose={() => setViewing(null)} />}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title="Gỡ tệp đính kèm">
        {removing && (
          <RemoveForm
            attachment={removing}
            onCancel={() => setRemoving(null)}
            onRemoved={(a) => {
              setRemoving(null);
              setNotice(`Đã gỡ “${a.fileName}”`);
              void load();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
